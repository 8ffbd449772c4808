import type { NextFunction, Request, RequestHandler, Response } from 'express';

import { ownProperty } from './http';

/** A fault to inject, as posted to `POST /__emulator/faults`. */
export interface FaultSpec {
  /** Glob matched against the request path: `*` stays within one segment, `**` matches anything. */
  readonly path: string;
  /** Status to answer with (default 500 when `body` is given without it). */
  readonly status?: number | undefined;
  /** Delay before the fault (or the normal handling) happens, in ms. */
  readonly delayMs?: number | undefined;
  /** Whether to destroy the socket instead of answering (a network error for the client). */
  readonly drop?: boolean | undefined;
  /** How many matching requests the fault applies to; unlimited when absent. */
  readonly times?: number | undefined;
  /** Raw response body (e.g. deliberately broken JSON); a JSON error envelope when absent. */
  readonly body?: string | undefined;
  /** Content type of the response; `application/json; charset=utf-8` when absent. */
  readonly contentType?: string | undefined;
}

/** A registered fault. */
export interface Fault extends FaultSpec {
  /** Identifier, for the listing. */
  readonly id: number;
  /** How many more times it applies (`undefined`: unlimited). */
  remaining: number | undefined;
}

/** Largest accepted delay: long enough for any loading-state test, short enough never to hang a run. */
export const MAX_DELAY_MS = 60_000;

/** The longest fault glob accepted: far longer than any emulated path, and it bounds the matching work. */
export const MAX_GLOB_LENGTH = 512;

/** A piece of a compiled glob: one literal character, `*` (anything but `/`) or `**` (anything). */
type GlobToken =
  | { readonly kind: 'char'; readonly char: string }
  | { readonly kind: 'segment' }
  | { readonly kind: 'any' };

/** Whether a path matches a glob; see {@link compileGlob}. */
export type PathMatcher = (path: string) => boolean;

/**
 * Compiles a path glob into a matcher that runs in time proportional to the path's length times the
 * glob's, whatever both are: `**` matches anything, `*` anything but `/`, every other character itself
 * (a run of two or more `*` is `**`). It simulates the glob's automaton (every position at once) rather
 * than backtracking as a regular expression does: `/*a*a*a…b` against a long path of `a`s froze the
 * emulator when globs were compiled to RegExps.
 */
export function compileGlob(glob: string): PathMatcher {
  const tokens: GlobToken[] = [];
  for (let index = 0; index < glob.length;) {
    if (glob[index] !== '*') {
      tokens.push({ kind: 'char', char: glob.charAt(index) });
      index += 1;
      continue;
    }
    let end = index;
    while (glob[end] === '*') end += 1;
    tokens.push(end - index >= 2 ? { kind: 'any' } : { kind: 'segment' });
    index = end;
  }
  const count = tokens.length;
  // active[i]: the path read so far can be matched by the first i tokens. A star may match nothing, so
  // whoever reaches it also reaches the token after it (one pass, left to right, since stars only skip forward).
  const close = (active: Uint8Array): void => {
    for (let state = 0; state < count; state += 1) {
      if (active[state] === 1 && tokens[state]?.kind !== 'char') active[state + 1] = 1;
    }
  };
  return (path) => {
    let active = new Uint8Array(count + 1);
    let next = new Uint8Array(count + 1);
    active[0] = 1;
    close(active);
    // By UTF-16 code unit, as the glob was read (and as a RegExp without the u flag would).
    for (let position = 0; position < path.length; position += 1) {
      const char = path.charAt(position);
      next.fill(0);
      let any = false;
      for (let state = 0; state < count; state += 1) {
        if (active[state] !== 1) continue;
        const token = tokens[state];
        if (token?.kind === 'char') {
          if (token.char === char) next[state + 1] = 1;
        } else if (token?.kind === 'any' || char !== '/') {
          next[state] = 1;
        } else {
          continue;
        }
        any = true;
      }
      if (!any) return false;
      close(next);
      [active, next] = [next, active];
    }
    return active[count] === 1;
  };
}

