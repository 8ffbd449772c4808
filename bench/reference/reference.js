// The benchmark's reference page: the password_set form without a framework. Same start-up requests
// as the Angular page (E3, E5, E7 in parallel; translations only for a language other than English),
// the same rule checklist, the same form POST. No inline script and no HTML sinks (the CSP enforces
// Trusted Types), so everything is built with textContent and createElement.

const EN = {
  heading: 'Choose a new password',
  account: 'Account: {username}',
  reason: {
    first_login:
      'This is your first sign-in with a temporary password. Choose your own password to continue.',
    admin_required: 'Your administrator asked you to change your password before you continue.',
    expired: 'Your password has expired. Choose a new one to continue.',
    default: 'You need to change your password before you can continue.',
  },
  otherAccount: 'Sign in with another account',
  fields: {
    username: 'Username',
    oldPassword: 'Current password',
    newPassword: 'New password',
    confirmPassword: 'Confirm new password',
    showShort: 'Show',
    show: 'Show {field}',
  },
  rules: {
    heading: 'Your new password needs:',
    minimumLength: 'At least {count, plural, one {# character} other {# characters}}',
    maximumLength: 'No more than {count, plural, one {# character} other {# characters}}',
    noOfDigits: 'At least {count, plural, one {# digit} other {# digits}} (0–9)',
    noOfSpecialChars:
      'At least {count, plural, one {# special character} other {# special characters}}, such as ! ? # %',
    lowerAndUpperCase: 'Both lowercase and uppercase letters',
    state: { pending: 'not yet met', met: 'met', unmet: 'not met' },
    summary: '{met} of {total, plural, one {# requirement} other {# requirements}} met',
  },
  validation: { mismatch: 'The two new passwords do not match.' },
  submit: { label: 'Set new password' },
  startup: {
    network:
      'We could not reach the sign-in service. Check your internet connection, then try again.',
  },
};

const SUPPORTED = ['en', 'de'];
const params = new URLSearchParams(location.search);
const lsid = params.get('lsid') ?? '';
const requestId = params.get('requestId') ?? '';
const language =
  (params.get('ui_locales') ?? '')
    .split(' ')
    .map((tag) => tag.split('-')[0])
    .find((tag) => SUPPORTED.includes(tag)) ?? 'en';

const $ = (id) => document.getElementById(id);
const lookup = (messages, key) =>
  key
    .split('.')
    .reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), messages);

