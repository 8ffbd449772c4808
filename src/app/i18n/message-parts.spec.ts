import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compileMessages } from './message-compiler';
import { messagePartOf, translationFilePath } from './message-parts';

const ROOT = join(__dirname, '../../..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

describe('message parts', () => {
  it('keeps what the form says while the user types in the form file, the other states apart', () => {
    for (const key of ['page.heading', 'fields.newPassword', 'rules.noOfDigits', 'validation.mismatch', 'errors.summaryTitle', 'submit.label', 'footer.privacy', 'language.label']) {
      expect([key, messagePartOf(key)]).toEqual([key, 'form']);
    }
    for (const key of ['errors.alertTitle', 'errors.url.password_already_used', 'errors.url.policy.noOfDigits', 'deadEnd.signInAgain', 'startup.timeout', 'success.heading']) {
      expect([key, messagePartOf(key)]).toEqual([key, 'states']);
    }
  });

  it('names the files relative to <base href>', () => {
    expect(translationFilePath('pt-BR', 'form')).toBe('i18n/pt-BR.json');
    expect(translationFilePath('zh-Hant', 'states')).toBe('i18n/zh-Hant.states.json');
  });

  it('compiles every language into two files that together hold each message exactly once', () => {
    const sources = readdirSync(join(ROOT, 'i18n')).filter((file) => file.endsWith('.json'));
    expect(sources.length).toBeGreaterThan(40);
    for (const file of sources) {
      const language = file.replace(/\.json$/, '');
      const compiled = compileMessages(readJson(join(ROOT, 'i18n', file)) as never);
      const form = readJson(join(ROOT, 'generated', translationFilePath(language, 'form')));
      const states = readJson(join(ROOT, 'generated', translationFilePath(language, 'states')));
      expect(Object.keys(form).every((key) => messagePartOf(key) === 'form')).toBe(true);
      expect(Object.keys(states).every((key) => messagePartOf(key) === 'states')).toBe(true);
      expect({ ...form, ...states }).toEqual(compiled);
    }
  });
});
