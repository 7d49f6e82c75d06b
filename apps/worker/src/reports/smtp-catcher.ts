/**
 * A real SMTP server for integration tests (smtp-server + mailparser): accepts every message on a free port
 * and keeps it parsed. `failFirstData` makes the first N DATA commands fail with a temporary error (451),
 * as a busy mail server would. `replyDelayMs` stores each message at once and answers only after the delay,
 * as a slow server whose reply comes after the client has given up.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMessage {
  envelopeTo: string[];
  raw: Buffer;
  mail: ParsedMail;
}

export interface SmtpCatcher {
  port: number;
  messages: CaughtMessage[];
  dataCommands(): number;
  close(): Promise<void>;
}

export async function startSmtpCatcher(
  options: { failFirstData?: number; replyDelayMs?: number } = {},
): Promise<SmtpCatcher> {
  const messages: CaughtMessage[] = [];
  let dataCommands = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        dataCommands += 1;
        if (dataCommands <= (options.failFirstData ?? 0)) {
          const error = Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (mail) => {
            messages.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, mail });
            const reply = `Message queued as catcher-${dataCommands}`;
            if (options.replyDelayMs === undefined) callback(null, reply);
            else setTimeout(() => callback(null, reply), options.replyDelayMs);
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    messages,
    dataCommands: () => dataCommands,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
