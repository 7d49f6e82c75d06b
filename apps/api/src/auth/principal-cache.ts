/**
 * Resolved principals by the sha-256 of their credential, so that a busy client costs no token or session
 * query per request. An entry is served only while the auth generation it was stored under is still the
 * current one (every revocation, sign-out, disabling or re-roling bumps it in the same transaction:
 * migrations/0010_api_speed.sql), never after `TTL_MS`, and never past the session's own expiry.
 * Only successful lookups are kept: unknown credentials cannot fill the cache.
 */
export const PRINCIPAL_TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  value: T;
  generation: number;
  expiresAtMs: number;
}

export class PrincipalCache<T> {
  readonly #entries = new Map<string, Entry<T>>();

  get(key: string, generation: number, nowMs = Date.now()): T | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.generation !== generation || entry.expiresAtMs <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** `notAfterMs`: the credential's own expiry (a session's), when it has one. */
  set(key: string, value: T, generation: number, notAfterMs = Infinity, nowMs = Date.now()): void {
    // Bounded without bookkeeping: past the bound everything is dropped and refilled by the next lookups.
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    this.#entries.set(key, { value, generation, expiresAtMs: Math.min(nowMs + PRINCIPAL_TTL_MS, notAfterMs) });
  }
}
