import { provideZonelessChangeDetection } from '@angular/core';
import { PAGE_QUERY } from '../config/page-query';
import { render, screen } from '@testing-library/angular';
import { FakeFetch } from '../../testing/fake-fetch';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { FETCH } from '../config/fetch';
import { englishTranslations } from '../../testing/english-translations';
import { afterPendingWork } from '../../testing/after-pending-work';
import { PasswordSetSuccessPage } from './password-set-success-page';

const BASE = 'http://localhost';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';

let http: FakeFetch;

async function setup(query: Record<string, string>) {
  http = new FakeFetch();
  const { fixture } = await render(PasswordSetSuccessPage, {
    providers: [
      provideZonelessChangeDetection(),
      { provide: FETCH, useValue: http.fetch },
      ...englishTranslations(),
      { provide: CIDAAS_BASE_URL, useValue: BASE },
      { provide: PAGE_QUERY, useValue: new URLSearchParams(query) },
    ],
  });
  return { http, fixture };
}

describe('PasswordSetSuccessPage', () => {
  afterEach(() => {
    jest.restoreAllMocks();
    http.verify();
  });

  it('confirms the change, shows the tenant and offers to continue to sign-in (E12)', async () => {
    const { http } = await setup({ requestId: REQUEST_ID });
    http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).respond({ success: true, status: 200, data: { client_display_name: 'Acme Demo' } });
    const heading = await screen.findByRole('heading', { name: 'Your password has been changed' });
    expect(heading).toHaveFocus();
    expect(screen.getByText('Acme Demo')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Continue to sign in' })).toHaveAttribute(
      'href',
      `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
    );
  });

  it('still confirms when client info fails, with the default look', async () => {
    const { http } = await setup({ requestId: REQUEST_ID });
    http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).respondText('oops', 500);
    await screen.findByRole('heading', { name: 'Your password has been changed' });
    expect(screen.getByRole('link', { name: 'Continue to sign in' })).toBeInTheDocument();
  });

  it('changes nothing once destroyed, even when client info arrives afterwards', async () => {
    const { http, fixture } = await setup({ requestId: REQUEST_ID });
    document.title = 'before';
    fixture.destroy();
    http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).respond({ success: true, status: 200, data: { client_display_name: 'Acme Demo' } });
    await afterPendingWork();
    expect(document.title).toBe('before');
  });

  it('without a usable requestId, points back to the application', async () => {
    await setup({ requestId: '<script>' });
    await screen.findByRole('heading', { name: 'Your password has been changed' });
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText(/go back to the application/)).toBeInTheDocument();
  });
});
