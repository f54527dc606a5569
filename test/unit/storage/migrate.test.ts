import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { migrate } from '../../../src/storage/migrate.ts';
import { CURRENT_VERSION } from '../../../src/storage/schema.ts';
import type { SetAsideEntry, Store } from '../../../src/storage/schema.ts';
import type { SiteRule } from '../../../src/core/rules.ts';
import { siteFromUrl } from '../../../src/core/site.ts';

// Parsed the way storage hands data back (JSON.parse, so `__proto__` stays an own key).
function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../fixtures/storage/${name}`, import.meta.url), 'utf8'));
}

function migrated(raw: unknown): { store: Store; changed: boolean; setAside: SetAsideEntry[] } {
  const result = migrate(raw);
  if (!result.ok) throw new Error(`expected a store, got ${result.problem}`);
  return result;
}

describe('frozen fixtures', () => {
  test('v1.json becomes version 3 with every piece as it was, nothing set aside', () => {
    const raw = fixture('v1.json');
    const { store, changed, setAside } = migrated(raw);
    expect(store).toEqual({ ...(raw as object), version: 3, stripLinks: {} });
    expect(changed).toBe(true);
    expect(setAside).toEqual([]);
    expect(Object.keys(store.rules)).toEqual(['example.com', 'hubdemo.test', 'foo.github.io']);
    expect(store.undo['0/example.com']?.cookies).toHaveLength(3);
  });

  test('v1-partly-corrupt.json keeps every valid rule and sets the rest aside', () => {
    const { store, changed, setAside } = migrated(fixture('v1-partly-corrupt.json'));
    expect(changed).toBe(true);
    expect(store.rules).toEqual({
      'example.com': { site: 'example.com', doNotTrack: true, optOut: 'off', since: 1735689600000 },
      'hubdemo.test': { site: 'hubdemo.test', doNotTrack: false, optOut: 'block', since: 1735693200000 },
    });
    expect(Object.getPrototypeOf(store.rules)).toBe(Object.prototype);
    expect(store.undo).toEqual({});
    const expectedNew: SetAsideEntry[] = [
      {
        raw: '"not an entry"',
        from: 'setAside[1]',
        reason: 'invalid-entry',
        detail: 'an entry must be an object',
      },
      {
        raw: '{"site":"maybe.example","doNotTrack":true,"optOut":"maybe","since":1735689600000}',
        from: 'rules["maybe.example"]',
        reason: 'invalid-rule',
        detail: '"optOut" must be "off", "cookies" or "block"',
      },
      {
        raw: '{"site":"other.example","doNotTrack":true,"optOut":"off","since":1735689600000}',
        from: 'rules["wrong-key.example"]',
        reason: 'key-mismatch',
        detail: 'stored under "wrong-key.example" but belongs to "other.example"',
      },
      {
        raw: '{"site":"Upper.Example","doNotTrack":true,"optOut":"off","since":1735689600000}',
        from: 'rules["Upper.Example"]',
        reason: 'invalid-rule',
        detail: '"site" must be a lower-case host name',
      },
      { raw: '42', from: 'rules["number.example"]', reason: 'invalid-rule', detail: 'a rule must be an object' },
      {
        raw: '{"site":"__proto__","doNotTrack":true,"optOut":"block","since":0}',
        from: 'rules["__proto__"]',
        reason: 'invalid-rule',
        detail: '"site" must be a lower-case host name',
      },
      {
        raw: '{"site":"hubdemo.test","doNotTrack":false,"optOut":"block","since":1735693200000,"note":"extra fields are dropped"}',
        from: 'rules["hubdemo.test"]',
        reason: 'unknown-field',
        detail: 'kept without note',
      },
      {
        raw: '{"site":"example.com","storeId":"0","takenAt":1735700400000,"cookies":[{"value":"no name","domain":".example.com"}],"id":"0/example.com@1735700400000"}',
        from: 'undo["0/example.com"]',
        reason: 'invalid-snapshot',
        detail: 'cookie 0: cookie name and value must be text',
      },
      { raw: '"dark"', from: 'theme', reason: 'unknown-field', detail: 'not a field of version 1' },
    ];
    expect(setAside).toEqual(expectedNew);
    // The entry set aside by an earlier read is still there, ahead of the new ones.
    expect(store.setAside).toEqual([
      { raw: '7', from: 'rules["seven.example"]', reason: 'invalid-rule', detail: 'a rule must be an object' },
      ...expectedNew,
    ]);
  });

  test('reading the repaired store again changes nothing', () => {
    const first = migrated(fixture('v1-partly-corrupt.json'));
    expect(migrate(JSON.parse(JSON.stringify(first.store)))).toEqual({ ok: true, store: first.store, changed: false, setAside: [] });
  });

  test('v2.json becomes version 3: each rule\'s earlier cookies go under their own store id; everything else as it was', () => {
    const raw = fixture('v2.json') as { rules: Record<string, Record<string, unknown>> };
    const { store, changed, setAside } = migrated(raw);
    expect(changed).toBe(true);
    expect(setAside).toEqual([]);
    expect(store.version).toBe(3);
    const v2Earlier = raw.rules['hubdemo.test']?.['earlier'];
    // Written out here, not computed: the store the step must give.
    expect(store.rules['hubdemo.test']).toEqual({ ...raw.rules['hubdemo.test'], earlier: { '0': v2Earlier } });
    expect(store.rules['example.com']?.earlier).toEqual({ '0': { storeId: '0', host: 'www.example.com', names: ['__hs_do_not_track'], cookies: [] } });
    // Rules without earlier cookies stay without.
    expect(store.rules['old.example']).toEqual(raw.rules['old.example']);
    expect(store.rules['gameta.test']).toEqual(raw.rules['gameta.test']);
    expect(store.rules['foo.github.io']).toEqual(raw.rules['foo.github.io']);
    expect(store.stripLinks).toEqual({ 'hubdemo.test': { site: 'hubdemo.test', since: 1735693200000 } });
    // Read again, the migrated store is as it is.
    expect(migrate(JSON.parse(JSON.stringify(store)))).toEqual({ ok: true, store, changed: false, setAside: [] });
  });

  test('v3.json is read as it is: a rule keeps the earlier cookies of each store it acted in', () => {
    const raw = fixture('v3.json');
    const { store, changed, setAside } = migrated(raw);
    expect(store).toEqual(raw);
    expect(changed).toBe(false);
    expect(setAside).toEqual([]);
    expect(Object.keys(store.rules['hubdemo.test']?.earlier ?? {})).toEqual(['0', 'firefox-container-1']);
    expect(store.rules['hubdemo.test']?.earlier?.['0']?.cookies.map((c) => `${c.name}=${c.value}`)).toEqual(['__hs_cookie_cat_pref=1:true,2:false,3:true']);
    expect(store.rules['hubdemo.test']?.earlier?.['firefox-container-1']?.cookies.map((c) => `${c.name}=${c.value}@${c.storeId}`)).toEqual(['__hs_opt_out=no@firefox-container-1']);
    expect(store.rules['gameta.test']?.vendors).toEqual({ meta: 'allow', hubspot: 'block' });
  });

  test('a version 3 rule whose earlier entry is malformed or under another store\'s key is set aside whole; the others stay', () => {
    const raw = fixture('v3.json') as { rules: Record<string, Record<string, unknown>> };
    const entry = { storeId: '0', host: 'www.example.com', names: ['__hs_do_not_track'], cookies: [] };
    for (const [earlier, detail] of [
      [{ '1': entry }, '"earlier" entry under "1" is for store "0"'],
      [entry, '"earlier" must be an object (store "storeId")'],
      [['x'], '"earlier" must be an object keyed by cookie store'],
      [{ '0': { ...entry, cookies: [{ name: 'y' }] } }, '"earlier" cookie 0: '],
    ] as const) {
      const broken = { ...raw, rules: { ...raw.rules, 'example.com': { ...raw.rules['example.com'], earlier } } };
      const { store, setAside } = migrated(broken);
      expect(store.rules['example.com'], detail).toBeUndefined();
      expect(store.rules['hubdemo.test']).toEqual(raw.rules['hubdemo.test']);
      expect(setAside).toMatchObject([{ from: 'rules["example.com"]', reason: 'invalid-rule' }]);
      expect(setAside[0]?.detail.startsWith(detail), setAside[0]?.detail).toBe(true);
    }
  });

  test('a malformed link-stripping entry is set aside; the store stays usable', () => {
    const raw = fixture('v2.json') as Record<string, unknown>;
    const { store, setAside } = migrated({ ...raw, stripLinks: { 'a.example': { site: 'a.example', since: -1 }, 'b.example': { site: 'b.example', since: 5 } } });
    expect(store.stripLinks).toEqual({ 'b.example': { site: 'b.example', since: 5 } });
    expect(setAside).toMatchObject([{ from: 'stripLinks["a.example"]', reason: 'invalid-entry' }]);
  });

  test('a version 2 rule whose earlier cookies are malformed is set aside whole; the others stay', () => {
    const raw = fixture('v2.json') as { rules: Record<string, Record<string, unknown>> };
    const broken = { ...raw, rules: { ...raw.rules, 'example.com': { ...raw.rules['example.com'], earlier: { storeId: '0', host: 'www.example.com', names: ['x'], cookies: [{ name: 'y' }] } } } };
    const { store, setAside } = migrated(broken);
    expect(store.rules['example.com']).toBeUndefined();
    expect(store.rules['hubdemo.test']).toEqual({ ...raw.rules['hubdemo.test'], earlier: { '0': raw.rules['hubdemo.test']?.['earlier'] } });
    expect(setAside).toMatchObject([{ from: 'rules["example.com"]', reason: 'invalid-rule' }]);
  });

  test('a version 2 rule with malformed vendor choices or GPC is set aside; a version 1 rule never carried them', () => {
    const rule = { site: 'example.com', doNotTrack: false, optOut: 'off', since: 1 };
    for (const [extra, detail] of [
      [{ vendors: { meta: 'maybe' } }, '"vendors.meta" must be "block" or "allow"'],
      [{ vendors: { 'Not A Vendor': 'block' } }, '"vendors" has a key that is not a vendor id: "Not A Vendor"'],
      [{ vendors: ['meta'] }, '"vendors" must be an object'],
      [{ gpc: 'yes' }, '"gpc" must be true or false'],
    ] as const) {
      const { store, setAside } = migrated({ version: 2, rules: { 'example.com': { ...rule, ...extra } } });
      expect(store.rules, detail).toEqual({});
      expect(setAside.map((entry) => entry.detail)).toEqual([detail]);
    }
    const v1 = migrated({ version: 1, rules: { 'example.com': { ...rule, gpc: true } } });
    expect(v1.store.rules['example.com']).toEqual(rule);
    expect(v1.setAside.map((entry) => entry.reason)).toEqual(['unknown-field']);
  });

  test('v3-newer-version.json is refused, so the caller does not overwrite it', () => {
    expect(migrate(fixture('v3-newer-version.json'))).toEqual({ ok: false, problem: 'newer-version' });
  });

  test('v2-newer-version.json, newer than version 2, is read as version 3: its unknown pieces set aside, the rule kept', () => {
    const { store, setAside } = migrated(fixture('v2-newer-version.json'));
    expect(store.rules['example.com']).toEqual({ site: 'example.com', doNotTrack: true, optOut: 'off', since: 1735689600000 });
    expect(setAside.map((entry) => entry.reason)).toContain('unknown-field');
  });

  test('v1-newer-version.json, newer than version 1, is read as version 3: its unknown pieces set aside, the rule kept', () => {
    const { store, setAside } = migrated(fixture('v1-newer-version.json'));
    expect(store.rules['example.com']).toEqual({ site: 'example.com', doNotTrack: true, optOut: 'off', since: 1735689600000 });
    expect(setAside.map((entry) => [entry.from, entry.reason])).toEqual([
      ['rules["example.com"]', 'unknown-field'],
      ['profiles', 'unknown-field'],
    ]);
  });
});

describe('roots', () => {
  test('nothing stored: an empty current store, nothing to write', () => {
    expect(migrate(undefined)).toEqual({
      ok: true,
      store: { version: CURRENT_VERSION, rules: {}, undo: {}, stripLinks: {}, setAside: [] },
      changed: false,
      setAside: [],
    });
  });

  test('a bare version 1 gets its empty fields filled, becomes version 3 and is written back', () => {
    expect(migrate({ version: 1 })).toEqual({ ok: true, store: { version: 3, rules: {}, undo: {}, stripLinks: {}, setAside: [] }, changed: true, setAside: [] });
  });

  test('key order alone is not a change', () => {
    const raw = { setAside: [], stripLinks: {}, undo: {}, rules: { 'example.com': { since: 5, optOut: 'off', doNotTrack: true, site: 'example.com' } }, version: 3 };
    expect(migrated(raw).changed).toBe(false);
  });

  test.each([
    { raw: null, problem: 'not-an-object' },
    { raw: [], problem: 'not-an-object' },
    { raw: 'cookieLens', problem: 'not-an-object' },
    { raw: 7, problem: 'not-an-object' },
    { raw: {}, problem: 'unknown-version' },
    { raw: { version: 0 }, problem: 'unknown-version' },
    { raw: { version: '1' }, problem: 'unknown-version' },
    { raw: { version: 1.5 }, problem: 'unknown-version' },
    { raw: { version: 4 }, problem: 'newer-version' },
    { raw: { version: 99, rules: 'whatever' }, problem: 'newer-version' },
  ])('$raw is refused: $problem', ({ raw, problem }) => {
    expect(migrate(raw)).toEqual({ ok: false, problem });
  });

  test('fields of the wrong type are set aside whole, the store stays usable', () => {
    const { store, setAside } = migrated({ version: 1, rules: ['example.com'], undo: 'none', setAside: {} });
    expect(store).toEqual({ version: 3, rules: {}, undo: {}, stripLinks: {}, setAside });
    expect(setAside).toEqual([
      { raw: '{}', from: 'setAside', reason: 'wrong-type', detail: 'must be a list' },
      { raw: '["example.com"]', from: 'rules', reason: 'wrong-type', detail: 'must be an object' },
      { raw: '"none"', from: 'undo', reason: 'wrong-type', detail: 'must be an object' },
    ]);
  });

  test('a cycle or a throwing getter does not throw', () => {
    const cyclic: Record<string, unknown> = { version: 1 };
    cyclic['loop'] = cyclic;
    const result = migrated(cyclic);
    expect(result.setAside).toEqual([{ raw: '[object that cannot be written as JSON]', from: 'loop', reason: 'unknown-field', detail: 'not a field of version 1' }]);

    const hostile = {
      version: 1,
      get rules(): unknown {
        throw new Error('boom');
      },
    };
    expect(migrate(hostile)).toEqual({ ok: false, problem: 'unreadable' });
  });
});

// ---- properties --------------------------------------------------------------------------------

const siteKey = fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 3 }).map((labels) => labels.join('.'));
const validRule: fc.Arbitrary<SiteRule> = fc.record(
  {
    site: siteKey,
    doNotTrack: fc.boolean(),
    optOut: fc.constantFrom('off', 'cookies', 'block'),
    since: fc.integer({ min: 0, max: 4_102_444_800_000 }),
    managed: fc.boolean(),
  },
  { requiredKeys: ['site', 'doNotTrack', 'optOut', 'since'] },
);

test('migrate never throws, whatever is stored', () => {
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.record({ version: fc.constant(1), rules: fc.anything(), undo: fc.anything(), setAside: fc.anything() })), (raw) => {
      const result = migrate(raw);
      expect(typeof result.ok).toBe('boolean');
    }),
  );
});

test('migrate never drops a valid rule, whatever junk sits beside it', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(validRule, { selector: (rule) => rule.site, maxLength: 8 }),
      fc.dictionary(fc.string().filter((key) => !/^[a-z0-9.]+$/.test(key)), fc.jsonValue(), { maxKeys: 5 }),
      fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }),
      (rules, junkRules, junkFields) => {
        const stored = JSON.parse(
          JSON.stringify({
            ...junkFields,
            version: 1,
            rules: { ...junkRules, ...Object.fromEntries(rules.map((rule) => [rule.site, rule])) },
            undo: {},
            setAside: [],
          }),
        );
        const { store } = migrated(stored);
        for (const rule of rules) expect(store.rules[rule.site]).toEqual(rule);
      },
    ),
  );
});

test('every site siteFromUrl can produce is a valid stored key, so a saved rule is never set aside', () => {
  const label = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
  const host = fc.oneof(
    fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.')),
    fc.ipV4(),
    fc.constantFrom('localhost', 'foo.github.io', 'www.example.co.uk', 'xn--bcher-kva.de', 'bücher.de'),
  );
  fc.assert(
    fc.property(host, fc.constantFrom('http', 'https'), (name, scheme) => {
      const result = siteFromUrl(`${scheme}://${name}/`);
      if (!result.ok) return;
      const rule = { site: result.site.registrableDomain, doNotTrack: true, optOut: 'off', since: 0 };
      expect(migrated({ version: 1, rules: { [rule.site]: rule } }).store.rules[rule.site]).toEqual(rule);
    }),
  );
});
