// @ts-check
// The local demo site: one HTTPS server on 127.0.0.1 that answers, by Host header, for the demo
// site, an embedding third party and HubSpot's tracking hosts (served by our stand-in tracker).
// Usage: `node harness/demo-site/server.mjs --port 8443`, or `startDemoSite()` from a test.
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadOrCreateCertificate } from './cert.mjs';
import {
  ALL_HOSTS, CUSTOM_TRACKING_HOST, EMBED_HOST, HUBSPOT_HOSTS, SITE_HOSTS, chromiumHostResolverRules, firefoxLocalDomains, isOtherSiteHost, isSiteHost,
} from './hosts.mjs';
import { isPagePath, renderFrame, renderPage, renderPrivacySignalsPage } from './pages.mjs';
import { LOGIN_COOKIE, renderOtherSitePage, renderVendorTags, vendorRoute, vendorTagsFor } from './vendor-trackers.mjs';
import { randomBytes } from 'node:crypto';
import {
  PRESETS, PRESET_NAMES, bulkCookies, clearHeaders, expireCookieHeader, expandValue, fixedPresetCookies, setCookieHeader,
} from './presets.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');
const MAX_BULK = 2000;
/** A long `npm start` session must not grow the logs without end; tests never come close. */
const MAX_LOG_ENTRIES = 10_000;

/** A 1x1 transparent GIF, the beacon response. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * @typedef {object} BeaconRecord
 * @property {number} time server clock, ms
 * @property {string} host
 * @property {string} path
 * @property {Record<string, string>} query
 * @property {string | null} cookie the request's Cookie header
 * @property {string | null} referer
 * @property {string} [method] for the other trackers' hits (Google Analytics sends POST)
 * @property {string | null} [gpc] for the other trackers' hits: the request's Sec-GPC header
 */

/**
 * @typedef {object} RequestRecord
 * @property {number} time
 * @property {string} method
 * @property {string} host without port
 * @property {string} path without query
 * @property {string} search the query string, with its `?`, or ''
 */

/**
 * @typedef {object} DemoSiteOptions
 * @property {number} [port] 0 (default) picks a free port
 * @property {string} [listenHost] default 127.0.0.1
 * @property {string} [certDir] default <repo>/tmp/demo-site-cert
 */

/**
 * @typedef {object} DemoSite
 * @property {number} port
 * @property {(host: string, path?: string) => string} url `https://<host>:<port><path>`
 * @property {() => BeaconRecord[]} beacons a copy of the beacon log
 * @property {() => void} clearBeacons
 * @property {() => RequestRecord[]} requests a copy of the request log
 * @property {() => void} clearRequests
 * @property {(listener: (beacon: BeaconRecord) => void) => () => void} onBeacon returns an unsubscribe function
 * @property {(listener: (request: RequestRecord) => void) => () => void} onRequest
 * @property {() => Promise<void>} close
 */

/** @param {string} name */
function readPublic(name) {
  return readFileSync(join(HERE, 'public', name), 'utf8');
}

/**
 * @param {DemoSiteOptions} [options]
 * @returns {Promise<DemoSite>}
 */
