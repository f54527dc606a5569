// The demo's privacy-signals page: shows what the page's scripts see of Global Privacy Control.
// `navigator.globalPrivacyControl` is undefined in browsers without the signal (Chromium), false
// when the browser has it switched off (Firefox), true when it is sent.
(() => {
  const seen = document.getElementById('page-gpc');
  if (seen !== null) seen.textContent = String(navigator.globalPrivacyControl);
  document.documentElement.dataset['privacySignals'] = 'ready';
})();
