// @ts-check
// Server-side cookie presets for the demo site: one data table, used by the server to set the
// cookies, by docs/DEMO-SITE.md (generated from `renderPresetDocs()`) and by the e2e spec.
// Value formats come from docs/facts/hubspot-cookies.md, docs/hubspot-tracker-facts.md and
// docs/facts/other-trackers.md; the ids and tokens themselves are made up for the demo.
import { SITE_COOKIE_DOMAIN, SITE_HOSTS } from './hosts.mjs';

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/**
 * `site` = `Domain=.hubdemo.test`; `host` = host-only on the host that asked for the preset.
 * @typedef {'site' | 'host'} Scope
 */

/**
 * One cookie of a preset. `value` is a template: `{nowSeconds}`, `{nowMs}`, `{nowIso}` and
 * `{nowDateString}` are replaced with the server's clock when the preset is applied.
 * @typedef {object} PresetCookie
 * @property {string} name
 * @property {string} value
 * @property {Scope} scope
 * @property {string} path
 * @property {number | null} maxAgeSeconds null for a session cookie
 * @property {boolean} secure
 * @property {boolean} httpOnly
 * @property {'Lax' | 'Strict' | 'None'} sameSite
 * @property {boolean} partitioned
 * @property {string} why one line for the docs
 */

/**
 * @typedef {object} CookieOptions
 * @property {Scope} [scope]
 * @property {string} [path]
 * @property {number | null} [maxAgeSeconds]
 * @property {boolean} [secure]
 * @property {boolean} [httpOnly]
 * @property {'Lax' | 'Strict' | 'None'} [sameSite]
 * @property {boolean} [partitioned]
 */

/**
 * @param {string} name
 * @param {string} value
 * @param {string} why
 * @param {CookieOptions} [options]
 * @returns {PresetCookie}
 */
function cookie(name, value, why, options = {}) {
  return {
    name,
    value,
    scope: options.scope ?? 'site',
    path: options.path ?? '/',
    maxAgeSeconds: options.maxAgeSeconds === undefined ? null : options.maxAgeSeconds,
    secure: options.secure ?? false,
    httpOnly: options.httpOnly ?? false,
    sameSite: options.sameSite ?? 'Lax',
    partitioned: options.partitioned ?? false,
    why,
  };
}

/** Cloudflare's cookies are HttpOnly, Secure and cross-site capable. */
const CLOUDFLARE = /** @type {const} */ ({ httpOnly: true, secure: true, sameSite: 'None' });

const MEMBERSHIP = [
  cookie('__hsmem', '0:Qm9va21hcmstdGhpcy1kZW1vLW1lbWJlcnNoaXAtdG9rZW4t', 'HubSpot membership login token (`0:` + 48 base64url characters)', { scope: 'host', maxAgeSeconds: 7 * DAY }),
  cookie('hs-membership-csrf', 'dGVzdC1jc3JmLXRva2VuMQ', 'HubSpot membership CSRF token (22 base64url characters), session', { scope: 'host' }),
];

