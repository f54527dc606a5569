// @ts-check
// Cookie Lens demo: a stand-in for HubSpot's tracking code, written by us from the documented
// behaviour (shared docs, hubspot-cookies.md sections 2-6). It is not HubSpot's code and only
// does what the tests need: the visitor and session cookies, the privacy switches, beacons.
(() => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const VISITOR_LIFETIME_MS = 180 * DAY_MS;
  const SESSION_LIFETIME_MS = 30 * 60 * 1000;
  /** Cookie domains "configured in the portal settings" of our made-up portal. */
  const CONFIGURED_COOKIE_DOMAINS = ['.hubdemo.test'];
  const ANALYTICS_COOKIES = ['__hstc', 'hubspotutk', '__hssc', '__hssrc'];
  /** What `_hsp.push(['revokeCookieConsent'])` deletes (section 5). */
  const REVOKED_COOKIES = ['__hs_cookie_cat_pref', '__hs_initial_opt_in', '__hs_opt_out', '__hssc', '__hssrc',
    '__hs_do_not_track', '__hstc', 'hubspotutk', 'messagesUtk', '__hs_gpc_banner_dismiss', '__hs_notify_banner_dismiss'];

  const self = document.currentScript;
  const source = new URL(self instanceof HTMLScriptElement ? self.src : location.href);
  const portalId = /\/analytics\/(\d+)\.js$/.exec(source.pathname)?.[1] ?? '0';
  const beaconOrigin = `https://track.hubspot.com${source.port === '' ? '' : `:${source.port}`}`;

  /**
   * The Urchin-style domain hash (section 3), with 0 for the empty string.
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

  const host = location.hostname;
  const configuredDomain = CONFIGURED_COOKIE_DOMAINS.find((domain) => host === domain.slice(1) || host.endsWith(domain)) ?? null;
  const labels = host.split('.');
  const hashedDomain = configuredDomain ?? `.${labels.length > 2 ? labels.slice(1).join('.') : host}`;
  const hash = domainHash(hashedDomain);

  // ---- the cookie jar ------------------------------------------------------------------------

  /** @param {string} raw */
  function decodeValue(raw) {
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw; // hostile or foreign values stay as they are
    }
  }

  /** Every value per name; a name can appear twice (host-only and Domain variants). */
  function readJar() {
    /** @type {Map<string, string[]>} */
    const jar = new Map();
    for (const entry of document.cookie.split(';')) {
      const trimmed = entry.trim();
      if (trimmed === '') continue;
      const equals = trimmed.indexOf('=');
      const name = equals < 0 ? '' : trimmed.slice(0, equals);
      const value = decodeValue(equals < 0 ? trimmed : trimmed.slice(equals + 1));
      jar.set(name, [...(jar.get(name) ?? []), value]);
    }
    return jar;
  }

  /**
   * @param {Map<string, string[]>} jar
   * @param {string} name
   */
  function first(jar, name) {
    return jar.get(name)?.[0];
  }

  /**
   * Writes with the configured Domain; if that does not read back, writes host-only (section 4).
   * @param {string} name
   * @param {string} value
   * @param {number | null} expiresAtMs null for a session cookie
   */
  function writeCookie(name, value, expiresAtMs) {
    const base = [`${name}=${encodeURI(value)}`, 'path=/', 'SameSite=Lax'];
    if (expiresAtMs !== null) base.push(`expires=${new Date(expiresAtMs).toUTCString()}`);
    if (configuredDomain !== null) {
      document.cookie = [...base, `domain=${configuredDomain}`].join('; ');
      if (readJar().get(name)?.includes(value) === true) return;
    }
    document.cookie = base.join('; ');
  }

  /**
   * Deletes as HubSpot does (empty value, 1970 expiry), for the Domain and the host-only variant.
   * @param {string} name
   */
  function deleteCookie(name) {
    const expired = [`${name}=`, 'path=/', 'expires=Thu, 01 Jan 1970 00:00:00 GMT'];
    if (configuredDomain !== null) document.cookie = [...expired, `domain=${configuredDomain}`].join('; ');
    document.cookie = expired.join('; ');
  }

  // ---- consent -------------------------------------------------------------------------------

  /**
   * `__hs_cookie_cat_pref` (either separator) decides per category; `__hs_opt_out=yes` declines
   * everything; with neither, the demo site behaves like a notice-only banner: all allowed.
   * @param {Map<string, string[]>} jar
   */
  function readConsent(jar) {
    const preference = first(jar, '__hs_cookie_cat_pref');
    const optOut = first(jar, '__hs_opt_out');
    let consent = { analytics: true, advertisement: true, functionality: true, source: 'none' };
    if (preference !== undefined) {
      /** @type {Map<string, boolean>} */
      const byId = new Map();
      for (const pair of preference.split(/[,_]/)) {
        const [id, flag] = pair.split(':');
        if (id !== undefined) byId.set(id, flag === 'true');
      }
      consent = { analytics: byId.get('1') === true, advertisement: byId.get('2') === true, functionality: byId.get('3') === true, source: '__hs_cookie_cat_pref' };
    }
    if (optOut === 'yes') consent = { analytics: false, advertisement: false, functionality: false, source: '__hs_opt_out' };
    const bitmask = 1 + (consent.analytics ? 2 : 0) + (consent.advertisement ? 4 : 0) + (consent.functionality ? 8 : 0);
    return { ...consent, bitmask };
  }

  // ---- visitor and session (section 2) -------------------------------------------------------

  function newVisitorId() {
    return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
  }

  /**
   * @param {string | undefined} text
   * @returns {number | null}
   */
  function wholeNumber(text) {
    return text !== undefined && /^\d+$/.test(text) ? Number(text) : null;
  }

  /**
   * @param {Map<string, string[]>} jar
   * @param {number} now
   */
  function nextVisit(jar, now) {
    const hstcParts = first(jar, '__hstc')?.split('.') ?? [];
    const hsscParts = first(jar, '__hssc')?.split('.') ?? [];
    const returning = hstcParts.length === 6 && hstcParts[1] !== '';
    const bareId = hstcParts.length === 1 && hstcParts[0] !== '' ? hstcParts[0] : undefined;
    const sessionViews = hsscParts.length === 3 ? wholeNumber(hsscParts[1]) : null;
    const sessionStart = hsscParts.length === 3 ? wholeNumber(hsscParts[2]) : null;
    const sameSession = returning && sessionViews !== null && sessionStart !== null && first(jar, '__hssrc') === '1';
    if (returning) {
      const firstVisit = wholeNumber(hstcParts[2]) ?? now;
      const previousSession = wholeNumber(hstcParts[3]) ?? firstVisit;
      const currentSession = wholeNumber(hstcParts[4]) ?? previousSession;
      const sessionNumber = wholeNumber(hstcParts[5]) ?? 1;
      const visitorId = hstcParts[1] ?? newVisitorId();
      if (sameSession) {
        return { visitorId, firstVisit, previousSession, currentSession, sessionNumber, pageViews: (sessionViews ?? 0) + 1, sessionStart: sessionStart ?? now, isNewSession: false };
      }
      return { visitorId, firstVisit, previousSession: currentSession, currentSession: now, sessionNumber: sessionNumber + 1, pageViews: 1, sessionStart: now, isNewSession: true };
    }
    return { visitorId: bareId ?? newVisitorId(), firstVisit: now, previousSession: now, currentSession: now, sessionNumber: 1, pageViews: 1, sessionStart: now, isNewSession: true };
  }

  /** @typedef {ReturnType<typeof nextVisit>} Visit */

  /** @param {Visit} visit */
  const hstcOf = (visit) => `${hash}.${visit.visitorId}.${visit.firstVisit}.${visit.previousSession}.${visit.currentSession}.${visit.sessionNumber}`;
  /** @param {Visit} visit */
  const hsscOf = (visit) => `${hash}.${visit.pageViews}.${visit.sessionStart}`;

  /**
   * @param {Visit} visit
   * @param {number} now
   */
  function persist(visit, now) {
    writeCookie('__hstc', hstcOf(visit), now + VISITOR_LIFETIME_MS);
    writeCookie('hubspotutk', visit.visitorId, now + VISITOR_LIFETIME_MS);
    writeCookie('__hssc', hsscOf(visit), now + SESSION_LIFETIME_MS);
    writeCookie('__hssrc', '1', null);
  }

  // ---- state visible to tests ----------------------------------------------------------------

  const pageParams = new URLSearchParams(location.search);
  const rewriteParam = wholeNumber(pageParams.get('rewrite') ?? undefined);
  const rewriteIntervalMs = rewriteParam === null ? null : Math.max(10, rewriteParam);
  const loadedAt = Date.now();
  const loadJar = readJar();
  let visit = nextVisit(loadJar, loadedAt);
  let consent = readConsent(loadJar);
  /** @type {Array<{ kind: number, url: string, sentAt: number, status: 'pending' | 'loaded' | 'failed' }>} */
  const beacons = [];
  /** @type {Array<{ kind: number, at: number, reason: 'do-not-track' | 'consent' }>} */
  const suppressed = [];
  /** Keeps beacon images alive until they finish. */
  const inFlight = new Set();

  const api = {
    ready: false,
    portalId,
    cookieDomain: configuredDomain,
    hashedDomain,
    domainHash: hash,
    visitorId: visit.visitorId,
    hstc: hstcOf(visit),
    hssc: hsscOf(visit),
    sessionNumber: visit.sessionNumber,
    pageViews: visit.pageViews,
    isNewSession: visit.isNewSession,
    /** False while analytics consent is declined: the identity then lives in memory only. */
    persisted: consent.analytics,
    consent,
    rewriteIntervalMs,
    rewrites: 0,
    beacons,
    suppressed,
    /** @type {string | null} */
    lastBeacon: null,
    settledBeacons: 0,
    trackPageView,
    /** @param {string} name */
    trackEvent: (name) => sendBeacon(3, { n: name }),
    rewriteNow: rewriteCookies,
  };

  function publish() {
    Object.assign(api, {
      visitorId: visit.visitorId, hstc: hstcOf(visit), hssc: hsscOf(visit), sessionNumber: visit.sessionNumber,
      pageViews: visit.pageViews, isNewSession: visit.isNewSession, persisted: consent.analytics, consent,
    });
    document.documentElement.dataset['demoBeacons'] = String(api.settledBeacons);
  }

  // ---- beacons (section 6) -------------------------------------------------------------------

  /** A made-up stand-in for the browser fingerprint HubSpot sends (dropped under do-not-track). */
  function fingerprint() {
    return String(domainHash(`${navigator.userAgent}|${navigator.language}|${screen.width}x${screen.height}`));
  }

  /**
   * Re-reads the cookies first, so a switch flipped from outside works without a reload.
   * @param {number} kind 1 page view, 3 event
   * @param {Record<string, string>} [extra]
   * @returns {boolean} whether a beacon was sent
   */
  function sendBeacon(kind, extra = {}) {
    const jar = readJar();
    consent = readConsent(jar);
    const now = Date.now();
    if (jar.get('__hs_do_not_track')?.includes('yes') === true) {
      suppressed.push({ kind, at: now, reason: 'do-not-track' });
      publish();
      return false;
    }
    if (!consent.analytics) {
      suppressed.push({ kind, at: now, reason: 'consent' });
      publish();
      return false;
    }
    const query = new URLSearchParams({
      a: portalId, vi: visit.visitorId, u: hstcOf(visit), b: hsscOf(visit), cc: String(consent.bitmask), k: String(kind),
      pu: location.href, t: document.title, r: document.referrer, fp: fingerprint(), ts: String(now), ...extra,
    });
    const url = `${beaconOrigin}/__ptq.gif?${query}`;
    /** @type {{ kind: number, url: string, sentAt: number, status: 'pending' | 'loaded' | 'failed' }} */
    const record = { kind, url, sentAt: now, status: 'pending' };
    beacons.push(record);
    api.lastBeacon = url;
    const image = new Image(1, 1);
    inFlight.add(image);
    const settle = (/** @type {'loaded' | 'failed'} */ status) => {
      record.status = status;
      inFlight.delete(image);
      api.settledBeacons += 1;
      publish();
    };
    image.onload = () => settle('loaded');
    image.onerror = () => settle('failed');
    image.src = url;
    publish();
    return true;
  }

  /** A page view without a reload (single-page apps): one more view in this session. */
  function trackPageView() {
    const now = Date.now();
    visit = { ...visit, pageViews: visit.pageViews + 1 };
    consent = readConsent(readJar());
    if (consent.analytics) persist(visit, now);
    publish();
    return sendBeacon(1);
  }

  /** Rewrites (or, without analytics consent, deletes) the four cookies from memory. */
  function rewriteCookies() {
    const jar = readJar();
    consent = readConsent(jar);
    if (consent.analytics) persist(visit, Date.now());
    else for (const name of ANALYTICS_COOKIES) if (jar.has(name)) deleteCookie(name);
    api.rewrites += 1;
    publish();
  }

  // ---- the _hsq / _hsp command queues --------------------------------------------------------

  /** @param {unknown} command */
  function runCommand(command) {
    if (!Array.isArray(command)) return;
    const [name, argument] = command;
    if (name === 'doNotTrack') {
      const track = typeof argument === 'object' && argument !== null && Reflect.get(argument, 'track') === true;
      if (track) deleteCookie('__hs_do_not_track');
      else writeCookie('__hs_do_not_track', 'yes', Date.now() + VISITOR_LIFETIME_MS);
    } else if (name === 'trackPageView') {
      trackPageView();
    } else if (name === 'trackEvent') {
      const id = typeof argument === 'object' && argument !== null ? Reflect.get(argument, 'id') : undefined;
      sendBeacon(3, { n: typeof id === 'string' ? id : 'event' });
    } else if (name === 'revokeCookieConsent') {
      for (const cookieName of REVOKED_COOKIES) deleteCookie(cookieName);
    }
  }

  /** @param {string} queueName */
  function adoptQueue(queueName) {
    const queued = Reflect.get(window, queueName);
    const pending = Array.isArray(queued) ? [...queued] : [];
    const queue = { push: (/** @type {unknown[]} */ ...commands) => { commands.forEach(runCommand); return 0; } };
    Reflect.set(window, queueName, queue);
    pending.forEach(runCommand);
  }

  // ---- page load -----------------------------------------------------------------------------

  if (consent.analytics) persist(visit, loadedAt);
  else for (const name of ANALYTICS_COOKIES) deleteCookie(name);
  Object.defineProperty(window, '__demoTracker', { value: api, configurable: true });
  adoptQueue('_hsq');
  adoptQueue('_hsp');
  sendBeacon(1);
  if (rewriteIntervalMs !== null) setInterval(rewriteCookies, rewriteIntervalMs);
  api.ready = true;
  publish();
  document.documentElement.dataset['demoTracker'] = 'ready';
})();
