/**
 * The demo's five BPO vendors. `quality` (0–1, higher is better) drives every distribution in generate.ts;
 * `qualityTrendPerWeek` moves it week by week so that one vendor visibly declines and one improves.
 */
export interface DemoSite {
  name: string;
  /** Short code used in agent ids. */
  code: string;
  timeZone: string;
}

export interface DemoVendor {
  name: string;
  timeZone: string;
  sites: readonly DemoSite[];
  /** Cases created per week at scale 1, before weekly noise. */
  weeklyCases: number;
  quality: number;
  qualityTrendPerWeek: number;
}

export const DEMO_VENDORS: readonly DemoVendor[] = [
  {
    name: 'Northwind BPO',
    timeZone: 'Asia/Manila',
    sites: [
      { name: 'Manila', code: 'MNL', timeZone: 'Asia/Manila' },
      { name: 'Cebu', code: 'CEB', timeZone: 'Asia/Manila' },
    ],
    weeklyCases: 450,
    quality: 0.72,
    qualityTrendPerWeek: 0,
  },
  {
    name: 'Andes Contact Center',
    timeZone: 'America/Bogota',
    sites: [{ name: 'Bogotá', code: 'BOG', timeZone: 'America/Bogota' }],
    weeklyCases: 350,
    quality: 0.38,
    // Improving: an improvement plan that works.
    qualityTrendPerWeek: 0.04,
  },
  {
    name: 'Vistula Support',
    timeZone: 'Europe/Warsaw',
    sites: [{ name: 'Kraków', code: 'KRK', timeZone: 'Europe/Warsaw' }],
    weeklyCases: 300,
    quality: 0.88,
    qualityTrendPerWeek: 0,
  },
  {
    name: 'Nile Customer Care',
    timeZone: 'Africa/Cairo',
    sites: [{ name: 'Cairo', code: 'CAI', timeZone: 'Africa/Cairo' }],
    weeklyCases: 250,
    quality: 0.82,
    // Declining: the vendor the lead should notice on the trend chart.
    qualityTrendPerWeek: -0.05,
  },
  {
    name: 'Deccan Services',
    timeZone: 'Asia/Kolkata',
    sites: [
      { name: 'Hyderabad', code: 'HYD', timeZone: 'Asia/Kolkata' },
      { name: 'Pune', code: 'PNQ', timeZone: 'Asia/Kolkata' },
    ],
    weeklyCases: 200,
    quality: 0.55,
    qualityTrendPerWeek: 0,
  },
];

export const DEMO_QUEUES = [
  ['Buyer', 0.5],
  ['Seller', 0.3],
  ['Creator', 0.2],
] as const;

export const DEMO_CHANNELS = [
  ['voice', 0.4],
  ['chat', 0.35],
  ['email', 0.25],
] as const;
