// Runs in the page's own world at document_start, only on sites whose rule sends Global Privacy
// Control (registered by the background, src/core/page-scripts.ts): the page's scripts read
// `navigator.globalPrivacyControl === true`, as the Sec-GPC header tells the site's servers.
// Defined on Navigator.prototype, where the browser keeps its own (Firefox has one, false unless
// the visitor turned it on; Chromium has none), before any script of the page runs.
Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
  get: () => true,
  configurable: true,
  enumerable: true,
});
