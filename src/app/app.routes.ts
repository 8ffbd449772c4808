import { Routes } from '@angular/router';
import { PasswordSetPage } from './password-set/password-set-page';
import { PasswordSetSuccessPage } from './password-set-success/password-set-success-page';

/**
 * One route per hosted page key. cidaas serves its pages under `/identity/<key>`; custom deployments
 * often serve them at `/<key>`. Any other path shows the page's "this link is incomplete" explanation.
 */
export const routes: Routes = [
  { path: 'identity/password_set', component: PasswordSetPage },
  { path: 'password_set', component: PasswordSetPage },
  { path: 'identity/password_set_success', component: PasswordSetSuccessPage },
  { path: 'password_set_success', component: PasswordSetSuccessPage },
  { path: '**', component: PasswordSetPage },
];
