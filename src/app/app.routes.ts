import { Routes } from '@angular/router';
import { PasswordSetPage } from './password-set/password-set-page';

function loadSuccessPage() {
  return import('./password-set-success/password-set-success-page').then((module) => module.PasswordSetSuccessPage);
}

/**
 * One route per hosted page key. cidaas serves its pages under `/identity/<key>`; custom deployments
 * often serve them at `/<key>`. Any other path shows the page's "this link is incomplete" explanation.
 */
export const routes: Routes = [
  { path: 'identity/password_set', component: PasswordSetPage },
  { path: 'password_set', component: PasswordSetPage },
  // The success page is rarely needed, so it is a separate chunk that loads only on its own URL.
  { path: 'identity/password_set_success', loadComponent: loadSuccessPage },
  { path: 'password_set_success', loadComponent: loadSuccessPage },
  { path: '**', component: PasswordSetPage },
];
