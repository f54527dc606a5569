// @ts-check
// Stand-in for HubSpot's loader (js.hs-scripts.com/<portalId>.js): it only injects the tracker.
(() => {
  const self = document.currentScript;
  const source = new URL(self instanceof HTMLScriptElement ? self.src : location.href);
  const portalId = /^\/(\d+)\.js$/.exec(source.pathname)?.[1];
  if (portalId === undefined) return;
  // Commands pushed before the tracker arrives wait in this queue, as with HubSpot's _hsq.
  if (!Array.isArray(Reflect.get(window, '_hsq'))) Reflect.set(window, '_hsq', []);
  const port = source.port === '' ? '' : `:${source.port}`;
  const tracker = document.createElement('script');
  tracker.id = 'hs-analytics';
  tracker.async = true;
  tracker.src = `https://js.hs-analytics.net${port}/analytics/${portalId}.js`;
  document.head.append(tracker);
})();
