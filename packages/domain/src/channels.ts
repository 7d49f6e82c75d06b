/**
 * The contact channels a case can have, and which of them are live (measured by wait and abandonment) or
 * async (measured by first response against the SLA): docs/definitions.md "The case record". SQL spells the
 * same lists in the `cases.channel` CHECK and in `case_facts`.
 */
export const CHANNELS = ['voice', 'chat', 'email', 'web', 'social'] as const;
export type Channel = (typeof CHANNELS)[number];
export const LIVE_CHANNELS: readonly Channel[] = ['voice', 'chat'];
export const ASYNC_CHANNELS: readonly Channel[] = ['email', 'web', 'social'];
