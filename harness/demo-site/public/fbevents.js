// A stand-in for Meta's pixel (fbevents.js), written by us from the documented `_fbp`/`_fbc`
// formats (docs/DEMO-SITE.md, "Other trackers"). It is not Meta's code. Served from
// https://connect.facebook.net:PORT/en_US/fbevents.js; sends events as image requests to
// https://www.facebook.com:PORT/tr/.
(function () {
  'use strict';
  var script = document.currentScript;
  var source = new URL(script && script.src ? script.src : location.href);
  var collectUrl = 'https://www.facebook.com' + (source.port ? ':' + source.port : '') + '/tr/';
  var NINETY_DAYS_SECONDS = 90 * 24 * 60 * 60;
  var state = { pixelIds: [], cookieDomain: '', fbp: '', fbc: null, events: [] };
  window.__demoMeta = state;

  function readCookie(name) {
    var found = null;
    document.cookie.split(';').forEach(function (entry) {
      var at = entry.indexOf('=');
      if (at > 0 && entry.slice(0, at).trim() === name) found = entry.slice(at + 1).trim();
    });
    return found;
  }

  // The shortest parent domain the browser accepts, as the pixel writes its first-party cookies.
  function registrableDomain() {
    var labels = location.hostname.split('.');
    for (let take = 2; take <= labels.length; take += 1) {
      const candidate = labels.slice(labels.length - take).join('.');
      const probe = '_fb_probe_' + Math.random().toString(36).slice(2);
      document.cookie = probe + '=1; path=/; domain=' + candidate;
      const accepted = readCookie(probe) === '1';
      document.cookie = probe + '=; path=/; max-age=0; domain=' + candidate;
      if (accepted) return candidate;
    }
    return location.hostname;
  }

  function writeCookie(name, value) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + NINETY_DAYS_SECONDS + '; domain=' + state.cookieDomain + '; SameSite=Lax';
  }

  // fb.<subdomain index>.<creation, ms>.<random>; index 1 = a cookie on the registrable domain.
  function ensureCookies() {
    state.cookieDomain = state.cookieDomain || registrableDomain();
    var fbp = readCookie('_fbp');
    if (!/^fb\.\d\.\d{13}\.\d+$/.test(fbp || '')) fbp = 'fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 2147483647);
    state.fbp = fbp;
    writeCookie('_fbp', fbp);
    var clickId = new URLSearchParams(location.search).get('fbclid');
    var fbc = readCookie('_fbc');
    if (clickId && (fbc === null || fbc.split('.').slice(3).join('.') !== clickId)) fbc = 'fb.1.' + Date.now() + '.' + clickId;
    state.fbc = fbc;
    if (fbc !== null) writeCookie('_fbc', fbc);
  }

  function track(eventName) {
    ensureCookies();
    state.pixelIds.forEach(function (pixelId) {
      var query = new URLSearchParams({
        id: pixelId, ev: eventName, dl: location.href, rl: document.referrer, if: 'false', ts: String(Date.now()),
        sw: String(screen.width), sh: String(screen.height), v: 'demo', r: 'stable', fbp: state.fbp, ec: String(state.events.length),
      });
      if (state.fbc !== null) query.set('fbc', state.fbc);
      // Our own field: what the page saw of Global Privacy Control.
      query.set('gpc', navigator.globalPrivacyControl === true ? '1' : '0');
      var url = collectUrl + '?' + query.toString();
      state.events.push({ pixelId: pixelId, event: eventName, url: url, sentAt: Date.now() });
      new Image().src = url;
    });
  }

  function handle(args) {
    if (args[0] === 'init' && state.pixelIds.indexOf(String(args[1])) < 0) state.pixelIds.push(String(args[1]));
    else if (args[0] === 'track') track(String(args[1]));
  }

  // The page's base code defines fbq as a queue before this script arrives.
  var queued = window.fbq && window.fbq.queue ? window.fbq.queue.slice() : [];
  var fbq = function () { handle(Array.prototype.slice.call(arguments)); };
  fbq.loaded = true;
  fbq.version = 'demo';
  fbq.queue = [];
  window.fbq = fbq;
  window._fbq = fbq;
  queued.forEach(function (args) { handle(Array.prototype.slice.call(args)); });
  document.documentElement.setAttribute('data-demo-meta', 'ready');
})();
