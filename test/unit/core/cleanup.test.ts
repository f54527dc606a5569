import { describe, expect, test } from 'vitest';
import { effectiveCleanUp, liveNotice, siteCleanUp, siteHostsOf, markedSiteOf, NO_TRACKING, onlyMarked, planCleanUp, takeUrls, webHostOf, withoutTab, withTab, type TabTracking } from '../../../src/core/cleanup.ts';
import { NO_POLICY } from '../../../src/core/managed.ts';
import { siteFromUrl, type SiteContext } from '../../../src/core/site.ts';
import type { UndoSnapshot } from '../../../src/core/plans.ts';
import { cookie } from './make-cookie.ts';

function site(url: string): SiteContext {
  const result = siteFromUrl(url);
  if (!result.ok) throw new Error(`test setup: ${url}`);
  return result.site;
}

const www = site('https://www.example.com/page');
const shop = site('https://shop.example.com/');
const hstc = cookie('__hstc', '1.a.1.1.1.1', '.example.com');
const utk = cookie('hubspotutk', 'a', '.example.com');
const ga = cookie('_ga', 'GA1.2.1.1', '.example.com');
const login = cookie('__hsmem', '0:token', 'www.example.com');
const sessionId = cookie('sessionid', 'abc', 'www.example.com');
const consent = cookie('__hs_cookie_cat_pref', '1:false_2:false_3:false', '.example.com');
const shopOnly = cookie('cart', '3', 'shop.example.com');
const shopHstc = cookie('__hstc', '2.b.1.1.1.1', 'shop.example.com');
const other = cookie('__hstc', '3.c.1.1.1.1', '.other.example');

describe('planCleanUp', () => {
  test('tracking: every recognised tracker\'s identity cookies, as a reset removes them; login and the rest stay', () => {
    const removed = planCleanUp([www], [hstc, utk, consent, ga, login, sessionId, other], 'tracking');
    expect(removed).toEqual([hstc, utk, ga]);
  });

  test('all: every cookie the site\'s pages could read, login included, never another site\'s', () => {
    expect(planCleanUp([www], [hstc, utk, consent, ga, login, sessionId, shopOnly, other], 'all')).toEqual([hstc, utk, consent, ga, login, sessionId]);
  });

  test('each host the site\'s tabs showed counts, each cookie once', () => {
    expect(planCleanUp([www, shop], [hstc, shopHstc, shopOnly, login], 'tracking')).toEqual([hstc, shopHstc]);
    expect(planCleanUp([www, shop], [hstc, shopOnly, login], 'all')).toEqual([hstc, login, shopOnly]);
  });

  test('no pages, nothing to remove', () => {
    expect(planCleanUp([], [hstc, utk], 'all')).toEqual([]);
  });
});

describe('marked sites', () => {
  const marked = new Map([['example.com', true], ['example.co.uk', true]]);

  test('a host belongs to the marked registrable domain it ends in, by whole labels', () => {
    expect(markedSiteOf('www.example.com', marked)).toBe('example.com');
    expect(markedSiteOf('example.com', marked)).toBe('example.com');
    expect(markedSiteOf('a.b.example.co.uk', marked)).toBe('example.co.uk');
    expect(markedSiteOf('notexample.com', marked)).toBeUndefined();
    expect(markedSiteOf('example.com.evil.test', marked)).toBeUndefined();
    expect(markedSiteOf('', marked)).toBeUndefined();
    expect(markedSiteOf('www.example.com', new Map())).toBeUndefined();
  });

  test('the host of an address: http(s) only, lower case, without user, port or path', () => {
    expect(webHostOf('https://WWW.Example.com:8443/x?y#z')).toBe('www.example.com');
    expect(webHostOf('http://user:pw@www.example.com/')).toBe('www.example.com');
    expect(webHostOf('http://[::1]:80/')).toBe('[::1]');
    expect(webHostOf('chrome://newtab/')).toBe('');
    expect(webHostOf('about:blank')).toBe('');
  });

  test('the organisation\'s sites are laid over the visitor\'s, as tracking clean-ups that cannot be removed', () => {
    const user = { 'example.com': { site: 'example.com', scope: 'all' as const, since: 5 }, 'mine.example': { site: 'mine.example', scope: 'all' as const, since: 6 } };
    expect(effectiveCleanUp(user, { ...NO_POLICY, cleanUpSites: ['example.com', 'corp.example'] })).toEqual({
      'example.com': { site: 'example.com', scope: 'tracking', since: 0, managed: true },
      'mine.example': { site: 'mine.example', scope: 'all', since: 6 },
      'corp.example': { site: 'corp.example', scope: 'tracking', since: 0, managed: true },
    });
    expect(effectiveCleanUp(undefined, NO_POLICY)).toEqual({});
  });
});

