import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PAGE_QUERY } from '../config/page-query';
import { render, screen } from '@testing-library/angular';
import { CIDAAS_BASE_URL } from '../config/cidaas-base-url';
import { PasswordSetSuccessPage } from './password-set-success-page';

const BASE = 'http://localhost';
const REQUEST_ID = '9080d117-43e2-4a03-8215-a9f7a03e2999';

async function setup(query: Record<string, string>) {
  await render(PasswordSetSuccessPage, {
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      { provide: CIDAAS_BASE_URL, useValue: BASE },
      { provide: PAGE_QUERY, useValue: new URLSearchParams(query) },
    ],
  });
  return TestBed.inject(HttpTestingController);
}

describe('PasswordSetSuccessPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('confirms the change, shows the tenant and offers to continue to sign-in (E12)', async () => {
    const http = await setup({ requestId: REQUEST_ID });
    http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).flush({ success: true, status: 200, data: { client_display_name: 'Acme Demo' } });
    const heading = await screen.findByRole('heading', { name: 'Your password has been changed' });
    expect(heading).toHaveFocus();
    expect(screen.getByText('Acme Demo')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Continue to sign in' })).toHaveAttribute(
      'href',
      `${BASE}/authz-srv/authz/resolve_redirect/${REQUEST_ID}`,
    );
  });

  it('still confirms when client info fails, with the default look', async () => {
    const http = await setup({ requestId: REQUEST_ID });
    http.expectOne(`${BASE}/public-srv/public/${REQUEST_ID}`).flush('oops', { status: 500, statusText: 'Error' });
    await screen.findByRole('heading', { name: 'Your password has been changed' });
    expect(screen.getByRole('link', { name: 'Continue to sign in' })).toBeInTheDocument();
  });

  it('without a usable requestId, points back to the application', async () => {
    await setup({ requestId: '<script>' });
    await screen.findByRole('heading', { name: 'Your password has been changed' });
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.getByText(/go back to the application/)).toBeInTheDocument();
  });
});
