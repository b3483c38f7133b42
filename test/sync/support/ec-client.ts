import { randomUUID } from 'node:crypto';
import type { ApiPointEntry, PointEntryRequest } from '../../../src/protocol/index.ts';
import { canonical } from './canonical.ts';
import type { FaultyNetwork } from './faulty-network.ts';

/**
 * The EC site posting earns and redemptions through POST /api/v1/point-entries,
 * as a careful client does: one idempotency key per order, made before the
 * first attempt, reused on every retry, until a definite answer. The network
 * can lose the answer (it retries), deliver the request twice at once, or hold
 * a copy that arrives after the retry has been answered.
 */
export const EC_FAULTS = ['none', 'drop-response', 'duplicate', 'ghost'] as const;
export type EcFault = (typeof EC_FAULTS)[number];

export type EcResult =
  | { kind: 'posted'; entry: ApiPointEntry }
  | { kind: 'refused'; reason: string }
  /** An answer no correct server gives; the text says what was wrong. */
  | { kind: 'wrong'; problem: string };

interface Answer {
  status: number;
  body: unknown;
}

export interface EcPost {
  key: string;
  /** What the client was told, and goes by. */
  result: EcResult;
  /** What a second copy of the request was answered (duplicate), to be checked like a late copy. */
  other?: EcResult;
}

export interface EcClient {
  post(request: Omit<PointEntryRequest, 'idempotencyKey'>, fault: EcFault): Promise<EcPost>;
}

export const EC_SENDER = 'EC';

export function createEcClient(options: {
  baseUrl: string;
  apiKey: string;
  network: FaultyNetwork;
  /** What the server answered a copy that arrived late (after the client had its answer). */
  onLateAnswer: (key: string, answer: EcResult) => void;
}): EcClient {
  const { network } = options;

  async function attempt(body: PointEntryRequest): Promise<Answer> {
    return network.send(async () => {
      const response = await fetch(`${options.baseUrl}/api/v1/point-entries`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as unknown };
    });
  }

  return {
    async post(request, fault) {
      const key = randomUUID();
      const body: PointEntryRequest = { ...request, idempotencyKey: key };
      const label = `EC ${request.type} ${request.points} [${key.slice(0, 8)}]`;
      switch (fault) {
        case 'none':
          return { key, result: resultOf(await attempt(body)) };
        case 'drop-response': {
          const lost = resultOf(await attempt(body));
          network.note(`${label}: ${lost.kind}, answer dropped; retried`);
          const retry = resultOf(await attempt(body));
          // Once posted, a key answers the same entry for ever.
          if (lost.kind === 'posted' && !samePosted(lost, retry)) {
            return { key, result: { kind: 'wrong', problem: `${label}: posted, then the retry answered ${JSON.stringify(retry)}` } };
          }
          return { key, result: retry };
        }
        case 'duplicate': {
          // The client sees the first copy's answer; the second is checked like any late copy.
          const [first, second] = await Promise.all([attempt(body), attempt(body)]);
          network.note(`${label}: arrived twice (${first.status}, ${second.status})`);
          if (first.status === 201 && second.status === 201) {
            return { key, result: { kind: 'wrong', problem: `${label}: two concurrent copies both answered 201` } };
          }
          return { key, result: resultOf(first), other: resultOf(second) };
        }
        case 'ghost': {
          network.holdGhost({
            sender: EC_SENDER,
            label,
            send: () => attempt(body),
            onLateAnswer: (answer) => options.onLateAnswer(key, resultOf(answer as Answer)),
          });
          network.note(`${label}: timed out; retried`);
          return { key, result: resultOf(await attempt(body)) };
        }
      }
    },
  };
}

/** Two answers that both posted the key must be the same entry (a 200 replays the 201's body). */
export function samePosted(first: EcResult, second: EcResult): boolean {
  return first.kind === 'posted' && second.kind === 'posted' && canonical(first.entry) === canonical(second.entry);
}

function resultOf(answer: Answer): EcResult {
  if (answer.status === 201 || answer.status === 200) return { kind: 'posted', entry: answer.body as ApiPointEntry };
  const error = (answer.body as { error?: unknown } | null)?.error;
  if (answer.status === 409 && error === 'insufficient-points') return { kind: 'refused', reason: error };
  return { kind: 'wrong', problem: `answered ${answer.status} ${JSON.stringify(answer.body)}` };
}
