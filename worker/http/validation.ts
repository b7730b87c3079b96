/**
 * The one way a zod failure becomes an error: VALIDATION_FAILED with the list
 * of all issues in details. The validator hook of every route uses it, and so
 * does every handler that validates a body it had to read itself (CSV,
 * signed webhooks, forms) through {@link parseInput}.
 */
import type { Hook } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import { ApiError } from '../errors';

export interface ValidationIssue {
  path: string;
  message: string;
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): ValidationIssue[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    let message = issue.message;
    if (issue.code === 'unrecognized_keys') message = `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`;
    if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = `${path || 'value'} is required`;
    return { path, message };
  });
}

export interface IssueWording {
  /**
   * Who reads the message. `api` (the default): the first bad field, named,
   * and how many more problems there are. `form`: every problem in words for
   * the person who filled the form, which shows beside the fields anyway.
   */
  audience?: 'api' | 'form';
  /** Where the input came from, said first (`query`, `param`); nothing for a JSON body. */
  target?: string;
  /** Names the first bad field for the message (e.g. by its CSV row); by default its path. */
  name?: (path: string) => string | undefined;
}

/** The VALIDATION_FAILED error for a failed parse, worded for its reader. */
export function validationError(zodIssues: readonly z.core.$ZodIssue[], wording: IssueWording = {}): ApiError {
  const issues = describeIssues(zodIssues);
  if (wording.audience === 'form') return new ApiError('VALIDATION_FAILED', issues.map((i) => i.message).join('; '), { issues });
  const first = issues[0];
  const where = wording.target ? `${wording.target} ` : '';
  const named = first && wording.name ? wording.name(first.path) : undefined;
  const prefix = named !== undefined ? named : first?.path && !first.message.startsWith(first.path) ? `${first.path}: ` : '';
  const head = first ? `${where}${prefix}${first.message}` : 'invalid request';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return new ApiError('VALIDATION_FAILED', head + more, { issues });
}

/**
 * Parses input that no route validator saw, failing the way the validator hook does.
 *
 * @example
 * const order = parseInput(OrderSchema, parseJson(text, 'webhook body'));
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, wording?: IssueWording): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(parsed.error.issues, wording);
  return parsed.data;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook is shared by routes of every input type
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return;
  throw validationError(result.error.issues, { target: result.target === 'json' ? undefined : result.target });
};
