/**
 * The baselines of the API load benchmark, in their own process so that ratios compare our routes with what
 * Fastify itself does on this machine in the same run: a hello-world route, and `/static/<name>` serving the
 * bytes of a file as they are (argv: port, then `name=path[:content-encoding]` pairs) — the same gzip body our
 * route sends, with no work but the transport.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const [portArg, ...files] = process.argv.slice(2);
const app = Fastify({ logger: false });
app.get('/hello', () => ({ hello: 'world' }));
for (const spec of files) {
  const [name = '', rest = ''] = spec.split('=');
  const [file = '', encoding] = rest.split(':');
  const body = readFileSync(file);
  app.get(`/static/${name}`, (_request, reply) => {
    reply.type('application/json; charset=utf-8');
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(body);
  });
}
await app.listen({ host: '127.0.0.1', port: Number(portArg) });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
