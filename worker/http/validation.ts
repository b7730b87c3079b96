/**
 * The one validation hook: every schema failure becomes VALIDATION_FAILED with
 * a message naming the first bad field and the list of all issues in details.
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

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook is shared by routes of every input type
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return;
  const issues = describeIssues(result.error.issues);
  const first = issues[0];
  const where = result.target === 'json' ? '' : `${result.target} `;
  const prefix = first?.path && !first.message.startsWith(first.path) ? `${first.path}: ` : '';
  const head = first ? `${where}${prefix}${first.message}` : 'invalid request';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  throw new ApiError('VALIDATION_FAILED', head + more, { issues });
};
