import { HttpClient } from '@angular/common/http';
import { DOCUMENT, Injectable, inject, signal } from '@angular/core';
import { safeClientId } from './branding';
import { type TenantTheme, parseTenantTheme } from './tenant-theme';

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
  private readonly http = inject(HttpClient);
  private readonly pageOrigin = inject(DOCUMENT).location.origin;
  private readonly requested = new Set<string>();
  private readonly loaded = signal<ReadonlyMap<string, TenantTheme>>(new Map());

  /** Starts loading the theme of a client, unless it is already loading or loaded; `null` and unsafe ids are ignored. */
  load(clientId: string | null | undefined): void {
    const id = safeClientId(clientId);
    if (id === null || this.requested.has(id)) return;
    this.requested.add(id);
    this.http.get<unknown>(tenantThemePath(id)).subscribe({
      next: (json) => {
        const theme = parseTenantTheme(json, this.pageOrigin);
        if (theme !== null) this.loaded.update((themes) => new Map(themes).set(id, theme));
      },
      // No theme: a 404 is the normal case, and any other failure must not disturb the page either.
      error: () => undefined,
    });
  }

  /** The validated theme of a client, or `null` while it loads and when there is none (reactive). */
  themeOf(clientId: string | null): TenantTheme | null {
    return clientId === null ? null : (this.loaded().get(clientId) ?? null);
  }
}
