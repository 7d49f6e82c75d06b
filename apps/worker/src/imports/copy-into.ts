/**
 * A COPY … FROM STDIN on a connection of its own, fed line by line: lines are sent in chunks and the writer
 * waits when the server is behind, so memory stays bounded however large the file is.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

const COPY_CHUNK_CHARS = 256 * 1024;

export class CopyInto {
  private buffer = '';
  private error: Error | null = null;

  private constructor(
    private readonly client: pg.Client,
    private readonly copy: ReturnType<typeof copyFrom>,
  ) {
    // A failed COPY or a lost connection is thrown by the next write or by end().
    copy.on('error', (error: Error) => (this.error ??= error));
  }

  static async open(url: string, statement: string): Promise<CopyInto> {
    const client = new pg.Client({ connectionString: url, application_name: 'scorecard-import' });
    // A dropped connection also fails the COPY, which is where it is handled; unheard, it ends the process.
    client.on('error', () => undefined);
    await client.connect();
    return new CopyInto(client, client.query(copyFrom(statement)));
  }

  async write(line: string): Promise<void> {
    this.buffer += line;
    if (this.buffer.length < COPY_CHUNK_CHARS) return;
    if (this.copy.destroyed) throw this.error ?? new Error('The COPY into staging closed early.');
    const flushed = this.copy.write(this.buffer);
    this.buffer = '';
    if (!flushed) await once(this.copy, 'drain');
  }

  /** Sends the rest and waits until the server has every row. */
  async end(): Promise<void> {
    this.copy.end(this.buffer);
    this.buffer = '';
    await finished(this.copy);
  }

  /** Ends the connection (and the COPY's transaction); after a failure, cancels the COPY first so it rolls back. */
  async close(): Promise<void> {
    if (!this.copy.writableFinished && !this.copy.destroyed) this.copy.destroy();
    await this.client.end().catch(() => undefined);
  }
}
