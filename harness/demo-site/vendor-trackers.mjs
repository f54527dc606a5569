// @ts-check
// The demo site's other trackers: stand-ins of our own for Google Analytics 4 (gtag.js), Meta's
// pixel (fbevents.js) and a self-hosted Matomo, the page tags that load them, the second shop
// without HubSpot (www.gameta.test) and the routes that serve the scripts and log their hits.
import { OTHER_SITE_HOSTS, VENDOR_HOSTS } from './hosts.mjs';

/** The made-up GA4 measurement id, Meta pixel id and Matomo site id of the demo pages. */
export const GA_MEASUREMENT_ID = 'G-DEMO42XY';
export const META_PIXEL_ID = '1234567890123456';
export const MATOMO_SITE_ID = '1';

/** The login cookie of the shop without HubSpot, set by `GET /__demo/login`. */
export const LOGIN_COOKIE = 'shop_session';

/**
 * @typedef {object} VendorTags
 * @property {boolean} ga
 * @property {boolean} meta
 * @property {boolean} matomo
 */

/**
 * Which vendor tags a page carries: on www.gameta.test all three unless `ga=0`, `meta=0`,
 * `matomo=0`; on the HubSpot shop none unless `ga=1`, `meta=1`, `matomo=1`.
 * @param {string} host
 * @param {URLSearchParams} params
 * @returns {VendorTags}
 */
export function vendorTagsFor(host, params) {
  const byDefault = OTHER_SITE_HOSTS.some((other) => other === host);
  /** @param {string} name */
  const on = (name) => (byDefault ? params.get(name) !== '0' : params.get(name) === '1');
  return { ga: on('ga'), meta: on('meta'), matomo: on('matomo') };
}

/**
 * The tags a site pastes in, in the shape of each vendor's documented snippet (our own text).
 * @param {VendorTags} tags
 * @param {number} port
 * @returns {string}
 */
export function renderVendorTags(tags, port) {
  const parts = [];
  if (tags.ga) {
    parts.push(`<script async src="https://${VENDOR_HOSTS.gtag}:${port}/gtag/js?id=${GA_MEASUREMENT_ID}"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag() { dataLayer.push(arguments); } gtag('js', new Date()); gtag('config', '${GA_MEASUREMENT_ID}');</script>`);
  }
  if (tags.meta) {
    parts.push(`<script>(function () { if (window.fbq) return; var queue = function () { queue.queue.push(arguments); }; queue.queue = []; window.fbq = queue;
var tag = document.createElement('script'); tag.async = true; tag.src = 'https://${VENDOR_HOSTS.metaScript}:${port}/en_US/fbevents.js'; document.head.appendChild(tag); })();
fbq('init', '${META_PIXEL_ID}'); fbq('track', 'PageView');</script>`);
  }
  if (tags.matomo) {
    parts.push(`<script>var _paq = window._paq = window._paq || []; _paq.push(['trackPageView']); _paq.push(['setTrackerUrl', '/matomo.php']); _paq.push(['setSiteId', '${MATOMO_SITE_ID}']);</script>
<script async src="/matomo.js"></script>`);
  }
  return parts.join('\n');
}

/**
 * A tracker that keeps its visitor id in the page's storage as well as in cookies, as many do: a
 * random id in local storage (`demo_stored_id`), in IndexedDB (database `demo-store`, store `ids`,
 * key `visitor`) and in cache storage (cache `demo-store`, entry `/__demo/stored-id`), each kept
 * when there and written when not. `window.__demoStored` says what the page found and holds:
 * `{ found: { local, indexedDB, cache }, local, indexedDB, cache, ready }` (`found` is null
 * where the id was not there at load; `cacheError` says why cache storage was not used). Our own lines, for testing the reset's
 * "Also clear this site's stored data".
 */
