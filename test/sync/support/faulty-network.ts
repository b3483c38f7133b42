import type { CollectionName, PushRow } from '../../../src/protocol/index.ts';
import { TransportError } from '../../../src/sync/sync-failure.ts';
import type { SyncTransport } from '../../../src/sync/transport.ts';

/**
 * What the network does to a tablet's next push (one fault per push, in the
 * order they were armed):
 * - drop-request: lost on the way; the server never sees it.
 * - drop-response: the server posts it, the answer is lost (the tablet retries
 *   a push the server already took).
 * - duplicate: the request arrives twice, concurrently (a proxy's retry).
 * - delay: held in the network until the scenario delivers it; the tablet waits.
 * - ghost: held in the network, the tablet gives up (timeout) and retries; the
 *   old copy reaches the server later, after newer pushes (reordering).
 * Pulls fail only while the tablet is offline, or lose their answer when it
 * goes offline meanwhile.
 */
export const PUSH_FAULTS = ['drop-request', 'drop-response', 'duplicate', 'delay', 'ghost'] as const;
export type PushFault = (typeof PUSH_FAULTS)[number];

interface Reply {
  resolve: (answer: unknown) => void;
  reject: (error: unknown) => void;
}

/** A request held in the network: delivered when the scenario says so, in the order it picks. */
interface HeldRequest {
  sender: string;
  /** The collection of a tablet's push; null for other requests (the EC site's). */
  collection: CollectionName | null;
  label: string;
  send: () => Promise<unknown>;
  /** The sender still waiting for the answer (delay), or null (it gave up: a ghost). */
  reply: Reply | null;
  /** Told what the server answered a ghost, for checks on late arrivals. */
  onLateAnswer?: (answer: unknown) => void;
}

export interface FaultyNetwork {
  /** The transport a tablet's replications use: the real HTTP transport behind this network. */
  link(tablet: string, inner: SyncTransport): SyncTransport;
  setOnline(tablet: string, online: boolean): void;
  isOnline(tablet: string): boolean;
  arm(tablet: string, fault: PushFault): void;
  /** A request whose sender has given up on it; it reaches the server when delivered. */
  holdGhost(request: { sender: string; label: string; send: () => Promise<unknown>; onLateAnswer: (answer: unknown) => void }): void;
  /** Requests held in the network. */
  heldCount(): number;
  /** Pushes of this tablet and collection whose sender is waiting for the answer. */
  waitingOnHeld(tablet: string, collection: CollectionName): number;
  /** The tablet stops waiting for its held pushes (a reload); they stay in the network and may still arrive. */
  abandon(tablet: string): void;
  /** Lets one held request (index modulo the queue length) reach the server; its answer goes back if the sender still waits and is online. */
  deliver(pick: number): Promise<void>;
  /** Requests that reached the server and have not answered yet. */
  inFlight(): number;
  /** Sends a request now, counted in flight (for senders outside this module). */
  send<T>(call: () => Promise<T>): Promise<T>;
  note(line: string): void;
  /** What happened, for the failure report. */
  readonly trace: string[];
}

const TRACE_LIMIT = 400;

