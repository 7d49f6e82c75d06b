// A deliberate import cycle (first → second → first) that scripts/lint-config.test.ts expects lint to reject.
import { second } from './second.ts';

export const first = (): string => `first then ${second()}`;
