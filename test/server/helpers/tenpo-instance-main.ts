import { startTenpo } from '../../../server/start.ts';

// The child of startTenpoProcess: one instance on DATABASE_URL, quiet, on a free port.
const tenpo = await startTenpo({
  port: 0,
  host: '127.0.0.1',
  databaseUrl: process.env.DATABASE_URL,
  apiKey: process.env.TENPO_API_KEY,
  demo: false,
  logger: false,
  dailyJob: false,
  rateLimits: false,
  staticDir: '/nonexistent-tenpo-dist',
});
process.stdout.write(`listening ${tenpo.url}\n`);
