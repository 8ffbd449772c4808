import { DOCUMENT, DestroyRef, Injectable, inject } from '@angular/core';

/**
 * Holds work back while a mouse or pen button is pressed on the page, until it is released.
 *
 * Pressing a button or link moves the focus at the press; the field left behind may then show an
 * error above the button (a new password too short, a confirmation that does not match), and the
 * button moves down before the release. The browser sends the click to whatever is under the
 * pointer at the release, so a user's click on "Show" or "Sign in with another account" would be
 * lost. Run at the release, the work changes signals in the same task as the `click` that follows
 * it: Angular renders the change only after the click has reached the button.
 *
 * A tap needs nothing of this: the browser moves the focus and clicks together, after the finger
 * has lifted.
 */
@Injectable({ providedIn: 'root' })
export class PointerPress {
  private pressed = false;
  private waiting: (() => void)[] = [];

  constructor() {
    const window = inject(DOCUMENT).defaultView;
    if (!window) return;
    const listening = new AbortController();
    inject(DestroyRef).onDestroy(() => listening.abort());
    const options = { capture: true, signal: listening.signal };
    window.addEventListener('pointerdown', () => (this.pressed = true), options);
    for (const end of ['pointerup', 'pointercancel'])
      window.addEventListener(end, () => this.release(), options);
    // The window lost the focus mid-press (to another window): the release may never come here. Not
    // in the capture phase, where every element's blur passes through the window too.
    window.addEventListener('blur', (event) => event.target === window && this.release(), {
      signal: listening.signal,
    });
  }

  /**
   * Runs `action` now, or when the pointer press in progress ends, unless `owner` (the component
   * asking) is destroyed by then.
   */
  afterRelease(action: () => void, owner: DestroyRef): void {
    if (!this.pressed) action();
    else this.waiting.push(() => owner.destroyed || action());
  }

  private release(): void {
    this.pressed = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const action of waiting) action();
  }
}
