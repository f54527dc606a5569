// A stand-in for Google's gtag.js with a GA4 measurement id, written by us from the documented
// cookie formats (docs/DEMO-SITE.md, "Other trackers"). It is not Google's code. Served from
// https://www.googletagmanager.com:PORT/gtag/js?id=G-...; sends page views to
// https://region1.google-analytics.com:PORT/g/collect.
(function () {
  'use strict';
  var script = document.currentScript;
  var source = new URL(script && script.src ? script.src : location.href);
  var measurementId = source.searchParams.get('id') || '';
  var collectUrl = 'https://region1.google-analytics.com' + (source.port ? ':' + source.port : '') + '/g/collect';
  var TWO_YEARS_SECONDS = 2 * 365 * 24 * 60 * 60;
  var SESSION_TIMEOUT_SECONDS = 30 * 60;
  var state = { measurementId: measurementId, cookieDomain: '', clientId: '', firstVisit: false, sessionId: 0, sessionNumber: 0, sessionStart: false, hits: [] };
  window.__demoGa = state;

  function readCookie(name) {
    var found = null;
    document.cookie.split(';').forEach(function (entry) {
      var at = entry.indexOf('=');
      if (at > 0 && entry.slice(0, at).trim() === name) found = entry.slice(at + 1).trim();
    });
    return found;
  }

  function writeCookie(name, value, domain) {
    document.cookie = name + '=' + value + '; path=/; max-age=' + TWO_YEARS_SECONDS + '; domain=' + domain + '; SameSite=Lax';
  }

  // cookie_domain 'auto': the shortest parent domain the browser accepts (it refuses public suffixes).
  function autoCookieDomain() {
    var labels = location.hostname.split('.');
    for (let take = 1; take <= labels.length; take += 1) {
      const candidate = labels.slice(labels.length - take).join('.');
      const probe = '_ga_probe_' + Math.random().toString(36).slice(2);
      document.cookie = probe + '=1; path=/; domain=' + candidate;
      const accepted = readCookie(probe) === '1';
      document.cookie = probe + '=; path=/; max-age=0; domain=' + candidate;
      if (accepted) return candidate;
    }
    return location.hostname;
  }

  function nowSeconds() { return Math.floor(Date.now() / 1000); }

  function clientIdFromCookie(value) {
    var match = /^GA1\.\d+(?:-\d+)?\.(\d+\.\d+)$/.exec(value || '');
    return match ? match[1] : null;
  }

  function parseSessionCookie(value) {
    if (!value || value.indexOf('GS2.1.') !== 0) return null;
    var tokens = {};
    value.slice(6).split('$').forEach(function (token) { if (token.length > 1) tokens[token[0]] = token.slice(1); });
    var session = { s: Number(tokens.s), o: Number(tokens.o), g: Number(tokens.g || 0), t: Number(tokens.t) };
    return Number.isInteger(session.s) && Number.isInteger(session.o) && Number.isInteger(session.t) ? session : null;
  }

  function send(eventName) {
    var query = new URLSearchParams({
      v: '2', tid: measurementId, cid: state.clientId, sid: String(state.sessionId), sct: String(state.sessionNumber),
      seg: '0', _p: String(Math.floor(Math.random() * 2147483647)), en: eventName, dl: location.href, dt: document.title,
      dr: document.referrer, ul: (navigator.language || '').toLowerCase(), _s: String(state.hits.length + 1),
    });
    if (state.firstVisit) query.set('_fv', '1');
    if (state.sessionStart) query.set('_ss', '1');
    // Our own field: what the page saw of Global Privacy Control, so tests can check it arrived.
    query.set('gpc', navigator.globalPrivacyControl === true ? '1' : '0');
    var url = collectUrl + '?' + query.toString();
    state.hits.push({ event: eventName, url: url, sentAt: Date.now() });
    // Like the real library: a beacon with the fields in the address and no body.
    if (!(navigator.sendBeacon && navigator.sendBeacon(url))) fetch(url, { method: 'POST', mode: 'no-cors', keepalive: true, credentials: 'include' });
  }

  function pageView() {
    var now = nowSeconds();
    if (state.cookieDomain === '') state.cookieDomain = autoCookieDomain();
    var domain = state.cookieDomain;
    var existing = clientIdFromCookie(readCookie('_ga'));
    state.firstVisit = existing === null;
    state.clientId = existing || (Math.floor(Math.random() * 2147483647) + '.' + now);
    // GA4 writes 1 in the second field for a site's registrable domain (other-trackers notes, 1.1).
    writeCookie('_ga', 'GA1.1.' + state.clientId, domain);

    var sessionName = '_ga_' + measurementId.replace(/^G-/, '');
    var session = parseSessionCookie(readCookie(sessionName));
    state.sessionStart = session === null || now - session.t > SESSION_TIMEOUT_SECONDS;
    if (state.sessionStart) session = { s: now, o: session === null ? 1 : session.o + 1, g: 0, t: now };
    else session = { s: session.s, o: session.o, g: 1, t: now };
    state.sessionId = session.s;
    state.sessionNumber = session.o;
    writeCookie(sessionName, 'GS2.1.s' + session.s + '$o' + session.o + '$g' + session.g + '$t' + session.t + '$j60$l0$h0', domain);
    send('page_view');
  }

  // The page's snippet queues commands in dataLayer before this script arrives.
  window.dataLayer = window.dataLayer || [];
  var dataLayer = window.dataLayer;
  var configured = false;
  function handle(command) {
    if (command && command[0] === 'config' && command[1] === measurementId && !configured) {
      configured = true;
      pageView();
    } else if (command && command[0] === 'event' && configured) {
      send(String(command[1]));
    }
  }
  dataLayer.forEach(handle);
  var push = dataLayer.push.bind(dataLayer);
  dataLayer.push = function () {
    var result = push.apply(null, arguments);
    for (let index = 0; index < arguments.length; index += 1) handle(arguments[index]);
    return result;
  };
  document.documentElement.setAttribute('data-demo-ga', 'ready');
})();
