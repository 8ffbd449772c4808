import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { PasswordChangeReason } from '../../src/contract/change-reasons';
import type { ClientInfo as WireClientInfo } from '../../src/contract/cidaas-types';
import type { PasswordPolicy } from '../../src/contract/password-policy';
import { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from './passwords';

/**
 * The public branding and policy of a client: E3 `data`, the contract's type, writable (the control
 * API changes it) and with the `client_id` the emulator always has.
 */
export type ClientInfo = { -readonly [K in keyof WireClientInfo]: WireClientInfo[K] } & {
  client_id: string;
};

/** The string fields of {@link ClientInfo} that the control API may set. */
export const CLIENT_STRING_FIELDS = [
  'client_name',
  'client_display_name',
  'logo_uri',
  'primaryColor',
  'accentColor',
  'backgroundUri',
  'policy_uri',
  'tos_uri',
  'imprint_uri',
  'copy_right_info',
] as const;

/**
 * Whether a value can be stored as a `password_policy`: any JSON object. Its fields are deliberately
 * not sanitized, because the policy module ignores malformed values itself and the page must cope
 * with whatever a tenant sends.
 */
export function isPolicyObject(value: unknown): value is PasswordPolicy {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A user account of the emulated tenant. */
export interface UserRecord {
  /** The subject identifier (UUID). */
  readonly sub: string;
  /** The login name, an email address, stored lowercase. */
  readonly username: string;
  /** The email address (same as the username here). */
  readonly email: string;
  /** The given name, shown nowhere important. */
  readonly given_name: string;
  /** The family name. */
  readonly family_name: string;
  /** The scrypt hash of the current password. */
  passwordHash: string;
  /** Hashes of previous passwords, newest first, at most {@link PASSWORD_HISTORY_SIZE}. */
  history: string[];
  /** Whether the next login must go through password_set. */
  mustChangePassword: boolean;
  /** Why the change is required, when it is. */
  reason: PasswordChangeReason | undefined;
  /** Wrong current passwords in a row on password_set. */
  failedAttempts: number;
  /** Until when (epoch ms) password_set refuses this user, after too many wrong current passwords. */
  lockedUntil: number | undefined;
}

/** A pending authorization request (E1), identified by `requestId`. */
export interface LoginRequest {
  readonly requestId: string;
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly state: string | undefined;
  readonly nonce: string | undefined;
  readonly scope: string;
  readonly ui_locales: string | undefined;
  /** When it was created (epoch ms). */
  readonly created: number;
}

/** What tracks and forgot-password requests share: they expire, and setting a password uses them up. */
export interface SingleUse {
  /** Expiry (epoch ms). */
  expiresAt: number;
  /** Whether a new password was set with it. */
  used: boolean;
}

/** A password-change track (`lsid`): valid for {@link TRACK_LIFETIME_MS}, single use. */
export interface Track extends SingleUse {
  readonly lsid: string;
  /** The `sub` of the user who must change the password. */
  readonly userId: string;
  readonly requestId: string;
  /** Wrong current passwords submitted on this track. */
  failedAttempts: number;
}

/** An authorization code: single use, valid for {@link CODE_LIFETIME_MS}. */
export interface AuthorizationCode {
  readonly code: string;
  readonly userId: string;
  readonly requestId: string;
  readonly expiresAt: number;
  used: boolean;
}

/**
 * A forgot-password request (`rprq`): the code step, then the exchange id that lets the page set a
 * new password through E11. Valid for {@link RESET_REQUEST_LIFETIME_MS}, single use.
 */
export interface ResetRequest extends SingleUse {
  readonly rprq: string;
  /** The `sub` of the account, or `undefined` when no account uses the email (no code can ever match). */
  readonly userId: string | undefined;
  /** The email as entered, normalized like a login name. */
  readonly username: string;
  /** The login request the reset started from (the success page signs in through it). */
  readonly requestId: string;
  /** The 6-digit code the tenant would email; `undefined` for unknown accounts. */
  readonly code: string | undefined;
  /** Issued once the code was validated; E11 requires it. */
  exchangeId: string | undefined;
  /** Wrong codes submitted so far. */
  failedCodeAttempts: number;
}

/** How long a forgot-password request stays valid (our decision: cidaas documents no lifetime). */
export const RESET_REQUEST_LIFETIME_MS = 15 * 60 * 1000;
/** Wrong codes after which a forgot-password request is void (our decision: a 6-digit code must not be guessable). */
export const MAX_RESET_CODE_ATTEMPTS = 5;

/** How long a track stays valid. */
export const TRACK_LIFETIME_MS = 60 * 60 * 1000;
/** How long an authorization code stays valid. */
export const CODE_LIFETIME_MS = 10 * 60 * 1000;
/**
 * Wrong current passwords in a row that lock password_set for a user. Decision: cidaas documents no
 * numbers for this precheck; 5 and {@link LOCKOUT_MS} follow common practice (PingAM's account-lockout
 * guide: a duration lockout of at least 15 minutes). E8 then answers `too_many_attempts` with `retry_after` in seconds (the unit
 * of HTTP's `Retry-After`, RFC 9110 section 10.2.3), also our decision.
 */
export const LOCKOUT_THRESHOLD = 5;
/** How long the lock lasts (our decision, see {@link LOCKOUT_THRESHOLD}). */
export const LOCKOUT_MS = 15 * 60 * 1000;
/** How many previous password hashes are kept and checked. */
export const PASSWORD_HISTORY_SIZE = 5;

// The emulator is long-running and never cleans up on its own; capping the maps keeps it bounded.
const MAX_ENTRIES = 10_000;

/** A user as the seed file and the control API describe it (plain password). */
export interface UserInput {
  readonly username: string;
  readonly password: string;
  readonly mustChangePassword: boolean;
  readonly reason?: PasswordChangeReason | undefined;
  readonly sub?: string | undefined;
  readonly given_name?: string | undefined;
  readonly family_name?: string | undefined;
  /** Previous passwords, newest first; they become the history. */
  readonly previousPasswords?: readonly string[] | undefined;
}

/** The content of `seed.json`. */
export interface Seed {
  readonly clients: readonly ClientInfo[];
  readonly users: readonly UserInput[];
}

/** Reads the bundled `seed.json`. */
export function loadSeed(): Seed {
  const parsed: unknown = JSON.parse(readFileSync(join(__dirname, 'seed.json'), 'utf8'));
  if (!isSeed(parsed)) throw new Error('server/emulator/seed.json is malformed');
  return parsed;
}

function isSeed(value: unknown): value is Seed {
  if (typeof value !== 'object' || value === null) return false;
  const clients: unknown = Reflect.get(value, 'clients');
  const users: unknown = Reflect.get(value, 'users');
  return (
    Array.isArray(clients) &&
    clients.every(
      (client: unknown) =>
        typeof client === 'object' &&
        client !== null &&
        typeof Reflect.get(client, 'client_id') === 'string',
    ) &&
    Array.isArray(users) &&
    users.every(
      (user: unknown) =>
        typeof user === 'object' &&
        user !== null &&
        typeof Reflect.get(user, 'username') === 'string' &&
        typeof Reflect.get(user, 'password') === 'string' &&
        typeof Reflect.get(user, 'mustChangePassword') === 'boolean',
    )
  );
}

/** How to construct an {@link EmulatorStore}. */
export interface StoreOptions {
  /** The clock (epoch ms); inject one in tests to expire things without sleeping. Defaults to `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** The scrypt cost N for new hashes; tests lower it for speed. Defaults to {@link DEFAULT_SCRYPT_COST}. */
  readonly scryptCost?: number | undefined;
  /** The data to start from and to restore on reset. Defaults to `seed.json`. */
  readonly seed?: Seed | undefined;
}

function setBounded<V>(map: Map<string, V>, key: string, value: V): void {
  map.set(key, value);
  if (map.size > MAX_ENTRIES) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

/** The in-memory state of the emulated cidaas tenant. */
export class EmulatorStore {
  private readonly clock: () => number;
  private readonly scryptCost: number;
  private readonly seed: Seed;
  private clockOffset = 0;
  private clients = new Map<string, ClientInfo>();
  private users = new Map<string, UserRecord>();
  private requests = new Map<string, LoginRequest>();
  private tracks = new Map<string, Track>();
  private codes = new Map<string, AuthorizationCode>();
  private resetRequests = new Map<string, ResetRequest>();
  // Verified against for unknown users, so a login takes as long whether or not the user exists.
  private dummyHash: Promise<string> | undefined;

  private constructor(options: StoreOptions) {
    this.clock = options.now ?? Date.now;
    this.scryptCost = options.scryptCost ?? DEFAULT_SCRYPT_COST;
    this.seed = options.seed ?? loadSeed();
  }

  /** Creates a store loaded with the seed (hashing its passwords takes a moment). */
  static async create(options: StoreOptions = {}): Promise<EmulatorStore> {
    const store = new EmulatorStore(options);
    await store.reset();
    return store;
  }

  /** The current time (epoch ms): the injected clock plus any offset set through the control API. */
  now(): number {
    return this.clock() + this.clockOffset;
  }

  /** Moves the emulator's clock forward (tests: expire tracks and locks without sleeping). */
  advanceClock(ms: number): void {
    this.clockOffset += ms;
  }

  /** Restores the seed: clients and users; clears requests, tracks, codes, reset requests and the clock offset. */
  async reset(): Promise<void> {
    const users = new Map<string, UserRecord>();
    for (const input of this.seed.users) {
      const user = await this.buildUser(input, undefined);
      users.set(user.username, user);
    }
    // Swap everything at once so a request during the (async) hashing never sees half a reset.
    this.clients = new Map(
      this.seed.clients.map((client) => [client.client_id, structuredClone(client)]),
    );
    this.users = users;
    this.requests = new Map();
    this.tracks = new Map();
    this.codes = new Map();
    this.resetRequests = new Map();
    this.clockOffset = 0;
  }

  /** Hashes a password with the store's scrypt cost. */
  hash(password: string): Promise<string> {
    return hashPassword(password, this.scryptCost);
  }

  private async buildUser(input: UserInput, existingSub: string | undefined): Promise<UserRecord> {
    const username = normalizeUsername(input.username);
    const history: string[] = [];
    for (const previous of (input.previousPasswords ?? []).slice(0, PASSWORD_HISTORY_SIZE)) {
      history.push(await this.hash(previous));
    }
    return {
      sub: input.sub ?? existingSub ?? randomUUID(),
      username,
      email: username,
      given_name: input.given_name ?? username.split('@')[0] ?? username,
      family_name: input.family_name ?? '',
      passwordHash: await this.hash(input.password),
      history,
      mustChangePassword: input.mustChangePassword,
      reason: input.mustChangePassword ? (input.reason ?? 'first_login') : undefined,
      failedAttempts: 0,
      lockedUntil: undefined,
    };
  }

  /** A client by id. */
  getClient(clientId: string): ClientInfo | undefined {
    return this.clients.get(clientId);
  }

  /** Merges a partial client into the stored one (creating it if new); `password_policy` is replaced when given. */
  upsertClient(clientId: string, patch: Omit<Partial<ClientInfo>, 'client_id'>): ClientInfo {
    const merged: ClientInfo = {
      ...(this.clients.get(clientId) ?? {}),
      ...patch,
      client_id: clientId,
    };
    this.clients.set(clientId, merged);
    return merged;
  }

  /** A user by login name (case-insensitive). */
  findUser(username: string): UserRecord | undefined {
    return this.users.get(normalizeUsername(username));
  }

  /** A user by `sub`. */
  getUser(sub: string): UserRecord | undefined {
    for (const user of this.users.values()) {
      if (user.sub === sub) return user;
    }
    return undefined;
  }

  /** Creates or replaces a user (a replaced user keeps its `sub`, so open tracks still point at it). */
  async upsertUser(input: UserInput): Promise<UserRecord> {
    const existing = this.findUser(input.username);
    const user = await this.buildUser(input, existing?.sub);
    this.users.set(user.username, user);
    return user;
  }

  /** The user whose username and password match, or `undefined`. Unknown users cost as much time as known ones. */
  async authenticate(username: string, password: string): Promise<UserRecord | undefined> {
    const user = this.findUser(username);
    if (!user) {
      this.dummyHash ??= this.hash('dummy password for unknown users');
      await verifyPassword(password, await this.dummyHash);
      return undefined;
    }
    return (await verifyPassword(password, user.passwordHash)) ? user : undefined;
  }

  /** Records a new login request (E1). */
  createLoginRequest(input: Omit<LoginRequest, 'requestId' | 'created'>): LoginRequest {
    const request: LoginRequest = { ...input, requestId: randomUUID(), created: this.now() };
    setBounded(this.requests, request.requestId, request);
    return request;
  }

  /** A login request by id (case-insensitive UUID). */
  getLoginRequest(requestId: string): LoginRequest | undefined {
    return this.requests.get(requestId.toLowerCase());
  }

  /** Creates a password-change track for a user and a login request. */
  createTrack(user: UserRecord, request: LoginRequest): Track {
    const track: Track = {
      lsid: randomUUID(),
      userId: user.sub,
      requestId: request.requestId,
      expiresAt: this.now() + TRACK_LIFETIME_MS,
      used: false,
      failedAttempts: 0,
    };
    setBounded(this.tracks, track.lsid, track);
    return track;
  }

  /** A track by `lsid` (case-insensitive UUID), whether usable or not. */
  getTrack(lsid: string): Track | undefined {
    return this.tracks.get(lsid.toLowerCase());
  }

  /** Whether a track or a forgot-password request can still be used: not expired and not used. */
  isUsable(record: SingleUse): boolean {
    return !record.used && record.expiresAt > this.now();
  }

  /** Expires a track now. Returns whether it existed. */
  expireTrack(lsid: string): boolean {
    return this.expireNow(this.getTrack(lsid));
  }

  /**
   * Records a forgot-password request for an email. An email no account uses still gets a request
   * (same shape, same lifetime) but no code, so the flow looks the same whether or not the account exists.
   */
  createResetRequest(email: string, request: LoginRequest): ResetRequest {
    const user = this.findUser(email);
    const reset: ResetRequest = {
      rprq: randomUUID(),
      userId: user?.sub,
      username: normalizeUsername(email),
      requestId: request.requestId,
      code: user ? String(randomInt(0, 1_000_000)).padStart(6, '0') : undefined,
      exchangeId: undefined,
      expiresAt: this.now() + RESET_REQUEST_LIFETIME_MS,
      used: false,
      failedCodeAttempts: 0,
    };
    setBounded(this.resetRequests, reset.rprq, reset);
    return reset;
  }

  /** A forgot-password request by `rprq` (case-insensitive UUID), whether usable or not. */
  getResetRequest(rprq: string): ResetRequest | undefined {
    return this.resetRequests.get(rprq.toLowerCase());
  }

  /** Expires a forgot-password request now. Returns whether it existed. */
  expireResetRequest(rprq: string): boolean {
    return this.expireNow(this.getResetRequest(rprq));
  }

  private expireNow(record: SingleUse | undefined): boolean {
    if (!record) return false;
    record.expiresAt = Math.min(record.expiresAt, this.now());
    return true;
  }

  /** Issues a single-use authorization code for a user and a login request. */
  issueCode(user: UserRecord, request: LoginRequest): string {
    const code = randomBytes(24).toString('base64url');
    setBounded(this.codes, code, {
      code,
      userId: user.sub,
      requestId: request.requestId,
      expiresAt: this.now() + CODE_LIFETIME_MS,
      used: false,
    });
    return code;
  }

  /** Redeems a code once: the user and request it was issued for, or `undefined` if unknown, used or expired. */
  redeemCode(
    code: string,
  ): { readonly user: UserRecord; readonly request: LoginRequest } | undefined {
    const entry = this.codes.get(code);
    if (!entry || entry.used || entry.expiresAt <= this.now()) return undefined;
    entry.used = true;
    const user = this.getUser(entry.userId);
    const request = this.getLoginRequest(entry.requestId);
    return user && request ? { user, request } : undefined;
  }
}

/** The canonical form of a login name: trimmed and lowercase. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}
