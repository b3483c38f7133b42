/**
 * Replication of the tablet's collections with the sync server, over one SSE
 * stream, and the sync status the header shows.
 */
export { startSync, stopSync, reSync } from './sync-engine.ts';
export { useSyncEngine } from './use-sync-engine.ts';
export { useSyncStatus } from './use-sync-status.ts';
export type { SyncStatus, SyncPhase } from './sync-status-store.ts';
export { enrolDevice } from './enrol.ts';
export { resetDevice } from './reset-device.ts';
export { createHttpTransport } from './transport.ts';
export type { SyncTransport, HttpTransportOptions } from './transport.ts';
export { TransportError, failureOf } from './sync-failure.ts';
export type { SyncFailure, TransportFailure } from './sync-failure.ts';
export { SseParser } from './sse-parser.ts';
export type { SseEvent } from './sse-parser.ts';
