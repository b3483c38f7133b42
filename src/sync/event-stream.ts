import { STREAM_HEARTBEAT_MS } from '../protocol/index.ts';
import { SseParser, type SseEvent } from './sse-parser.ts';

export type StreamState = 'connecting' | 'open' | 'closed';

export interface EventStreamOptions {
  open(signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
  onEvent(event: SseEvent): void;
  /** `closed` carries the error that closed it (undefined for a clean end or our own abort). */
  onState(state: StreamState, error?: unknown): void;
  isOnline(): boolean;
  /** Errors no quick retry fixes (revoked token…): retry slowly, or when nudged. */
  isHopeless(error: unknown): boolean;
}

export interface EventStream {
  /** Something suggests the network is back (online, page visible): reconnect now if down or silent. */
  nudge(): void;
  /** The network is gone: drop the connection instead of waiting for it to time out. */
  drop(): void;
  close(): void;
}

/** The server sends a comment every STREAM_HEARTBEAT_MS; this much silence means a dead connection. */
const IDLE_TIMEOUT_MS = STREAM_HEARTBEAT_MS * 2 + 5_000;
const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const HOPELESS_RETRY_MS = 5 * 60_000;

/**
 * Keeps ONE text/event-stream connection open for all collections, reconnecting
 * with jittered exponential backoff. One connection, not one per collection:
 * browsers allow 6 HTTP/1.1 connections per host, and five long-lived streams
 * would starve pull and push.
 *
 * A silent TCP connection (Wi-Fi roaming, an iPad waking from sleep) never
 * errors by itself, so an idle watchdog aborts it when even heartbeats stop.
 */
export function startEventStream(options: EventStreamOptions): EventStream {
  let closed = false;
  let current: AbortController | null = null;
  let lastActivity = 0;
  let wake: (() => void) | null = null;

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      function done(): void {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  async function read(body: ReadableStream<Uint8Array>, controller: AbortController, onFirstEvent: () => void): Promise<void> {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    let watchdog = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        lastActivity = Date.now();
        clearTimeout(watchdog);
        watchdog = setTimeout(() => controller.abort(), IDLE_TIMEOUT_MS);
        for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
          onFirstEvent();
          options.onEvent(event);
        }
      }
    } finally {
      clearTimeout(watchdog);
      reader.cancel().catch(() => undefined);
    }
  }

  async function run(): Promise<void> {
    let attempt = 0;
    while (!closed) {
      if (!options.isOnline()) {
        options.onState('closed');
        await sleep(Infinity); // until nudge() (the `online` event) or close()
        continue;
      }
      const controller = new AbortController();
      current = controller;
      options.onState('connecting');
      let failure: unknown;
      try {
        const body = await options.open(controller.signal);
        lastActivity = Date.now();
        options.onState('open');
        // Backoff resets only once the server actually talks: a server that
        // accepts and immediately hangs up must not be hammered every second.
        await read(body, controller, () => {
          attempt = 0;
        });
      } catch (error) {
        failure = controller.signal.aborted ? undefined : error;
      }
      current = null;
      if (closed) break;
      options.onState('closed', failure);
      const delay = failure !== undefined && options.isHopeless(failure) ? HOPELESS_RETRY_MS : backoff(attempt);
      attempt += 1;
      await sleep(delay);
    }
  }

  void run();

  return {
    nudge() {
      if (wake) {
        wake();
        return;
      }
      if (current && Date.now() - lastActivity > STREAM_HEARTBEAT_MS + 5_000) current.abort();
    },
    drop() {
      current?.abort();
    },
    close() {
      closed = true;
      current?.abort();
      wake?.();
    },
  };
}

function backoff(attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempt);
  // Jitter: after a server restart, a chain's tablets must not reconnect in lockstep.
  return ceiling / 2 + Math.random() * (ceiling / 2);
}
