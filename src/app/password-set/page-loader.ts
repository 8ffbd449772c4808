import { Injectable, inject } from '@angular/core';
import { Translator } from '../i18n/translator';
import { Observable, catchError, forkJoin, from, map, of, tap } from 'rxjs';
import { TenantThemes } from '../branding/tenant-themes';
import { toApiError } from '../cidaas/api-error';
import { Auth0Client } from '../auth0/auth0-client';
import { CidaasClient } from '../cidaas/cidaas-client';
import type { ClientInfo, PreloginMetadata } from '../cidaas/cidaas-types';
import type { SupportedLanguage } from '../i18n/locale';
import { PageState, toPageData } from './page-data';
import type { PageParams } from './page-params';

/**
 * Loads everything the page needs, in parallel: the translations, the client info (E3), the field
 * setup (E5) and the track metadata (E7) — or, in Auth0 mode, the session context from the page's
 * server. Never errors: every outcome is a {@link PageState}.
 */
@Injectable({ providedIn: 'root' })
export class PageLoader {
  private readonly client = inject(CidaasClient);
  private readonly themes = inject(TenantThemes);
  private readonly auth0 = inject(Auth0Client);
  private readonly translate = inject(Translator);

  /** Loads the page for the given parameters and language. */
  load(params: PageParams, language: SupportedLanguage): Observable<PageState> {
    return forkJoin({ translations: this.loadTranslations(language), state: this.loadState(params, language) }).pipe(
      map(({ state }) => state),
    );
  }

  /** Loads the translations and, when a request is known, the client info for branding; never errors. */
  loadBranding(requestId: string | null, language: SupportedLanguage): Observable<ClientInfo | null> {
    return forkJoin({ translations: this.loadTranslations(language), clientInfo: this.brandingFor(requestId, language) }).pipe(
      map(({ clientInfo }) => clientInfo),
    );
  }

  private loadTranslations(language: SupportedLanguage): Observable<unknown> {
    // Never fails: a missing or broken translation file leaves the page in the bundled English.
    return from(this.translate.use(language));
  }

  private loadState(params: PageParams, language: SupportedLanguage): Observable<PageState> {
    if (!params.ok) {
      const exitUrl = params.requestId ? this.client.resolveRedirectUrl(params.requestId) : null;
      return this.brandingFor(params.requestId, language).pipe(
        map((clientInfo): PageState => ({ kind: 'dead-end', reason: params.problem, exitUrl, clientInfo })),
      );
    }
    return params.platform === 'auth0' ? this.loadAuth0(params) : this.loadCidaas(params, language);
  }

  private loadCidaas(params: Extract<PageParams, { platform: 'cidaas' }>, language: SupportedLanguage): Observable<PageState> {
    const target = params.target;
    const exitUrl = this.client.resolveRedirectUrl(params.requestId);
    const expiredReason = target.mode === 'change' ? 'expired-track' : 'expired-reset';
    if (params.error?.code === 'track_expired') {
      return this.brandingFor(params.requestId, language).pipe(
        map((clientInfo): PageState => ({ kind: 'dead-end', reason: expiredReason, exitUrl, clientInfo })),
      );
    }
    return forkJoin({
      // The tenant theme needs only the client id: fetch it while the other requests are still running.
      clientInfo: this.client.getClientInfo({ requestId: params.requestId, acceptlanguage: language }).pipe(tap((info) => this.themes.load(info.client_id))),
      // The page has its own labels, so a failing field setup only costs the tenant's wording.
      fieldSetup: this.client.getRegistrationSetup({ requestId: params.requestId, acceptlanguage: language }).pipe(catchError(() => of([]))),
      // Likewise the metadata: it only lets us tell an expired link early. `undefined` = unknown.
      metadata:
        target.mode === 'change' ? this.client.getPreloginMetadata(target.lsid).pipe(catchError(() => of(undefined))) : of(undefined),
    }).pipe(
      map(({ clientInfo, fieldSetup, metadata }): PageState => {
        if (metadata === null) return { kind: 'dead-end', reason: expiredReason, exitUrl, clientInfo };
        return { kind: 'ready', data: toPageData(params, exitUrl, clientInfo, fieldSetup, metadata ?? null) };
      }),
      catchError((error: unknown) => of(this.failure(error))),
    );
  }

  private loadAuth0(params: Extract<PageParams, { platform: 'auth0' }>): Observable<PageState> {
    const exitUrl = this.auth0.cancelUrl(params.target.state);
    if (params.error?.code === 'track_expired') {
      return of<PageState>({ kind: 'dead-end', reason: 'expired-track', exitUrl, clientInfo: null });
    }
    return this.auth0.getContext(params.target.sessionToken).pipe(
      map((context): PageState => {
        const metadata: PreloginMetadata = {
          precheck: 'password_change',
          username: context.email ?? undefined,
          reason: context.reason ?? undefined,
          expires_at: context.expiresAt ?? undefined,
        };
        const clientInfo = context.passwordPolicy ? { password_policy: context.passwordPolicy } : {};
        return { kind: 'ready', data: toPageData(params, exitUrl, clientInfo, [], metadata) };
      }),
      catchError((error: unknown) => {
        const state = this.failure(error);
        return of<PageState>(state.kind === 'dead-end' ? { ...state, reason: 'expired-track', exitUrl } : state);
      }),
    );
  }

  /** The page state for a start-up error. */
  private failure(error: unknown): PageState {
    const apiError = toApiError(error);
    switch (apiError.kind) {
      case 'expired':
        return { kind: 'dead-end', reason: 'expired-request', exitUrl: null, clientInfo: null };
      case 'invalid-request':
        return { kind: 'dead-end', reason: 'malformed-request-id', exitUrl: null, clientInfo: null };
      case 'network':
      case 'timeout':
      case 'server':
      case 'bad-response':
        return { kind: 'failed', error: apiError };
    }
  }

  private brandingFor(requestId: string | null, language: SupportedLanguage): Observable<ClientInfo | null> {
    if (requestId === null) return of(null);
    return this.client.getClientInfo({ requestId, acceptlanguage: language }).pipe(
      tap((info) => this.themes.load(info.client_id)),
      catchError(() => of(null)),
    );
  }
}

