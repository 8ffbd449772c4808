import { Pipe, PipeTransform, inject } from '@angular/core';
import { Translator, type MessageParams } from './translator';

/**
 * `{{ 'page.title' | translate }}`, `{{ 'rules.noOfDigits' | translate: { count: 2 } }}`: the message
 * in the current language. Impure so it follows language switches; it reads the {@link Translator}'s
 * signal, so the view re-renders when the language changes.
 */
@Pipe({ name: 'translate', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly translator = inject(Translator);

  transform(key: string, params?: MessageParams | null): string {
    return this.translator.instant(key, params ?? undefined);
  }
}