export async function startDemoSite(options = {}) {
  const { key, cert } = loadOrCreateCertificate(options.certDir ?? join(REPO_ROOT, 'tmp', 'demo-site-cert'));
  const scripts = {
    loader: readPublic('loader.js'), tracker: readPublic('tracker.js'), banner: readPublic('banner.js'), frame: readPublic('frame.js'), privacySignals: readPublic('privacy-signals.js'),
  };
  const vendorScripts = { gtag: readPublic('gtag.js'), fbevents: readPublic('fbevents.js'), matomo: readPublic('matomo.js') };
  /** @type {BeaconRecord[]} */
  let beaconLog = [];
  /** @type {RequestRecord[]} */
  let requestLog = [];
  /** @type {Set<(beacon: BeaconRecord) => void>} */
  const beaconListeners = new Set();
  /** @type {Set<(request: RequestRecord) => void>} */
  const requestListeners = new Set();
  let port = 0;

  /**
   * @param {import('node:http').ServerResponse} response
   * @param {number} status
   * @param {string} type
   * @param {string | Buffer} body
   * @param {Record<string, string | string[]>} [headers]
   */
  function send(response, status, type, body, headers = {}) {
    response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
    response.end(body);
  }

  /**
   * @param {import('node:http').ServerResponse} response
   * @param {unknown} value
   * @param {Record<string, string | string[]>} [headers]
   * @param {number} [status]
   */
  function sendJson(response, value, headers = {}, status = 200) {
    send(response, status, 'application/json; charset=utf-8', `${JSON.stringify(value, null, 2)}\n`, headers);
  }

  /** @param {string} host @param {string} [path] */
  const url = (host, path = '/') => `https://${host}:${port}${path}`;

  /**
   * `GET /__demo/set?preset=NAME[&n=N][&spread=1][&redirect=/path]`. Presets that touch several
   * hosts (bulk with spread, clear) hop through the site's hosts by redirect.
   * @param {URL} requestUrl
   * @param {string} host
   * @param {string | undefined} cookieHeader
   * @param {import('node:http').ServerResponse} response
   */
  function applyPreset(requestUrl, host, cookieHeader, response) {
    const params = requestUrl.searchParams;
    const preset = params.get('preset') ?? '';
    const now = Date.now();
    const count = Math.min(MAX_BULK, Math.max(0, Number.parseInt(params.get('n') ?? '0', 10) || 0));
    const spread = params.get('spread') === '1';
    const hop = Number.parseInt(params.get('hop') ?? '0', 10) || 0;
    const startHost = params.get('start') ?? host;
    const hopHosts = [startHost, ...SITE_HOSTS.filter((candidate) => candidate !== startHost)];

    /** @type {string[]} */
    let headers;
    /** @type {Array<{ host: string, name: string, value: string, domain: string | null, path: string }>} */
    let summary = [];
    let multiHost = false;
    if (preset === 'clear') {
      multiHost = true;
      headers = clearHeaders(host, hop === 0, count || 200);
      const seen = (cookieHeader ?? '').split(';').map((entry) => entry.trim().split('=')[0] ?? '').filter((name) => name !== '');
      for (const name of new Set(seen)) {
        headers.push(expireCookieHeader({ name, scope: 'host', path: '/', raw: true }));
        if (hop === 0) headers.push(expireCookieHeader({ name, scope: 'site', path: '/', raw: true }));
      }
    } else {
      const planned = preset === 'bulk' ? bulkCookies(count, spread, startHost) : fixedPresetCookies(preset, host);
      if (planned === null) {
        sendJson(response, { error: `unknown preset "${preset}"`, presets: PRESET_NAMES }, {}, 400);
        return;
      }
      multiHost = preset === 'bulk' && spread;
      headers = planned.filter((entry) => entry.host === host).map((entry) => setCookieHeader(entry.cookie, now));
      summary = planned.map((entry) => ({
        host: entry.host,
        name: entry.cookie.name,
        value: expandValue(entry.cookie.value, now),
        domain: entry.cookie.scope === 'site' ? '.hubdemo.test' : null,
        path: entry.cookie.path,
      }));
    }
    const nextHost = multiHost ? hopHosts[hop + 1] : undefined;
    if (nextHost !== undefined) {
      const next = new URL(url(nextHost, '/__demo/set'));
      for (const [name, value] of params) next.searchParams.set(name, value);
      next.searchParams.set('hop', String(hop + 1));
      next.searchParams.set('start', startHost);
      send(response, 302, 'text/plain; charset=utf-8', '', { Location: next.href, 'Set-Cookie': headers });
      return;
    }
    const redirect = params.get('redirect');
    if (redirect !== null && redirect.startsWith('/') && !redirect.startsWith('//')) {
      send(response, 302, 'text/plain; charset=utf-8', '', { Location: url(startHost, redirect), 'Set-Cookie': headers });
      return;
    }
    sendJson(response, { preset, cookies: summary }, { 'Set-Cookie': headers });
  }

  /**
   * @param {import('node:http').IncomingMessage} request
   * @param {import('node:http').ServerResponse} response
   */
  function handle(request, response) {
    const hostHeader = request.headers.host ?? '';
    const host = hostHeader.replace(/:\d+$/, '').toLowerCase();
    const requestUrl = new URL(request.url ?? '/', `https://${host || 'unknown.invalid'}`);
    const method = request.method ?? 'GET';
    const record = { time: Date.now(), method, host, path: requestUrl.pathname, search: requestUrl.search };
    requestLog.push(record);
    if (requestLog.length > MAX_LOG_ENTRIES) requestLog.splice(0, requestLog.length - MAX_LOG_ENTRIES);
    for (const listener of requestListeners) listener(record);
    const path = requestUrl.pathname;

    const vendor = vendorRoute(host, path, isSiteHost(host));
    if (vendor !== null && vendor.kind === 'script') {
      return send(response, 200, 'text/javascript; charset=utf-8', vendorScripts[vendor.script]);
    }
    if (vendor !== null) {
      const beacon = {
        time: Date.now(), host, path, method,
        query: Object.fromEntries(requestUrl.searchParams),
        cookie: request.headers.cookie ?? null,
        referer: request.headers.referer ?? null,
        gpc: typeof request.headers['sec-gpc'] === 'string' ? request.headers['sec-gpc'] : null,
      };
      beaconLog.push(beacon);
      if (beaconLog.length > MAX_LOG_ENTRIES) beaconLog.splice(0, beaconLog.length - MAX_LOG_ENTRIES);
      for (const listener of beaconListeners) listener(beacon);
      if (vendor.script === 'fbevents') return send(response, 200, 'image/gif', PIXEL);
      return send(response, 204, 'text/plain; charset=utf-8', '');
    }

    if (isSiteHost(host)) {
      if (path === '/__demo/beacons' && method === 'GET') return sendJson(response, beaconLog);
      if (path === '/__demo/beacons/clear' && method === 'POST') { beaconLog = []; return sendJson(response, { cleared: true }); }
      if (path === '/__demo/requests' && method === 'GET') return sendJson(response, requestLog);
      if (path === '/__demo/requests/clear' && method === 'POST') { requestLog = []; return sendJson(response, { cleared: true }); }
      if (path === '/__demo/set' && method === 'GET') return applyPreset(requestUrl, host, request.headers.cookie, response);
      if (path === '/__demo/presets' && method === 'GET') return sendJson(response, PRESETS);
      if (path === '/__demo/echo') return sendJson(response, { host, cookie: request.headers.cookie ?? null });
      if (path === '/__demo/privacy-signals' && method === 'GET') {
        const secGpc = request.headers['sec-gpc'];
        return send(response, 200, 'text/html; charset=utf-8', renderPrivacySignalsPage(typeof secGpc === 'string' ? secGpc : null));
      }
      if (path === '/__demo/privacy-signals.js') return send(response, 200, 'text/javascript; charset=utf-8', scripts.privacySignals);
      if (path === '/favicon.ico') return send(response, 204, 'image/x-icon', '');
      if (path === '/__demo/login' && method === 'GET') {
        const redirect = requestUrl.searchParams.get('redirect') ?? '/';
        return send(response, 302, 'text/plain; charset=utf-8', '', {
          Location: redirect.startsWith('/') && !redirect.startsWith('//') ? redirect : '/',
          'Set-Cookie': `${LOGIN_COOKIE}=${randomBytes(16).toString('hex')}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=604800`,
        });
      }
      const pagePath = path === '/blog' ? '/blog/' : path;
      const tags = vendorTagsFor(host, requestUrl.searchParams);
      if (isOtherSiteHost(host) && (path === '/' || path === '/pricing') && method === 'GET') {
        const loggedIn = (request.headers.cookie ?? '').split(';').some((entry) => entry.trim().startsWith(`${LOGIN_COOKIE}=`));
        return send(response, 200, 'text/html; charset=utf-8', renderOtherSitePage({ path, port, tags, loggedIn }));
      }
      if (isPagePath(pagePath) && method === 'GET') {
        const html = renderPage({
          path: pagePath, host, port,
          embed: requestUrl.searchParams.get('embed') === '1',
          tracker: requestUrl.searchParams.get('tracker') !== '0',
        });
        // The other trackers' tags go in just before </body>, after HubSpot's loader.
        const withVendors = html.replace('</body>', `${renderVendorTags(tags, port)}\n</body>`);
        return send(response, 200, 'text/html; charset=utf-8', withVendors);
      }
      return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
    if (host === EMBED_HOST) {
      if (path === '/frame') {
        return send(response, 200, 'text/html; charset=utf-8', renderFrame(), {
          'Set-Cookie': [
            '__Host-embed_session=7d2f9a1c4b6e8d0f; Path=/; Secure; SameSite=None; Partitioned; Max-Age=86400',
            'embed_3p=cross-site-visitor-51f0; Path=/; Secure; SameSite=None; Max-Age=2592000',
          ],
        });
      }
      if (path === '/frame.js') return send(response, 200, 'text/javascript; charset=utf-8', scripts.frame);
      return send(response, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
    if (host === HUBSPOT_HOSTS.loader && /^\/\d+\.js$/.test(path)) {
      return send(response, 200, 'text/javascript; charset=utf-8', scripts.loader);
    }
    if (host === HUBSPOT_HOSTS.tracker && /^\/analytics\/\d+\.js$/.test(path)) {
      return send(response, 200, 'text/javascript; charset=utf-8', scripts.tracker);
    }
    if (host === HUBSPOT_HOSTS.banner && /^\/\d+\.js$/.test(path)) {
      return send(response, 200, 'text/javascript; charset=utf-8', scripts.banner);
    }
    if ((host === HUBSPOT_HOSTS.beacons || host === CUSTOM_TRACKING_HOST) && /^\/__pt[a-z]*\.gif$/.test(path)) {
      const beacon = {
        time: Date.now(), host, path,
        query: Object.fromEntries(requestUrl.searchParams),
        cookie: request.headers.cookie ?? null,
        referer: request.headers.referer ?? null,
      };
      beaconLog.push(beacon);
      if (beaconLog.length > MAX_LOG_ENTRIES) beaconLog.splice(0, beaconLog.length - MAX_LOG_ENTRIES);
      for (const listener of beaconListeners) listener(beacon);
      return send(response, 200, 'image/gif', PIXEL);
    }
    return send(response, 404, 'text/plain; charset=utf-8', `unknown host or path: ${host}${path}\n`);
  }

  // Node refuses request headers over 16 KB by default (431). A browser sends every cookie of the
  // site: 180 of them, 4 KB each at most, is about 740 KB, so the `bulk` presets need room.
  const server = createServer({ key, cert, maxHeaderSize: 1024 * 1024 }, (request, response) => {
    try {
      handle(request, response);
    } catch (error) {
      // A bug in a handler must not take the test run down; the 500 shows up in the request.
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', `${String(error)}\n`);
      else response.destroy();
    }
  });
  await new Promise((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, options.listenHost ?? '127.0.0.1', () => resolveListen(undefined));
  });
  const address = server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    port,
    url,
    beacons: () => beaconLog.map((beacon) => ({ ...beacon, query: { ...beacon.query } })),
    clearBeacons: () => { beaconLog = []; },
    requests: () => requestLog.map((request) => ({ ...request })),
    clearRequests: () => { requestLog = []; },
    onBeacon: (listener) => { beaconListeners.add(listener); return () => { beaconListeners.delete(listener); }; },
    onRequest: (listener) => { requestListeners.add(listener); return () => { requestListeners.delete(listener); }; },
    close: () => new Promise((resolveClose) => {
      server.close(() => resolveClose(undefined));
      server.closeAllConnections();
    }),
  };
}

/** @param {string[]} argv */
function parsePort(argv) {
  const index = argv.indexOf('--port');
  const value = index >= 0 ? Number.parseInt(argv[index + 1] ?? '', 10) : 0;
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const site = await startDemoSite({ port: parsePort(process.argv.slice(2)) });
  const lines = [
    `Demo site on https://${SITE_HOSTS[0]}:${site.port}/ (all hosts: ${ALL_HOSTS.join(', ')})`,
    'Chromium:',
    `  chromium --ignore-certificate-errors "--host-resolver-rules=${chromiumHostResolverRules()}" ${site.url(SITE_HOSTS[0])}`,
    `Firefox: set network.dns.localDomains to ${firefoxLocalDomains()} and accept the self-signed certificate.`,
    `Beacons: ${site.url(SITE_HOSTS[0], '/__demo/beacons')}   Presets: ${site.url(SITE_HOSTS[0], '/__demo/set?preset=others')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () => { site.close().then(() => process.exit(0), () => process.exit(1)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
