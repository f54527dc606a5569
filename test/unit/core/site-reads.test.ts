// The pure interpretation of a page's raw read (src/core/site-reads.ts, src/pages/client.ts
// finishSiteRead): the site, exactly its cookies, converted from the browser's shape, and a second
// read only when the guessed domain was not the registrable one.
import { describe, expect, test } from 'vitest';
import { cookieFromBrowser, type BrowserCookie } from '../../../src/model/cookie.ts';
import type { RawSiteRead, TabTarget } from '../../../src/model/browser-reads.ts';
import { scopeSiteRead } from '../../../src/core/site-reads.ts';
import { finishSiteRead } from '../../../src/pages/client.ts';

const tab = (url: string | undefined): TabTarget => ({ tabId: 7, url, storeId: '0', incognito: false });

function browserCookie(name: string, domain: string, extra: Partial<BrowserCookie> = {}): BrowserCookie {
  return { name, value: 'v', domain, hostOnly: !domain.startsWith('.'), path: '/', secure: true, httpOnly: false, sameSite: 'lax', storeId: '0', ...extra };
}

function read(url: string | undefined, web: Partial<NonNullable<RawSiteRead['web']>> | null, extra: Partial<RawSiteRead> = {}): RawSiteRead {
  return {
    target: tab(url),
    web: web === null ? null : { guessedDomain: 'example.com', guessedTopLevelSite: 'https://example.com', cookies: [], hostAccess: true, frames: [], ...web },
    allSitesAccess: null,
    root: undefined,
    evidence: undefined,
    policy: undefined,
    ...extra,
  };
}

describe("the browser's cookie shape", () => {
  test('is converted field by field; an unknown SameSite is unspecified; partition and first-party domain only when reported', () => {
    expect(cookieFromBrowser(browserCookie('a', '.example.com', { sameSite: 'weird', expirationDate: 5 }))).toEqual({
      name: 'a', value: 'v', domain: '.example.com', hostOnly: false, path: '/', secure: true, httpOnly: false, sameSite: 'unspecified', expirationDate: 5, storeId: '0',
    });
    const partitioned = cookieFromBrowser(browserCookie('b', 'www.example.com', { partitionKey: { topLevelSite: 'https://example.com', hasCrossSiteAncestor: false }, firstPartyDomain: '' }));
    expect(partitioned.partitionKey).toEqual({ topLevelSite: 'https://example.com', hasCrossSiteAncestor: false });
    expect(partitioned.firstPartyDomain).toBe('');
    expect(cookieFromBrowser(browserCookie('c', 'x.test', { partitionKey: {} })).partitionKey).toBeUndefined();
  });
});

describe('scoping a raw read to the site', () => {
  test('keeps exactly the site’s cookies in the tab’s store and the embedded sites’ cookies', () => {
    const scope = scopeSiteRead(read('https://www.example.com/page', {
      cookies: [browserCookie('mine', '.example.com'), browserCookie('other-host', 'shop.example.com'), browserCookie('other-store', '.example.com', { storeId: '1' })],
      frames: [{ url: 'https://embed.test/frame', cookies: [browserCookie('e', 'embed.test')] }, { url: 'https://www.example.com/same-site', cookies: [] }],
    }));
    if (scope.kind !== 'site') throw new Error(scope.kind);
    expect(scope.site.registrableDomain).toBe('example.com');
    expect(scope.cookies?.map((c) => c.name)).toEqual(['mine']);
    expect(scope.embedded).toEqual([{ host: 'embed.test', cookies: [cookieFromBrowser(browserCookie('e', 'embed.test'))] }]);
  });

  test('asks for a second read when the guess was not the registrable domain', () => {
    const scope = scopeSiteRead(read('https://shop.example.co.uk/', { guessedDomain: 'co.uk', guessedTopLevelSite: 'https://co.uk', cookies: [browserCookie('wrong', '.co.uk')] }));
    expect(scope.kind === 'site' && scope.cookies).toBeNull();
  });

  test('says why there is no site: no tab, a browser page or store, no access', () => {
    expect(scopeSiteRead({ ...read(undefined, null), target: null })).toEqual({ kind: 'no-tab' });
    expect(scopeSiteRead(read('chrome://settings', null)).kind).toBe('unsupported-page');
    expect(scopeSiteRead(read('https://chromewebstore.google.com/detail/x', {})).kind).toBe('unsupported-page');
    expect(scopeSiteRead(read(undefined, null, { allSitesAccess: false }))).toEqual({ kind: 'no-permission', tab: tab(undefined), site: null });
    expect(scopeSiteRead(read('https://www.example.com/', { hostAccess: false })).kind).toBe('no-permission');
  });
});

describe('finishing a read', () => {
  test('reads the site again under its registrable domain when the guess was wrong, and adds the settings', async () => {
    const asked: string[] = [];
    const adapter = {
      readCookiesAround: async (domain: string, topLevelSite: string, storeId: string) => {
        asked.push(`${domain} ${topLevelSite} ${storeId}`);
        return [browserCookie('right', '.example.co.uk'), browserCookie('neighbour', '.other.co.uk')];
      },
    };
    const snapshot = await finishSiteRead(adapter, read('https://shop.example.co.uk/', { guessedDomain: 'co.uk', guessedTopLevelSite: 'https://co.uk' }));
    expect(asked).toEqual(['example.co.uk https://example.co.uk 0']);
    if (snapshot.kind !== 'site') throw new Error(snapshot.kind);
    expect(snapshot.cookies.map((c) => c.name)).toEqual(['right']);
    expect(snapshot.rule).toBeNull();
    expect(snapshot.settingsProblem).toBeNull();
  });

  test('reads nothing again when the guess was right', async () => {
    const adapter = { readCookiesAround: async () => { throw new Error('read again'); } };
    const snapshot = await finishSiteRead(adapter, read('https://www.example.com/', { cookies: [browserCookie('mine', '.example.com')] }));
    expect(snapshot.kind === 'site' && snapshot.cookies.map((c) => c.name)).toEqual(['mine']);
  });
});
