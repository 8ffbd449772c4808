/**
 * The whole Auth0 flow on this machine: the Auth0 emulator on one origin (the "tenant"), and the
 * page host on another (the built password_set page plus the Auth0 mode's routes), wired together
 * the way a real deployment is. Used by `server/auth0/main.ts`, the HTTP flow test and e2e tests.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import express, { type Express } from 'express';

import { securityHeaders } from '../security-headers';
import { staticSiteRoutes } from '../static';
import {
  createAuth0Emulator,
  EMULATOR_CONNECTION,
  EMULATOR_M2M_CLIENT,
  type Auth0Emulator,
  type Auth0SeedUser,
} from './emulator';
import {
  auth0PasswordSetConfigFromEnv,
  auth0PasswordSetRoutes,
  type Auth0PasswordSetOptions,
} from './password-set';

/** The page path the Action sends users to (the same hosted-page path as the cidaas mode). */
export const AUTH0_PAGE_PATH = '/identity/password_set';

/** How to start the stack. */
export interface Auth0DevStackOptions {
  /** Port of the page host; 0 picks a free one. */
  readonly pagePort: number;
  /** Port of the Auth0 emulator; 0 picks a free one. */
  readonly auth0Port: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string | undefined;
  /** The built page; default the repository's dist folder (or `PAGE_DIST_DIR`). */
  readonly distDir?: string | undefined;
  /** The clock in epoch ms, shared by both servers; default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** scrypt cost for the emulator's password hashes. */
  readonly scryptCost?: number | undefined;
  /** The users the emulator seeds; default its demo users. */
  readonly users?: readonly Auth0SeedUser[] | undefined;
  /** Replaces the Management API client (tests of failure paths). */
  readonly directory?: Auth0PasswordSetOptions['directory'];
  /** The shared token secret; default a fresh random one per start (tests pass one to sign tokens themselves). */
  readonly sessionTokenSecret?: string | undefined;
  /**
   * Whether the tenant has a custom domain: then `127.0.0.1:<port>` is its canonical domain (the
   * Management API) and `localhost:<port>` the custom domain users sign in on (`/continue`), both
   * served by the one emulator, and the page server is configured with `AUTH0_CUSTOM_DOMAIN`.
   */
  readonly customDomain?: boolean | undefined;
}

/** A running stack. */
export interface Auth0DevStack {
  /** `http://<host>:<port>`: the page host. */
  readonly pageUrl: string;
  /** `http://<host>:<port>`: the Auth0 emulator on its canonical domain (tenant and demo application). */
  readonly auth0Url: string;
  /** Where users sign in: the custom domain's URL when there is one, else {@link auth0Url}. */
  readonly loginUrl: string;
  /** The emulator's state. */
  readonly emulator: Auth0Emulator;
  /** Stops both servers. */
  close(): Promise<void>;
}

async function listen(
  app: Express,
  port: number,
  host: string,
): Promise<{ readonly server: Server; readonly port: number }> {
  const server = app.listen(port, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return { server, port: (address satisfies AddressInfo).port };
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * Starts the Auth0 emulator, then the page host configured against it exactly as in production
 * (through `auth0PasswordSetConfigFromEnv`), with a fresh random `SESSION_TOKEN_SECRET` per run.
 */
export async function startAuth0DevStack(options: Auth0DevStackOptions): Promise<Auth0DevStack> {
  const host = options.host ?? '127.0.0.1';
  const sessionTokenSecret = options.sessionTokenSecret ?? randomBytes(32).toString('base64url');
  let pageUrl = '';
  let canonicalHost: string | undefined;
  const emulator = await createAuth0Emulator({
    secrets: () => ({
      PASSWORD_PAGE_URL: `${pageUrl}${AUTH0_PAGE_PATH}`,
      SESSION_TOKEN_SECRET: sessionTokenSecret,
    }),
    now: options.now,
    scryptCost: options.scryptCost,
    users: options.users,
    // Known once the emulator listens (its port), read by the emulator at each request.
    get canonicalHost() {
      return canonicalHost;
    },
  });
  const tenant = await listen(emulator.app, options.auth0Port, host);
  const publicHost = options.customDomain
    ? '127.0.0.1'
    : host === '0.0.0.0' || host === '::'
      ? 'localhost'
      : host;
  const auth0Url = `http://${publicHost}:${tenant.port}`;
  const customDomain = options.customDomain ? `localhost:${tenant.port}` : undefined;
  if (customDomain !== undefined) canonicalHost = `${publicHost}:${tenant.port}`;
  const loginUrl = customDomain === undefined ? auth0Url : `http://${customDomain}`;

  const config = auth0PasswordSetConfigFromEnv({
    AUTH0_DOMAIN: `${publicHost}:${tenant.port}`,
    ...(customDomain === undefined ? {} : { AUTH0_CUSTOM_DOMAIN: customDomain }),
    AUTH0_BASE_URL: auth0Url,
    AUTH0_CLIENT_ID: EMULATOR_M2M_CLIENT.clientId,
    AUTH0_CLIENT_SECRET: EMULATOR_M2M_CLIENT.clientSecret,
    SESSION_TOKEN_SECRET: sessionTokenSecret,
    AUTH0_CONNECTION_ID: EMULATOR_CONNECTION.id,
    AUTH0_CONNECTION: EMULATOR_CONNECTION.name,
    AUTH0_PASSWORD_PAGE_PATH: AUTH0_PAGE_PATH,
  });
  const pageApp = express();
  pageApp.disable('x-powered-by');
  pageApp.set('etag', false);
  // The page's POST to /continue ends in a redirect to the application (here on the emulator's
  // origins too); Chromium applies form-action to each of them.
  pageApp.use(
    securityHeaders({
      formActionExtra: [...new Set([new URL(config.continueUrl).origin, auth0Url, loginUrl])],
      hsts: false,
    }),
  );
  pageApp.use(auth0PasswordSetRoutes(config, { now: options.now, directory: options.directory }));
  pageApp.use(staticSiteRoutes(options.distDir));
  const page = await listen(pageApp, options.pagePort, host);
  pageUrl = `http://${publicHost}:${page.port}`;

  return {
    pageUrl,
    auth0Url,
    loginUrl,
    emulator,
    close: async () => {
      await Promise.all([close(page.server), close(tenant.server)]);
    },
  };
}