/** Every HubSpot cookie besides the four analytics ones and `__hs_do_not_track`. */
const OTHERS = [
  cookie('__hs_cookie_cat_pref', '1:true_2:false_3:true', 'consent, 2024 banner format: analytics yes, advertisement no, functionality yes', { maxAgeSeconds: 180 * DAY }),
  cookie('__hs_opt_out', 'no', 'legacy banner: accepted', { maxAgeSeconds: 180 * DAY }),
  cookie('__hs_initial_opt_in', 'true', 'legacy banner: initial opt-in', { maxAgeSeconds: 7 * DAY }),
  cookie('__hs_gpc_banner_dismiss', 'true', 'Global Privacy Control notice dismissed', { maxAgeSeconds: 180 * DAY }),
  cookie('__hs_notify_banner_dismiss', 'true', 'notify-type banner dismissed', { maxAgeSeconds: 180 * DAY }),
  cookie('hs_ab_test', '51234567890_51234567891', 'A/B test page id and variant id; HubSpot\'s exact format is unknown, this one is ours', { scope: 'host' }),
  cookie('51234567892_key', 'AEuLnMuC0yZkW6qV3rFh2tP9xQ', 'password-protected page key (`<page id>_key`)', { scope: 'host', maxAgeSeconds: 14 * DAY }),
  cookie('hs-messages-is-open', 'false', 'chat widget closed', { maxAgeSeconds: 30 * MINUTE }),
  cookie('hs-messages-hide-welcome-message', 'true', 'chat welcome message hidden', { maxAgeSeconds: DAY }),
  cookie('messagesUtk', '9f3b2c1d0e4a4f6b8c7d6e5f4a3b2c1d', 'chat visitor id (32 hex, a UUID v4 without hyphens), first-party host-only', { scope: 'host', maxAgeSeconds: 180 * DAY }),
  ...MEMBERSHIP,
  cookie('hs_langswitcher_choice', 'EN-US:hubdemo.test', 'language switcher choice (`language:domain`)', { maxAgeSeconds: 730 * DAY }),
  cookie('__cf_bm', 'Xq3v9LmT0pR2sW8yB5nK1cF7hJ4dG6aZ0eU2iO9wQxY-{nowSeconds}-1.0.1.1-c0lKb3JkZW1vYm90bWFuYWdlbWVudGJsb2Jmb3Jjb29raWVsZW5zZGVtbw', 'Cloudflare bot management: 43-character token, Unix seconds, version, base64 blob', { ...CLOUDFLARE, maxAgeSeconds: 30 * MINUTE }),
  cookie('__cfruid', '4f2a9c0e7b1d3f5a8c6e2b4d0f9a7c5e3b1d8f6a-{nowSeconds}', 'Cloudflare rate limiting: 40 hex, Unix seconds', CLOUDFLARE),
  cookie('_cfuvid', 'pW7kR2mN9xQ4vB6cT1yL8hJ3fD5gS0aZ2eU7iO4wK9E-{nowMs}-0.0.1.1-604800000', 'Cloudflare rate-limit visitor id: 43-character token, milliseconds, version, 604800000', CLOUDFLARE),
];

const VARIANTS = [
  cookie('__hstc', '200321585.5d1c7e9a3b2f4e608a1b2c3d4e5f6a7b.1718000000000.1718000000000.1718000000000.1', 'Domain variant of `__hstc`', { maxAgeSeconds: 180 * DAY }),
  cookie('__hstc', '200321585.e8f7a6b5c4d34e2f9a0b1c2d3e4f5a6b.1719000000000.1719000000000.1719000000000.1', 'host-only variant of `__hstc` at the same time (another visitor id)', { scope: 'host', maxAgeSeconds: 180 * DAY }),
  cookie('blog_layout', 'compact', 'only sent under /blog', { scope: 'host', path: '/blog', maxAgeSeconds: 30 * DAY }),
  cookie('secure_pref', 'dark', 'Secure: only sent over https', { scope: 'host', secure: true, maxAgeSeconds: 30 * DAY }),
  cookie('session_token', 's3ss10n-7c1e2b9f', 'HttpOnly: invisible to page script', { scope: 'host', httpOnly: true, secure: true }),
  cookie('strict_pref', 'on', 'SameSite=Strict', { scope: 'host', sameSite: 'Strict', maxAgeSeconds: 30 * DAY }),
  cookie('__Host-fp_chips', 'first-party-partitioned', 'first-party `Partitioned` (CHIPS) cookie', { scope: 'host', secure: true, sameSite: 'None', partitioned: true, maxAgeSeconds: DAY }),
];

const LOGIN = [
  ...MEMBERSHIP,
  cookie('cart_id', '1b4e28ba-2fa1-41d2-883f-0016d3cca427', 'an unrelated first-party cookie the visitor wants to keep', { scope: 'host', maxAgeSeconds: 30 * DAY }),
];

const TRACKERS = [
  cookie('_ga', 'GA1.1.804271633.{nowSeconds}', 'Google Analytics client id; last field = first visit, seconds', { maxAgeSeconds: 730 * DAY }),
  cookie('_ga_DEMO42XY', 'GS2.1.s{nowSeconds}$o1$g0$t{nowSeconds}$j60$l0$h0', 'GA4 session state (GS2): session start, session 1, last hit', { maxAgeSeconds: 730 * DAY }),
  cookie('_gcl_au', '1.1.1375094862.{nowSeconds}', 'Google Ads conversion linker; last field = creation, seconds', { maxAgeSeconds: 90 * DAY }),
  cookie('_fbp', 'fb.1.{nowMs}.1406383152', 'Meta Pixel browser id; third field = creation, milliseconds', { maxAgeSeconds: 90 * DAY }),
  cookie('_fbc', 'fb.1.{nowMs}.IwAR3demoClickIdForCookieLensOnly0123456789', 'Meta click id (fbclid) after an ad click', { maxAgeSeconds: 90 * DAY }),
  cookie('OptanonConsent', 'isGpcEnabled=0&datestamp={nowDateString}&version=202405.1.0&isIABGlobal=false&hosts=&consentId=3f1e7c2a-9b4d-4e8f-a6c1-5d2b0e9f7a34&interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A1%2CC0004%3A0&geolocation=SE%3BAB&AwaitingReconsent=false', 'OneTrust: performance/analytics (C0002) and targeting (C0004) declined', { maxAgeSeconds: 365 * DAY }),
  cookie('OptanonAlertBoxClosed', '{nowIso}', 'OneTrust banner closed (ISO time)', { maxAgeSeconds: 365 * DAY }),
];