export function createFaultyNetwork(): FaultyNetwork {
  const online = new Map<string, boolean>();
  const faults = new Map<string, PushFault[]>();
  const held: HeldRequest[] = [];
  const trace: string[] = [];
  let inFlight = 0;

  const note = (line: string): void => {
    trace.push(line);
    if (trace.length > TRACE_LIMIT) trace.shift();
  };
  const isOnline = (tablet: string): boolean => online.get(tablet) ?? false;
  const unreachable = (): TransportError => new TransportError('unreachable', 'simulated: network down');
  const timeout = (): TransportError => new TransportError('timeout', 'simulated: no answer');
  const idsOf = (rows: readonly PushRow[]): string =>
    rows.map((row) => String(row.newDocumentState.id).slice(0, 8)).join(',');

  async function send<T>(call: () => Promise<T>): Promise<T> {
    inFlight += 1;
    try {
      return await call();
    } finally {
      inFlight -= 1;
    }
  }

  function link(tablet: string, inner: SyncTransport): SyncTransport {
    return {
      enrol: (request) => inner.enrol(request),

      async pull(collection, checkpoint, limit) {
        if (!isOnline(tablet)) throw unreachable();
        const response = await send(() => inner.pull(collection, checkpoint, limit));
        // Went offline while the request was out: the answer never arrives.
        if (!isOnline(tablet)) throw timeout();
        return response;
      },

      async push(collection, rows) {
        const what = `${tablet} push ${collection} [${idsOf(rows)}]`;
        if (!isOnline(tablet)) {
          note(`${what}: offline`);
          throw unreachable();
        }
        const post = (): Promise<Record<string, unknown>[]> => inner.push(collection, rows);
        const fault = faults.get(tablet)?.shift();
        switch (fault) {
          case 'drop-request':
            note(`${what}: request dropped`);
            throw unreachable();
          case 'drop-response':
            await send(post);
            note(`${what}: posted, answer dropped`);
            throw timeout();
          case 'duplicate': {
            const [first] = await send(() => Promise.all([post(), post()]));
            note(`${what}: arrived twice`);
            if (!isOnline(tablet)) throw timeout();
            return first;
          }
          case 'delay':
            note(`${what}: held (sender waits) #${held.length}`);
            return new Promise((resolve, reject) => {
              const reply: Reply = { resolve: (answer) => resolve(answer as Record<string, unknown>[]), reject };
              held.push({ sender: tablet, collection, label: what, send: post, reply });
            });
          case 'ghost':
            note(`${what}: held (sender times out) #${held.length}`);
            held.push({ sender: tablet, collection, label: what, send: post, reply: null });
            throw timeout();
          case undefined: {
            const conflicts = await send(post);
            if (!isOnline(tablet)) {
              note(`${what}: posted, went offline before the answer`);
              throw timeout();
            }
            return conflicts;
          }
        }
      },

      openStream() {
        // The simulation connects each tablet to the server's stream hub directly (see sim-tablet.ts).
        return Promise.reject(new Error('not used by the simulation'));
      },
    };
  }

  return {
    link,
    setOnline(tablet, value) {
      online.set(tablet, value);
    },
    isOnline,
    arm(tablet, fault) {
      const queue = faults.get(tablet) ?? [];
      queue.push(fault);
      faults.set(tablet, queue);
    },
    holdGhost({ sender, label, send: post, onLateAnswer }) {
      note(`${label}: held (sender times out) #${held.length}`);
      held.push({ sender, collection: null, label, send: post, reply: null, onLateAnswer });
    },
    heldCount: () => held.length,
    waitingOnHeld: (tablet, collection) =>
      held.filter((request) => request.sender === tablet && request.collection === collection && request.reply !== null).length,
    abandon(tablet) {
      for (const request of held) {
        if (request.sender !== tablet || !request.reply) continue;
        request.reply.reject(new TransportError('unreachable', 'simulated: page reloaded'));
        request.reply = null;
        note(`${request.label}: abandoned by a reload, still in the network`);
      }
    },
    async deliver(pick) {
      if (held.length === 0) return;
      const [request] = held.splice(pick % held.length, 1);
      if (!request) return;
      let outcome: { ok: true; answer: unknown } | { ok: false; error: unknown };
      try {
        outcome = { ok: true, answer: await send(request.send) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      note(`${request.label}: delivered late (${outcome.ok ? 'answered' : `failed: ${String(outcome.error)}`})`);
      if (outcome.ok) request.onLateAnswer?.(outcome.answer);
      if (!request.reply) return;
      if (!isOnline(request.sender)) request.reply.reject(timeout());
      else if (outcome.ok) request.reply.resolve(outcome.answer);
      else request.reply.reject(outcome.error);
    },
    inFlight: () => inFlight,
    send,
    note,
    trace,
  };
}
