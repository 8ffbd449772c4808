import { DOCUMENT, Injectable, inject, signal } from '@angular/core';

/**
 * Whether the router failed to show a page, typically because a lazily loaded chunk is gone after a
 * redeploy. The root component then offers a reload instead of leaving the user on a blank page.
 */
@Injectable({ providedIn: 'root' })
export class NavigationFailure {
  private readonly document = inject(DOCUMENT);
  /** The URL the page was opened with (it carries the login session: `lsid`, `requestId`, …). */
  private readonly openedUrl = this.document.location.href;
  /** Whether a navigation failed. */
  readonly failed = signal(false);

  /** Records a failed navigation and puts the original URL back (the router resets it on failure). */
  report(): void {
    this.failed.set(true);
    const view = this.document.defaultView;
    // The router restores "its" previous URL after this handler returns; put ours back after that.
    view?.setTimeout(() => view.history.replaceState(null, '', this.openedUrl));
  }

  /** Loads the page again from the URL it was opened with. */
  reload(): void {
    this.document.location.replace(this.openedUrl);
  }
}
