/**
 * A child process of live-streams.ts holding many /sync/v1/stream connections
 * (each its own enrolled device), so the server's process holds only the
 * server ends of them and each process stays within its own file-descriptor
 * limit. Commands and answers travel over the fork IPC channel.
 */
import { request, type ClientRequest } from 'node:http';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/protocol/index.ts';

export type StreamCommand = { kind: 'open'; url: string; tokens: string[] } | { kind: 'close' };
export interface StreamReport {
  open: number;
  /** Streams that opened and were closed by the server later. */
  dropped: number;
  failed: number;
  firstError: string | null;
  bytes: number;
}

/** Connections being opened at once: enough to be quick, few enough not to look like a flood to the accept queue. */
const CONCURRENCY = 64;
const OPEN_TIMEOUT_MS = 30_000;

const requests: ClientRequest[] = [];
const report: StreamReport = { open: 0, dropped: 0, failed: 0, firstError: null, bytes: 0 };

function fail(error: string): void {
  report.failed += 1;
  report.firstError ??= error;
}

/** Resolves once the stream answered 200 and sent its first event (the resync), or failed. */
function openOne(url: string, token: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request(`${url}/sync/v1/stream`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      timeout: OPEN_TIMEOUT_MS,
    });
    let settled = false;
    let opened = false;
    const settle = (error?: string): void => {
      if (settled) return;
      settled = true;
      opened = error === undefined;
      if (opened) report.open += 1;
      else fail(error ?? '');
      resolve();
    };
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        settle(`HTTP ${res.statusCode}`);
        res.resume();
        return;
      }
      // Read and drop every event, as a tablet would read them; a stream nobody reads is cut by the server.
      res.on('data', (chunk: Buffer) => {
        report.bytes += chunk.length;
        settle();
      });
      res.on('close', () => {
        if (opened) {
          report.open -= 1;
          report.dropped += 1;
        }
        settle('closed before its first event');
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer in time')));
    req.on('error', (error) => settle(error.message));
    req.end();
    requests.push(req);
  });
}

async function openAll(url: string, tokens: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tokens.length) {
      const token = tokens[next] as string;
      next += 1;
      await openOne(url, token);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

process.on('message', (command: StreamCommand) => {
  if (command.kind === 'close') {
    for (const req of requests) req.destroy();
    process.exit(0);
  }
  void openAll(command.url, command.tokens).then(() => process.send?.({ ...report }));
});
