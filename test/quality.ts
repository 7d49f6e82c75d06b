/** Helpers for the quality integration tests: creating a form through the API. */
import { expect } from 'vitest';
import type { Caller } from './http.ts';

/** Creates the form through the API, publishes it unless told not to, and returns its id. */
export async function createForm(
  ops: Caller,
  key: string,
  content: object,
  options: { publish?: boolean } = {},
): Promise<number> {
  const created = await ops.post('/api/quality/forms', { key, content });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json<{ id: number }>().id;
  if (options.publish ?? true) {
    const published = await ops.post(`/api/quality/forms/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
  }
  return id;
}
