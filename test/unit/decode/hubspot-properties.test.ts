// Property tests: every HubSpot and Cloudflare family takes any string a website could write,
// with any context, and answers with a well-formed outcome instead of throwing.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { hubspotFamilies, readCategoryPreferences, writeCategoryPreferences } from '../../../src/decode/hubspot/index.ts';
import { PROBLEM_CODES } from '../../../src/decode/types.ts';
import type { DecodeContext, DecodeOutcome, FieldValue } from '../../../src/decode/types.ts';

const FIELD_KINDS: ReadonlySet<FieldValue['kind']> = new Set(['text', 'id', 'instant', 'duration', 'count', 'flag', 'domain', 'list']);

function expectWellFormed(outcome: DecodeOutcome): void {
  if (outcome.ok) {
    for (const field of outcome.fields) {
      expect(field.key).toMatch(/^[a-z][A-Za-z]*$/);
      expect(FIELD_KINDS.has(field.value.kind)).toBe(true);
      if (field.value.kind === 'instant') expect(Number.isSafeInteger(field.value.epochMs)).toBe(true);
      if (field.value.kind === 'count') expect(Number.isSafeInteger(field.value.value)).toBe(true);
    }
    for (const problem of outcome.warnings) expect(PROBLEM_CODES).toContain(problem.code);
  } else {
    expect(PROBLEM_CODES).toContain(outcome.problem.code);
    // Our own decoders must never need runDecoder's safety net.
    expect(outcome.problem.code).not.toBe('library-error');
  }
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));
const tricky = fc.constantFrom('%', '%2', '%E0%A4%A', '%ED%A0%80', '%25', '%2E', '%22', '"', '""', '.', ',', '_', ':', '-', ' ', '\u0000', '\u001b', '\u007f', '\n', 'yes', 'true', 'false', '1', '0');
const hugeNumber = fc.bigInt({ min: 2n ** 53n, max: 10n ** 40n }).map(String);
const digits = fc.stringMatching(/^\d{1,16}$/);
const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/);
const part = fc.oneof(digits, hugeNumber, hex32, fc.string({ unit: 'binary', maxLength: 8 }), tricky, fc.constant(''));

const hostileValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'binary-ascii', maxLength: 80 }),
  fc.string({ unit: fc.oneof(tricky, loneSurrogate, fc.string({ unit: 'binary', maxLength: 2 })), maxLength: 40 }),
  // Shapes close to the real formats, so decoders get past their first checks.
  fc.array(part, { minLength: 1, maxLength: 8 }).chain((parts) => fc.constantFrom('.', '-', ',', '_', ':').map((separator) => parts.join(separator))),
  fc.tuple(part, part).map(([a, b]) => `"${a}"${b}"`),
  fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(encodeURIComponent(s))),
  // 4 KB and more, just under and over the browser's limit.
  fc.tuple(fc.constantFrom('1', '.', '%', 'a', '9.'), fc.integer({ min: 4090, max: 4200 })).map(([unit, length]) => unit.repeat(length).slice(0, length)),
);

const host = fc.oneof(fc.constantFrom('www.example.com', 'example.com', 'localhost', '127.0.0.1', '', 'a.b.c.d.e.f.g', 'example.co.uk'), fc.string({ unit: 'binary', maxLength: 30 }));
const siblingsArb = fc.option(
  fc.dictionary(fc.constantFrom('__hstc', '__hssrc', 'hubspotutk', '__hssc'), hostileValue).map((record) => new Map(Object.entries(record))),
  { nil: undefined },
);
const context: fc.Arbitrary<DecodeContext> = fc
  .record({ now: fc.integer({ min: 0, max: 8_640_000_000_000_000 }), host, cookieDomain: fc.option(host, { nil: undefined }), siblings: siblingsArb })
  .map(({ now, host: h, cookieDomain, siblings }) => ({
    now,
    host: h,
    ...(cookieDomain === undefined ? {} : { cookieDomain }),
    ...(siblings === undefined ? {} : { siblings }),
  }));

describe('every family survives hostile values', () => {
  test.each(hubspotFamilies.map((family) => [family.id, family] as const))('%s', (_id, family) => {
    fc.assert(
      fc.property(hostileValue, context, (value, ctx) => {
        expectWellFormed(family.decode(value, ctx));
      }),
      { numRuns: 300 },
    );
  });
});

// Hosts and hashes from the doc's table (section 3), so the expected hash is not computed by us.
const SITE = fc.constantFrom(
  { host: 'www.example.com', hash: 114212440, domain: '.example.com' },
  { host: 'a.b.example.com', hash: 34676542, domain: '.b.example.com' },
  { host: 'www.hubspot.com', hash: 20629287, domain: '.hubspot.com' },
  { host: 'localhost', hash: 181257784, domain: '.localhost' },
);
const NOW = 1_735_689_600_000;
/**
 * Three ordered visit times up to NOW and a session number of at least 1. Times with 9 or 10
 * digits are left out: they look like seconds and are flagged (hubspot-tracking.test.ts).
 */
const visitTime = fc.oneof(fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 10_000_000_000, max: NOW }));
const visits = fc
  .tuple(visitTime, visitTime, visitTime)
  .map((times) => times.sort((a, b) => a - b));

function hstcFamily() {
  const found = hubspotFamilies.find((f) => f.id === 'hubspot.hstc');
  if (found === undefined) throw new Error('no __hstc family');
  return found;
}

describe('valid __hstc values decode to their parts', () => {
  test('fields equal the parts, with no warnings', () => {
    const hstc = hstcFamily();
    fc.assert(
      fc.property(SITE, hex32, visits, fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (site, visitorId, [first = 0, previous = 0, current = 0], sessionCount, encode) => {
        const value = `${site.hash}.${visitorId}.${first}.${previous}.${current}.${sessionCount}`;
        const outcome = hstc.decode(encode ? encodeURIComponent(value) : value, { now: NOW, host: site.host });
        expect(outcome).toEqual({
          ok: true,
          fields: [
            { key: 'domainHash', value: { kind: 'id', value: String(site.hash) } },
            { key: 'domainHashMatches', value: { kind: 'domain', value: site.domain } },
            { key: 'visitorId', value: { kind: 'id', value: visitorId } },
            { key: 'firstVisit', value: { kind: 'instant', epochMs: first } },
            { key: 'previousVisit', value: { kind: 'instant', epochMs: previous } },
            { key: 'currentVisit', value: { kind: 'instant', epochMs: current } },
            { key: 'sessionCount', value: { kind: 'count', value: sessionCount } },
          ],
          warnings: [],
        });
      }),
    );
  });
});

describe('category preferences', () => {
  test('read(write(p)) is p in both styles', () => {
    fc.assert(
      fc.property(fc.record({ analytics: fc.boolean(), advertisement: fc.boolean(), functionality: fc.boolean() }), fc.constantFrom('legacy', 'banner2024' as const), (preferences, style) => {
        expect(readCategoryPreferences(writeCategoryPreferences(preferences, style))).toEqual({ ok: true, value: preferences });
      }),
    );
  });
});
