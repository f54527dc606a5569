// The built manifests: one source, per-browser differences, and only the permissions we use,
// each explained in the README.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from '../../harness/bundle.ts';

const read = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const chrome = read('dist/chrome/manifest.json') as Record<string, unknown>;
const firefox = read('dist/firefox/manifest.json') as Record<string, unknown>;
const pkg = read('package.json') as { version: string };

describe('manifests', () => {
  test('both carry the package version and are Manifest V3', () => {
    expect(chrome.version).toBe(pkg.version);
    expect(firefox.version).toBe(pkg.version);
    expect(chrome.manifest_version).toBe(3);
    expect(firefox.manifest_version).toBe(3);
  });

  test('Chromium gets a module service worker; Firefox an event page with a gecko id', () => {
    expect(chrome.background).toEqual({ service_worker: 'background.js', type: 'module' });
    expect(firefox.background).toEqual({ scripts: ['background.js'], type: 'module' });
    expect(chrome.browser_specific_settings).toBeUndefined();
    expect(firefox.browser_specific_settings).toMatchObject({ gecko: { id: expect.stringMatching(/^\{[0-9a-f-]{36}\}$/), strict_min_version: '140.0' } });
  });

  test('permissions are exactly the ones the code uses, and the README explains each', () => {
    expect(chrome.permissions).toEqual(['cookies', 'storage', 'browsingData', 'webNavigation', 'webRequest', 'declarativeNetRequest', 'scripting', 'sidePanel']);
    expect(firefox.permissions).toEqual(['cookies', 'storage', 'browsingData', 'webNavigation', 'webRequest', 'declarativeNetRequest', 'scripting', 'contextualIdentities']);
    expect(chrome.host_permissions).toEqual(['<all_urls>']);
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const permission of [...(chrome.permissions as string[]), ...(firefox.permissions as string[]), '<all_urls>']) {
      expect(readme, `README explains ${permission}`).toMatch(new RegExp('^\\| `' + permission.replace(/[<>]/g, '\\$&') + '`', 'm'));
    }
  });

  test('the side panel is one page: Chrome side_panel, Firefox sidebar_action, and it is built', () => {
    expect(chrome.side_panel).toEqual({ default_path: 'sidepanel.html' });
    expect(chrome.sidebar_action).toBeUndefined();
    expect(firefox.side_panel).toBeUndefined();
    expect(firefox.sidebar_action).toMatchObject({ default_panel: 'sidepanel.html', open_at_install: false });
    for (const file of ['sidepanel.html', 'sidepanel.js', 'sidepanel.css']) {
      expect(readdirSync(path.join(root, 'dist/chrome')), file).toContain(file);
      expect(readdirSync(path.join(root, 'dist/firefox')), file).toContain(file);
    }
  });

  test('extension pages run under a strict content security policy with no remote sources', () => {
    const csp = (chrome.content_security_policy as { extension_pages: string }).extension_pages;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'none'");
    expect(csp).not.toMatch(/https?:|unsafe-eval|unsafe-inline/);
  });

  test('no page or stylesheet loads anything from the network', () => {
    for (const file of readdirSync(path.join(root, 'dist/chrome')).filter((f) => /\.(html|css)$/.test(f))) {
      expect(readFileSync(path.join(root, 'dist/chrome', file), 'utf8'), file).not.toMatch(/(src|href)=["']?(https?:)?\/\/|url\(\s*["']?(https?:)?\/\//);
    }
  });

  test('no bundled code assigns innerHTML (nothing renders markup from data)', () => {
    for (const file of readdirSync(path.join(root, 'dist/chrome'), { recursive: true }).map(String).filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(path.join(root, 'dist/chrome', file), 'utf8'), file).not.toMatch(/\.(innerHTML|outerHTML)\s*=[^=]|insertAdjacentHTML|document\.write\(/);
    }
  });

  test('every locale has the same keys and the store name and description', () => {
    const en = read('dist/chrome/_locales/en/messages.json') as Record<string, unknown>;
    const sv = read('dist/chrome/_locales/sv/messages.json') as Record<string, unknown>;
    expect(Object.keys(sv).sort()).toEqual(Object.keys(en).sort());
    expect(en).toHaveProperty('extName');
    expect(en).toHaveProperty('extDescription');
  });
});
