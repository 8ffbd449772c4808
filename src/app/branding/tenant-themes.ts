import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { FETCH, getJson } from '../config/fetch';
import { safeClientId } from './branding';
import { loadColorParser, needsColorParser } from './color';
import { type TenantTheme, themeValueChecks } from './tenant-theme';

/** Where the deploy-time theme of a client is served, relative to the page's base URL. */
export function tenantThemePath(clientId: string): string {
  return `themes/${encodeURIComponent(clientId)}.json`;
}

/**
 * Loads the optional deploy-time theme `themes/<client_id>.json` once per client and keeps the
 * validated result. A missing file (404, the normal case) or any error means "no theme": the cidaas
 * branding applies, silently.
 */
@Injectable({ providedIn: 'root' })
export class TenantThemes {
  private readonly fetch = inject(FETCH);
  private readonly pageOrigin = inject(DOCUMENT).location.origin;
  private readonly requests = new Map<string, Promise<void>>();
  private readonly loaded = signal<ReadonlyMap<string, TenantTheme>>(new Map());

  /**
   * Starts loading the theme of a client, unless it is already loading or loaded; `null` and unsafe
   * ids are ignored. The promise resolves (never rejects) once the theme is in {@link themeOf} or
   * known to be absent.
   */
  loadTheme(clientId: string | null | undefined): Promise<void> {
    const id = safeClientId(clientId);
    if (id === null) return Promise.resolve();
    const pending = this.requests.get(id);
    if (pending) return pending;
    // The theme's parser is a lazy chunk fetched alongside the theme, the full colour parser only for a
    // theme with a colour that is not plain hex: most clients have no theme, and the theme arrives after
    // first paint anyway, so neither need be in the initial bundle.
    const request = Promise.all([
      getJson(this.fetch, tenantThemePath(id)),
      import('./tenant-theme-parser'),
    ]).then(
      async ([json, { parseTenantTheme, themeColorValues }]) => {
        const colorParser = themeColorValues(json).some(needsColorParser)
          ? await loadColorParser()
          : undefined;
        const theme = parseTenantTheme(json, themeValueChecks(this.pageOrigin, colorParser));
        if (theme !== null) this.loaded.update((themes) => new Map(themes).set(id, theme));
      },
      // No theme: a 404 is the normal case, and any other failure (even of the parser's chunk) must not disturb the page either.
      () => undefined,
    );
    this.requests.set(id, request);
    return request;
  }

  /** The validated theme of a client, or `null` while it loads and when there is none (reactive). */
  themeOf(clientId: string | null): TenantTheme | null {
    return clientId === null ? null : (this.loaded().get(clientId) ?? null);
  }
}
