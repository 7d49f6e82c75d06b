import { afterEach, describe, expect, it, vi } from 'vitest';
import { GenerationCache } from './generation-cache.ts';

/** A computation that counts its calls and returns `${label}#${call}`. */
function counter(label: string) {
  let calls = 0;
  const compute = vi.fn(() => Promise.resolve(`${label}#${++calls}`));
  return compute;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('GenerationCache', () => {
  it('computes once per key and generation, concurrent callers sharing the computation', async () => {
    const cache = new GenerationCache<string>();
    const compute = counter('a');
    const [first, second] = await Promise.all([cache.get('k', 1, compute), cache.get('k', 1, compute)]);
    expect([first, second, await cache.get('k', 1, compute)]).toEqual(['a#1', 'a#1', 'a#1']);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('drops every entry when a newer generation is read', async () => {
    const cache = new GenerationCache<string>();
    const compute = counter('a');
    await cache.get('k', 1, compute);
    expect(await cache.get('k', 2, compute)).toBe('a#2');
    expect(await cache.get('k', 2, compute)).toBe('a#2');
  });

  it('lets an older reader compute for itself without storing what it computed', async () => {
    const cache = new GenerationCache<string>();
    await cache.get('k', 5, counter('new'));
    const old = counter('old');
    expect(await cache.get('k', 4, old)).toBe('old#1');
    expect(await cache.get('k', 4, old)).toBe('old#2');
    expect(await cache.get('k', 5, counter('unused'))).toBe('new#1');
  });

  it('does not keep a failed computation', async () => {
    const cache = new GenerationCache<string>();
    await expect(cache.get('k', 1, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', 1, counter('b'))).toBe('b#1');
  });

  it('computes again once an entry is older than maxAgeMs, within the same generation', async () => {
    vi.useFakeTimers({ now: 0 });
    const cache = new GenerationCache<string>({ maxAgeMs: 1_000 });
    const compute = counter('a');
    await cache.get('k', 1, compute);
    vi.setSystemTime(1_000);
    expect(await cache.get('k', 1, compute)).toBe('a#1');
    vi.setSystemTime(1_001);
    expect(await cache.get('k', 1, compute)).toBe('a#2');
  });

  it('clears itself rather than grow past maxEntries', async () => {
    const cache = new GenerationCache<string>({ maxEntries: 2 });
    const compute = counter('a');
    await cache.get('x', 1, compute);
    await cache.get('y', 1, compute);
    await cache.get('z', 1, compute); // clears x and y, keeps z
    expect(await cache.get('z', 1, compute)).toBe('a#3');
    expect(await cache.get('x', 1, compute)).toBe('a#4');
  });
});
