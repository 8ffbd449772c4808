import { Routes } from '@angular/router';
import { PasswordSetPage } from './password-set/password-set-page';

/**
 * One route per hosted page key. cidaas serves its pages under `/identity/<key>`; custom deployments
 * often serve them at `/<key>`. Any other path shows the page's "this link is incomplete" explanation.
 */
export const routes: Routes = [
  { path: 'identity/password_set', component: PasswordSetPage },
  { path: 'password_set', component: PasswordSetPage },
  { path: '**', component: PasswordSetPage },
];
