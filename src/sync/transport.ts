import { z } from 'zod';
import {
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  TenpoError,
  checkpointSchema,
  enrolResponseSchema,
  errorBodySchema,
  type Checkpoint,
  type CollectionName,
  type EnrolRequest,
  type EnrolResponse,
  type PullResponse,
  type PushRow,
} from '../protocol/index.ts';
import { TransportError } from './sync-failure.ts';

/**
 * The tablet's whole conversation with the sync server, behind one interface so
 * replication can be driven by a fake in tests. Every method throws on failure
 * (TenpoError when the server said why, TransportError otherwise): an error
 * body must never reach RxDB as if it were data.
 */
export interface SyncTransport {
  enrol(request: EnrolRequest): Promise<EnrolResponse>;
  pull(collection: CollectionName, checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse>;
  /** Returns the server's current documents for the rows that conflicted ([] when none). */
  push(collection: CollectionName, rows: readonly PushRow[]): Promise<Record<string, unknown>[]>;
  /** The raw text/event-stream body of GET /sync/v1/stream; lives until the signal aborts. */
  openStream(signal: AbortSignal): Promise<ReadableStream<Uint8Array>>;
}

export interface HttpTransportOptions {
  /** '' = same origin: the server serves the PWA (and the dev server proxies /sync). */
  baseUrl?: string;
  /** The device token; null before enrolment. */
  token: string | null;
  /** A request that has not answered by then is abandoned and retried by RxDB. */
  timeoutMs?: number;
}

const SYNC_PATH = '/sync/v1';
const DEFAULT_TIMEOUT_MS = 30_000;

const documentSchema = z.record(z.string(), z.unknown());
const pullResponseSchema = z.object({
  documents: z.array(documentSchema),
  checkpoint: checkpointSchema.nullable(),
});
const pushResponseSchema = z.array(documentSchema);

export function createHttpTransport(options: HttpTransportOptions): SyncTransport {
  const baseUrl = options.baseUrl ?? '';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  function headers(extra: Record<string, string> = {}): Record<string, string> {
    const result: Record<string, string> = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...extra };
    if (options.token) result.authorization = `Bearer ${options.token}`;
    return result;
  }

  async function request(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      // no-store: a pull must never be answered from the HTTP cache.
      response = await fetch(`${baseUrl}${SYNC_PATH}${path}`, { cache: 'no-store', ...init });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new TransportError('timeout', `no answer from ${path} within ${timeoutMs} ms`);
      }
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new TransportError('unreachable', `cannot reach the sync server (${String(error)})`);
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  }

  async function json<T>(path: string, init: RequestInit, schema: z.ZodType<T>): Promise<T> {
    const response = await request(path, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      throw new TransportError('bad-response', `${path} answered ${response.status} without JSON`, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new TransportError('bad-response', `${path}: unexpected answer: ${parsed.error.message}`);
    return parsed.data;
  }

  return {
    enrol(body) {
      return json('/enrol', { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) }, enrolResponseSchema);
    },

    async pull(collection, checkpoint, limit) {
      const query = new URLSearchParams({ seq: String(checkpoint?.seq ?? 0), id: checkpoint?.id ?? '', limit: String(limit) });
      const response = await json(`/${collection}/pull?${query.toString()}`, { headers: headers() }, pullResponseSchema);
      // Tombstone flag and fields are the server's, checked against the same
      // protocol schemas on its side; here only the envelope is checked.
      return response as PullResponse;
    },

    push(collection, rows) {
      return json(`/${collection}/push`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(rows) }, pushResponseSchema);
    },

    async openStream(signal) {
      const response = await request('/stream', { headers: headers({ accept: 'text/event-stream' }), signal });
      if (!response.body) throw new TransportError('bad-response', 'stream answered without a body', response.status);
      return response.body;
    },
  };
}

/** Turns a non-2xx answer into the error the server meant, or a TransportError if it was not ours. */
async function errorFrom(response: Response): Promise<Error> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy, a captive portal or a crashed server answered.
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) return new TenpoError(parsed.data.error, parsed.data.message, response.status, parsed.data.details);
  // A gateway in front of the server (load balancer, dev proxy) saying it cannot reach it.
  const gatewayDown = response.status === 502 || response.status === 503 || response.status === 504;
  return new TransportError(gatewayDown ? 'unreachable' : 'bad-response', `HTTP ${response.status} ${response.statusText}`, response.status);
}