export const STORED_ID_SCRIPT = `<script>(function () {
  var state = window.__demoStored = { found: { local: null, indexedDB: null, cache: null }, local: null, indexedDB: null, cache: null, ready: false };
  function freshId() { var bytes = new Uint8Array(8); crypto.getRandomValues(bytes); return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join(''); }
  state.found.local = localStorage.getItem('demo_stored_id');
  state.local = state.found.local || freshId();
  localStorage.setItem('demo_stored_id', state.local);
  var inIndexedDB = new Promise(function (resolve, reject) {
    var open = indexedDB.open('demo-store', 1);
    open.onupgradeneeded = function () { open.result.createObjectStore('ids'); };
    open.onerror = function () { reject(open.error); };
    open.onsuccess = function () {
      var db = open.result;
      var tx = db.transaction('ids', 'readwrite');
      var store = tx.objectStore('ids');
      var read = store.get('visitor');
      read.onsuccess = function () {
        state.found.indexedDB = read.result || null;
        state.indexedDB = read.result || freshId();
        if (!read.result) store.put(state.indexedDB, 'visitor');
      };
      // Closed when done, so that clearing the site's data is never held up by an open connection.
      tx.oncomplete = function () { db.close(); resolve(); };
      tx.onerror = function () { db.close(); reject(tx.error); };
    };
  });
  var inCache = caches.open('demo-store').then(function (cache) {
    return cache.match('/__demo/stored-id').then(function (hit) { return hit ? hit.text() : null; }).then(function (text) {
      state.found.cache = text;
      state.cache = text || freshId();
      return text ? undefined : cache.put('/__demo/stored-id', new Response(state.cache));
    });
  }).catch(function (error) { state.cache = null; state.cacheError = String(error); });
  Promise.all([inIndexedDB, inCache]).then(function () {
    state.ready = true;
    document.documentElement.setAttribute('data-demo-stored', 'ready');
  });
})();</script>`;

/**
 * The shop without HubSpot.
 * @param {{ path: string, port: number, tags: VendorTags, loggedIn: boolean }} request
 * @returns {string}
 */
export function renderOtherSitePage({ path, port, tags, loggedIn }) {
  const heading = path === '/pricing' ? 'Prices' : 'Board games, shipped in a day';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${path === '/pricing' ? 'Prices — GaMeta Games' : 'GaMeta Games'}</title>
<style>body { font: 16px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 720px; padding: 12px 20px; } nav a { margin-right: 16px; }</style>
</head>
<body>
<header><strong>GaMeta Games</strong> <nav><a href="/">Home</a><a href="/pricing">Prices</a>${loggedIn ? '<span>Signed in</span>' : '<a href="/__demo/login">Sign in</a>'}</nav></header>
<main><h1>${heading}</h1><p>A second demo shop: Google Analytics, Meta's pixel and Matomo, no HubSpot.</p></main>
<footer><small>A demo site for testing Cookie Lens. Its trackers are stand-ins, not the vendors' code.</small></footer>
${STORED_ID_SCRIPT}
${renderVendorTags(tags, port)}
</body>
</html>
`;
}

/**
 * @typedef {object} VendorRoute
 * @property {'script' | 'hit'} kind
 * @property {'gtag' | 'fbevents' | 'matomo'} script for `script`: which file to serve
 */

/**
 * What a request to a vendor host (or to a site's /matomo.* path) is, or null when it is none.
 * @param {string} host without port
 * @param {string} path
 * @param {boolean} onSite the host is one of the demo sites
 * @returns {VendorRoute | null}
 */
export function vendorRoute(host, path, onSite) {
  if (host === VENDOR_HOSTS.gtag && path === '/gtag/js') return { kind: 'script', script: 'gtag' };
  if (host === VENDOR_HOSTS.gaCollect && path === '/g/collect') return { kind: 'hit', script: 'gtag' };
  if (host === VENDOR_HOSTS.metaScript && /^\/[a-z]{2}_[A-Z]{2}\/fbevents\.js$/.test(path)) return { kind: 'script', script: 'fbevents' };
  if (host === VENDOR_HOSTS.metaCollect && (path === '/tr' || path === '/tr/')) return { kind: 'hit', script: 'fbevents' };
  if (onSite && path === '/matomo.js') return { kind: 'script', script: 'matomo' };
  if (onSite && path === '/matomo.php') return { kind: 'hit', script: 'matomo' };
  return null;
}
