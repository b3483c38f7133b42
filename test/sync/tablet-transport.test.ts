import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, TenpoError } from '../../src/protocol/index.ts';
import { TransportError, failureOf } from '../../src/sync/sync-failure.ts';
import { createHttpTransport } from '../../src/sync/transport.ts';

/**
 * The tablet's HTTP transport against a plain node http server that answers
 * whatever a test sets: the Tenpo server's error bodies, and the things that
 * stand between a shop and the server (a proxy's HTML error page, a captive
 * portal, a gateway that cannot reach the server, silence). The transport
 * must throw for every one of them: fetch does not throw on 4xx/5xx, and an
 * error body handed to RxDB as data would be stored as documents.
 */

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

let server: Server;
let baseUrl: string;
let handler: Handler = (_request, response) => response.end();
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
});

function answer(status: number, body: string, contentType = 'application/json'): void {
  handler = (_request, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(body);
  };
}

function transport(timeoutMs = 2_000) {
  return createHttpTransport({ baseUrl, token: 'device-token', timeoutMs });
}

/** The error a call rejected with (fails the test if it resolved). */
async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('HTTP transport: requests', () => {
  it('sends the protocol version and the device token, and asks the cache for nothing', async () => {
    answer(200, JSON.stringify({ documents: [], checkpoint: null }));
    await transport().pull('members', { seq: 42, id: 'm-7' }, 100);
    const [request] = seen;
    expect(request?.url).toBe('/sync/v1/members/pull?seq=42&id=m-7&limit=100');
    expect(request?.headers[PROTOCOL_HEADER]).toBe(String(PROTOCOL_VERSION));
    expect(request?.headers.authorization).toBe('Bearer device-token');
  });

  it('pulls from the start without a checkpoint', async () => {
    answer(200, JSON.stringify({ documents: [{ id: 'a', _deleted: false }], checkpoint: { seq: 1, id: 'a' } }));
    const response = await transport().pull('settings', undefined, 10);
    expect(seen[0]?.url).toBe('/sync/v1/settings/pull?seq=0&id=&limit=10');
    expect(response).toEqual({ documents: [{ id: 'a', _deleted: false }], checkpoint: { seq: 1, id: 'a' } });
  });

  it('pushes rows as JSON and returns the server’s conflicts', async () => {
    answer(200, JSON.stringify([{ id: 'e1', points: 5 }]));
    const rows = [{ assumedMasterState: null, newDocumentState: { id: 'e1', points: 5 } }];
    await expect(transport().push('point_entries', rows)).resolves.toEqual([{ id: 'e1', points: 5 }]);
    expect(seen[0]?.method).toBe('POST');
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual(rows);
  });
});

describe('HTTP transport: a Tenpo error body becomes a TenpoError', () => {
  it.each([
    [401, 'unauthorized'],
    [403, 'read-only-collection'],
    [404, 'unknown-collection'],
    [409, 'idempotency-conflict'],
    [413, 'payload-too-large'],
    [426, 'protocol-mismatch'],
    [500, 'internal'],
  ] as const)('%d %s', async (status, code) => {
    answer(status, JSON.stringify({ error: code, message: `said ${code}`, details: { why: 1 } }));
    const error = await failure(transport().pull('members', undefined, 10));
    expect(error).toBeInstanceOf(TenpoError);
    expect(error).toMatchObject({ code, status, message: `said ${code}`, details: { why: 1 } });
    expect(failureOf(error)).toBe(code);
  });

  it('on push too: an error body never reaches RxDB as conflicts', async () => {
    answer(400, JSON.stringify({ error: 'invalid-request', message: 'bad row' }));
    const error = await failure(transport().push('point_entries', []));
    expect(error).toMatchObject({ name: 'TenpoError', code: 'invalid-request', status: 400 });
  });

  it('on enrolment (no token yet)', async () => {
    answer(401, JSON.stringify({ error: 'invalid-enrolment-code', message: 'no such code' }));
    const error = await failure(createHttpTransport({ baseUrl, token: null }).enrol({ code: 'WRONG-1', deviceName: 'レジ1' }));
    expect(error).toMatchObject({ code: 'invalid-enrolment-code' });
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it('on the stream', async () => {
    answer(401, JSON.stringify({ error: 'unauthorized', message: 'revoked' }));
    const error = await failure(transport().openStream(new AbortController().signal));
    expect(error).toMatchObject({ code: 'unauthorized', status: 401 });
  });
});

describe('HTTP transport: answers that are not Tenpo’s become a TransportError', () => {
  it.each([502, 503, 504])('a gateway’s %d (the server behind it is down) is "unreachable"', async (status) => {
    answer(status, '<html><body>Bad Gateway</body></html>', 'text/html');
    const error = await failure(transport().pull('members', undefined, 10));
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ reason: 'unreachable', status });
  });

  it('a 500 without a Tenpo body is a bad response, not data', async () => {
    answer(500, 'Internal Server Error', 'text/plain');
    const error = await failure(transport().pull('members', undefined, 10));
    expect(error).toMatchObject({ name: 'TransportError', reason: 'bad-response', status: 500 });
  });

  it('a 4xx JSON body that is not a Tenpo error is a bad response', async () => {
    answer(404, JSON.stringify({ message: 'Not Found', statusCode: 404 }));
    const error = await failure(transport().pull('members', undefined, 10));
    expect(error).toMatchObject({ reason: 'bad-response', status: 404 });
  });

  it('a 200 HTML page (a captive portal) is a bad response', async () => {
    answer(200, '<html>Please log in to the shop Wi-Fi</html>', 'text/html');
    const error = await failure(transport().pull('members', undefined, 10));
    expect(error).toMatchObject({ reason: 'bad-response', status: 200 });
  });

  it('a 200 JSON of the wrong shape is a bad response', async () => {
    answer(200, JSON.stringify({ documents: 'nope' }));
    expect(await failure(transport().pull('members', undefined, 10))).toMatchObject({ reason: 'bad-response' });
    answer(200, JSON.stringify({ not: 'an array' }));
    expect(await failure(transport().push('members', []))).toMatchObject({ reason: 'bad-response' });
  });

  it('a server that never answers is a timeout', async () => {
    handler = () => undefined; // accepts, says nothing
    const error = await failure(transport(150).pull('members', undefined, 10));
    expect(error).toMatchObject({ name: 'TransportError', reason: 'timeout' });
  });

  it('a refused connection is "unreachable"', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(createHttpTransport({ baseUrl: `http://127.0.0.1:${port}`, token: 't' }).pull('members', undefined, 10));
    expect(error).toMatchObject({ name: 'TransportError', reason: 'unreachable' });
    expect(failureOf(error)).toBe('unreachable');
  });

  it('a connection cut mid-answer is "unreachable"', async () => {
    handler = (request) => request.socket.destroy();
    const error = await failure(transport().push('point_entries', []));
    expect(error).toMatchObject({ name: 'TransportError', reason: 'unreachable' });
  });

  it('our own abort of the stream is passed through as an abort, not a failure to report', async () => {
    handler = () => undefined;
    const controller = new AbortController();
    const opening = transport().openStream(controller.signal);
    controller.abort();
    const error = await failure(opening);
    expect(error).toMatchObject({ name: 'AbortError' });
  });
});
