// A throwaway MV3 extension for checking the browser harnesses without the real build. It is
// written under tmp/ at test time and never committed. Its popup shows the target tab's URL and
// cookie count; its background answers `{type: 'ping'}`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshTmpDir } from './paths.ts';

export const PROBE_GECKO_ID = 'probe@cookie-lens.test';

const BACKGROUND = `const api = globalThis.browser ?? globalThis.chrome;
api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message && message.type === 'ping') sendResponse({ pong: true });
  return false;
});
`;

const POPUP_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Probe</title></head>
<body><p id="target">loading</p><script src="popup.js"></script></body></html>
`;

// Resolves its target like the real popup: ?tabId=, else the active tab.
const POPUP_JS = `const api = globalThis.browser ?? globalThis.chrome;
(async () => {
  const params = new URLSearchParams(location.search);
  const tab = params.has('tabId')
    ? await api.tabs.get(Number(params.get('tabId')))
    : (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0];
  const url = tab && tab.url ? tab.url : '';
  const cookies = url.startsWith('http') ? await api.cookies.getAll({ url, storeId: tab.cookieStoreId }) : [];
  document.getElementById('target').textContent = url;
  document.body.dataset.cookieCount = String(cookies.length);
  document.body.dataset.cookieNames = cookies.map((cookie) => cookie.name).sort().join(',');
  document.body.dataset.ready = '1';
})();
`;

/** Writes the probe into a fresh folder under tmp/ and returns its path; delete it when done. */
export function writeProbeExtension(): string {
  const dir = freshTmpDir('probe-extension-');
  const manifest = {
    manifest_version: 3,
    name: 'Cookie Lens harness probe',
    version: '0.0.1',
    permissions: ['cookies', 'tabs', 'storage', 'contextualIdentities'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'background.js', scripts: ['background.js'] },
    action: { default_popup: 'popup.html' },
    browser_specific_settings: { gecko: { id: PROBE_GECKO_ID, strict_min_version: '140.0' } },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'background.js'), BACKGROUND);
  writeFileSync(join(dir, 'popup.html'), POPUP_HTML);
  writeFileSync(join(dir, 'popup.js'), POPUP_JS);
  return dir;
}
