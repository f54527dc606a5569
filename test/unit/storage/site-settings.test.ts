// What a page shows of the stored settings (src/storage/site-settings.ts), from the raw reads:
// the organisation's rules laid over the visitor's, the reset lock, and settings it cannot read.
import { describe, expect, test } from 'vitest';
import { settingsFromRead, siteSettingsFromRead } from '../../../src/storage/site-settings.ts';

const POLICY = { optOutSites: ['managed.example'], lockResetScope: true };

describe('settings from a raw read', () => {
  test('nothing stored: no rule, no undo, and the organisation’s rules and reset lock still apply', () => {
    const view = siteSettingsFromRead({ root: undefined, evidence: undefined, policy: POLICY }, 'managed.example', '0');
    expect(view.rule?.site).toBe('managed.example');
    expect(view.rule?.managed).toBe(true);
    expect([view.undo, view.stripLinks, view.resetLocked, view.settingsProblem]).toEqual([null, false, true, null]);
    expect(view.verification).not.toBeNull();
    expect(siteSettingsFromRead({ root: undefined, evidence: undefined, policy: undefined }, 'other.example', '0')).toEqual({
      rule: null, undo: null, stripLinks: false, verification: null, resetLocked: false, settingsProblem: null,
    });
  });

  test('settings written by a newer version are named as a problem, never read as none', () => {
    const newer = { version: 999, rules: {} };
    expect(siteSettingsFromRead({ root: newer, evidence: undefined, policy: undefined }, 'example.com', '0').settingsProblem).not.toBeNull();
    const all = settingsFromRead(newer, POLICY);
    expect(all.store).toBeNull();
    expect(all.problem).not.toBeNull();
    expect(all.rules.map((rule) => rule.site)).toEqual(['managed.example']);
  });
});
