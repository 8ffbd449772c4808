import type { Request } from 'express';

/**
 * The status to answer an error that reached an Express error handler with: the error's own 4xx
 * (body-parser's 400 for bad JSON, 413 for too large, a malformed URL's 400), anything else 500.
 * A 500 is logged with the request's method and path and the error's name only: its message or
 * stack may echo what the request carried.
 */
export function errorStatus(error: unknown, req: Request, server: string): number {
  const status: unknown =
    typeof error === 'object' && error !== null ? Reflect.get(error, 'status') : undefined;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  console.error(
    `${server}: internal error on ${req.method} ${req.path}:`,
    error instanceof Error ? error.name : 'unknown',
  );
  return 500;
}
