/**
 * A chart's value axis: nice ticks over the data (d3-scale, as Recharts itself uses) labelled with as many
 * decimals as the tick step needs (d3-format precisionFixed), so no two ticks read the same ("0.0 % 0.0 %"),
 * and durations in one unit without a space ("7.5m"), so no label wraps onto two lines.
 */
import { precisionFixed } from 'd3-format';
import { scaleLinear } from 'd3-scale';
import type { Unit } from './format.ts';

export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
  format: (value: number) => string;
}

const TICK_COUNT = 5;
// Largest unit first: the axis uses the first whose size the data's largest value reaches twice.
const DURATION_UNITS = [
  { suffix: 'd', seconds: 86_400 },
  { suffix: 'h', seconds: 3_600 },
  { suffix: 'm', seconds: 60 },
] as const;

export function valueAxis(values: readonly (number | null | undefined)[], unit: Unit): ValueAxis {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  // Counts and durations start at zero; rates zoom to the data so small differences stay visible.
  const low = finite.length ? Math.min(...finite, unit === '%' ? Infinity : 0) : 0;
  const high = finite.length ? Math.max(...finite) : 1;
  const top = Math.max(Math.abs(low), Math.abs(high));
  const durationUnit = unit === 's' ? DURATION_UNITS.find((u) => top >= 2 * u.seconds) : undefined;
  const size = durationUnit?.seconds ?? 1;
  const suffix = unit === 's' ? (durationUnit?.suffix ?? 's') : unit === '%' ? ' %' : '';
  // A flat series still gets an axis with distinct ticks: a band around its one value.
  const [from, to] = low === high ? [low / size - 1, high / size + 1] : [low / size, high / size];
  const scale = scaleLinear()
    .domain([unit === '%' ? from : Math.max(0, from), to])
    .nice(TICK_COUNT);
  const ticks = scale.ticks(TICK_COUNT);
  const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : 1;
  const decimals = unit === 'count' ? 0 : precisionFixed(step);
  const [domainLow, domainHigh] = scale.domain() as [number, number];
  return {
    domain: [domainLow * size, domainHigh * size],
    ticks: (unit === 'count' ? ticks.filter(Number.isInteger) : ticks).map((t) => t * size),
    format: (value) => `${(value / size).toFixed(decimals)}${suffix}`,
  };
}
