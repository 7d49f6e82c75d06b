/**
 * Values computed from the stored metrics, kept while the metrics generation they were computed under is the
 * current one (migrations/0010_api_speed.sql: every write to parts, medians, targets, settings, vendors,
 * terms or calendars bumps it in its own transaction). The caller reads the generation BEFORE computing, so
 * an entry is never labelled newer than the data it was built from. Entries hold every vendor's rows; the
 * caller applies the vendor scope to what it takes out (docs/metrics.md, "Serving").
 */
const MAX_ENTRIES = 500;

export class GenerationCache<T> {
  #generation = -1;
  readonly #entries = new Map<string, Promise<T>>();

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
    const cached = this.#entries.get(key);
    if (cached) return cached;
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.clear();
    const value = compute();
    this.#entries.set(key, value);
    value.catch(() => {
      if (this.#entries.get(key) === value) this.#entries.delete(key);
    });
    return value;
  }
}
