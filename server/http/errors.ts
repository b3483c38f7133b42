import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ErrorBody, ErrorCode } from '../../src/protocol/index.ts';
import { TenpoError } from '../../src/protocol/index.ts';
import { isDataException } from '../store/sql-errors.ts';

export interface ErrorReply {
  status: number;
  body: ErrorBody;
}

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && typeof (error as Partial<FastifyError>).statusCode === 'number';
}

/** The wire code for a Fastify-made 4xx (bad JSON, body too large, wrong media type…). */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not-found';
    case 413:
      return 'payload-too-large';
    default:
      return 'invalid-request';
  }
}

/**
 * Every error leaves the server as `{ error, message, details? }`. Our own
 * TenpoErrors say what they are; a value the database refuses and a Fastify
 * 4xx are bad input with a stable code; anything else is our fault: a 500
 * that reveals nothing inside.
 */
export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof TenpoError) return { status: error.status, body: error.toBody() };
  if (isDataException(error)) {
    return { status: 400, body: { error: 'invalid-request', message: `a value cannot be stored: ${error.message}` } };
  }
  if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    const status = error.statusCode;
    return { status, body: { error: codeForStatus(status), message: error.message } };
  }
  return { status: 500, body: { error: 'internal', message: 'internal server error' } };
}

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const { status, body } = toErrorReply(error);
  if (status >= 500) reply.log.error({ err: error }, 'request failed');
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));
}
