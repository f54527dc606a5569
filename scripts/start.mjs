// `npm start`: build, start the demo site, and open Chromium with Cookie Lens on it.
// With a display, the browser stays open for you to click the toolbar button (Ctrl+C ends it).
// Without one, it runs headless: visits the demo site over two sessions, opens the real
// toolbar popup, saves a screenshot to tmp/popup.png and prints the decoded summary.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from '../harness/find-browsers.mjs';
import { startDemoSite } from '../harness/demo-site/server.mjs';
import { chromiumHostResolverRules } from '../harness/demo-site/hosts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && process.env.HEADLESS !== '1';
const screenshotPath = process.env.COOKIE_LENS_SCREENSHOT ?? path.join(root, 'tmp', 'popup.png');

// The end-to-end test of this script has just built the extension itself.
if (process.env.COOKIE_LENS_SKIP_BUILD !== '1') execFileSync(process.execPath, [path.join(root, 'build.mjs')], { stdio: 'inherit', cwd: root });
const executablePath = findChromium();
const site = await startDemoSite({ port: headed ? 8443 : 0 });
const extension = path.join(root, 'dist/chrome');
mkdirSync(path.join(root, 'tmp'), { recursive: true });
const profile = mkdtempSync(path.join(root, 'tmp', 'start-profile-'));
mkdirSync(path.join(profile, 'Default'), { recursive: true });
// Third-party cookies on, so the demo page's embedded frame can set its cookies as on a real site.
writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));

const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: !headed,
  viewport: headed ? null : { width: 1100, height: 800 },
  env: { ...process.env, TMPDIR: path.join(root, 'tmp') },
  args: [
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    `--host-resolver-rules=${chromiumHostResolverRules()}`,
    '--ignore-certificate-errors',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const page = context.pages()[0] ?? (await context.newPage());
const home = site.url('www.hubdemo.test', '/?embed=1');

async function cleanup() {
  await context.close().catch(() => undefined);
  await site.close();
  rmSync(profile, { recursive: true, force: true });
}

if (headed) {
  await page.goto(home);
  console.log(`\nCookie Lens is loaded. Demo site: ${home}\nClick the Cookie Lens button in the toolbar (pin it from the puzzle menu). Ctrl+C to stop.`);
  process.on('SIGINT', () => void cleanup().then(() => process.exit(0)));
} else {
  // Two sessions and a few pages, so the popup has a history to show.
  await page.goto(site.url('www.hubdemo.test', '/'));
  await page.waitForFunction(() => 'lastBeacon' in (window.__demoTracker ?? {}) || document.cookie.includes('__hssc'));
  await page.goto(site.url('www.hubdemo.test', '/pricing'));
  await context.clearCookies({ name: '__hssc' }).catch(() => undefined);
  await page.goto(home);
  await page.waitForFunction(() => document.cookie.includes('__hssc'));
  // An extension page to read the popup from, opened first: opening a page later closes the popup.
  const helper = await context.newPage();
  await helper.goto(`chrome-extension://${extensionId}/options.html`);
  await page.bringToFront();
  // The real toolbar popup, opened as a click on the button would (DevTools Extensions.triggerAction).
  const cdp = await context.browser()?.newBrowserCDPSession();
  if (cdp === undefined) throw new Error('no browser CDP session');
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === page.url());
  if (tab === undefined) throw new Error('demo tab not found');
  await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  const readPopup = () => helper.evaluate(() => {
    const body = chrome.extension.getViews({ type: 'popup' })[0]?.document.body;
    if (!body || body.dataset.ready !== '1') return null;
    return [...body.querySelectorAll('.summary-row')].map((row) => `${row.querySelector('dt')?.textContent ?? ''}: ${row.querySelector('dd')?.textContent ?? ''}`);
  });
  let summary = null;
  for (let i = 0; i < 200 && summary === null; i += 1) {
    summary = await readPopup();
    if (summary === null) await new Promise((r) => setTimeout(r, 50));
  }
  if (summary === null) throw new Error('the toolbar popup did not render');
  const popupTarget = (await cdp.send('Target.getTargets')).targetInfos.find((t) => t.type === 'page' && t.url.startsWith(`chrome-extension://${extensionId}/popup.html`));
  if (popupTarget === undefined) throw new Error('the toolbar popup is not open');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: popupTarget.targetId, flatten: false });
  writeFileSync(screenshotPath, await captureTarget(cdp, sessionId));
  console.log(`\nDemo site: ${home}\nThe real toolbar popup says:\n${summary.map((l) => `  ${l}`).join('\n')}\nScreenshot: ${path.relative(root, screenshotPath)}`);
  await cleanup();
}

/** Page.captureScreenshot through Target.sendMessageToTarget (the popup is not a Playwright page). */
async function captureTarget(cdp, sessionId) {
  const result = await new Promise((resolve, reject) => {
    const id = 4242;
    const onMessage = (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message);
      if (message.id !== id) return;
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      if (message.error) reject(new Error(message.error.message));
      else resolve(message.result);
    };
    cdp.on('Target.receivedMessageFromTarget', onMessage);
    cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Page.captureScreenshot', params: { format: 'png' } }) }).catch(reject);
  });
  return Buffer.from(result.data, 'base64');
}
