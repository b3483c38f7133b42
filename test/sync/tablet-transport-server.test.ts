import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTenpo, type RunningTenpo } from '../../server/start.ts';
import { STREAM_RESYNC_EVENT, TenpoError } from '../../src/protocol/index.ts';
import { SseParser, type SseEvent } from '../../src/sync/sse-parser.ts';
import { createHttpTransport, type SyncTransport } from '../../src/sync/transport.ts';

/**
 * The same transport against the real server in this process (in-memory
 * PGlite, a small demo chain): what the server actually answers maps to the
 * errors the tablet's sync status and screens switch on.
 */
let server: RunningTenpo;
let tablet: SyncTransport;

beforeAll(async () => {
  server = await startTenpo({ port: 0, host: '127.0.0.1', demo: { members: 50 }, logger: false });
  const code = server.enrolmentCode;
  if (!code) throw new Error('the demo server has no enrolment code');
  const enrolment = await createHttpTransport({ baseUrl: server.url, token: null }).enrol({ code, deviceName: 'test tablet' });
  tablet = createHttpTransport({ baseUrl: server.url, token: enrolment.token });
});

afterAll(async () => {
  await server?.close();
});

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** Reads the stream until `count` events arrived, then hangs up. */
async function firstEvents(transport: SyncTransport, count: number): Promise<SseEvent[]> {
  const controller = new AbortController();
  const body = await transport.openStream(controller.signal);
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  const events: SseEvent[] = [];
  try {
    while (events.length < count) {
      const { done, value } = await reader.read();
      if (done) break;
      events.push(...parser.feed(decoder.decode(value, { stream: true })));
    }
  } finally {
    controller.abort();
    await reader.cancel().catch(() => undefined);
  }
  return events;
}

describe('HTTP transport against the real server', () => {
  it('pulls documents with the enrolled token', async () => {
    const response = await tablet.pull('members', undefined, 10);
    expect(response.documents).toHaveLength(10);
    expect(response.checkpoint).toMatchObject({ seq: expect.any(Number) as number, id: expect.any(String) as string });
  });

  it('refuses a wrong enrolment code as a TenpoError the setup screen can word', async () => {
    const error = await failure(createHttpTransport({ baseUrl: server.url, token: null }).enrol({ code: 'NOPE-0000', deviceName: 'x' }));
    expect(error).toBeInstanceOf(TenpoError);
    expect(error).toMatchObject({ code: 'invalid-enrolment-code', status: 401 });
  });

  it('refuses an unknown token on pull, push and stream alike', async () => {
    const stranger = createHttpTransport({ baseUrl: server.url, token: 'not-a-token' });
    const calls = [
      () => stranger.pull('members', undefined, 10),
      () => stranger.push('point_entries', []),
      () => stranger.openStream(new AbortController().signal),
    ];
    for (const call of calls) {
      expect(await failure(call())).toMatchObject({ name: 'TenpoError', code: 'unauthorized', status: 401 });
    }
  });

  it('refuses a push to a server-owned collection', async () => {
    const error = await failure(tablet.push('point_accounts', [{ assumedMasterState: null, newDocumentState: { id: 'x' } }]));
    expect(error).toMatchObject({ code: 'read-only-collection', status: 403 });
  });

  it('opens the one stream, whose first event tells every replication to resync', async () => {
    const [first] = await firstEvents(tablet, 1);
    expect(first?.event).toBe(STREAM_RESYNC_EVENT);
  });
});
