import type { FastifyInstance } from 'fastify';
import { COLLECTION_NAMES, STREAM_HEARTBEAT_MS, STREAM_RESYNC_EVENT } from '../../src/protocol/index.ts';
import type { StreamHub } from '../fanout/hub.ts';
import { onDeviceRevoked } from '../services/device-admin.ts';
import { deviceOf } from './device-context.ts';

export interface StreamOptions {
  hub: StreamHub;
  heartbeatMs?: number | undefined;
}

/**
 * A stream whose client reads slower than changes arrive is cut rather than
 * buffered without bound; the tablet reconnects, gets `resync` and pulls.
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * GET /sync/v1/stream: one Server-Sent Events connection per tablet for every
 * collection (event = collection, data = { documents, checkpoint }).
 */
export function registerStreamRoute(app: FastifyInstance, { hub, heartbeatMs = STREAM_HEARTBEAT_MS }: StreamOptions): void {
  app.get('/sync/v1/stream', (request, reply) => {
    const device = deviceOf(request.device);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies (nginx) otherwise hold events back to fill a buffer.
      'x-accel-buffering': 'no',
    });

    const write = (chunk: string): void => {
      if (res.destroyed || res.writableEnded) return;
      res.write(chunk);
      if (res.writableLength > MAX_BUFFERED_BYTES) res.destroy();
    };

    // Subscribe before announcing resync: a change committed while the tablet
    // pulls then arrives on the stream too (a duplicate is harmless, a gap is not).
    const disconnect = hub.connect({
      device,
      send: (collection, data) => write(`event: ${collection}\ndata: ${data}\n\n`),
      end: () => res.end(),
    });
    write(`event: ${STREAM_RESYNC_EVENT}\ndata: ${JSON.stringify(COLLECTION_NAMES)}\n\n`);

    // A comment line keeps NATs and proxies from closing an idle connection,
    // and lets the tablet notice a dead one.
    const heartbeat = setInterval(() => write(': heartbeat\n\n'), heartbeatMs);
    // A revoked tablet's stream ends now; its reconnect gets the 401 that wipes it.
    const stopListening = onDeviceRevoked((id) => id === device.id && res.end());
    res.on('close', () => {
      clearInterval(heartbeat);
      stopListening();
      disconnect();
    });
  });
}
