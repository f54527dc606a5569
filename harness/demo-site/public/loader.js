// @ts-check
// Stand-in for HubSpot's loader (js.hs-scripts.com/<portalId>.js): like the real one it injects
// the cookie banner (js.hs-banner.com) and the tracker (js.hs-analytics.net). `?banner=off` on
// the page URL leaves the banner out (ours: shows a tracker with nothing processing `_hsp`).
(() => {
  const self = document.currentScript;
  const source = new URL(self instanceof HTMLScriptElement ? self.src : location.href);
  const portalId = /^\/(\d+)\.js$/.exec(source.pathname)?.[1];
  if (portalId === undefined) return;
  // Commands pushed before the tracker arrives wait in these queues, as with HubSpot's.
  if (!Array.isArray(Reflect.get(window, '_hsq'))) Reflect.set(window, '_hsq', []);
  if (Reflect.get(window, '_hsp') === undefined) Reflect.set(window, '_hsp', []);
  const port = source.port === '' ? '' : `:${source.port}`;
  /** @param {string} id @param {string} src */
  const inject = (id, src) => {
    const script = document.createElement('script');
    script.id = id;
    script.async = true;
    script.src = src;
    document.head.append(script);
  };
  if (new URLSearchParams(location.search).get('banner') !== 'off') inject(`cookieBanner-${portalId}`, `https://js.hs-banner.com${port}/${portalId}.js`);
  inject('hs-analytics', `https://js.hs-analytics.net${port}/analytics/${portalId}.js`);
})();
