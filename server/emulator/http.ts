import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Request } from 'express';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether the value is a UUID in its canonical textual form (any version). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID_PATTERN.test(value);
}

/** Reads a single query parameter as a string: the first value when repeated, `undefined` when absent or not a string. */
export function queryParam(req: Request, name: string): string | undefined {
  const value = ownProperty(req.query, name);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

/** Reads a field of a parsed urlencoded or JSON body as a string ('' when absent or not a string). */
export function bodyField(req: Request, name: string): string {
  const value = ownProperty(req.body, name);
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** An own property of an object-like value, or `undefined`; inherited keys such as `__proto__` never match. */
export function ownProperty(value: unknown, name: string): unknown {
  if (!value || typeof value !== 'object' || !Object.hasOwn(value, name)) return undefined;
  const property: unknown = Reflect.get(value, name);
  return property;
}

/** The origin the client used to reach us (scheme and Host header), e.g. `http://localhost:4200`. */
export function requestOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

/** Builds a same-origin relative URL from a path and parameters, skipping parameters that are `undefined`. */
export function relativeUrl(
  path: string,
  params: Readonly<Record<string, string | undefined>>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.append(key, value);
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

/** Whether a path belongs to a JSON API of the emulator (errors there are answered with JSON, not HTML). */
export function isJsonApiPath(path: string): boolean {
  return /^\/(?:__emulator|public-srv|registration-setup-srv|fieldsetup-srv|user-srv|token-srv)(?:\/|$)/.test(
    path,
  );
}

/**
 * A body-parser `verify` hook for urlencoded forms: refuses (400) a body that is not valid UTF-8 or
 * holds a malformed percent-escape (`%FF`, `%C0%AF`, an encoded lone surrogate, a bare `%`), which no
 * browser sends. Without it such bytes silently become U+FFFD, and a password the user never typed
 * could be stored.
 */
export function rejectMalformedFormEncoding(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
): void {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    for (const component of text.split(/[&=]/)) decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    throw Object.assign(new Error('The form body is not valid UTF-8 percent-encoding.'), {
      status: 400,
      type: 'entity.verify.failed',
    });
  }
}
