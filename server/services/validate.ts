import type { z } from 'zod';
import { TenpoError } from '../../src/protocol/index.ts';

export interface IssueDetail {
  path: string;
  message: string;
}

export function issueDetails(error: z.ZodError): IssueDetail[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Parses or throws a 400 `invalid-request` that says which fields were wrong. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new TenpoError('invalid-request', `invalid ${what}`, 400, issueDetails(result.error));
}

/**
 * Parses every item, and if any fails throws one 400 listing each bad item by
 * index: the tablet learns everything wrong with the batch from one answer.
 */
export function parseEach<S extends z.ZodType>(schema: S, values: readonly unknown[], what: string): z.output<S>[] {
  const parsed: z.output<S>[] = [];
  const bad: { index: number; issues: IssueDetail[] }[] = [];
  values.forEach((value, index) => {
    const result = schema.safeParse(value);
    if (result.success) parsed.push(result.data);
    else bad.push({ index, issues: issueDetails(result.error) });
  });
  if (bad.length > 0) throw new TenpoError('invalid-request', `invalid ${what}`, 400, bad);
  return parsed;
}
