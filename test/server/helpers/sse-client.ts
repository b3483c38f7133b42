import { get, type IncomingMessage } from 'node:http';

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: IncomingMessage['headers'];
  /** Every event so far, in arrival order. */
  events: SseEvent[];
  comments: number;
  /** The first event (already received or still to come) matching `test`; rejects after timeoutMs. */
  waitFor(test: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves once `count` comment lines (heartbeats) have arrived. */
  waitForComments(count: number, timeoutMs?: number): Promise<void>;
  closed: Promise<void>;
  close(): void;
}

/**
 * A minimal EventSource over node:http that keeps every event, so a test waits
 * on the event it expects instead of sleeping and hoping.
 */
export function openSse(url: string, headers: Record<string, string>): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { accept: 'text/event-stream', ...headers } }, (res) => {
      const events: SseEvent[] = [];
      let comments = 0;
      let buffer = '';
      const waiters = new Set<() => void>();
      const wake = () => {
        for (const waiter of [...waiters]) waiter();
      };
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          let isComment = true;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            isComment = false;
            if (line.startsWith('event: ')) event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (isComment) comments += 1;
          else events.push({ event, data: data.join('\n') });
        }
        wake();
      });
      const closed = new Promise<void>((done) => res.on('close', done));

      const until = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
        new Promise((resolveWait, rejectWait) => {
          const attempt = () => {
            const found = check();
            if (found === undefined) return;
            cleanup();
            resolveWait(found);
          };
          const timer = setTimeout(() => {
            cleanup();
            rejectWait(new Error(`timed out waiting for ${what}; got ${JSON.stringify(events.map((e) => e.event))}`));
          }, timeoutMs);
          const cleanup = () => {
            clearTimeout(timer);
            waiters.delete(attempt);
          };
          waiters.add(attempt);
          attempt();
        });

      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        events,
        get comments() {
          return comments;
        },
        waitFor: (test, timeoutMs = 5000) => until(() => events.find(test), timeoutMs, 'an event'),
        waitForComments: (count, timeoutMs = 5000) => until(() => (comments >= count ? true : undefined), timeoutMs, `${count} comments`).then(() => undefined),
        closed,
        close: () => request.destroy(),
      });
    });
    request.on('error', reject);
  });
}