// Raw characters that a Set-Cookie header cannot carry (`;`, controls) are percent-encoded;
// the rest is sent as is, UTF-8 included, so the browser stores the markup verbatim.
const RLO = '\u202E';
const HOSTILE = [
  cookie('hostile_img', '<img src=x onerror=alert(1)>', 'HTML with an event handler in the value'),
  cookie('"><svg onload', 'alert(2)>', 'the name and value together spell `"><svg onload=alert(2)>`'),
  cookie('<b>bold</b>', 'markup-in-name', 'markup in the name'),
  cookie('hostile_js_url', 'javascript:alert(document.cookie)', 'a `javascript:` URL'),
  cookie('hostile_data_url', 'data:text/html,<script>alert(3)</script>', 'a `data:` URL with a script'),
  cookie('hostile_script_encoded', '%3Cscript%3Ealert(4)%3C%2Fscript%3E', 'a percent-encoded script tag'),
  cookie('hostile_semicolon', 'a%3B%20injected%3Dyes', 'a percent-encoded `;` (illegal raw)'),
  cookie('hostile_rlo', `invoice${RLO}gpj.exe`, 'a raw right-to-left override (U+202E) in the value'),
  cookie('hostile_rlo_encoded', 'invoice%E2%80%AEgpj.exe', 'the same, percent-encoded'),
  cookie(`rlo${RLO}eman`, 'rlo-in-name', 'a right-to-left override in the name'),
  cookie('hostile_json', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', 'prototype-pollution bait for JSON decoders'),
  cookie('__hstc', '<script>alert(5)</script>.x.y.z.w.1', 'a HubSpot name with markup in every field', { scope: 'host' }),
  cookie('hubspotutk', 'javascript:alert(6)', 'a HubSpot visitor id that is a `javascript:` URL', { scope: 'host' }),
];

/**
 * Every preset with a fixed list of cookies. `bulk` and `clear` are computed (see below).
 * @type {Readonly<Record<string, { summary: string, cookies: readonly PresetCookie[] }>>}
 */
export const PRESETS = {
  others: { summary: 'every other cookie in HubSpot\'s list (consent, banners, A/B test, page key, chat, membership, language switcher, Cloudflare)', cookies: OTHERS },
  variants: { summary: 'the same name twice (Domain and host-only `__hstc`), a path-scoped, a Secure, an HttpOnly, a SameSite=Strict and a first-party Partitioned cookie', cookies: VARIANTS },
  login: { summary: 'a logged-in member plus an unrelated first-party cookie', cookies: LOGIN },
  trackers: { summary: 'Google Analytics, Meta and OneTrust, with analytics declined in OneTrust', cookies: TRACKERS },
  hostile: { summary: 'names and values with markup, script, `javascript:` URLs and right-to-left overrides', cookies: HOSTILE },
  dnt: { summary: 'HubSpot do-not-track switched on', cookies: [cookie('__hs_do_not_track', 'yes', 'do not track (`yes`, after decoding; `1` or `true` do not count)', { maxAgeSeconds: 180 * DAY })] },
  declined: { summary: 'every category declined in the 2024 HubSpot banner', cookies: [cookie('__hs_cookie_cat_pref', '1:false_2:false_3:false', 'analytics, advertisement and functionality declined', { maxAgeSeconds: 180 * DAY })] },
  optout: { summary: 'declined in the legacy HubSpot banner', cookies: [cookie('__hs_opt_out', 'yes', 'legacy decline', { maxAgeSeconds: 180 * DAY })] },
};

/** Names `GET /__demo/set?preset=` accepts. */
export const PRESET_NAMES = [...Object.keys(PRESETS), 'bulk', 'clear'];

// ---------------------------------------------------------------------------------------------
// bulk: N cookies, a realistic mix. The first six are the HubSpot analytics set plus `_ga` and
// `_fbp`; the rest cycle through the kinds below with the index in the name.

const BULK_HEAD = [
  cookie('__hstc', '200321585.0b1c2d3e4f5a46b7c8d9e0f1a2b3c4d5.{nowMs}.{nowMs}.{nowMs}.1', 'HubSpot visitor', { maxAgeSeconds: 180 * DAY }),
  cookie('hubspotutk', '0b1c2d3e4f5a46b7c8d9e0f1a2b3c4d5', 'HubSpot visitor id', { maxAgeSeconds: 180 * DAY }),
  cookie('__hssc', '200321585.1.{nowMs}', 'HubSpot session', { maxAgeSeconds: 30 * MINUTE }),
  cookie('__hssrc', '1', 'HubSpot session marker'),
  cookie('_ga', 'GA1.1.804271633.{nowSeconds}', 'Google Analytics', { maxAgeSeconds: 730 * DAY }),
  cookie('_fbp', 'fb.1.{nowMs}.1406383152', 'Meta Pixel', { maxAgeSeconds: 90 * DAY }),
];

const AMPLITUDE_VALUE = Buffer.from(encodeURIComponent(JSON.stringify({
  deviceId: '47b6a9f9-5c1e-4b7a-9d2f-0e8c6a4b2d10', sessionId: 1748200937879, optOut: false, lastEventTime: 1748201234576, lastEventId: 14, pageCounter: 2,
}))).toString('base64');

/** Repeating kinds; `{i}` is the cookie's index zero-padded to 4 digits, `{n}` the plain index. */
export const BULK_KINDS = [
  { name: '_ga_B{i}', value: 'GS2.1.s{nowSeconds}$o{n}$g1$t{nowSeconds}$j60$l0$h0', why: 'GA4 session state' },
  { name: '_pk_id.{i}.a1b2', value: 'd09ebc08c43b{i}.{nowSeconds}.', why: 'Matomo visitor' },
  { name: '{i}_key', value: 'AEuLnMuC0yZkW6qV3rFh2tP9xQ', why: 'HubSpot page key' },
  { name: 'AMP_B{i}abcde', value: AMPLITUDE_VALUE, why: 'Amplitude (base64 of URL-encoded JSON)' },
  { name: 'intercom-id-app{i}', value: '5f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f{i}', why: 'Intercom visitor' },
  { name: 'mp_{i}0000000000000000000000000000_mixpanel', value: '%7B%22distinct_id%22%3A%22%24device%3A19079a8c2582ed-04a088e2a33668-19525637-384000-19079a8c2582ed%22%2C%22%24device_id%22%3A%2219079a8c2582ed-04a088e2a33668-19525637-384000-19079a8c2582ed%22%2C%22%24initial_referrer%22%3A%22%24direct%22%2C%22%24initial_referring_domain%22%3A%22%24direct%22%7D', why: 'Mixpanel (URL-encoded JSON)' },
  { name: 'long_value_{i}', value: `${'x7Yq2'.repeat(600)}{i}`, why: 'a 3000-character value' },
  { name: '_hjSessionUser_{i}', value: 'eyJpZCI6ImNhYzQ2MjlmLTM4YzgtNTY3Ni1iYmIzLTI0NjMxYzdkNmU4YyIsImNyZWF0ZWQiOjE3NDcxOTc3MjU4ODUsImV4aXN0aW5nIjp0cnVlfQ==', why: 'Hotjar user (base64 JSON)' },
];

const BULK_PATHS = ['/', '/blog', '/pricing'];

/**
 * The `bulk` cookies. Without spread, every cookie is a Domain cookie on path `/`. With spread,
 * cookie i (after the head) goes to host `SITE_HOSTS[i % 3]`, is host-only when i is odd, and
 * uses path `['/', '/blog', '/pricing'][floor(i / 3) % 3]`.
 * @param {number} count
 * @param {boolean} spread
 * @param {string} startHost the host that received the request (takes the head cookies)
 * @returns {Array<{ host: string, cookie: PresetCookie }>}
 */
export function bulkCookies(count, spread, startHost) {
  /** @type {Array<{ host: string, cookie: PresetCookie }>} */
  const planned = BULK_HEAD.slice(0, count).map((head) => ({ host: startHost, cookie: head }));
  for (let index = planned.length; index < count; index += 1) {
    const kind = BULK_KINDS[index % BULK_KINDS.length];
    if (kind === undefined) continue;
    const padded = String(index).padStart(4, '0');
    const host = spread ? SITE_HOSTS[index % SITE_HOSTS.length] ?? startHost : startHost;
    const scope = spread && index % 2 === 1 ? 'host' : 'site';
    const path = spread ? BULK_PATHS[Math.floor(index / 3) % BULK_PATHS.length] ?? '/' : '/';
    planned.push({
      host,
      cookie: cookie(kind.name.replaceAll('{i}', padded), kind.value.replaceAll('{i}', padded).replaceAll('{n}', String(index)), kind.why, { scope, path, maxAgeSeconds: 30 * DAY }),
    });
  }
  return planned;
}

/**
 * The cookies of a fixed preset, placed on the host that asked.
 * @param {string} presetName
 * @param {string} host
 * @returns {Array<{ host: string, cookie: PresetCookie }> | null} null for an unknown preset
 */
export function fixedPresetCookies(presetName, host) {
  const preset = Object.hasOwn(PRESETS, presetName) ? PRESETS[presetName] : undefined;
  return preset === undefined ? null : preset.cookies.map((entry) => ({ host, cookie: entry }));
}

// ---------------------------------------------------------------------------------------------
// Turning a table entry into a Set-Cookie header.

/**
 * A UTC `Date.toString()`-style stamp as OneTrust stores it, query-encoded (`+` for spaces).
 * @param {Date} date
 */
function oneTrustDateString(date) {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (/** @type {number} */ n) => String(n).padStart(2, '0');
  const text = `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${two(date.getUTCDate())} ${date.getUTCFullYear()} `
    + `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} GMT+0000 (Coordinated Universal Time)`;
  return encodeURIComponent(text).replaceAll('%20', '+');
}

/**
 * @param {string} template
 * @param {number} nowMs
 * @returns {string}
 */
export function expandValue(template, nowMs) {
  const now = new Date(nowMs);
  return template
    .replaceAll('{nowSeconds}', String(Math.floor(nowMs / 1000)))
    .replaceAll('{nowMs}', String(nowMs))
    .replaceAll('{nowIso}', now.toISOString())
    .replaceAll('{nowDateString}', oneTrustDateString(now));
}

/**
 * Node writes header strings as Latin-1; pass UTF-8 through as its bytes.
 * @param {string} text
 */
function headerText(text) {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * @param {PresetCookie} entry
 * @param {number} nowMs
 * @returns {string}
 */
export function setCookieHeader(entry, nowMs) {
  const parts = [`${headerText(entry.name)}=${headerText(expandValue(entry.value, nowMs))}`, `Path=${entry.path}`];
  if (entry.scope === 'site') parts.push(`Domain=${SITE_COOKIE_DOMAIN}`);
  if (entry.maxAgeSeconds !== null) parts.push(`Max-Age=${entry.maxAgeSeconds}`);
  if (entry.secure) parts.push('Secure');
  if (entry.httpOnly) parts.push('HttpOnly');
  parts.push(`SameSite=${entry.sameSite}`);
  if (entry.partitioned) parts.push('Partitioned');
  return parts.join('; ');
}

/**
 * A header that expires the cookie `name` on that scope and path. Names from a request's Cookie
 * header are already in header form (`raw`); names from the table are converted.
 * @param {{ name: string, scope: Scope, path: string, partitioned?: boolean, raw?: boolean }} target
 * @returns {string}
 */
export function expireCookieHeader(target) {
  const name = target.raw === true ? target.name : headerText(target.name);
  const parts = [`${name}=`, `Path=${target.path}`, 'Max-Age=0'];
  if (target.scope === 'site') parts.push(`Domain=${SITE_COOKIE_DOMAIN}`);
  // The browser only replaces a Secure or partitioned cookie from a Secure write.
  if (target.partitioned === true || name.startsWith('__Host-') || name.startsWith('__Secure-')) parts.push('Secure', 'SameSite=None');
  if (target.partitioned === true) parts.push('Partitioned');
  return parts.join('; ');
}

/**
 * Everything `clear` expires on one host: every table cookie (the site-scoped ones only from the
 * first host), every bulk placement up to `bulkCount` for both layouts, and the four tracker
 * cookies. Names in the request's Cookie header are added by the server.
 * @param {string} host
 * @param {boolean} firstHop
 * @param {number} bulkCount
 * @returns {string[]}
 */
export function clearHeaders(host, firstHop, bulkCount) {
  /** @type {Map<string, string>} */
  const headers = new Map();
  /** @param {PresetCookie} entry */
  const add = (entry) => {
    if (entry.scope === 'site' && !firstHop) return;
    const header = expireCookieHeader(entry);
    headers.set(header, header);
  };
  for (const preset of Object.values(PRESETS)) preset.cookies.forEach(add);
  // Domain cookies can be expired from any host (the first hop does it); host-only ones only from their own.
  for (const entry of [...bulkCookies(bulkCount, true, host), ...bulkCookies(bulkCount, false, host)]) {
    if (entry.cookie.scope === 'site' || entry.host === host) add(entry.cookie);
  }
  for (const name of ['__hstc', 'hubspotutk', '__hssc', '__hssrc']) {
    add(cookie(name, '', ''));
    add(cookie(name, '', '', { scope: 'host' }));
  }
  return [...headers.values()];
}

// ---------------------------------------------------------------------------------------------
// Documentation, rendered into docs/DEMO-SITE.md between the preset markers.

/** @param {number | null} seconds */
function lifetimeText(seconds) {
  if (seconds === null) return 'session';
  if (seconds % DAY === 0) {
    const days = seconds / DAY;
    return days > 400 ? `${days} days (Chromium keeps 400)` : `${days} day${days === 1 ? '' : 's'}`;
  }
  return `${seconds / MINUTE} min`;
}

/**
 * Code-span text for a table cell: non-ASCII as `\u{...}`, pipes escaped.
 * @param {string} text
 */
function cell(text) {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[^\x20-\x7e]/gu, (char) => `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
  return `\`${visible.replaceAll('|', '\\|')}\``;
}

/** @param {PresetCookie} entry */
function flagsText(entry) {
  const flags = [`SameSite=${entry.sameSite}`];
  if (entry.secure) flags.push('Secure');
  if (entry.httpOnly) flags.push('HttpOnly');
  if (entry.partitioned) flags.push('Partitioned');
  return flags.join(', ');
}

/** @returns {string} the Markdown for every preset, as it must appear in docs/DEMO-SITE.md */
export function renderPresetDocs() {
  const lines = [];
  for (const [name, preset] of Object.entries(PRESETS)) {
    lines.push(`### \`${name}\``, '', `${preset.summary[0]?.toUpperCase() ?? ''}${preset.summary.slice(1)}.`, '');
    lines.push('| name | value | where | path | lifetime | attributes | why |', '|---|---|---|---|---|---|---|');
    for (const entry of preset.cookies) {
      const where = entry.scope === 'site' ? `Domain=${SITE_COOKIE_DOMAIN}` : 'host-only';
      lines.push(`| ${cell(entry.name)} | ${cell(entry.value)} | ${where} | \`${entry.path}\` | ${lifetimeText(entry.maxAgeSeconds)} | ${flagsText(entry)} | ${entry.why} |`);
    }
    lines.push('');
  }
  lines.push('### `bulk&n=N` (add `&spread=1` to spread)', '');
  lines.push(`The first ${BULK_HEAD.length} cookies are ${BULK_HEAD.map((entry) => `\`${entry.name}\``).join(', ')} (values as in a first visit, times = now). `
    + 'The rest cycle through these kinds, `{i}` being the cookie\'s index padded to 4 digits and `{n}` the plain index, each for 30 days:', '');
  lines.push('| kind | name | value | why |', '|---|---|---|---|');
  BULK_KINDS.forEach((kind, index) => {
    const value = kind.value.length > 80 ? `${kind.value.slice(0, 40)}…` : kind.value;
    lines.push(`| ${index} | ${cell(kind.name)} | ${cell(value)} | ${kind.why} |`);
  });
  lines.push('', 'Cookie i (from 0) uses kind `i % ' + BULK_KINDS.length + '`. Without `spread` every cookie is `Domain=.hubdemo.test`, path `/`. '
    + 'With `spread=1`, cookie i goes to host `' + SITE_HOSTS.join('`, `') + '` in turn (`i % 3`), is host-only when i is odd, '
    + 'and uses path `/`, `/blog` or `/pricing` (`floor(i / 3) % 3`); the server redirects through the three hosts to set them.', '');
  return lines.join('\n');
}
