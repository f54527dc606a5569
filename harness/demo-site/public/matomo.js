// A stand-in for a self-hosted Matomo tracker, written by us from the documented cookie formats
// (docs/DEMO-SITE.md, "Other trackers"). It is not Matomo's code. Served first-party from
// /matomo.js; sends page views to the site's own /matomo.php.
(function () {
  'use strict';
  var THIRTEEN_MONTHS_SECONDS = 393 * 24 * 60 * 60;
  var SESSION_SECONDS = 30 * 60;
  var state = { siteId: '', trackerUrl: '/matomo.php', nameHash: '', visitorId: '', createdSeconds: 0, newVisitor: false, requests: [] };
  window.__demoMatomo = state;

  function readCookie(name) {
    var found = null;
    document.cookie.split(';').forEach(function (entry) {
      var at = entry.indexOf('=');
      if (at > 0 && entry.slice(0, at).trim() === name) found = entry.slice(at + 1).trim();
    });
    return found;
  }

  function writeCookie(name, value, maxAgeSeconds) {
    // Host-only, like Matomo without a configured cookie domain.
    document.cookie = name + '=' + value + '; path=/; max-age=' + maxAgeSeconds + '; SameSite=Lax';
  }

  function hex(bytes) {
    return Array.prototype.map.call(new Uint8Array(bytes), function (byte) { return byte.toString(16).padStart(2, '0'); }).join('');
  }

  // Cookie names end in the first 4 hex digits of SHA-1 over the page's host followed by the cookie path.
  async function nameHash() {
    return hex(await crypto.subtle.digest('SHA-1', new TextEncoder().encode(location.hostname + '/'))).slice(0, 4);
  }

  function randomVisitorId() {
    var bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return hex(bytes.buffer);
  }

  async function trackPageView() {
    state.nameHash = state.nameHash || await nameHash();
    var suffix = '.' + state.siteId + '.' + state.nameHash;
    // Matomo 4 and later: <16 hex visitor id>.<created, seconds>. (the trailing dot included)
    var match = /^([0-9a-f]{16})\.(\d+)\.?$/.exec(readCookie('_pk_id' + suffix) || '');
    state.newVisitor = match === null;
    state.visitorId = match ? match[1] : randomVisitorId();
    state.createdSeconds = match ? Number(match[2]) : Math.floor(Date.now() / 1000);
    writeCookie('_pk_id' + suffix, state.visitorId + '.' + state.createdSeconds + '.', THIRTEEN_MONTHS_SECONDS);
    writeCookie('_pk_ses' + suffix, '1', SESSION_SECONDS);
    var query = new URLSearchParams({
      idsite: state.siteId, rec: '1', action_name: document.title, url: location.href, urlref: document.referrer,
      _id: state.visitorId, _idts: String(state.createdSeconds), _idn: state.newVisitor ? '1' : '0',
      rand: String(Math.floor(Math.random() * 1e6)), send_image: '0', ts: String(Date.now()),
      // Our own field: what the page saw of Global Privacy Control.
      gpc: navigator.globalPrivacyControl === true ? '1' : '0',
    });
    var url = state.trackerUrl + '?' + query.toString();
    state.requests.push({ url: url, sentAt: Date.now() });
    await fetch(url, { method: 'GET', credentials: 'same-origin', keepalive: true });
    document.documentElement.setAttribute('data-demo-matomo', 'ready');
  }

  function handle(command) {
    if (command[0] === 'setSiteId') state.siteId = String(command[1]);
    else if (command[0] === 'setTrackerUrl') state.trackerUrl = String(command[1]);
    else if (command[0] === 'trackPageView') trackPageView();
  }

  var queued = Array.isArray(window._paq) ? window._paq.slice() : [];
  // Settings first, as Matomo applies them before the tracking calls.
  queued.filter(function (command) { return command[0] !== 'trackPageView'; }).forEach(handle);
  queued.filter(function (command) { return command[0] === 'trackPageView'; }).forEach(handle);
  window._paq = { push: handle };
})();
