import { describe, expect, it } from 'vitest';
import { clearableKinds, explicitPort, planStoredDataClear, unclearableKinds } from '../../../src/core/site-data.ts';
import { siteFromUrl, type SiteContext } from '../../../src/core/site.ts';
import { cookie } from './make-cookie.ts';

function site(url: string): SiteContext {
  const result = siteFromUrl(url);
  if (!result.ok) throw new Error(`not a site: ${url}`);
  return result.site;
}

describe('planStoredDataClear', () => {
  it("covers the tab's host and every host the site's cookies live on, each once, http and https", () => {
    const plan = planStoredDataClear(site('https://www.shop.example/cart'), [
      cookie('_ga', 'GA1.1.1.1', '.shop.example'),
      cookie('_pk_id.1.abcd', 'x', 'www.shop.example'),
      cookie('pref', 'x', 'help.shop.example'),
      cookie('pref2', 'y', '.help.shop.example'),
    ], 'chromium');
    expect(plan.hosts).toEqual(['www.shop.example', 'shop.example', 'help.shop.example']);
    expect(plan.hostnames).toEqual(plan.hosts);
    expect(plan.origins).toEqual([
      'https://www.shop.example', 'http://www.shop.example',
      'https://shop.example', 'http://shop.example',
      'https://help.shop.example', 'http://help.shop.example',
    ]);
  });

  it("adds each host on the tab's own port when the page is served on one", () => {
    const plan = planStoredDataClear(site('https://www.gameta.test:8443/pricing'), [cookie('_ga', 'v', '.gameta.test')], 'chromium');
    expect(plan.origins).toEqual([
      'https://www.gameta.test', 'http://www.gameta.test', 'https://www.gameta.test:8443',
      'https://gameta.test', 'http://gameta.test', 'https://gameta.test:8443',
    ]);
    expect(plan.hosts).toEqual(['www.gameta.test', 'gameta.test']);
    expect(plan.hostnames).toEqual(['www.gameta.test', 'www.gameta.test:8443', 'gameta.test', 'gameta.test:8443']);
  });

  it('never reaches a host outside the site, whatever cookies it is handed', () => {
    const plan = planStoredDataClear(site('https://www.shop.example/'), [
      cookie('x', 'v', '.other.example'),
      cookie('y', 'v', '.notshop.example'),
      cookie('z', 'v', '.example'),
    ], 'firefox');
    expect(plan.hosts).toEqual(['www.shop.example']);
    expect(plan.hostnames).toEqual(['www.shop.example']);
    expect(plan.origins).toEqual(['https://www.shop.example', 'http://www.shop.example']);
  });

  it('asks each browser only for what it can clear by site: Firefox has no cache storage kind', () => {
    expect(planStoredDataClear(site('https://a.example/'), [], 'chromium').kinds).toEqual(['localStorage', 'indexedDB', 'cacheStorage', 'serviceWorkers']);
    expect(planStoredDataClear(site('https://a.example/'), [], 'firefox').kinds).toEqual(['localStorage', 'indexedDB', 'serviceWorkers']);
    expect(unclearableKinds('firefox')).toEqual(['cacheStorage']);
    expect(unclearableKinds('chromium')).toEqual([]);
    expect(clearableKinds('firefox')).not.toContain('cacheStorage');
  });
});

describe('explicitPort', () => {
  it.each([
    ['https://www.gameta.test:8443/x', '8443'],
    ['http://a.example:8080', '8080'],
    ['https://a.example/', undefined],
    ['https://a.example:443/', undefined],
    ['http://a.example:80/', undefined],
    ['https://user:pw@a.example:9000/?q=:1', '9000'],
    ['http://[::1]:3000/', '3000'],
    ['http://[::1]/', undefined],
    ['https://a.example/path:99', undefined],
  ])('%s -> %s', (url, port) => {
    expect(explicitPort(url)).toBe(port);
  });
});
