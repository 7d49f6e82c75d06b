/**
 * helmet's response headers, computed once. With static options (no per-request nonce or directive function)
 * helmet sets the same headers on every response, so they are read off its middleware at start-up and copied
 * onto each reply; @fastify/helmet would build the middleware again, CSP parsing included, on every request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: unknown) {
      if (typeof value !== 'string') throw new Error(`helmet set ${name} to a non-string; options must be static`);
      headers[name.toLowerCase()] = value;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let outcome: { error?: unknown } | undefined;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    outcome = { error };
  });
  // helmet's middleware calls back synchronously; anything else means options it cannot apply statically.
  if (!outcome) throw new Error('helmet did not finish synchronously; options must be static');
  // helmet reports invalid options with an Error.
  if (outcome.error) throw outcome.error as Error;
  return Object.freeze(headers);
}
