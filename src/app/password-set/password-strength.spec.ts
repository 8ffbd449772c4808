import type { ClientInfo, PreloginMetadata } from '../../contract/cidaas-types';
import type { PageData } from './page-data';
import {
  STRENGTH_DEBOUNCE_MS,
  type Strength,
  feedbackTexts,
  penalizedWords,
  strengthLevel,
  strengthRater,
  watchStrength,
} from './password-strength';

const TENANT = 'Nordwind Logistik';
const USERNAME = 'jana.kowalski@nordwind.example';

/** The page data the meter reads: the tenant's names and the user's. */
function page(clientInfo: ClientInfo, metadata: PreloginMetadata | null = null): PageData {
  return {
    target: { mode: 'change', lsid: 'lsid' },
    requestId: 'request',
    exitUrl: 'https://acme.example/exit',
    clientInfo,
    fields: { newPassword: null, confirmPassword: null },
    metadata,
    rules: [],
    serverChecks: [],
  };
}

// Ranking the dictionaries takes a moment: one rater per language for the whole file.
const english = strengthRater(null);

describe('strengthLevel', () => {
  it.each([
    [0, 'veryWeak'],
    [1, 'weak'],
    [2, 'fair'],
    [3, 'strong'],
    [4, 'veryStrong'],
    [-1, 'veryWeak'],
    [7, 'veryStrong'],
  ] as const)('score %d is %s', (score, level) => {
    expect(strengthLevel(score)).toBe(level);
  });
});

describe('penalizedWords', () => {
  it('takes each name whole, an address without its domain, and every word of three or more characters, lower-cased and once', () => {
    expect(penalizedWords([TENANT, 'Nordwind', USERNAME, null, undefined, '  '])).toEqual([
      'nordwind logistik',
      'nordwind',
      'logistik',
      'jana.kowalski@nordwind.example',
      'jana.kowalski',
      'jana',
      'kowalski',
      'example',
    ]);
  });

  it('keeps letters of any script and digits together, and drops words shorter than three', () => {
    expect(penalizedWords(['شركة النور 24', 'Ö AG'])).toEqual([
      'شركة النور 24',
      'شركة',
      'النور',
      'ö ag',
    ]);
  });
});

describe('strengthRater', () => {
  it.each([
    ['password', 'veryWeak'],
    ['Summer2024', 'weak'],
    ['correct horse battery staple river', 'veryStrong'],
    ['qT7#vL2pX9!mR4zW', 'veryStrong'],
  ] as const)('rates %s as %s', (password, level) => {
    expect(english(password, []).level).toBe(level);
  });

  it('gives no warning without feedback texts (a language zxcvbn-ts does not speak)', () => {
    const rating = english('password', []);
    expect(rating.score).toBe(0);
    expect(rating.warning).toBeNull();
  });

  it("warns in the texts' language", async () => {
    const german = await feedbackTexts('de');
    expect(german).not.toBeNull();
    const rate = strengthRater(german);
    expect(rate('password', []).warning).toBe('Dies ist ein sehr häufig verwendetes Passwort.');
    expect(rate('qT7#vL2pX9!mR4zW', []).warning).toBeNull();
  });

  it("rates a password made of the tenant's name lower than a random one of the same length", () => {
    const words = penalizedWords([TENANT, USERNAME]);
    const fromName = english('NordwindLogistik', words);
    const random = english('qT7#vL2pX9!mR4zW', words);
    expect('NordwindLogistik').toHaveLength('qT7#vL2pX9!mR4zW'.length);
    expect(fromName.guessesLog10).toBeLessThan(random.guessesLog10);
    expect(fromName.score).toBeLessThan(random.score);
  });

  it("rates a password made of the page's words lower with them than without them", () => {
    const words = penalizedWords([TENANT, USERNAME]);
    for (const password of ['Nordwind!Logistik', 'Kowalski2026!', 'JanaKowalski', 'nordwind']) {
      const penalized = english(password, words);
      const plain = english(password, []);
      expect(penalized.guessesLog10).toBeLessThan(plain.guessesLog10);
      expect(penalized.score).toBeLessThanOrEqual(plain.score);
    }
    expect(english('NordwindLogistik', words).level).toBe('weak');
    expect(english('NordwindLogistik', []).level).toBe('veryStrong');
  });
});