describe('tab tracking', () => {
  const a = { site: 'example.com', storeId: '0', url: 'https://www.example.com/' };
  const b = { site: 'example.com', storeId: '0', url: 'https://shop.example.com/' };
  const container = { site: 'example.com', storeId: 'firefox-container-1', url: 'https://www.example.com/' };

  test('the last tab of a site in a store is told from one with another tab left', () => {
    let state: TabTracking = withTab(withTab(NO_TRACKING, 1, a), 2, b);
    const first = withoutTab(state, 1);
    expect(first.left).toEqual(a);
    expect(first.lastKnown).toBe(false);
    state = first.state;
    const second = withoutTab(state, 2);
    expect(second.left).toEqual(b);
    expect(second.lastKnown).toBe(true);
    // The address of the tab that left first is cleaned up too, after the last one's.
    expect(takeUrls(second.state, b)).toEqual({ state: NO_TRACKING, urls: [b.url, a.url] });
  });

  test('another cookie store (a container, a private window) is another site', () => {
    const state = withTab(withTab(NO_TRACKING, 1, a), 2, container);
    expect(withoutTab(state, 1).lastKnown).toBe(true);
    expect(withoutTab(state, 2).lastKnown).toBe(true);
  });

  test('an untracked tab leaving changes nothing', () => {
    const state = withTab(NO_TRACKING, 1, a);
    expect(withoutTab(state, 9)).toEqual({ state, left: null, lastKnown: false });
  });

  test('the same tab recorded again is the same state (no write)', () => {
    const state = withTab(NO_TRACKING, 1, a);
    expect(withTab(state, 1, { ...a })).toBe(state);
  });

  test('sites no longer marked are forgotten', () => {
    const state = withTab(withTab(NO_TRACKING, 1, a), 2, { site: 'other.example', storeId: '0', url: 'https://other.example/' });
    expect(Object.keys(onlyMarked(state, new Map([['example.com', true]])).tabs)).toEqual(['1']);
  });
});

describe('liveNotice', () => {
  const snapshot: UndoSnapshot = { site: 'example.com', storeId: '0', takenAt: 1_000, cookies: [hstc], id: 'snap-1' };
  const notice = { site: 'example.com', storeId: '0', snapshotId: 'snap-1', removed: 1, at: 1_000 };
  const notices = { '0/example.com': notice };

  test('shown while its snapshot is the site\'s live one', () => {
    expect(liveNotice(notices, { '0/example.com': snapshot }, 'example.com', '0', 2_000)).toEqual(notice);
  });

  test('gone once undone, replaced by a later reset, expired, or in another store', () => {
    expect(liveNotice(notices, {}, 'example.com', '0', 2_000)).toBeNull();
    expect(liveNotice(notices, { '0/example.com': { ...snapshot, id: 'reset-2' } }, 'example.com', '0', 2_000)).toBeNull();
    expect(liveNotice(notices, { '0/example.com': snapshot }, 'example.com', '0', 1_000 + 25 * 3_600_000)).toBeNull();
    expect(liveNotice(notices, { '1/example.com': { ...snapshot, storeId: '1' } }, 'example.com', '1', 2_000)).toBeNull();
  });
});

describe('siteCleanUp', () => {
  const snapshot: UndoSnapshot = { site: 'example.com', storeId: '0', takenAt: 1_000, cookies: [hstc], id: 'snap-1' };
  const notice = { site: 'example.com', storeId: '0', snapshotId: 'snap-1', removed: 1, at: 1_000 };
  const choice = { site: 'example.com', scope: 'tracking' as const, since: 500 };
  const settings = { choices: { 'example.com': choice }, notices: { '0/example.com': notice }, undo: { '0/example.com': snapshot } };

  test('one site’s choice and its live notice', () => {
    expect(siteCleanUp(settings, 'example.com', '0', 2_000)).toEqual({ choice, notice });
  });

  test('another site: no choice; another store: the choice, but not that store’s notice', () => {
    expect(siteCleanUp(settings, 'example.org', '0', 2_000)).toEqual({ choice: null, notice: null });
    expect(siteCleanUp(settings, 'example.com', '1', 2_000)).toEqual({ choice, notice: null });
  });

  test('a name inherited from Object is no choice', () => {
    expect(siteCleanUp(settings, 'constructor', '0', 2_000).choice).toBeNull();
  });
});

describe('siteHostsOf', () => {
  test('the site, then each host of it its cookies live on, once; other sites\' cookies are not its hosts', () => {
    expect(siteHostsOf('example.com', ['.example.com', 'www.example.com', '.www.example.com', 'Shop.Example.com', 'embed.other.test', 'notexample.com'])).toEqual(['example.com', 'www.example.com', 'shop.example.com']);
    expect(siteHostsOf('example.com', [])).toEqual(['example.com']);
  });
});
