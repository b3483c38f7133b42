import type { FastifyRequest } from 'fastify';
import { TenpoError } from '../../src/protocol/index.ts';

/** The bearer credential of a request, or a 401 when there is none. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new TenpoError('unauthorized', 'missing bearer token');
  return match[1];
}
