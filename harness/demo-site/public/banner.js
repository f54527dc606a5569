// @ts-check
// Cookie Lens demo: a stand-in for HubSpot's cookie banner (js.hs-banner.com/<portalId>.js),
// written by us from the facts in docs/hubspot-tracker-facts.md. It is not HubSpot's code.
// It decides consent from the cookies as the real banner does for the policy mode the page URL
// selects, and hands the decision to the tracker through `window._hsp`:
//   ?policy=none|disabled|opt_in|notify|by_category|no_cookies   (default none: no policy)
//   &banner=2021|2024   (default 2024; only the `__hs_cookie_cat_pref` format and lifetimes differ)
// Nothing else remembers the mode. Tests click the buttons or call `window.__demoBanner`.
(() => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  /** The portal's cookie domains, as in the tracker's preamble; the broadest match wins. */
  const PORTAL_COOKIE_DOMAINS = ['.hubdemo.test', '.hubdemo-partner.test'];
  const OPT_OUT = '__hs_opt_out';
  const INITIAL_OPT_IN = '__hs_initial_opt_in';
  const CATEGORY_PREFERENCE = '__hs_cookie_cat_pref';
  /** What a revoke deletes, one variant each. */
  const REVOKED = [CATEGORY_PREFERENCE, INITIAL_OPT_IN, OPT_OUT, '__hssc', '__hssrc', '__hs_do_not_track', '__hstc', 'hubspotutk', 'messagesUtk'];

  const params = new URLSearchParams(location.search);
  const POLICIES = ['none', 'disabled', 'opt_in', 'notify', 'by_category', 'no_cookies'];
  const requested = params.get('policy') ?? 'none';
  const policy = POLICIES.includes(requested) ? requested : 'none';
  const version = params.get('banner') === '2021' ? '2021' : '2024';
  const consentLifetimeDays = version === '2021' ? 390 : 180;
  const INITIAL_OPT_IN_DAYS = 7;

  /** @type {string | null} */
  let currentDomain = null;
  for (const domain of PORTAL_COOKIE_DOMAINS) {
    if (`.${location.hostname}`.endsWith(domain) && (currentDomain === null || domain.length < currentDomain.length)) currentDomain = domain;
  }

  // ---- cookies -------------------------------------------------------------------------------

  /** @param {string} name the first cookie of that name, decoded */
  function readCookie(name) {
    for (const entry of document.cookie.split(';')) {
      const trimmed = entry.replace(/^ +/, '');
      if (!trimmed.startsWith(`${name}=`)) continue;
      const raw = trimmed.slice(name.length + 1);
      try { return decodeURI(raw); } catch { return raw; }
    }
    return undefined;
  }

  /**
   * @param {string} name
   * @param {string} value
   * @param {number} expiresAtMs
   */
  function writeCookie(name, value, expiresAtMs) {
    const parts = [`${name}=${encodeURI(value)}`, `expires=${new Date(expiresAtMs).toUTCString()}`, 'path=/', 'SameSite=Lax'];
    if (currentDomain !== null) parts.push(`domain=${currentDomain}`);
    document.cookie = parts.join('; ');
  }

  /** @param {string} name one variant: the portal's cookie domain, else host-only */
  const deleteCookie = (name) => writeCookie(name, '', 0);

  // ---- deciding --------------------------------------------------------------------------------

  /** @typedef {{ necessary: boolean, analytics: boolean, advertisement: boolean, functionality: boolean }} Categories */

  /** @param {boolean} value @returns {Categories} */
  const allCategories = (value) => ({ necessary: true, analytics: value, advertisement: value, functionality: value });

  /**
   * `__hs_cookie_cat_pref`: the 2021 banner splits on `,` only; the 2024 banner on `,` when there
   * is one, else on `_`. Each piece must be exactly `id:value`; a missing id is false.
   * @param {string} text
   * @returns {Categories}
   */
  function parsePreference(text) {
    const separator = version === '2021' || text.includes(',') ? ',' : '_';
    /** @type {Map<string, boolean>} */
    const byId = new Map();
    for (const piece of text.split(separator)) {
      const pair = piece.split(':');
      if (pair.length === 2) byId.set(pair[0] ?? '', pair[1] === 'true');
    }
    return { necessary: true, analytics: byId.get('1') === true, advertisement: byId.get('2') === true, functionality: byId.get('3') === true };
  }

  /** @param {Categories} categories in the form this banner writes */
  function formatPreference(categories) {
    const pieces = [`1:${categories.analytics}`, `2:${categories.advertisement}`, `3:${categories.functionality}`];
    return pieces.join(version === '2021' ? ',' : '_');
  }

  /**
   * The decision at page load, from the cookies this policy mode reads; null = ask the visitor.
   * @returns {{ categories: Categories, reason: string } | null}
   */
  function decideAtLoad() {
    if (policy === 'none') return { categories: allCategories(true), reason: 'no consent policy' };
    if (policy === 'disabled') return { categories: allCategories(true), reason: 'consent policy disabled' };
    if (policy === 'no_cookies') return { categories: allCategories(false), reason: 'no-cookies policy' };
    if (policy === 'by_category') {
      const preference = readCookie(CATEGORY_PREFERENCE);
      return preference === undefined ? null : { categories: parsePreference(preference), reason: CATEGORY_PREFERENCE };
    }
    const optOut = readCookie(OPT_OUT);
    if (optOut === 'yes') return { categories: allCategories(false), reason: `${OPT_OUT}=yes` };
    if (policy === 'notify') return { categories: allCategories(true), reason: 'notify: no opt-out' };
    // OPT_IN: tracker cookies still present, or an initial opt-in, count as consent.
    if (readCookie('__hstc') !== undefined || readCookie('__hssc') !== undefined) return { categories: allCategories(true), reason: 'implicit: tracker cookies present' };
    if (readCookie(INITIAL_OPT_IN) === 'true') return { categories: allCategories(true), reason: `${INITIAL_OPT_IN}=true` };
    return null;
  }

  const settings = {
    none: null,
    disabled: null,
    opt_in: { active: true, mode: 'OPT_IN', hideDecline: false },
    notify: { active: true, mode: 'OPT_IN', hideDecline: true },
    by_category: { active: true, mode: 'COOKIES_BY_CATEGORY', hideDecline: false },
    no_cookies: { active: true, mode: 'NO_COOKIES', hideDecline: true },
  }[policy] ?? null;

  /** @type {{ allowed: boolean, categories: Categories, previousCategories: Categories, reason: string } | null} */
  let consent = null;
  /** @type {Array<(consent: unknown) => void>} */
  const consentListeners = [];
  /** @type {Array<(settings: unknown) => void>} */
  const settingsListeners = [];

  /**
   * @param {(value: unknown) => void} listener
   * @param {unknown} value
   */
  function safeCall(listener, value) {
    try { listener(value); } catch { /* a broken listener must not stop the others */ }
  }

  /**
   * @param {Categories} categories
   * @param {string} reason
   */
  function decide(categories, reason) {
    const previousCategories = consent === null ? allCategories(false) : consent.categories;
    const allowed = categories.analytics && categories.advertisement && categories.functionality;
    consent = { allowed, categories, previousCategories, reason };
    for (const listener of consentListeners) safeCall(listener, consent);
    publish();
  }

  /** @param {unknown[]} command */
  function pushTracker(command) {
    const queue = Reflect.get(window, '_hsq');
    if (Array.isArray(queue) || (typeof queue === 'object' && queue !== null && 'push' in queue && typeof queue.push === 'function')) queue.push(command);
  }

  // ---- the visitor's choices ---------------------------------------------------------------------

  function accept() {
    const now = Date.now();
    if (policy === 'by_category') writeCookie(CATEGORY_PREFERENCE, formatPreference(allCategories(true)), now + consentLifetimeDays * DAY_MS);
    else if (policy === 'opt_in' || policy === 'notify') {
      writeCookie(OPT_OUT, 'no', now + consentLifetimeDays * DAY_MS);
      writeCookie(INITIAL_OPT_IN, 'true', now + INITIAL_OPT_IN_DAYS * DAY_MS);
    }
    hide();
    decide(allCategories(true), 'accepted');
    pushTracker(['trackApproveCookieConsent']);
  }

  function decline() {
    const now = Date.now();
    if (policy === 'by_category') writeCookie(CATEGORY_PREFERENCE, formatPreference(allCategories(false)), now + consentLifetimeDays * DAY_MS);
    else if (policy === 'opt_in' || policy === 'notify') {
      writeCookie(OPT_OUT, 'yes', now + consentLifetimeDays * DAY_MS);
      deleteCookie(INITIAL_OPT_IN);
    }
    hide();
    decide(allCategories(false), 'declined');
    pushTracker(['trackDeclineCookieConsent']);
  }

  /** By-category choice. @param {{ analytics?: boolean, advertisement?: boolean, functionality?: boolean }} choice */
  function choose(choice) {
    const categories = { necessary: true, analytics: choice.analytics === true, advertisement: choice.advertisement === true, functionality: choice.functionality === true };
    if (policy === 'by_category') writeCookie(CATEGORY_PREFERENCE, formatPreference(categories), Date.now() + consentLifetimeDays * DAY_MS);
    hide();
    decide(categories, 'chosen by category');
    pushTracker([categories.analytics ? 'trackApproveCookieConsent' : 'trackDeclineCookieConsent']);
  }

  function revoke() {
    for (const name of REVOKED) deleteCookie(name);
    decide(allCategories(false), 'revoked');
    pushTracker(['trackRevokeCookieConsent']);
    if (settings !== null && policy !== 'no_cookies') show();
  }

  // ---- the banner on the page ----------------------------------------------------------------------

  /** @type {HTMLElement | null} */
  let element = null;

  function show() {
    if (element !== null || document.body === null) return;
    const box = document.createElement('div');
    box.id = 'hs-eu-cookie-confirmation';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', 'Cookie banner');
    box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;padding:12px 20px;background:#f4f1ec;border-top:1px solid #ccc;font:14px system-ui,sans-serif;';
    const text = document.createElement('p');
    text.textContent = policy === 'notify'
      ? 'This site uses cookies to see how you use it.'
      : 'May this site use cookies to see how you use it? (A stand-in banner for testing.)';
    const acceptButton = document.createElement('button');
    acceptButton.type = 'button';
    acceptButton.id = 'hs-eu-confirmation-button';
    acceptButton.textContent = policy === 'notify' ? 'OK' : 'Accept';
    acceptButton.addEventListener('click', accept);
    box.append(text, acceptButton);
    if (settings !== null && !settings.hideDecline) {
      const declineButton = document.createElement('button');
      declineButton.type = 'button';
      declineButton.id = 'hs-eu-decline-button';
      declineButton.textContent = 'Decline';
      declineButton.addEventListener('click', decline);
      box.append(' ', declineButton);
    }
    document.body.append(box);
    element = box;
    publish();
  }

  function hide() {
    element?.remove();
    element = null;
    publish();
  }

  // ---- the _hsp queue ------------------------------------------------------------------------------

  /** @param {unknown} command */
  function runCommand(command) {
    if (!Array.isArray(command)) return;
    const [name, argument] = command;
    if (name === 'addPrivacyConsentListener' && typeof argument === 'function') {
      if (consent !== null) safeCall(argument, consent);
      consentListeners.push(argument);
    } else if (name === 'addPrivacySettingsListener' && typeof argument === 'function') {
      if (settings !== null) safeCall(argument, settings);
      settingsListeners.push(argument);
    } else if (name === 'revokeCookieConsent') revoke();
    else if (name === 'showBanner') show();
    else if (name === 'hideBanner') hide();
  }

  const api = {
    policy,
    version,
    consentLifetimeDays,
    /** 'waiting' while the visitor has not chosen, else 'decided' */
    state: 'waiting',
    visible: false,
    consent: /** @type {{ allowed: boolean, categories: Categories, previousCategories: Categories, reason: string } | null} */ (null),
    settings,
    accept,
    decline,
    choose,
    revoke,
    show,
  };

  function publish() {
    api.consent = consent;
    api.state = consent === null ? 'waiting' : 'decided';
    api.visible = element !== null;
    document.documentElement.dataset['demoBanner'] = api.state;
  }

  const queued = Reflect.get(window, '_hsp');
  const pending = Array.isArray(queued) ? [...queued] : [];
  Reflect.set(window, '_hsp', { push: (/** @type {unknown[]} */ ...commands) => { commands.forEach(runCommand); return 0; } });
  Object.defineProperty(window, '__demoBanner', { value: api, configurable: true });

  const atLoad = decideAtLoad();
  if (atLoad !== null) decide(atLoad.categories, atLoad.reason);
  pending.forEach(runCommand);
  const needsNotice = policy === 'notify' && readCookie(OPT_OUT) === undefined;
  const start = () => { if (atLoad === null || needsNotice) show(); publish(); };
  if (document.body === null) document.addEventListener('DOMContentLoaded', start);
  else start();
})();