describe('feedbackTexts', () => {
  it.each([
    ['de', 'Dies ist ein sehr häufig verwendetes Passwort.'],
    ['ar', 'هذه كلمة مرور مستخدمة بكثرة.'],
    ['fr', 'Ce mot de passe est très utilisé.'],
    ['pt-BR', 'Esta é uma senha muito usada.'],
    ['en', 'This is a heavily used password.'],
  ])('%s: loads that language alone', async (language, topTen) => {
    expect((await feedbackTexts(language))?.warnings.topTen).toBe(topTen);
  });

  it.each(['ko', 'zh-Hans', 'en-XA', 'ar-XB', ''])(
    '%s: none (no warning rather than one in another language)',
    async (language) => {
      expect(await feedbackTexts(language)).toBeNull();
    },
  );
});

describe('watchStrength', () => {
  let field: HTMLInputElement;
  let submit: HTMLButtonElement;
  let other: HTMLInputElement;
  let link: HTMLAnchorElement;
  let reports: (Strength | null)[];
  let stop: () => void;

  /** The meter on a fresh form, in `language`, once its texts are loaded. */
  async function start(language = 'en', typedBefore = '', focused = false): Promise<void> {
    document.documentElement.lang = language;
    document.body.innerHTML =
      '<form><input id="new" /><input id="confirm" /><button type="submit">Go</button></form><a href="#x">Other account</a>';
    field = document.querySelector<HTMLInputElement>('#new')!;
    other = document.querySelector<HTMLInputElement>('#confirm')!;
    submit = document.querySelector('button')!;
    link = document.querySelector('a')!;
    field.value = typedBefore;
    if (focused) field.focus();
    reports = [];
    stop = watchStrength(
      field,
      page({ client_display_name: TENANT }, { precheck: 'x', username: USERNAME }),
      (strength) => reports.push(strength),
    );
    await jest.advanceTimersByTimeAsync(0);
  }

  function type(value: string): void {
    field.value = value;
    field.dispatchEvent(new Event('input'));
  }

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    stop();
    jest.useRealTimers();
  });

  it('rates once typing pauses, not on every keystroke', async () => {
    await start();
    field.focus();
    for (const value of ['p', 'pa', 'pas', 'pass', 'passw', 'passwo', 'passwor', 'password']) {
      type(value);
      await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS - 1);
    }
    expect(reports).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(reports).toEqual([
      { score: 0, level: 'veryWeak', warning: 'This is a heavily used password.' },
    ]);
  });

  it('clears the rating at once when the field is emptied', async () => {
    await start();
    field.focus();
    type('password');
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    type('');
    expect(reports.at(-1)).toBeNull();
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    expect(reports).toHaveLength(2);
  });

  it("counts the tenant's and the user's names as guessable", async () => {
    await start();
    field.focus();
    type('NordwindLogistik');
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    expect(reports.at(-1)?.level).toBe('weak');
    expect(english('NordwindLogistik', []).level).toBe('veryStrong');
  });

  it('leaving the field for another rates at once; leaving it for a button or a link changes nothing', async () => {
    await start();
    field.focus();
    type('password');
    other.focus();
    expect(reports).toHaveLength(1);

    for (const target of [submit, link]) {
      field.focus();
      type('qT7#vL2pX9!mR4zW');
      target.focus();
      await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS * 2);
      expect(reports).toHaveLength(1);
    }
  });

  it('rates a password typed before it was ready if the user is still in the field, else waits for the next keystroke', async () => {
    await start('en', 'password', true);
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    expect(reports.map((report) => report?.level)).toEqual(['veryWeak']);
    stop();

    await start('en', 'password', false);
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    expect(reports).toEqual([]);
  });

  it("warns in the page's language, and not at all in one zxcvbn-ts does not speak", async () => {
    await start('de');
    field.focus();
    type('password');
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    expect(reports.at(-1)?.warning).toBe('Dies ist ein sehr häufig verwendetes Passwort.');
    stop();

    await start('ko');
    field.focus();
    type('password');
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    expect(reports).toEqual([{ score: 0, level: 'veryWeak', warning: null }]);
  });

  it('stops watching: nothing is rated after', async () => {
    await start();
    field.focus();
    type('password');
    stop();
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    type('qT7#vL2pX9!mR4zW');
    await jest.advanceTimersByTimeAsync(STRENGTH_DEBOUNCE_MS);
    expect(reports).toEqual([]);
  });
});
