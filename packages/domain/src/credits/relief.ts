/**
 * Relief: where the vendor is not at fault, a month's level is excused (no miss, no credit). Two sources, both
 * from evidence: the month's volume outside the band around the client's forecast (90–110 % by default), and
 * relief events the client agreed to, each naming the metrics it excuses.
 */
import type { MetricKey } from '../metrics/catalogue.ts';
import { percentText } from './money.ts';

export interface VolumeBand {
  lowBp: number;
  highBp: number;
}

export const DEFAULT_VOLUME_BAND: VolumeBand = { lowBp: 9000, highBp: 11_000 };

export interface ReliefEvent {
  id: number;
  title: string;
  metrics: readonly MetricKey[];
  agreed: boolean;
}

export interface Relief {
  source: 'volume' | 'event';
  eventId: number | null;
  reason: string;
}

/**
 * Volume relief when actual ÷ forecast lies outside [low, high] (integer comparison: actual × 10,000 against
 * forecast × band). No forecast, or a forecast of 0, gives no relief: the band has nothing to stand on.
 */
export function volumeRelief(actual: number, forecast: number | null, band: VolumeBand): Relief | null {
  if (forecast === null || forecast <= 0) return null;
  const scaled = actual * 10_000;
  if (scaled >= forecast * band.lowBp && scaled <= forecast * band.highBp) return null;
  const share = ((actual / forecast) * 100).toFixed(1);
  return {
    source: 'volume',
    eventId: null,
    reason: `volume ${actual} is ${share} % of the forecast ${forecast}, outside ${percentText(band.lowBp)}–${percentText(band.highBp)}`,
  };
}

/**
 * The relief that excuses `metric` this month, if any: an agreed event naming it first (the more specific
 * evidence), then volume relief when `volumeSensitive` (the contract says which levels volume excuses).
 */
export function reliefFor(
  metric: MetricKey,
  events: readonly ReliefEvent[],
  volume: Relief | null,
  volumeSensitive: boolean,
): Relief | null {
  const event = events.find((e) => e.agreed && e.metrics.includes(metric));
  if (event)
    return {
      source: 'event',
      eventId: event.id,
      reason: `relief event #${event.id} "${event.title}" agreed by the client`,
    };
  return volumeSensitive ? volume : null;
}
