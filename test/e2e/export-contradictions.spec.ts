// The popup's JSON export carries the consent-against-reality findings the popup shows, and the
// command line finds the same ones in the same cookies (Chromium, the demo site's `trackers`
// preset: analytics and advertising declined in OneTrust, Google Analytics and Meta cookies set).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { onlyCookie, openPopupFor } from '../../harness/extension.ts';
import { freshTmpDir } from '../../harness/paths.ts';
import { useChromium } from '../../harness/fixtures.ts';

const { browser, demo } = useChromium();


interface Finding {
  readonly consentCookie: string;
  readonly category: string;
  readonly cookie: string;
}

function findingsOf(json: unknown): Finding[] {
  const list: unknown = typeof json === 'object' && json !== null ? Reflect.get(json, 'contradictions') : undefined;
  expect(Array.isArray(list)).toBe(true);
  return (Array.isArray(list) ? list : []).map((entry: unknown) => {
    const record = typeof entry === 'object' && entry !== null ? entry : {};
    return { consentCookie: String(Reflect.get(record, 'consentCookie')), category: String(Reflect.get(record, 'category')), cookie: String(Reflect.get(record, 'cookie')) };
  });
}

const byKey = (a: Finding, b: Finding): number => `${a.consentCookie}|${a.category}|${a.cookie}`.localeCompare(`${b.consentCookie}|${b.category}|${b.cookie}`);

describe('contradictions in the JSON export', () => {
  test('the export lists what the popup warns about; the CLI finds the same in the same cookies', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await demo.setPreset(page, 'trackers');
    await page.goto(demo.url('www.hubdemo.test', '/?tracker=0'));
    const consent = new URLSearchParams((await onlyCookie(browser.context, 'OptanonConsent')).value);
    const declinedAt = new Date(Date.parse(consent.get('datestamp') ?? '')).toISOString();

    const popup = await openPopupFor(browser, page);
    const warnings = popup.locator('[data-contradictions] li');
    const shown = await warnings.count();
    expect(shown).toBeGreaterThan(0);

    const pending = popup.waitForEvent('download');
    await popup.getByRole('button', { name: 'Export JSON', exact: true }).click();
    const file = join(freshTmpDir('export-'), 'export.json');
    await (await pending).saveAs(file);
    const exported: unknown = JSON.parse(readFileSync(file, 'utf8'));

    const findings = findingsOf(exported);
    expect(findings).toHaveLength(shown);
    // Each warning of the popup names its cookie (data-contradiction); the export names the same ones, in order.
    expect(findings.map((f) => f.cookie)).toEqual(await warnings.evaluateAll((items) => items.map((item) => item.getAttribute('data-contradiction'))));
    expect(exported).toMatchObject({
      contradictions: expect.arrayContaining([
        expect.objectContaining({ consentCookie: 'OptanonConsent', manager: 'onetrust', category: 'analytics', declinedAt, cookie: '_ga', vendor: 'google-analytics' }),
        expect.objectContaining({ consentCookie: 'OptanonConsent', manager: 'onetrust', category: 'advertising', declinedAt, cookie: '_fbp', vendor: 'meta' }),
      ]),
    });

    // The command line, fed the same cookies as a Cookie header, reports the same findings.
    const cookies = await browser.context.cookies(demo.url('www.hubdemo.test', '/'));
    let stdout = '';
    const code = await runCli(['decode', '--json', '--url', demo.url('www.hubdemo.test', '/'), cookies.map((c) => `${c.name}=${c.value}`).join('; ')], {
      stdout: (s) => {
        stdout += s;
      },
      stderr: (s) => {
        throw new Error(s);
      },
      readFile: () => Promise.reject(new Error('no files')),
      now: () => Date.now(),
    });
    expect(code).toBe(0);
    expect(findingsOf(JSON.parse(stdout)).sort(byKey)).toEqual([...findings].sort(byKey));
    await popup.close();
    await page.close();
  });
});
