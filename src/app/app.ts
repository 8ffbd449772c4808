import { ChangeDetectionStrategy, Component, DOCUMENT, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { brandingFromClientInfo } from './branding/branding';
import { PageShell } from './branding/page-shell';
import { NavigationFailure } from './navigation-failure';

/** The root component: one route per hosted page key, or a reload offer when a page cannot load. */
@Component({
  selector: 'ps-root',
  imports: [RouterOutlet, TranslatePipe, PageShell],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (navigationFailed()) {
      <ps-page-shell [branding]="defaultBranding">
        <h1>{{ 'app.reloadHeading' | translate }}</h1>
        <p role="alert">{{ 'app.reloadBody' | translate }}</p>
        <button type="button" class="ps-button" (click)="reload()">{{ 'app.reload' | translate }}</button>
      </ps-page-shell>
    } @else {
      <router-outlet />
    }
  `,
})
export class App {
  private readonly document = inject(DOCUMENT);
  // Created now, before the first navigation, so it remembers the URL the page was opened with.
  private readonly navigationFailure = inject(NavigationFailure);
  protected readonly navigationFailed = this.navigationFailure.failed;
  protected readonly defaultBranding = brandingFromClientInfo(null, this.document.location.origin);

  /** Reloads the original URL, so the login session in it (`lsid`, `requestId`) is kept. */
  protected reload(): void {
    this.navigationFailure.reload();
  }
}
