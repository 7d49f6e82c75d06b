/**
 * The baseline of the API load benchmark: a Fastify hello-world route in its own process, so that the ratio
 * compares our routes with what Fastify itself does on this machine in the same run. Listens on argv[2].
 */
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const app = Fastify({ logger: false });
app.get('/hello', () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port });
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
