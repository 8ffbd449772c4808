import { Injectable, inject } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { Observable, catchError, forkJoin, map, of } from 'rxjs';
import { toApiError } from '../cidaas/api-error';
import { CidaasClient } from '../cidaas/cidaas-client';
import type { ClientInfo } from '../cidaas/cidaas-types';
import { DEFAULT_LANGUAGE, SupportedLanguage } from '../i18n/locale';
import { PageState, toPageData } from './page-data';
import type { PageParams } from './page-params';

/**
 * Loads everything the page needs, in parallel: the translations, the client info (E3), the field
 * setup (E5) and the track metadata (E7). Never errors: every outcome is a {@link PageState}.
 */
@Injectable({ providedIn: 'root' })
export class PageLoader {
  private readonly client = inject(CidaasClient);
  private readonly translate = inject(TranslateService);

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
    // A missing or broken translation file must not blank the page: English is bundled.
    return this.translate.use(language).pipe(catchError(() => this.translate.use(DEFAULT_LANGUAGE)));
  }

  private loadState(params: PageParams, language: SupportedLanguage): Observable<PageState> {
    if (!params.ok) {
      return this.brandingFor(params.requestId, language).pipe(
        map((clientInfo): PageState => ({ kind: 'dead-end', reason: params.problem, requestId: params.requestId, clientInfo })),
      );
    }
    const expiredReason = params.target.mode === 'change' ? 'expired-track' : 'expired-reset';
    if (params.error?.code === 'track_expired') {
      return this.brandingFor(params.requestId, language).pipe(
        map((clientInfo): PageState => ({ kind: 'dead-end', reason: expiredReason, requestId: params.requestId, clientInfo })),
      );
    }
    const target = params.target;
    return forkJoin({
      clientInfo: this.client.getClientInfo({ requestId: params.requestId, acceptlanguage: language }),
      // The page has its own labels, so a failing field setup only costs the tenant's wording.
      fieldSetup: this.client.getRegistrationSetup({ requestId: params.requestId, acceptlanguage: language }).pipe(catchError(() => of([]))),
      // Likewise the metadata: it only lets us tell an expired link early. `undefined` = unknown.
      metadata:
        target.mode === 'change' ? this.client.getPreloginMetadata(target.lsid).pipe(catchError(() => of(undefined))) : of(undefined),
    }).pipe(
      map(({ clientInfo, fieldSetup, metadata }): PageState => {
        if (metadata === null) {
          return { kind: 'dead-end', reason: expiredReason, requestId: params.requestId, clientInfo };
        }
        return { kind: 'ready', data: toPageData(params, clientInfo, fieldSetup, metadata ?? null) };
      }),
      catchError((error: unknown) => {
        const apiError = toApiError(error);
        switch (apiError.kind) {
          case 'expired':
            return of<PageState>({ kind: 'dead-end', reason: 'expired-request', requestId: null, clientInfo: null });
          case 'invalid-request':
            return of<PageState>({ kind: 'dead-end', reason: 'malformed-request-id', requestId: null, clientInfo: null });
          case 'network':
          case 'timeout':
          case 'server':
          case 'bad-response':
            return of<PageState>({ kind: 'failed', error: apiError });
        }
      }),
    );
  }

  private brandingFor(requestId: string | null, language: SupportedLanguage): Observable<ClientInfo | null> {
    if (requestId === null) return of(null);
    return this.client.getClientInfo({ requestId, acceptlanguage: language }).pipe(catchError(() => of(null)));
  }
}

