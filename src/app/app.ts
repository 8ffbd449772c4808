import { ChangeDetectionStrategy, Component } from '@angular/core';
import { PasswordSetPage } from './password-set/password-set-page';

/**
 * The root component. No router: each page is a full page load from cidaas, and the one page
 * component shows what the path asks for (`HOSTED_PAGE`: password_set or its success page), which
 * saves ~22 kB gzip over a router. The success page is a state of that component rather than a
 * component of its own: they share their start-up (language, branding, title, focus), and the
 * second copy of it cost 0.4 kB gzip of the initial bundle. (As a deferred chunk it saved 0.8 kB but
 * pulled in the `@defer` runtime, ~3.5 kB gzip, and a failure mode, a chunk gone after a redeploy.)
 */
@Component({
  selector: 'ps-root',
  imports: [PasswordSetPage],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<ps-password-set-page />`,
})
export class App {}
