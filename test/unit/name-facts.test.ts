// The Open Cookie Database lookup. Expected facts are read by hand from the rows of
// data/open-cookie-database/open-cookie-database.csv named in each case, with the
// category mapping and the fixes described in scripts/gen-ocd-facts.mjs.
import { describe, expect, test } from 'vitest';
import { lookupNameFacts, parseRetention } from '../../src/explain/name-facts.ts';
import { OCD_FACTS, OCD_GENERIC, OCD_MIN_PREFIX_LENGTH } from '../../src/explain/ocd-facts.generated.ts';
import { findFamily } from '../../src/decode/registry.ts';
import { viewCookie } from '../../src/explain/report.ts';
import type { CookieRecord } from '../../src/model/cookie.ts';

const database = { source: 'open-cookie-database' } as const;

describe('lookupNameFacts', () => {
  test('an exact name: `_ga`, Google Analytics, Analytics, 2 years', () => {
    expect(lookupNameFacts('_ga')).toEqual({ platform: 'Google Analytics', category: 'analytics', retention: 'P2Y', match: 'exact', ...database });
  });

  test('a wildcard name is a prefix: `_ga_<ID>` matches `_ga_`', () => {
    expect(lookupNameFacts('_ga_QEHZPBE5HH')).toEqual({ platform: 'Google Analytics', category: 'analytics', retention: 'P2Y', match: 'prefix', ...database });
  });

  test('the longest prefix wins: `_pk_id.1.8d33` matches `_pk_id` (Matomo) and `_pk_id.` (Piwik)', () => {
    expect(lookupNameFacts('_pk_id.1.8d33')).toMatchObject({ platform: 'Piwik', retention: 'P13M', match: 'prefix' });
    expect(lookupNameFacts('_pk_idx')).toMatchObject({ platform: 'Matomo', match: 'prefix' });
  });

  test('every prefix group of the data is indexed under its platform (the data split whole, independently of the index)', () => {
    const prefixes: Array<{ platform: string; prefix: string }> = [];
    for (const record of OCD_FACTS.split(';')) {
      const [platform = '', ...groups] = record.split('|');
      for (const group of groups) {
        if (!group.startsWith('p')) continue;
        for (const prefix of group.slice(group.indexOf(':') + 1).split(',')) if (prefix.length >= OCD_MIN_PREFIX_LENGTH) prefixes.push({ platform, prefix });
      }
    }
    expect(prefixes.length).toBeGreaterThan(100);
    for (const { platform, prefix } of prefixes) {
      // A longer prefix of another platform may win for a longer name; the prefix itself plus one
      // character matches this one unless a longer prefix starts with it.
      const longer = prefixes.some((other) => other.prefix.length > prefix.length && other.prefix.startsWith(prefix));
      const facts = lookupNameFacts(`${prefix}\u0001`);
      if (!longer) expect({ prefix, platform: facts?.platform, match: facts?.match }).toEqual({ prefix, platform, match: 'prefix' });
    }
  });

  test('exact names come before prefixes', () => {
    // `tp` is listed exactly (Bombora, on ml314.com) and as a prefix (Tailtarget, too short to use).
    expect(lookupNameFacts('tp', '.ml314.com')).toMatchObject({ platform: 'Bombora', match: 'exact' });
  });

  test.each(['_sxyz', 'tpabc', 'SRfoo', 'mp_123', 'capx'])('too-short prefixes are not used: %s', (name) => {
    expect(lookupNameFacts(name)).toBeUndefined();
  });

  test('a longer prefix still matches where a short one was dropped: `_sp_id.<hash>` is Snowplow, not `_s`', () => {
    expect(lookupNameFacts('_sp_id.4209')).toMatchObject({ platform: 'Snowplow', match: 'prefix' });
  });

  test('a trailing literal `*` is a prefix', () => {
    expect(lookupNameFacts('SSPR_123')).toEqual({ platform: 'Adkernel', category: 'advertising', retention: 'session', match: 'prefix', ...database });
    expect(lookupNameFacts('UID_EXT_9')).toMatchObject({ platform: 'Undertone', match: 'prefix' });
  });

  test('wrong platforms are corrected', () => {
    expect(lookupNameFacts('_mkto_trk')).toMatchObject({ platform: 'Marketo', category: 'advertising', retention: 'P729D' });
    expect(lookupNameFacts('ajs_anonymous_id')).toMatchObject({ platform: 'Segment', category: 'analytics' });
  });

  test('categories are mapped onto the four', () => {
    expect(lookupNameFacts('NID')).toMatchObject({ platform: 'Google', category: 'advertising' });
    expect(lookupNameFacts('__AntiXsrfToken')).toMatchObject({ category: 'necessary' }); // Security
    expect(lookupNameFacts('_rails_session')).toMatchObject({ category: 'functional' }); // the stray Necessary
  });

  test('a name listed for several platforms is generic: the cookie\'s domain decides, or nothing is said', () => {
    // `token`: Adform (adform.net, Marketing) and Xandr (.adnxs.com, Functional).
    expect(lookupNameFacts('token')).toBeUndefined();
    expect(lookupNameFacts('token', '.adform.net')).toMatchObject({ platform: 'Adform', category: 'advertising' });
    expect(lookupNameFacts('token', 'ib.adnxs.com')).toMatchObject({ platform: 'Xandr', category: 'functional' });
    expect(lookupNameFacts('token', '.shop.example')).toBeUndefined();
    // `euconsent-v2`: Didomi and PrivacyPillar, no domain given: never attributed by the database
    // (Cookie Lens's own IAB TCF decoder knows the name).
    expect(lookupNameFacts('euconsent-v2', '.example.com')).toBeUndefined();
  });

  test('names listed exactly although real cookies carry a suffix also match with the suffix', () => {
    expect(lookupNameFacts('_hp2_id')).toMatchObject({ platform: 'Heap Analytics', match: 'exact' });
    expect(lookupNameFacts('_hp2_id.123456')).toMatchObject({ platform: 'Heap Analytics', match: 'prefix', retention: 'P14M' });
  });

  test('retention is normalised; vague text is left out', () => {
    expect(lookupNameFacts('__utma')?.retention).toBe('P2Y'); // "2 years after last activity"
    expect(lookupNameFacts('_uetvid')?.retention).toBe('P16D');
    expect(lookupNameFacts('__AntiXsrfToken')?.retention).toBe('session');
  });

  // Read straight from the generated text with its documented layout (ocd-facts.generated.ts):
  // `Platform|<group>|…` records joined by `;`, groups `<kind><category>[<retention>]:<name>,…`.
  test('every exact name of the generated data is found, with its own record\'s platform and category', () => {
    const letters: Record<string, string> = { a: 'analytics', d: 'advertising', f: 'functional', n: 'necessary' };
    let checked = 0;
    for (const record of OCD_FACTS.split(';')) {
      const [platform = '', ...groups] = record.split('|');
      for (const group of groups) {
        const header = group.slice(0, group.indexOf(':'));
        const names = group.slice(header.length + 1);
        if (!header.startsWith('e')) continue;
        for (const name of names.split(',')) {
          const facts = lookupNameFacts(name);
          expect(facts, name).toMatchObject({ platform, category: letters[header.charAt(1)], match: 'exact' });
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });

  test('pieces of the generated text are not names: a platform, a header, a part of a name', () => {
    const firstRecord = OCD_FACTS.slice(0, OCD_FACTS.indexOf(';'));
    const platform = firstRecord.slice(0, firstRecord.indexOf('|'));
    expect(lookupNameFacts(platform)).toBeUndefined();
    expect(lookupNameFacts('ea')).toBeUndefined();
    expect(lookupNameFacts('_rxuui')).toBeUndefined();
    expect(lookupNameFacts('xuuid')).toBeUndefined();
    expect(lookupNameFacts('_rxuuid')).toMatchObject({ platform: '1rx.io', match: 'exact' });
    // `a0_users:sess` is a name (Auth0); its part after the colon is not.
    expect(lookupNameFacts('a0_users:sess')).toMatchObject({ platform: 'Auth0', match: 'exact' });
    expect(lookupNameFacts('sess')).not.toMatchObject({ platform: 'Auth0' });
  });

  test('unknown names and odd input', () => {
    expect(lookupNameFacts('definitely_not_a_known_cookie')).toBeUndefined();
    expect(lookupNameFacts('')).toBeUndefined();
    expect(lookupNameFacts('\u0000\uD800;|,')).toBeUndefined();
  });
});

describe('parseRetention', () => {
  test.each([
    ['session', { kind: 'session' }],
    ['P13M', { kind: 'duration', amount: 13, unit: 'month' }],
    ['P2Y', { kind: 'duration', amount: 2, unit: 'year' }],
    ['P3W', { kind: 'duration', amount: 3, unit: 'week' }],
    ['P90D', { kind: 'duration', amount: 90, unit: 'day' }],
    ['PT24H', { kind: 'duration', amount: 24, unit: 'hour' }],
    ['PT30M', { kind: 'duration', amount: 30, unit: 'minute' }],
    ['PT10S', { kind: 'duration', amount: 10, unit: 'second' }],
  ])('%s', (retention, expected) => {
    expect(parseRetention(retention)).toEqual(expected);
  });

  test.each(['', 'P', 'P1X', 'PT1D', '2 years'])('refuses %j', (retention) => {
    expect(parseRetention(retention)).toBeUndefined();
  });
});

describe('our decoders come before the database', () => {
  const cookie = (name: string, value: string): CookieRecord => ({
    name,
    value,
    domain: '.example.com',
    hostOnly: false,
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'lax',
    storeId: '0',
  });
  const ctx = { now: Date.UTC(2025, 9, 1), host: 'www.example.com' };

  test.each([
    ['__utma', 'google-analytics'],
    ['_mkto_trk', 'marketo'],
    ['_pk_id.1.8809', 'matomo'],
    ['_ga', 'google-analytics'],
  ])('%s: the database knows it, but the decoder family attributes it (%s)', (name, vendor) => {
    expect(lookupNameFacts(name)).toBeDefined();
    expect(findFamily(name)?.vendor).toBe(vendor);
    const view = viewCookie(cookie(name, '1'), 'domain', ctx, lookupNameFacts);
    expect(view).toMatchObject({ attribution: 'decoder', vendor });
  });

  test('a name without a decoder falls back to the database', () => {
    expect(findFamily('NID')).toBeUndefined();
    expect(viewCookie(cookie('NID', 'x'), 'domain', ctx, lookupNameFacts)).toMatchObject({ attribution: 'database', vendor: 'Google', category: 'advertising', retention: 'P1Y' });
  });
});

// Issue 14: a login cookie named `sessionid` on a shop was labelled "Instagram - Advertising".
// Generic names (scripts/gen-ocd-facts.mjs isGenericName) are attributed only on their vendor's domains.
describe('generic names', () => {
  test('`sessionid` is Instagram\'s only on instagram.com; a shop\'s own `sessionid` is not recognised', () => {
    expect(lookupNameFacts('sessionid', '.instagram.com')).toMatchObject({ platform: 'Instagram', category: 'advertising', match: 'exact' });
    expect(lookupNameFacts('sessionid', 'www.instagram.com')).toMatchObject({ platform: 'Instagram' });
    expect(lookupNameFacts('sessionid', 'www.hubdemo.test')).toBeUndefined();
    expect(lookupNameFacts('sessionid', '.notinstagram.com')).toBeUndefined();
    expect(lookupNameFacts('sessionid')).toBeUndefined();
    expect(lookupNameFacts('lang', '.example.com')).toBeUndefined();
    expect(lookupNameFacts('lang', '.linkedin.com')).toMatchObject({ platform: 'LinkedIn', category: 'functional' });
  });

  test('the popup\'s rows: a host-only `sessionid` on a shop has no vendor ("not recognised")', () => {
    const ctx = { now: 0, host: 'www.shop.example' };
    const view = viewCookie({ name: 'sessionid', value: 'x', domain: 'www.shop.example', hostOnly: true, path: '/', secure: true, httpOnly: true, sameSite: 'lax', storeId: '0' }, 'host-only', ctx, lookupNameFacts);
    expect(view).toMatchObject({ attribution: 'none', vendor: null, category: null });
  });

  // Every generic row of the data, read straight from the CSV's meaning as generated: on none of
  // the platform's domains it is not attributed; on each of them it is attributed to a platform
  // that lists the name for that domain.
  test('every generic name in the data: unattributed elsewhere, attributed on its vendors\' domains', () => {
    const byName = new Map<string, (typeof OCD_GENERIC)[number][]>();
    for (const row of OCD_GENERIC) byName.set(row[0], [...(byName.get(row[0]) ?? []), row]);
    expect(byName.size).toBeGreaterThan(50);
    for (const [name, rows] of byName) {
      expect(lookupNameFacts(name), name).toBeUndefined();
      expect(lookupNameFacts(name, '.unrelated-shop.example'), name).toBeUndefined();
      for (const [, platform, , domains] of rows) {
        for (const domain of domains) {
          const owners = rows.filter(([, , , d]) => d.includes(domain)).map(([, p]) => p);
          expect(owners, `${name} on ${domain}`).toContain(platform);
          expect(owners, `${name} on .${domain}`).toContain(lookupNameFacts(name, `.${domain}`)?.platform);
          expect(owners, `${name} on www.${domain}`).toContain(lookupNameFacts(name, `www.${domain}`)?.platform);
        }
      }
    }
  });

  test('the rule picks the names the issue names, when the data lists them', () => {
    const generic = new Set(OCD_GENERIC.map(([name]) => name));
    for (const name of ['sessionid', 'token', 'lang', 'locale', 'uid', 'test']) expect(generic, name).toContain(name);
    // A vendor-specific name stays attributed by name alone.
    expect(generic.has('_fbp')).toBe(false);
    expect(lookupNameFacts('_fbp')).toMatchObject({ platform: 'Facebook' });
  });
});