/** Validates a fault posted to the control API: the spec, or a message saying what is wrong. */
export function parseFaultSpec(value: unknown): FaultSpec | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'body must be a JSON object';
  const path = ownProperty(value, 'path');
  const status = ownProperty(value, 'status');
  const delayMs = ownProperty(value, 'delayMs');
  const drop = ownProperty(value, 'drop');
  const times = ownProperty(value, 'times');
  const body = ownProperty(value, 'body');
  const contentType = ownProperty(value, 'contentType');
  if (typeof path !== 'string' || !path.startsWith('/'))
    return 'path must be a string starting with "/"';
  if (path.length > MAX_GLOB_LENGTH) return `path must be at most ${MAX_GLOB_LENGTH} characters`;
  if (
    status !== undefined &&
    !(Number.isInteger(status) && typeof status === 'number' && status >= 200 && status <= 599)
  ) {
    return 'status must be an integer from 200 to 599';
  }
  if (
    delayMs !== undefined &&
    !(typeof delayMs === 'number' && delayMs >= 0 && delayMs <= MAX_DELAY_MS)
  ) {
    return `delayMs must be a number from 0 to ${MAX_DELAY_MS}`;
  }
  if (drop !== undefined && typeof drop !== 'boolean') return 'drop must be a boolean';
  if (times !== undefined && !(typeof times === 'number' && Number.isInteger(times) && times > 0)) {
    return 'times must be a positive integer';
  }
  if (body !== undefined && typeof body !== 'string') return 'body must be a string';
  if (contentType !== undefined && typeof contentType !== 'string')
    return 'contentType must be a string';
  if (drop === undefined && status === undefined && body === undefined && delayMs === undefined) {
    return 'a fault needs at least one of status, body, drop or delayMs';
  }
  return { path, status, delayMs, drop, times, body, contentType };
}

interface RegisteredFault {
  readonly fault: Fault;
  readonly matches: PathMatcher;
}

/** The faults currently injected, and the middleware that applies them. */
export class FaultRegistry {
  private faults: RegisteredFault[] = [];
  private nextId = 1;

  /** Registers a fault. */
  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.nextId++, remaining: spec.times };
    this.faults.push({ fault, matches: compileGlob(spec.path) });
    return fault;
  }

  /** Removes every fault; returns how many there were. */
  clear(): number {
    const count = this.faults.length;
    this.faults = [];
    return count;
  }

  /** The registered faults, oldest first. */
  list(): readonly Fault[] {
    return this.faults.map((entry) => entry.fault);
  }

  /** The first fault matching a path, consuming one of its `times`; `undefined` when none applies. */
  take(path: string): Fault | undefined {
    const entry = this.faults.find((candidate) => candidate.matches(path));
    if (!entry) return undefined;
    const fault = entry.fault;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0)
        this.faults = this.faults.filter((candidate) => candidate !== entry);
    }
    return fault;
  }

  /**
   * Middleware applying the faults to every request outside `/__emulator`, before routing: optional
   * delay (a timer, never a busy wait), then drop the connection, answer with the fault's status and
   * body, or carry on normally when the fault is only a delay.
   */
  middleware(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (req.path === '/__emulator' || req.path.startsWith('/__emulator/')) return next();
      const fault = this.take(req.path);
      if (!fault) return next();
      const apply = (): void => {
        if (fault.drop === true) {
          req.socket.destroy();
          return;
        }
        if (fault.status === undefined && fault.body === undefined) return next();
        const status = fault.status ?? 500;
        res.status(status).set('Cache-Control', 'no-store');
        res.type(fault.contentType ?? 'application/json; charset=utf-8');
        res.send(
          fault.body ??
            JSON.stringify({
              success: false,
              status,
              error: 'emulated_fault',
              error_description: 'Injected by the cidaas emulator',
            }),
        );
      };
      if (fault.delayMs !== undefined && fault.delayMs > 0) setTimeout(apply, fault.delayMs);
      else apply();
    };
  }
}
