// What the do-not-track and opt-out switches show: the real choice cookies beside the rule.
import { describe, expect, test } from 'vitest';
import { choiceCookiesNow, choiceSwitches, cookiesSayingChoice } from '../../../src/core/choice-state.ts';
import { cookie } from './make-cookie.ts';

const DNT = '__hs_do_not_track';
const OPT_OUT = '__hs_opt_out';
const PREF = '__hs_cookie_cat_pref';
const at = '.example.com';

describe('what the choice cookies say now', () => {
  test.each([
    ['no cookies', [], { doNotTrack: false, optedOut: false }],
    ['do-not-track yes', [cookie(DNT, 'yes', at)], { doNotTrack: true, optedOut: false }],
    // HubSpot decodes the value first: an escaped yes is yes; 1, true, YES are not.
    ['do-not-track %79es', [cookie(DNT, '%79es', at)], { doNotTrack: true, optedOut: false }],
    ['do-not-track 1', [cookie(DNT, '1', at)], { doNotTrack: false, optedOut: false }],
    ['do-not-track YES', [cookie(DNT, 'YES', at)], { doNotTrack: false, optedOut: false }],
    ['an HttpOnly yes the page cannot read', [cookie(DNT, 'yes', at, { httpOnly: true })], { doNotTrack: false, optedOut: false }],
    ['one copy yes among others', [cookie(DNT, '1', 'www.example.com'), cookie(DNT, 'yes', at)], { doNotTrack: true, optedOut: false }],
    ['opt-out yes', [cookie(OPT_OUT, 'yes', at)], { doNotTrack: false, optedOut: true }],
    ['opt-out no (the banner accepted)', [cookie(OPT_OUT, 'no', at)], { doNotTrack: false, optedOut: false }],
    ['preference declining everything, 2021 form', [cookie(PREF, '1:false,2:false,3:false', at)], { doNotTrack: false, optedOut: true }],
    ['preference declining everything, 2024 form', [cookie(PREF, '1:false_2:false_3:false', at)], { doNotTrack: false, optedOut: true }],
    ['preference declining analytics only', [cookie(PREF, '1:false,2:true,3:true', at)], { doNotTrack: false, optedOut: true }],
    ['preference accepting, 2021 form', [cookie(PREF, '1:true,2:true,3:true', at)], { doNotTrack: false, optedOut: false }],
    // The 2024 banner reads this as accepted: not every banner declines, so not opted out.
    ['preference accepting, 2024 form', [cookie(PREF, '1:true_2:true_3:true', at)], { doNotTrack: false, optedOut: false }],
    ['an empty preference', [cookie(PREF, '', at)], { doNotTrack: false, optedOut: false }],
    ['other cookies only', [cookie('__hstc', 'yes', at), cookie('dnt', 'yes', at)], { doNotTrack: false, optedOut: false }],
  ])('%s', (_, cookies, expected) => {
    expect(choiceCookiesNow(cookies)).toEqual(expected);
  });
});

describe('what the switches show', () => {
  const none = { doNotTrack: false, optedOut: false };
  const both = { doNotTrack: true, optedOut: true };
  const dntOnly = { doNotTrack: true, optedOut: false };

  test('no rule, no cookie: both off', () => {
    expect(choiceSwitches(null, none)).toEqual({ doNotTrack: { checked: false, note: 'agrees' }, optOut: { checked: false, note: 'agrees' } });
  });
  test('no rule, but the cookies say so (written by the banner, or a choice since removed): on, written earlier', () => {
    expect(choiceSwitches(null, both)).toEqual({
      doNotTrack: { checked: true, note: 'written-earlier' },
      optOut: { checked: true, note: 'written-earlier' },
    });
  });
  test('a rule with everything off counts as none', () => {
    expect(choiceSwitches({ doNotTrack: false, optOut: 'off' }, dntOnly).doNotTrack).toEqual({ checked: true, note: 'written-earlier' });
  });
  test('opt-out in force and its cookies there: on, agreeing', () => {
    expect(choiceSwitches({ doNotTrack: false, optOut: 'cookies' }, both)).toEqual({
      doNotTrack: { checked: true, note: 'agrees' },
      optOut: { checked: true, note: 'agrees' },
    });
  });
  test('opt-out in force, the cookies gone right now: on, being restored', () => {
    expect(choiceSwitches({ doNotTrack: false, optOut: 'block' }, none)).toEqual({
      doNotTrack: { checked: true, note: 'restoring' },
      optOut: { checked: true, note: 'restoring' },
    });
  });
  test('do-not-track in force without its cookie: restoring; the opt-out cookie of the banner shows as written earlier', () => {
    expect(choiceSwitches({ doNotTrack: true, optOut: 'off' }, { doNotTrack: false, optedOut: true })).toEqual({
      doNotTrack: { checked: true, note: 'restoring' },
      optOut: { checked: true, note: 'written-earlier' },
    });
  });
  test('opted out on a site without HubSpot: no HubSpot cookie is written, so none is missing', () => {
    expect(choiceSwitches({ doNotTrack: false, optOut: 'cookies', hubspot: false }, none)).toEqual({
      doNotTrack: { checked: false, note: 'agrees' },
      optOut: { checked: true, note: 'agrees' },
    });
  });
});

describe('the cookies a switch turned off removes when no rule wrote them', () => {
  const cookies = [
    cookie(DNT, 'yes', at),
    cookie(DNT, '1', 'www.example.com'),
    cookie(OPT_OUT, 'yes', at),
    cookie(OPT_OUT, 'no', 'www.example.com'),
    cookie(PREF, '1:false_2:false_3:false', at),
    cookie(PREF, '1:true,2:true,3:true', 'www.example.com'),
    cookie('__hstc', 'x', at),
  ];
  test('do-not-track: only the copies that say yes', () => {
    expect(cookiesSayingChoice(cookies, 'doNotTrack').map((c) => `${c.name}=${c.value}`)).toEqual([`${DNT}=yes`]);
  });
  test('opt-out: opt-out yes and the declining preference; accepting copies stay', () => {
    expect(cookiesSayingChoice(cookies, 'optOut').map((c) => `${c.name}=${c.value}`)).toEqual([`${OPT_OUT}=yes`, `${PREF}=1:false_2:false_3:false`]);
  });
  test('after the removal the cookies say nothing is chosen', () => {
    for (const choice of ['doNotTrack', 'optOut'] as const) {
      const gone = new Set(cookiesSayingChoice(cookies, choice));
      const left = choiceCookiesNow(cookies.filter((c) => !gone.has(c)));
      expect(choice === 'doNotTrack' ? left.doNotTrack : left.optedOut).toBe(false);
    }
  });
});
