// @ts-check
// Cookie Lens demo: a stand-in for HubSpot's tracking code, written by us from the facts in
// docs/hubspot-tracker-facts.md. It is not HubSpot's code. It behaves as HubSpot's tracker does
// where Cookie Lens can tell the difference: consent only from the banner (`_hsp`), identity
// written once per page load inside the consent listener, beacons with or without consent,
// do-not-track checked before every beacon, identity adopted from `hubspotutk` and from links.
// Page URL options (see docs/DEMO-SITE.md): `lifetime=390`, `tracking=custom`, `error=1`,
// `rewrite=N` (ours: synthetic stress, the real tracker never rewrites on a timer).
(() => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const SESSION_MINUTES = 30;
  const VERSION = '1.1';
  /** Our own build label, sent as `j` on error reports. */
  const STAND_IN_BUILD = 'cookie-lens-stand-in-2';
  /** The portal's connected domains (the per-portal preamble pushes `addCookieDomain` for each). */
  const PORTAL_COOKIE_DOMAINS = ['.hubdemo.test', '.hubdemo-partner.test'];
  const CUSTOM_TRACKING_HOST = 'track.hubdemo.test';
  const DEFAULT_TRACKING_HOST = 'track.hubspot.com';
  const DO_NOT_TRACK = '__hs_do_not_track';

  const self = document.currentScript;
  const source = new URL(self instanceof HTMLScriptElement ? self.src : location.href);
  const portalId = /\/analytics\/(\d+)\.js$/.exec(source.pathname)?.[1] ?? '0';
  const portSuffix = source.port === '' ? '' : `:${source.port}`;
  const pageParams = new URLSearchParams(location.search);
  /** 390 days as build 1.398 (2021) writes; 180 as newer builds do (the default here). */
  const lifetimeDays = pageParams.get('lifetime') === '390' ? 390 : 180;

  // ---- the per-portal preamble: commands queued before the code runs ---------------------------

  /** @type {unknown[]} */
  const preamble = Array.isArray(Reflect.get(window, '_hsq')) ? Reflect.get(window, '_hsq') : [];
  Reflect.set(window, '_hsq', preamble);
  preamble.push(['setPortalId', portalId]);
  preamble.push(['trackPageView']);
  for (const domain of PORTAL_COOKIE_DOMAINS) preamble.push(['addCookieDomain', domain]);
  preamble.push(['enableAutomaticLinker', true]);
  if (pageParams.get('tracking') === 'custom') preamble.push(['setTrackingDomain', `${CUSTOM_TRACKING_HOST}${portSuffix}`]);

  // ---- small helpers -------------------------------------------------------------------------

  /**
   * Our implementation of the Urchin-style domain hash the docs describe (0 for '').
   * @param {string} text
   */
  function domainHash(text) {
    let hash = 0;
    for (let index = text.length - 1; index >= 0; index -= 1) {
      const unit = text.charCodeAt(index);
      hash = ((hash << 6) & 0x0fffffff) + unit + (unit << 14);
      const high = hash & 0x0fe00000;
      if (high !== 0) hash ^= high >> 21;
    }
    return hash;
  }

  /**
   * Our own browser fingerprint over the same kinds of inputs HubSpot uses (user agent, language,
   * colour depth, time zone, storage support, platform, the DNT header setting), hashed with
   * 32-bit FNV-1a. No cookie goes in, so it survives every reset.
   */
  function fingerprint() {
    const has = (/** @type {() => unknown} */ probe) => { try { return Boolean(probe()); } catch { return true; } };
    const inputs = [
      navigator.userAgent, navigator.language, String(screen.colorDepth), String(new Date().getTimezoneOffset()),
      String(has(() => window.sessionStorage)), String(has(() => window.localStorage)), String(has(() => window.indexedDB)),
      navigator.platform, String(navigator.doNotTrack),
    ].join('|');
    let hash = 0x811c9dc5;
    for (let index = 0; index < inputs.length; index += 1) {
      hash ^= inputs.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
  }

  /** 32 lower-case hex digits from eight random 16-bit words. */
  function newVisitorId() {
    return Array.from(crypto.getRandomValues(new Uint16Array(8)), (word) => word.toString(16).padStart(4, '0')).join('');
  }

  /**
   * `+` to space, then `decodeURI`; a value that does not decode stays as it is.
   * @param {string} raw
   */
  function decodeValue(raw) {
    try {
      return decodeURI(raw.replaceAll('+', ' '));
    } catch {
      return raw;
    }
  }

  /**
   * An address parameter: `+` to space, then `decodeURIComponent`; undecodable text stays as it is.
   * @param {string} raw
   */
  function decodeParam(raw) {
    try {
      return decodeURIComponent(raw.replaceAll('+', ' '));
    } catch {
      return raw;
    }
  }

  // ---- the cookie jar ------------------------------------------------------------------------

  /** @type {string | null} the broadest configured domain this host is under; null = host-only */
  let currentDomain = null;
  /** @type {string[]} */
  const cookieDomains = [];
  let secureCookies = false;
  let cookiesToSubdomain = false;

  /** @param {string} domain */
  function addCookieDomain(domain) {
    if (typeof domain !== 'string' || domain === '') return;
    if (!cookieDomains.includes(domain)) cookieDomains.push(domain);
    if (`.${location.hostname}`.endsWith(domain) && (currentDomain === null || domain.length < currentDomain.length)) currentDomain = domain;
  }

  /** The Domain attribute writes use, or null for host-only. */
  const writeDomain = () => (cookiesToSubdomain ? null : currentDomain);

  /**
   * The first cookie of that name the browser lists, decoded; undefined when there is none.
   * @param {string} name
   */
  function readCookie(name) {
    for (const entry of document.cookie.split(';')) {
      const trimmed = entry.replace(/^ +/, '');
      if (trimmed.startsWith(`${name}=`)) return decodeValue(trimmed.slice(name.length + 1));
    }
    return undefined;
  }

  /**
   * Writes with the Domain of the matched configured domain; if the value does not read back,
   * writes host-only (never for an expired write).
   * @param {string} name
   * @param {string} value
   * @param {{ expiresAtMs?: number | null, path?: string }} [options] null or absent: a session cookie
   */
  function writeCookie(name, value, options = {}) {
    const expiresAtMs = options.expiresAtMs ?? null;
    const parts = [`${name}=${encodeURI(value)}`];
    if (expiresAtMs !== null) parts.push(`expires=${new Date(expiresAtMs).toUTCString()}`);
    parts.push(`path=${options.path ?? '/'}`);
    const domain = writeDomain();
    const tail = ['SameSite=Lax', ...(secureCookies ? ['secure'] : [])];
    if (domain !== null) {
      document.cookie = [...parts, `domain=${domain}`, ...tail].join('; ');
      const expiring = expiresAtMs !== null && expiresAtMs <= Date.now();
      if (expiring || readCookie(name) === value) return;
    }
    document.cookie = [...parts, ...tail].join('; ');
  }

  /**
   * As HubSpot deletes: an empty value expiring in 1970, for one variant only (the configured
   * Domain, or host-only when there is none).
   * @param {string} name
   */
  function deleteCookie(name) {
    writeCookie(name, '', { expiresAtMs: 0 });
  }

  // ---- identity and session ------------------------------------------------------------------

  /**
   * @typedef {object} Utk
   * @property {number | string} domain the first field (a hash)
   * @property {string} visitor
   * @property {number} initial
   * @property {number} previous
   * @property {number} current
   * @property {number} session
   * @property {boolean} returning a six-part `__hstc` with a visitor id
   * @property {boolean} found came from a cookie or a value, not made up here
   */

  /** @typedef {{ domain: number | string, viewCount: number, start: number, found: boolean }} Session */

  const hashedDomainText = () => currentDomain ?? (() => {
    const labels = location.hostname.split('.');
    return `.${labels.length > 2 ? labels.slice(1).join('.') : location.hostname}`;
  })();
  const ownHash = () => domainHash(hashedDomainText());

  /** @returns {Utk} */
  function newUtk() {
    const now = Date.now();
    return { domain: ownHash(), visitor: newVisitorId(), initial: now, previous: now, current: now, session: 1, returning: false, found: false };
  }

  /**
   * Six dot-parts with a visitor: a returning visitor (the stored hash is kept when the value came
   * from the cookie jar... and recomputed, as HubSpot does, since it never checks it); one part: a
   * bare visitor id; anything else: nothing usable.
   * @param {string | undefined} value
   * @returns {Utk | null}
   */
  function parseUtk(value) {
    if (value === undefined || value === '') return null;
    const parts = value.split('.');
    const now = Date.now();
    const number = (/** @type {string | undefined} */ text, /** @type {number} */ fallback) => {
      const parsed = Number.parseInt(text ?? '', 10);
      return Number.isNaN(parsed) ? fallback : parsed;
    };
    if (parts.length === 6 && (parts[1] ?? '') !== '') {
      return {
        domain: parts[0] ?? '', visitor: (parts[1] ?? '').toLowerCase(), initial: number(parts[2], now), previous: number(parts[3], now),
        current: number(parts[4], now), session: number(parts[5], 1), returning: true, found: true,
      };
    }
    if (parts.length === 1) return { ...newUtk(), visitor: value.toLowerCase(), found: true };
    return null;
  }

  /**
   * @param {string | undefined} value
   * @returns {Session | null}
   */
  function parseSession(value) {
    const parts = value?.split('.') ?? [];
    if (parts.length !== 3) return null;
    const viewCount = Number.parseInt(parts[1] ?? '', 10);
    const start = Number.parseInt(parts[2] ?? '', 10);
    return { domain: parts[0] ?? '', viewCount: Number.isNaN(viewCount) ? 1 : viewCount, start: Number.isNaN(start) ? Date.now() : start, found: true };
  }

  /** @param {Utk} utk */
  const utkText = (utk) => [utk.domain, utk.visitor, utk.initial, utk.previous, utk.current, utk.session].join('.');
  /** @param {Session} session */
  const sessionText = (session) => [session.domain, session.viewCount, session.start].join('.');

  // ---- tracker state -------------------------------------------------------------------------

  /** @type {Utk | null} */
  let utk = null;
  /** @type {Session | null} */
  let session = null;
  let managedCookies = false;
  let hasResetVisitor = false;
  /** @type {{ allowed: boolean, categories: Record<string, boolean> | null } | null} */
  let privacyConsent = null;
  /** @type {{ active?: boolean, mode?: string, hideDecline?: boolean } | null} */
  let privacySettings = null;
  /** @type {Record<string, string>} */
  const identity = {};
  let trackingHost = `${DEFAULT_TRACKING_HOST}${portSuffix}`;
  let linkerEnabled = false;
  let trackingEnabled = true;
  /** Where this page's visitor came from: `cookie`, `hubspotutk`, `window.hubspotutk`, `url-query`, `url-fragment`, `__hsUserToken`, `new`, `reset`. */
  let identitySource = 'new';
  /** @type {'query' | 'fragment' | null} */
  let urlIdentityPart = null;
  /** @type {string | null} why a URL identity was not taken, for tests */
  let urlIdentityRefused = null;

  /** @type {Array<{ kind: number, url: string, sentAt: number, status: 'pending' | 'loaded' | 'failed' }>} */
  const beacons = [];
  /** @type {Array<{ kind: number, at: number, reason: 'do-not-track' | 'tracking-disabled' }>} */
  const suppressed = [];
  /** @type {Array<{ url: string, sentAt: number, message: string }>} */
  const errorReports = [];
  /** Keeps request images alive until they finish. */
  const inFlight = new Set();
  const rewriteParam = /^\d+$/.test(pageParams.get('rewrite') ?? '') ? Number(pageParams.get('rewrite')) : null;

  // ---- URL identity (cross-domain links) ------------------------------------------------------

  /** The query's parameters, or the fragment's when the query is empty. */
  function urlParams() {
    const useQuery = location.search !== '' && location.search !== '?';
    const text = useQuery ? location.search : location.hash;
    /** @type {Map<string, string>} */
    const found = new Map();
    for (const piece of text.replace(/^[?#]/, '').split('&')) {
      const equals = piece.indexOf('=');
      if (equals <= 0) continue;
      const key = decodeParam(piece.slice(0, equals));
      if (!found.has(key)) found.set(key, decodeParam(piece.slice(equals + 1)));
    }
    return { part: /** @type {'query' | 'fragment'} */ (useQuery ? 'query' : 'fragment'), found };
  }

  /**
   * `__hs_email` identifies; `__hstc`/`__hssc` are taken only with a matching `__hsfp` and a
   * domain hash equal to one of the configured domains'.
   * @param {Utk | null} jarUtk
   * @param {Session | null} jarSession
   */
  function extractUrlIdentity(jarUtk, jarSession) {
    const { part, found } = urlParams();
    const email = found.get('__hs_email');
    if (email !== undefined && email !== '') identity['email'] = email;
    if (cookieDomains.length === 0) return;
    const printed = found.get('__hsfp');
    if (printed === undefined) return;
    if (Number.parseInt(printed, 10) !== fingerprint()) { urlIdentityRefused = 'fingerprint'; return; }
    const knownHashes = cookieDomains.map((domain) => String(domainHash(domain)));
    const linkedUtk = parseUtk(found.get('__hstc'));
    if (linkedUtk?.returning) {
      if (!knownHashes.includes(String(linkedUtk.domain))) urlIdentityRefused = 'domain-hash';
      else if (utk !== null && utk.visitor !== linkedUtk.visitor) identity['visitor'] = linkedUtk.visitor;
      else if (jarUtk !== null) {
        if (jarUtk.visitor !== linkedUtk.visitor) { utk = jarUtk; identity['visitor'] = linkedUtk.visitor; }
      } else {
        utk = { ...linkedUtk, domain: ownHash() };
        identitySource = part === 'query' ? 'url-query' : 'url-fragment';
        urlIdentityPart = part;
      }
    }
    const linkedSession = parseSession(found.get('__hssc'));
    if (linkedSession !== null && knownHashes.includes(String(linkedSession.domain))) {
      if (jarSession !== null) {
        session = {
          ...jarSession,
          start: Math.min(linkedSession.start, jarSession.start),
          viewCount: jarSession.viewCount + linkedSession.viewCount,
        };
      } else {
        session = { ...linkedSession, domain: ownHash(), found: true };
      }
    }
  }

  // ---- cookie management: once per page load ---------------------------------------------------

  const anchoredPolicy = () => privacySettings !== null && privacySettings.active === true
    && (privacySettings.mode === 'OPT_IN' || privacySettings.mode === 'COOKIES_BY_CATEGORY') && privacySettings.hideDecline === false;

  /** Writes the identity and the session: only ever called from the consent listener. */
  function saveCookies() {
    if (utk === null || session === null) return;
    const now = Date.now();
    if (utk.returning && anchoredPolicy()) {
      if (privacyConsent?.allowed === true) {
        // Anchored to the first visit: the lifetime left, in whole days; 0 is a session cookie.
        const days = lifetimeDays - Math.floor((now - utk.initial) / DAY_MS);
        const expiresAtMs = days === 0 ? null : now + days * DAY_MS;
        writeCookie('__hstc', utkText(utk), { expiresAtMs });
        writeCookie('hubspotutk', utk.visitor, { expiresAtMs });
      }
    } else {
      writeCookie('__hstc', utkText(utk), { expiresAtMs: now + lifetimeDays * DAY_MS });
      writeCookie('hubspotutk', utk.visitor, { expiresAtMs: now + lifetimeDays * DAY_MS });
    }
    writeCookie('__hssrc', '1');
    writeCookie('__hssc', sessionText(session), { expiresAtMs: now + SESSION_MINUTES * 60 * 1000 });
    api.persisted = true;
    api.cookieWrites += 1;
  }

  /**
   * Decides identity and session once per page load (later calls do nothing); the cookies are
   * written by the consent listener this registers.
   * @param {Utk | null} [adopted] a visitor taken over from `hubspotutk`
   */
  function manageCookies(adopted = null) {
    if (managedCookies) return;
    const jarUtk = parseUtk(readCookie('__hstc'));
    const jarSession = readCookie('__hssrc') === '1' ? parseSession(readCookie('__hssc')) : null;
    if (jarUtk !== null) identitySource = 'cookie';
    if (!hasResetVisitor) {
      extractUrlIdentity(adopted ?? jarUtk, jarSession);
      const token = Reflect.get(window, '__hsUserToken');
      if (typeof token === 'string' && token !== '' && utk === null && jarUtk === null && adopted === null) {
        utk = { ...newUtk(), visitor: token.toLowerCase(), found: true };
        identitySource = '__hsUserToken';
      }
    }
    if (utk === null) utk = adopted ?? jarUtk ?? newUtk();
    if (session === null) session = jarSession ?? { domain: ownHash(), viewCount: 1, start: Date.now(), found: false };
    if (jarUtk !== null && utk === jarUtk) utk = { ...jarUtk, domain: ownHash() };
    if (jarSession !== null && session === jarSession) session = { ...jarSession, domain: ownHash() };
    if (!session.found) {
      if (utk.returning) utk = { ...utk, previous: utk.current, current: session.start, session: utk.session + 1 };
    } else {
      session = { ...session, viewCount: session.viewCount + 1 };
    }
    if (!Reflect.get(window, '__hsUserToken')) Reflect.set(window, '__hsUserToken', utk.visitor);
    whenConsentGranted(saveCookies);
    managedCookies = true;
    publish();
  }

  /** `hsfirstvisit` goes; a `hubspotutk` (cookie or page global) is adopted when `__hstc` is empty. */
  function handleMigrations() {
    const legacyCookie = readCookie('hubspotutk');
    const legacyGlobal = Reflect.get(window, 'hubspotutk');
    const legacy = legacyCookie !== undefined && legacyCookie !== '' ? legacyCookie : typeof legacyGlobal === 'string' ? legacyGlobal : '';
    const hstc = readCookie('__hstc');
    if (legacy !== '' && /[0-9a-f]{32}/.test(legacy) && (hstc === undefined || hstc === '')) {
      const adopted = parseUtk(legacy);
      if (adopted !== null) {
        identitySource = legacy === legacyCookie ? 'hubspotutk' : 'window.hubspotutk';
        manageCookies(adopted);
      }
    }
    if (readCookie('hsfirstvisit') !== undefined) deleteCookie('hsfirstvisit');
  }

  /** A new visitor in memory, `rv=1` on later beacons; saved only if consent is later granted. */
  function resetVisitorIdentity() {
    hasResetVisitor = true;
    utk = newUtk();
    session = { domain: ownHash(), viewCount: 1, start: Date.now(), found: false };
    identitySource = 'reset';
    api.visitorResets += 1;
    publish();
  }

  // ---- consent: only from whatever processes window._hsp (the banner) --------------------------

  /** @param {unknown[]} command */
  function pushPrivacy(command) {
    const queue = Reflect.get(window, '_hsp');
    if (queue === undefined) Reflect.set(window, '_hsp', [command]);
    else if (typeof queue === 'object' && queue !== null && 'push' in queue && typeof queue.push === 'function') queue.push(command);
  }

  /**
   * @param {unknown} event
   * @returns {{ allowed: boolean, changed: boolean, categories: Record<string, boolean> | null, source: string }}
   */
  function readConsentEvent(event) {
    const value = typeof event === 'object' && event !== null ? event : {};
    const categories = Reflect.get(value, 'categories');
    const previous = Reflect.get(value, 'previousCategories');
    const analytics = typeof categories === 'object' && categories !== null && Reflect.get(categories, 'analytics') === true;
    const allowed = Reflect.get(value, 'allowed') === true || analytics;
    const previousAnalytics = typeof previous === 'object' && previous !== null ? Reflect.get(previous, 'analytics') : undefined;
    const reason = Reflect.get(value, 'reason');
    return {
      allowed,
      changed: allowed !== previousAnalytics,
      categories: typeof categories === 'object' && categories !== null ? /** @type {Record<string, boolean>} */ ({ ...categories }) : null,
      source: typeof reason === 'string' ? `banner: ${reason}` : 'banner',
    };
  }

  /** @param {() => void} callback runs when analytics consent becomes true (a change) */
  function whenConsentGranted(callback) {
    pushPrivacy(['addPrivacyConsentListener', (/** @type {unknown} */ event) => {
      const { allowed, changed } = readConsentEvent(event);
      if (allowed && changed) callback();
    }]);
  }

  function handlePrivacyPolicy() {
    pushPrivacy(['addPrivacyConsentListener', (/** @type {unknown} */ event) => {
      const { allowed, changed, categories, source } = readConsentEvent(event);
      privacyConsent = { allowed, categories };
      consentSource = source;
      if (changed && !allowed) {
        // A true->false change within the page: the four cookies go (one variant each).
        for (const name of ['__hstc', 'hubspotutk', '__hssrc', '__hssc']) deleteCookie(name);
        api.persisted = false;
        resetVisitorIdentity();
      }
      publish();
    }]);
    pushPrivacy(['addPrivacySettingsListener', (/** @type {unknown} */ settings) => {
      if (typeof settings === 'object' && settings !== null) {
        privacySettings = {
          active: Reflect.get(settings, 'active') === true,
          mode: String(Reflect.get(settings, 'mode')),
          hideDecline: Reflect.get(settings, 'hideDecline') === true,
        };
      }
      publish();
    }]);
  }

  let consentSource = 'none: no decision from a banner yet';

  function consentBitmask() {
    const categories = privacyConsent?.categories ?? null;
    if (categories === null) return 0;
    return (categories['necessary'] ? 1 : 0) + (categories['analytics'] ? 2 : 0) + (categories['advertisement'] ? 4 : 0) + (categories['functionality'] ? 8 : 0);
  }

  function policyCode() {
    if (privacySettings === null) return null;
    if (privacySettings.mode === 'OPT_IN') return privacySettings.hideDecline ? '0' : '1';
    if (privacySettings.mode === 'NO_COOKIES') return '2';
    if (privacySettings.mode === 'COOKIES_BY_CATEGORY') return '3';
    return null;
  }

  // ---- requests ------------------------------------------------------------------------------

  /** First `__hs_do_not_track` in the jar, decoded, equal to `yes`. */
  const doNotTrack = () => readCookie(DO_NOT_TRACK) === 'yes';

  /**
   * The beacon's fields in HubSpot's names.
   * @param {Record<string, string>} extra
   */
  function beaconFields(extra) {
    /** @type {Array<[string, string]>} */
    const fields = Object.entries(extra);
    fields.push(['sd', `${screen.width}x${screen.height}`], ['cd', `${screen.colorDepth}-bit`], ['cs', document.characterSet]);
    if (navigator.language) fields.push(['ln', navigator.language.toLowerCase()]);
    if (!doNotTrack()) fields.push(['bfp', String(fingerprint())]);
    fields.push(['v', VERSION], ['a', portalId]);
    if (document.referrer !== '') fields.push(['r', document.referrer]);
    fields.push(['pu', location.href]);
    if (document.title !== '') fields.push(['t', document.title]);
    fields.push(['cts', String(Date.now())]);
    if (Object.keys(identity).length > 0) fields.push(['i', new URLSearchParams(identity).toString()]);
    if (hasResetVisitor) fields.push(['rv', '1']);
    if (utk !== null) fields.push(['vi', utk.visitor], ['nc', String(!utk.returning)]);
    const hstc = readCookie('__hstc');
    if (hstc !== undefined && hstc !== '') fields.push(['u', hstc]);
    const hssc = readCookie('__hssc');
    if (hssc !== undefined && hssc !== '') fields.push(['b', hssc]);
    const pt = policyCode();
    if (pt !== null) fields.push(['pt', pt]);
    if (privacyConsent?.allowed !== true) fields.push(['ce', 'false']);
    fields.push(['cc', String(consentBitmask())]);
    return new URLSearchParams(fields).toString();
  }

  /**
   * @param {string} url
   * @param {(status: 'loaded' | 'failed') => void} onSettled
   */
  function loadImage(url, onSettled) {
    const image = new Image(1, 1);
    inFlight.add(image);
    image.onload = () => { inFlight.delete(image); onSettled('loaded'); };
    image.onerror = () => { inFlight.delete(image); onSettled('failed'); };
    image.src = url;
  }

  /**
   * Do-not-track is read from the jar before every beacon.
   * @param {number} kind 1 page view, 3 event, 28/29/30 consent approve/decline/revoke
   * @param {Record<string, string>} [extra]
   * @param {string} [path]
   * @returns {boolean} whether it was sent
   */
  function sendBeacon(kind, extra = {}, path = '/__ptq.gif') {
    const now = Date.now();
    if (doNotTrack() || !trackingEnabled) {
      suppressed.push({ kind, at: now, reason: trackingEnabled ? 'do-not-track' : 'tracking-disabled' });
      publish();
      return false;
    }
    const url = `https://${trackingHost}${path}?${beaconFields({ k: String(kind), ...extra })}`;
    /** @type {{ kind: number, url: string, sentAt: number, status: 'pending' | 'loaded' | 'failed' }} */
    const record = { kind, url, sentAt: now, status: 'pending' };
    beacons.push(record);
    api.lastBeacon = url;
    loadImage(url, (status) => {
      record.status = status;
      api.settledBeacons += 1;
      publish();
    });
    publish();
    return true;
  }

  /**
   * A script error report to `/__pto.gif`: not covered by do-not-track.
   * @param {string} message
   */
  function reportError(message) {
    const error = new Error(message);
    const stackLine = (error.stack ?? '').split('\n')[1] ?? '';
    const location_ = /\((.*):(\d+):(\d+)\)$/.exec(stackLine) ?? /at (.*):(\d+):(\d+)$/.exec(stackLine);
    const fields = new URLSearchParams({
      w: String(Date.now()), m: message, j: STAND_IN_BUILD, n: error.name,
      f: location_?.[1] ?? '', l: location_?.[2] ?? '', x: (error.stack ?? '').slice(0, 500),
    });
    const url = `https://${trackingHost}/__pto.gif?${fields}`;
    errorReports.push({ url, sentAt: Date.now(), message });
    loadImage(url, () => publish());
    publish();
  }

  // ---- cross-domain links ----------------------------------------------------------------------

  /** Links to the portal's other domains get `__hstc`, `__hssc`, `__hsfp` in their query. */
  function decorateLinks() {
    if (utk === null || session === null) return;
    const others = cookieDomains.filter((domain) => domain !== currentDomain);
    let decorated = 0;
    for (const anchor of Array.from(document.querySelectorAll('a[href]'))) {
      if (!(anchor instanceof HTMLAnchorElement)) continue;
      let target;
      try { target = new URL(anchor.href); } catch { continue; }
      if (target.hostname === location.hostname) continue;
      if (!others.some((domain) => `.${target.hostname}`.endsWith(domain))) continue;
      target.searchParams.set('__hstc', utkText(utk));
      target.searchParams.set('__hssc', sessionText(session));
      target.searchParams.set('__hsfp', String(fingerprint()));
      anchor.href = target.href;
      decorated += 1;
    }
    api.decoratedLinks = decorated;
    publish();
  }

  // ---- page views and rewrites --------------------------------------------------------------------

  /** A page view. Cookies are decided once per page load; later views only send a beacon. */
  function trackPageView() {
    manageCookies();
    return sendBeacon(1);
  }

  /** Ours, for `?rewrite=N` stress tests: writes the cookies from memory while consent is granted. */
  function rewriteCookies() {
    if (privacyConsent?.allowed === true) saveCookies();
    api.rewrites += 1;
    publish();
  }

  // ---- state visible to tests ----------------------------------------------------------------

  const api = {
    ready: false,
    portalId,
    cookieDomain: /** @type {string | null} */ (null),
    cookieDomains,
    hashedDomain: '',
    domainHash: 0,
    trackingHost,
    lifetimeDays,
    fingerprint: fingerprint(),
    visitorId: '',
    identitySource,
    urlIdentityPart,
    urlIdentityRefused,
    identity,
    hstc: '',
    hssc: '',
    sessionNumber: 0,
    pageViews: 0,
    isNewSession: true,
    /** Whether this page load wrote the identity cookies (consent granted). */
    persisted: false,
    cookieWrites: 0,
    visitorResets: 0,
    consent: { known: false, allowed: false, analytics: false, advertisement: false, functionality: false, bitmask: 0, source: consentSource },
    /** @type {{ active: boolean, mode: string, hideDecline: boolean } | null} */
    privacySettings: null,
    expiry: 'rolling',
    rewriteIntervalMs: rewriteParam === null ? null : Math.max(10, rewriteParam),
    rewrites: 0,
    decoratedLinks: 0,
    beacons,
    suppressed,
    errorReports,
    /** @type {string | null} */
    lastBeacon: null,
    settledBeacons: 0,
    trackPageView,
    /** @param {string} name */
    trackEvent: (name) => sendBeacon(3, { n: name }),
    rewriteNow: rewriteCookies,
    /** @param {string} [message] */
    reportError: (message = 'stand-in error report') => reportError(message),
  };

  function publish() {
    const categories = privacyConsent?.categories ?? null;
    Object.assign(api, {
      cookieDomain: currentDomain,
      hashedDomain: hashedDomainText(),
      domainHash: ownHash(),
      trackingHost,
      visitorId: utk?.visitor ?? '',
      identitySource,
      urlIdentityPart,
      urlIdentityRefused,
      hstc: utk === null ? '' : utkText(utk),
      hssc: session === null ? '' : sessionText(session),
      sessionNumber: utk?.session ?? 0,
      pageViews: session?.viewCount ?? 0,
      isNewSession: session === null ? true : !session.found,
      consent: {
        known: privacyConsent !== null,
        allowed: privacyConsent?.allowed === true,
        analytics: categories?.['analytics'] === true,
        advertisement: categories?.['advertisement'] === true,
        functionality: categories?.['functionality'] === true,
        bitmask: consentBitmask(),
        source: consentSource,
      },
      privacySettings,
      expiry: utk?.returning && anchoredPolicy() ? 'anchored' : 'rolling',
    });
    document.documentElement.dataset['demoBeacons'] = String(api.settledBeacons);
  }

  // ---- the _hsq command queue --------------------------------------------------------------------

  /** @param {unknown} value */
  const objectArgument = (value) => (typeof value === 'object' && value !== null ? value : {});

  /** @param {unknown} command */
  function runCommand(command) {
    if (!Array.isArray(command)) return;
    const [name, argument] = command;
    switch (name) {
      case 'setPortalId': manageCookies(); break;
      case 'trackPageView': trackPageView(); break;
      case 'trackEvent': {
        const id = Reflect.get(objectArgument(argument), 'id');
        const value = Reflect.get(objectArgument(argument), 'value');
        sendBeacon(3, { n: typeof id === 'string' ? id : 'event', ...(value === undefined ? {} : { m: String(value) }) });
        break;
      }
      case 'trackCustomBehavioralEvent': {
        const eventName = Reflect.get(objectArgument(argument), 'name');
        manageCookies();
        sendBeacon(3, { n: typeof eventName === 'string' ? eventName : 'event' }, '/__ptbe.gif');
        break;
      }
      case 'identify':
        for (const [key, value] of Object.entries(objectArgument(argument))) if (typeof value === 'string') identity[key] = value;
        publish();
        break;
      case 'doNotTrack':
        if (Reflect.get(objectArgument(argument), 'track') === true) deleteCookie(DO_NOT_TRACK);
        else writeCookie(DO_NOT_TRACK, 'yes', { expiresAtMs: Date.now() + lifetimeDays * DAY_MS });
        break;
      case 'setTrackingEnabled': trackingEnabled = argument !== false; break;
      case 'enableAutomaticLinker':
        // Links are decorated under consent only, as the cookies are written.
        linkerEnabled = argument !== false;
        if (linkerEnabled) whenConsentGranted(decorateLinks);
        break;
      case 'resetVisitor':
        resetVisitorIdentity();
        if (linkerEnabled) decorateLinks();
        break;
      case 'revokeCookieConsent': pushPrivacy(['revokeCookieConsent']); break;
      case 'trackApproveCookieConsent': sendBeacon(28); break;
      case 'trackDeclineCookieConsent': sendBeacon(29); break;
      case 'trackRevokeCookieConsent': sendBeacon(30); break;
      default: break;
    }
  }

  /** Settings that shape the cookies run before anything else. */
  /** @param {unknown} command */
  function runSetting(command) {
    if (!Array.isArray(command)) return;
    const [name, argument] = command;
    if (name === 'setTrackingDomain' && typeof argument === 'string' && argument !== '') trackingHost = argument;
    else if (name === 'addCookieDomain' && typeof argument === 'string') addCookieDomain(argument);
    else if (name === 'setCookiesToSubdomain') cookiesToSubdomain = argument === true;
    else if (name === 'enableSecureCookie') secureCookies = true;
  }

  const SETTINGS = ['setTrackingDomain', 'addCookieDomain', 'setCookiesToSubdomain', 'enableSecureCookie'];
  const PRIORITY = ['setPortalId', 'identify', 'setTrackingEnabled'];
  /** @param {unknown} command @param {readonly string[]} names */
  const isOneOf = (command, names) => Array.isArray(command) && names.includes(String(command[0]));

  function run() {
    if (Reflect.get(window, '_hstc_ran') === true) return;
    Reflect.set(window, '_hstc_ran', true);
    const queued = Reflect.get(window, '_hsq');
    const pending = Array.isArray(queued) ? [...queued] : [];
    Reflect.set(window, '_hsq', { push: (/** @type {unknown[]} */ ...commands) => { for (const command of commands) { runSetting(command); runCommand(command); } return 0; } });
    pending.filter((command) => isOneOf(command, SETTINGS)).forEach(runSetting);
    handlePrivacyPolicy();
    handleMigrations();
    pending.filter((command) => isOneOf(command, PRIORITY)).forEach(runCommand);
    pending.filter((command) => !isOneOf(command, SETTINGS) && !isOneOf(command, PRIORITY)).forEach(runCommand);
    if (pageParams.get('error') === '1') reportError('stand-in error report (?error=1)');
    if (api.rewriteIntervalMs !== null) setInterval(rewriteCookies, api.rewriteIntervalMs);
    api.ready = true;
    publish();
    document.documentElement.dataset['demoTracker'] = 'ready';
  }

  Object.defineProperty(window, '__demoTracker', { value: api, configurable: true });
  Reflect.set(window, '_hstc_loaded', true);
  // HubSpot's code runs on the window's load event (at once if the page has already loaded).
  if (document.readyState === 'complete') run();
  else window.addEventListener('load', run);
})();
