/**
 * Values computed from the database, kept while the serving generation they were computed under is the
 * current one (migrations/0010_api_speed.sql and 0013: every write to parts, medians, targets, settings,
 * vendors, terms, calendars or cases bumps a counter in its own transaction). The caller reads the generation
 * BEFORE computing, so an entry is never labelled newer than the data it was built from. The key must hold
 * everything the value depends on, the caller's vendor scope included (docs/metrics.md, "Serving").
 */
export interface GenerationCacheOptions {
  /** Entries beyond this clear the cache (a bound on memory, not an LRU: misses are cheap enough). */
  maxEntries?: number;
  /**
   * For values that also depend on the clock (the drill-down's async cases turn "missed" as they age:
   * migrations/0002 `now()`): an entry older than this is computed again even in the same generation.
   */
  maxAgeMs?: number;
}

interface Entry<T> {
  value: Promise<T>;
  storedAt: number;
}

export class GenerationCache<T> {
  #generation = -1;
  readonly #entries = new Map<string, Entry<T>>();
  readonly #maxEntries: number;
  readonly #maxAgeMs: number;

  constructor({ maxEntries = 500, maxAgeMs = Infinity }: GenerationCacheOptions = {}) {
    this.#maxEntries = maxEntries;
    this.#maxAgeMs = maxAgeMs;
  }

  /**
   * The value for `key` at `generation`, computing it at most once per generation and key (concurrent
   * callers share the computation). A failed computation is not kept.
   */
  get(key: string, generation: number, compute: () => Promise<T>): Promise<T> {
    if (generation !== this.#generation) {
      // An older reader (generation lower than the stored one) computes for itself and stores nothing.
      if (generation < this.#generation) return compute();
      this.#generation = generation;
      this.#entries.clear();
    }
    const now = Date.now();
    const cached = this.#entries.get(key);
    if (cached && now - cached.storedAt <= this.#maxAgeMs) return cached.value;
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    const entry = { value: compute(), storedAt: now };
    this.#entries.set(key, entry);
    entry.value.catch(() => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    });
    return entry.value;
  }
}