// Enough ICU for these messages: {name} and {name, plural, one {…} other {…}} with #.
function format(message, values) {
  const plural = new Intl.PluralRules(language);
  return message
    .replace(/\{(\w+), plural, ((?:[=\w]+ \{[^{}]*\} ?)+)\}/g, (_, name, branches) => {
      const count = Number(values[name]);
      const options = Object.fromEntries(
        [...branches.matchAll(/([=\w]+) \{([^{}]*)\}/g)].map((match) => [match[1], match[2]]),
      );
      const chosen = options[`=${count}`] ?? options[plural.select(count)] ?? options.other ?? '';
      return chosen.replace(/#/g, new Intl.NumberFormat(language).format(count));
    })
    .replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

async function getJson(path, headers) {
  const response = await fetch(path, { headers, credentials: 'same-origin' });
  if (response.status === 204) return null;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = await response.json();
  if (!body || body.success !== true) throw new Error('bad response');
  return body.data;
}

function rulesFrom(policy, newPasswordField) {
  const positive = (value) => (Number.isInteger(value) && value > 0 ? value : undefined);
  const p = policy ?? {};
  const fieldMax = positive(newPasswordField?.fieldDefinition?.maxLength);
  const min = positive(p.minimumLength);
  const max = [positive(p.maximumLength), fieldMax]
    .filter((value) => value !== undefined)
    .sort((a, b) => a - b)[0];
  const rules = [];
  if (min) rules.push({ id: 'minimumLength', count: min, met: (v) => [...v].length >= min });
  if (max) rules.push({ id: 'maximumLength', count: max, met: (v) => [...v].length <= max });
  const digits = positive(p.noOfDigits);
  if (digits)
    rules.push({
      id: 'noOfDigits',
      count: digits,
      met: (v) => (v.match(/\p{Nd}/gu)?.length ?? 0) >= digits,
    });
  const specials = positive(p.noOfSpecialChars);
  if (specials)
    rules.push({
      id: 'noOfSpecialChars',
      count: specials,
      met: (v) => (v.match(/[^\p{L}\p{Nd}\s]/gu)?.length ?? 0) >= specials,
    });
  if (p.lowerAndUpperCase === true)
    rules.push({ id: 'lowerAndUpperCase', met: (v) => /\p{Ll}/u.test(v) && /\p{Lu}/u.test(v) });
  return rules;
}

function render(messages, clientInfo, fieldSetup, metadata) {
  const t = (key, values = {}) => format(lookup(messages, key) ?? lookup(EN, key) ?? key, values);
  const fields = (fieldSetup ?? []).filter(
    (field) => field.dataType === 'PASSWORD' && field.fieldType === 'SYSTEM',
  );
  const tenantLabel = (key) => {
    const field = fields.find((candidate) => candidate.fieldKey === key);
    return field?.localeText?.language === language ? field.localeText.name : undefined;
  };

  if (clientInfo.primaryColor && /^#[0-9a-f]{6}$/i.test(clientInfo.primaryColor))
    document.documentElement.style.setProperty('--primary', clientInfo.primaryColor);
  if (clientInfo.logo_uri) {
    $('logo').src = clientInfo.logo_uri;
    $('logo').hidden = false;
  }
  $('client-name').textContent = clientInfo.client_display_name ?? '';

  $('heading').textContent = t('heading');
  $('reason').textContent = t(
    `reason.${metadata?.reason in EN.reason ? metadata.reason : 'default'}`,
  );
  $('username-label').textContent = t('fields.username');
  if (metadata?.username) {
    $('ps-username').value = metadata.username;
    $('account').textContent = t('account', { username: metadata.username });
  }
  const labels = {
    'old-label': t('fields.oldPassword'),
    'new-label': tenantLabel('password') ?? t('fields.newPassword'),
    'confirm-label': tenantLabel('password_echo') ?? t('fields.confirmPassword'),
  };
  for (const [id, text] of Object.entries(labels)) $(id).textContent = text;
  for (const toggle of document.querySelectorAll('.toggle')) {
    const input = $(toggle.getAttribute('aria-controls'));
    toggle.textContent = t('fields.showShort');
    toggle.setAttribute(
      'aria-label',
      t('fields.show', { field: document.querySelector(`label[for="${input.id}"]`).textContent }),
    );
    toggle.addEventListener('click', () => {
      const visible = input.type === 'password';
      input.type = visible ? 'text' : 'password';
      toggle.setAttribute('aria-pressed', String(visible));
    });
  }

  const rules = rulesFrom(
    clientInfo.password_policy,
    fields.find((field) => field.fieldKey === 'password'),
  );
  const newPassword = $('ps-new-password');
  const min = rules.find((rule) => rule.id === 'minimumLength');
  const max = rules.find((rule) => rule.id === 'maximumLength');
  if (min) newPassword.minLength = min.count;
  if (max) newPassword.maxLength = max.count;
  $('rules-heading').textContent = t('rules.heading');
  const items = rules.map((rule) => {
    const item = document.createElement('li');
    item.dataset.rule = rule.id;
    item.dataset.state = 'pending';
    const icon = document.createElement('span');
    icon.className = 'icon';
    icon.setAttribute('aria-hidden', 'true');
    const text = document.createElement('span');
    text.textContent = t(`rules.${rule.id}`, { count: rule.count });
    const state = document.createElement('span');
    state.className = 'visually-hidden';
    state.textContent = `(${t('rules.state.pending')})`;
    item.append(icon, text, state);
    $('rules-list').append(item);
    return { rule, item, state };
  });
  let announceTimer;
  const update = (showErrors) => {
    const value = newPassword.value.normalize('NFC');
    const judged = value !== '' || showErrors;
    let met = 0;
    for (const { rule, item, state } of items) {
      const ok = rule.met(value);
      if (ok) met++;
      const name = judged ? (ok ? 'met' : 'unmet') : 'pending';
      item.dataset.state = name;
      state.textContent = `(${t(`rules.state.${name}`)})`;
    }
    clearTimeout(announceTimer);
    $('rules-summary').textContent = '';
    if (value !== '')
      announceTimer = setTimeout(
        () => ($('rules-summary').textContent = t('rules.summary', { met, total: items.length })),
        700,
      );
    return met === items.length;
  };
  newPassword.addEventListener('input', () => update(false));

  const form = $('form');
  form.action = `/login-srv/precheck/continue/${encodeURIComponent(lsid)}`;
  $('submit').textContent = t('submit.label');
  form.addEventListener('submit', (event) => {
    const confirm = $('ps-confirm-password');
    const matches = confirm.value === newPassword.value;
    $('confirm-error').hidden = matches;
    $('confirm-error').textContent = matches ? '' : t('validation.mismatch');
    if (!update(true) || !matches || $('ps-old-password').value === '') event.preventDefault();
  });
  $('other-account').textContent = t('otherAccount');
  $('other-account').href = `/authz-srv/authz/resolve_redirect/${encodeURIComponent(requestId)}`;

  $('loading').hidden = true;
  $('ready').hidden = false;
  $('card').removeAttribute('aria-busy');
}

document.documentElement.lang = language;
const id = encodeURIComponent(requestId);
Promise.all([
  language === 'en'
    ? EN
    : fetch(`/i18n/${language}.json`)
        .then((response) => response.json())
        .then((messages) => (messages.page ? { ...messages.page, ...messages } : messages))
        .catch(() => EN),
  getJson(`/public-srv/public/${id}`, { 'Accept-Language': language }),
  getJson(`/registration-setup-srv/public/list?acceptlanguage=${language}&requestId=${id}`).catch(
    () => [],
  ),
  getJson(`/token-srv/prelogin/metadata/${encodeURIComponent(lsid)}`).catch(() => undefined),
]).then(
  ([messages, clientInfo, fieldSetup, metadata]) =>
    render(messages, clientInfo, fieldSetup, metadata),
  () => {
    $('loading').hidden = true;
    $('failed').textContent = EN.startup.network;
    $('failed').hidden = false;
  },
);
