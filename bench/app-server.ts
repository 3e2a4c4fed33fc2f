/**
 * The real app (boot() from server/boot.ts, demo seed) listening on a free loopback port, for the load
 * benchmarks (bench/support.ts startApp). PGlite in DATA_DIR, or the PostgreSQL server of DATABASE_URL.
 * Prints `LISTENING <port>`; stops on SIGTERM.
 */
import pino from 'pino';
import { z } from 'zod';
import { loadConfig } from '../server/config.ts';
import { boot } from '../server/boot.ts';

z.config(z.locales.vi());
const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  SEED_DEMO: 'true',
  LOG_LEVEL: 'warn',
});
const running = await boot(config, pino({ level: 'warn' }));
await running.app.listen({ host: '127.0.0.1', port: 0 });
running.worker.start();
const address = running.app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;
process.stdout.write(`LISTENING ${port}\n`);
process.on('SIGTERM', () => {
  void running.close().then(() => process.exit(0));
});
