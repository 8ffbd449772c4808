import { Injectable, inject } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { type Observable, defer, forkJoin, map } from 'rxjs';
import { toApiError } from '../cidaas/api-error';
import { Auth0Client } from '../auth0/auth0-client';
import { CIDAAS_CLIENT } from '../cidaas/cidaas-client';
import type { ClientInfo, PreloginMetadata } from '../../contract/cidaas-types';
import type { SupportedLanguage } from '../i18n/locale';
import { showPageIn } from '../i18n/page-language';
import { PageState, toPageData } from './page-data';
import type { PageParams } from '../../contract/page-params';

/** What the page shows when it could not get any translation file: it can still say so, and offer a retry. */
const NO_TRANSLATIONS: PageState = { kind: 'failed', error: { kind: 'network' } };

/**
 * Loads everything the page needs, in parallel: the translations, the client info (E3), the field
 * setup (E5) and the track metadata (E7) — or, in Auth0 mode, the session context from the page's
 * server. Never fails: every outcome is a {@link PageState}. Cold observables: nothing starts before
 * the page subscribes, and unsubscribing (a retry that replaces this load) stops what is still to come.
 */
@Injectable({ providedIn: 'root' })
export class PageLoader {
  private readonly client = inject(CIDAAS_CLIENT);
  private readonly auth0 = inject(Auth0Client);
  private readonly translate = inject(TranslateService);

  /** Loads the page for the given parameters in the given language; emits one state. */
  loadForm(params: PageParams, language: SupportedLanguage): Observable<PageState> {
    return forkJoin([
      showPageIn(this.translate, language),
      defer(() => this.loadState(params, language)),
    ]).pipe(
      // Without its translations the page cannot show a state; it can still say so and offer a retry.
      map(([shown, state]) => (shown === null ? NO_TRANSLATIONS : state)),
    );
  }

  /**
   * Loads the success page: the translations and, when a request is known, the client info for
   * branding. Never fails: its messages are bundled in English, and without client info it shows the
   * default look.
   */
  loadSuccess(requestId: string | null, language: SupportedLanguage): Observable<PageState> {
    return forkJoin([
      showPageIn(this.translate, language),
      defer(() => this.brandingFor(requestId, language)),
    ]).pipe(
      map(([, clientInfo]) => ({
        kind: 'success',
        signInUrl: requestId && this.client.resolveRedirectUrl(requestId),
        clientInfo,
      })),
    );
  }

  private async loadState(params: PageParams, language: SupportedLanguage): Promise<PageState> {
    if (!params.ok) {
      const exitUrl = params.requestId ? this.client.resolveRedirectUrl(params.requestId) : null;
      const clientInfo = await this.brandingFor(params.requestId, language);
      return { kind: 'dead-end', reason: params.problem, exitUrl, clientInfo };
    }
    return params.platform === 'auth0' ? this.loadAuth0(params) : this.loadCidaas(params, language);
  }

  private async loadCidaas(
    params: Extract<PageParams, { platform: 'cidaas' }>,
    language: SupportedLanguage,
  ): Promise<PageState> {
    const target = params.target;
    const exitUrl = this.client.resolveRedirectUrl(params.requestId);
    const expiredReason = target.mode === 'change' ? 'expired-track' : 'expired-reset';
    if (params.error?.code === 'track_expired') {
      const clientInfo = await this.brandingFor(params.requestId, language);
      return { kind: 'dead-end', reason: expiredReason, exitUrl, clientInfo };
    }
    // All three start now, together. (The tenant theme follows the first render: see `themedBranding`.)
    const clientInfoRequest = this.client.getClientInfo({
      requestId: params.requestId,
      acceptlanguage: language,
    });
    // The page has its own labels, so a failing field setup only costs the tenant's wording.
    const fieldSetupRequest = this.client
      .getRegistrationSetup({ requestId: params.requestId, acceptlanguage: language })
      .catch(() => []);
    // Likewise the metadata: it only lets us tell an expired link early. `undefined` = unknown.
    const metadataRequest =
      target.mode === 'change'
        ? this.client.loginPrecheck({ track_id: target.lsid }).catch(() => undefined)
        : Promise.resolve(undefined);
    try {
      const [clientInfo, fieldSetup, metadata] = await Promise.all([
        clientInfoRequest,
        fieldSetupRequest,
        metadataRequest,
      ]);
      if (metadata === null)
        return { kind: 'dead-end', reason: expiredReason, exitUrl, clientInfo };
      return {
        kind: 'ready',
        data: toPageData(params, exitUrl, clientInfo, fieldSetup, metadata ?? null),
      };
    } catch (error) {
      return this.failure(error);
    }
  }

  private async loadAuth0(params: Extract<PageParams, { platform: 'auth0' }>): Promise<PageState> {
    const exitUrl = this.auth0.cancelUrl(params.target.state);
    if (params.error?.code === 'track_expired') {
      return { kind: 'dead-end', reason: 'expired-track', exitUrl, clientInfo: null };
    }
    try {
      const context = await this.auth0.getContext(params.target.sessionToken);
      const metadata: PreloginMetadata = {
        precheck: 'password_change',
        username: context.email ?? undefined,
        reason: context.reason ?? undefined,
        expires_at: context.expiresAt ?? undefined,
      };
      const clientInfo = context.passwordPolicy ? { password_policy: context.passwordPolicy } : {};
      return { kind: 'ready', data: toPageData(params, exitUrl, clientInfo, [], metadata) };
    } catch (error) {
      const state = this.failure(error);
      return state.kind === 'dead-end' ? { ...state, reason: 'expired-track', exitUrl } : state;
    }
  }

  /** The page state for a start-up error. */
  private failure(error: unknown): PageState {
    const apiError = toApiError(error);
    switch (apiError.kind) {
      case 'expired':
        return { kind: 'dead-end', reason: 'expired-request', exitUrl: null, clientInfo: null };
      case 'invalid-request':
        return {
          kind: 'dead-end',
          reason: 'malformed-request-id',
          exitUrl: null,
          clientInfo: null,
        };
      case 'network':
      case 'timeout':
      case 'server':
      case 'bad-response':
        return { kind: 'failed', error: apiError };
    }
  }

  private async brandingFor(
    requestId: string | null,
    language: SupportedLanguage,
  ): Promise<ClientInfo | null> {
    if (requestId === null) return null;
    try {
      return await this.client.getClientInfo({ requestId, acceptlanguage: language });
    } catch {
      return null;
    }
  }
}
