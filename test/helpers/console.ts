/**
 * For tests that provoke an error the app logs on purpose (a 500, a failed
 * scheduler run): the log becomes an assertion instead of a stack trace in the
 * output of a passing `npm test`.
 */
import { vi } from 'vitest';

export interface CapturedErrors {
  /** The arguments of each console.error call since capturing began. */
  calls: unknown[][];
  restore: () => void;
}

/** Captures console.error until `restore()`; nothing reaches the terminal meanwhile. */
export function captureConsoleErrors(): CapturedErrors {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  return { calls: spy.mock.calls, restore: () => spy.mockRestore() };
}
