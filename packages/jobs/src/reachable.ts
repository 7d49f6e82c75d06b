import { Redis } from 'ioredis';

/**
 * Whether Redis answers a PING at `url` within `timeoutMs`: null when it does, else why not. One attempt, no
 * retries and no offline queue, so a closed port answers in milliseconds instead of the client's endless reconnects.
 */
export async function redisUnreachable(url: string, timeoutMs: number): Promise<string | null> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // connect() rejects with only "Connection is closed."; the socket's own error (ECONNREFUSED…) says why.
  let socketError: Error | null = null;
  redis.on('error', (error: Error) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return null;
  } catch (error) {
    return (socketError ?? (error as Error)).message;
  } finally {
    redis.disconnect();
  }
}
