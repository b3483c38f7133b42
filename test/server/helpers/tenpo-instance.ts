import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface TenpoProcess {
  url: string;
  /** SIGKILL: no graceful close, no answer finished, connections cut as in a crash. */
  kill(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./tenpo-instance-main.ts', import.meta.url));

/**
 * startTenpo in a child process on a free port, so that a test can kill it
 * outright: an in-process server can only be closed politely, which lets
 * requests in flight finish.
 */
export async function startTenpoProcess(databaseUrl: string, apiKey: string): Promise<TenpoProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, DATABASE_URL: databaseUrl, TENPO_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const line = /^listening (\S+)$/m.exec(output);
      if (line?.[1]) resolve(line[1]);
    });
    child.once('exit', (code) => reject(new Error(`the Tenpo process exited (${code}) before listening: ${output}`)));
  });
  return {
    url,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
