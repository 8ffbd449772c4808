import { DestroyRef, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PointerPress } from './pointer-press';

/** A component's `DestroyRef` as far as {@link PointerPress} reads it. */
function owner(destroyed = false): DestroyRef {
  return { destroyed, onDestroy: () => () => undefined } as DestroyRef;
}

describe('PointerPress', () => {
  let press: PointerPress;
  let calls: string[];

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    press = TestBed.inject(PointerPress);
    calls = [];
  });

  const pointer = (type: string, target: EventTarget = document.body) =>
    target.dispatchEvent(new Event(type, { bubbles: true }));

  it('runs at once when no pointer is pressed', () => {
    press.afterRelease(() => calls.push('now'), owner());
    expect(calls).toEqual(['now']);
  });

  it.each(['pointerup', 'pointercancel'])(
    'holds work back from a press until its %s, then runs it in order, once',
    (end) => {
      pointer('pointerdown');
      press.afterRelease(() => calls.push('first'), owner());
      press.afterRelease(() => calls.push('second'), owner());
      expect(calls).toEqual([]);
      pointer(end);
      expect(calls).toEqual(['first', 'second']);
      pointer('pointerdown');
      pointer('pointerup');
      expect(calls).toEqual(['first', 'second']);
    },
  );

  it('sees a press anywhere, even where the page stops the event from bubbling', () => {
    const button = document.body.appendChild(document.createElement('button'));
    button.addEventListener('pointerdown', (event) => event.stopPropagation());
    pointer('pointerdown', button);
    press.afterRelease(() => calls.push('held'), owner());
    expect(calls).toEqual([]);
    pointer('pointerup', button);
    expect(calls).toEqual(['held']);
    button.remove();
  });

  it('runs held work when the window loses the focus mid-press, but not when an element does', () => {
    pointer('pointerdown');
    press.afterRelease(() => calls.push('held'), owner());
    const input = document.body.appendChild(document.createElement('input'));
    input.focus();
    input.blur();
    expect(calls).toEqual([]);
    window.dispatchEvent(new Event('blur'));
    expect(calls).toEqual(['held']);
    input.remove();
  });

  it('drops work whose owner is destroyed before the release', () => {
    pointer('pointerdown');
    const destroyed = owner();
    press.afterRelease(() => calls.push('gone'), destroyed);
    press.afterRelease(() => calls.push('kept'), owner());
    Object.defineProperty(destroyed, 'destroyed', { value: true });
    pointer('pointerup');
    expect(calls).toEqual(['kept']);
  });

  it('stops listening when the application is destroyed', () => {
    TestBed.resetTestingModule();
    pointer('pointerdown');
    press.afterRelease(() => calls.push('now'), owner());
    expect(calls).toEqual(['now']);
  });
});
