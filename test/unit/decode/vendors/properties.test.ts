// Properties every vendor family must have: it never throws and always returns a well-formed
// result or a stated problem, it owns the names it claims and no other family claims them, and
// the popup has words for it in both languages.
import { beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { CookieFamily, DecodeContext, DecodeOutcome, FieldValue } from '../../../../src/decode/types.ts';
import { families, findFamily } from '../../../../src/decode/registry.ts';
import { vendorFamilies } from '../../../../src/decode/vendors/index.ts';
import type { NamedDecodeContext } from '../../../../src/decode/vendors/util.ts';
import { messageKeyPart } from '../../../../src/i18n/messages.ts';
import enTrackers from '../../../../locales/en/trackers.json';
import svTrackers from '../../../../locales/sv/trackers.json';
import enHubspot from '../../../../locales/en/hubspot.json';
import svHubspot from '../../../../locales/sv/hubspot.json';
import enCore from '../../../../locales/en/core.json';
import { NOW, base64 } from './helpers.ts';

/** A real-shaped value for every family (from other-trackers.md), by cookie name. */
const SAMPLES: readonly (readonly [string, string])[] = [
  ['_ga', 'GA1.1.1958185836.1757409569'],
  ['_ga_QEHZPBE5HH', 'GS2.1.s1757409568$o1$g0$t1757409591$j37$l0$h0'],
  ['_gid', 'GA1.2.1546017697.1720017649'],
  ['_gat_UA-1-1', '1'],
  ['_gac_UA-1-1', '1.1750842800.CM-a9evq8dFDGUNR8BpeUWxBZB'],
  ['__utma', '173272373.1566673519.1385940746.1426129425.1426444516.2'],
  ['__utmb', '46025016.1.10.1736358406'],
  ['__utmc', '173272373'],
  ['__utmz', '173272373.1426444516.2.2.utmcsr=blog.parsely.com|utmccn=(referral)|utmcmd=referral|utmctr=x|utmcct=/post/|utmgclid=abc'],
  ['_gcl_au', '1.1.1765371502.1750842798'],
  ['_gcl_aw', 'GCL.1750842800.CjwKCAjwvO7CBhAqEiwA9q2YJUtEa'],
  ['_fbp', 'fb.1.1596403881668.1116446470'],
  ['_fbc', 'fb.1.1554763741205.IwAR2F4-dbP0l7Mn1IawQQGCINEz7PYXQvwjNwB'],
  ['_pk_id.1.8d33', 'd09ebc08c43b8045.1723388297.3.1723400000.1723390000.1723395000'],
  ['_pk_ses.1.8d33', '1'],
  ['_pk_ref.1.8d33', encodeURIComponent(JSON.stringify(['c', 'k', 1723388297, 'https://ref.example/']))],
  ['_hjSessionUser_1', 'eyJpZCI6ImNhYzQ2MjlmLTM4YzgtNTY3Ni1iYmIzLTI0NjMxYzdkNmU4YyIsImNyZWF0ZWQiOjE3NDcxOTc3MjU4ODUsImV4aXN0aW5nIjp0cnVlfQ=='],
  ['_hjSession_1', base64(JSON.stringify({ id: '3ef8fa70', c: 1747197725885 }))],
  ['_clck', 'ojvuj3|2|fw1|1|1965'],
  ['_clsk', 'd9hl|1748200929441|1|1|e.clarity.ms/collect'],
  ['li_fat_id', '85929337-d448-42da-a095-0b3c5500fa50'],
  ['bcookie', '"v=2&3da7cbe9-1e10-4108-8734-c492859ca8d8"'],
  ['lidc', '"b=VB86:g=4543:i=1688454620:t=1688474844:v=2"'],
  ['li_sugr', '8ed73a04-54e0-42cf-b27e-9f28d4c2ea3f'],
  ['_ttp', '01K1A8BXG7CFS8QC92XKKJD081_.tt.1'],
  ['_mkto_trk', 'id:112-TZM-766&token:_mch-aws.amazon.com-1701693326512-48258'],
  ['_mkto_trk', 'id:112-TZM-766&token:_mch-instructure.com-1261fb15c0ebbd00867a136414ae0516'],
  ['_mkto_trk', 'id:1&token:odd'],
  ['visitor_id12345', '123456789'],
  ['visitor_id12345-hash', 'abc'],
  ['pi_opt_in12345', 'true'],
  ['ajs_anonymous_id', '%22c72107e0-886b-4e13-88c8-5cb782099de3%22'],
  ['ajs_user_id', '%22239148037%22'],
  ['ajs_group_id', '%22g1%22'],
  ['ajs_user_traits', '{}'],
  ['mp_0123456789abcdef0123456789abcdef_mixpanel', JSON.stringify({ distinct_id: '$device:19079a8c2582ed', $device_id: '19079a8c2582ed', $user_id: 'u', $initial_referrer: 'r', $initial_referring_domain: 'd', $search_engine: 's' })],
  ['AMP_a1b2c3d4e5', base64(JSON.stringify({ deviceId: 'd', userId: base64('u'), sessionId: 1748200937879, optOut: false, lastEventTime: 1748201234576, lastEventId: 14, pageCounter: 2 }))],
  ['AMP_MKTG_a1b2c3d4e5', base64(JSON.stringify({ referrer: 'r', referring_domain: 'd', utm_source: 's', utm_medium: 'm', utm_campaign: 'c', utm_term: 't', utm_content: 'x' }))],
  ['intercom-id-abc', '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
  ['intercom-session-abc', 'token'],
  ['intercom-device-id-abc', '5f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f'],
  ['AMCV_ABC%40AdobeOrg', '-637568504|MCIDTS|19354|MCMID|58702937013693114950418173561563338052|MCAAMLH-1672794732|3|MCOPTOUT-1587119512s|NONE|vVersion|5.1.1'],
  ['s_ecid', 'MCMID|37154648669072542591651943396872180891'],
  ['driftt_aid', 'c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9'],
  ['drift_campaign_refresh', 'c8b86c4b-0e8a-443f-8c6b-8195d50bc7c9'],
  ['DFTT_END_USER_PREV_BOOTSTRAPPED', 'true'],
  ['_uetsid', 'a9e146d0a38f11f0aad69db22019f777'],
  ['_uetvid', 'a9e146d0a38f11f0aad69db22019f777|wt20pu|2|fzy|0|2106'],
  ['OptanonConsent', 'isGpcEnabled=0&datestamp=Wed+Feb+01+2023+12%3A35%3A32+GMT%2B0100+(CET)&consentId=x&interactionCount=1&groups=C0001%3A1%2CC0002%3A0&geolocation=AT%3B9&AwaitingReconsent=false'],
  ['OptanonAlertBoxClosed', '2024-07-29T03:03:35.027Z'],
  ['CookieConsent', "{stamp:'abc',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit',ver:1,utc:1705162226478,region:'ae'}"],
  ['euconsent-v2', 'CPXxGfAPXxGfAAHABBENBCCsAP_AAH_AAAYgABqAAAAA'],
  ['__gpp', 'DBABLA~BVQqAAAAAgA.QA'],
  ['__gpp', 'DBABTA~1YNN'],
  ['__gpp_sid', '7'],
  ['us_privacy', '1YNN'],
  ['cookieyes-consent', 'consentid:x,consent:no,action:yes,necessary:yes,functional:no,analytics:no,advertisement:no'],
  ['cmplz_statistics', 'deny'],
  ['cmplz_marketing', 'deny'],
  ['cmplz_preferences', 'deny'],
  ['cmplz_functional', 'allow'],
  ['cmplz_statistics-anonymous', 'allow'],
  ['cmplz_consent_mode', 'analytics_storage'],
  ['cmplz_banner-status', 'dismissed'],
  ['didomi_token', base64(JSON.stringify({ user_id: 'u', created: '2021-07-08T12:49:24.198Z', updated: '2021-07-08T12:49:24.198Z', vendors: { enabled: ['a'], disabled: ['b'] }, purposes: { enabled: ['p'], disabled: ['q'] } }))],
  ['klaro', '{"a":true,"b":false}'],
  ['cc_cookie', JSON.stringify({ categories: ['necessary'], consentId: 'c', consentTimestamp: '2025-04-16T01:32:51.025Z' })],
  ['borlabs-cookie', JSON.stringify({ consents: { essential: ['x'], marketing: ['y'] }, uid: 'u' })],
];

const loaded = new Map<string, (value: string, ctx: DecodeContext) => DecodeOutcome>();

beforeAll(async () => {
  for (const candidate of vendorFamilies) if (candidate.load !== undefined) loaded.set(candidate.id, await candidate.load());
});

function decoderOf(candidate: CookieFamily): (value: string, ctx: DecodeContext) => DecodeOutcome {
  return loaded.get(candidate.id) ?? candidate.decode;
}

function isWellFormedValue(value: FieldValue): boolean {
  switch (value.kind) {
    case 'text':
    case 'id':
      return typeof value.value === 'string';
    case 'instant':
      return Number.isFinite(value.epochMs);
    case 'duration':
      return Number.isFinite(value.ms);
    case 'count':
      return Number.isSafeInteger(value.value) && value.value >= 0;
    case 'flag':
      return typeof value.value === 'boolean';
    case 'domain':
      return value.value === null || typeof value.value === 'string';
    case 'list':
      return value.value.every((entry) => typeof entry === 'string');
  }
}

function expectWellFormed(outcome: DecodeOutcome): void {
  if (!outcome.ok) {
    expect(typeof outcome.problem.code).toBe('string');
    return;
  }
  for (const field of outcome.fields) {
    expect(field.key).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(isWellFormedValue(field.value), `${field.key}: ${JSON.stringify(field.value)}`).toBe(true);
  }
  expect(new Set(outcome.fields.map((field) => field.key)).size, 'field keys are unique').toBe(outcome.fields.length);
  for (const problem of outcome.warnings) expect(typeof problem.code).toBe('string');
}

// Characters the vendor formats are built from, so random values often get past the first checks.
const STRUCTURE = [...'0123456789abcdefGAS.|^$%:,;=&_-{}[]"\'~+/ \\tTsogjlC'];
const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...STRUCTURE), maxLength: 120 }),
  fc.constantFrom(...SAMPLES.map(([, value]) => value)).chain((sample) =>
    fc.tuple(fc.nat({ max: sample.length }), fc.string({ unit: fc.constantFrom(...STRUCTURE), maxLength: 6 })).map(([at, insert]) => sample.slice(0, at) + insert + sample.slice(at)),
  ),
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => base64(text)),
  fc.string({ unit: 'binary', maxLength: 60 }).map((text) => encodeURIComponent(encodeURIComponent(text))),
  fc.constant('x'.repeat(5000)),
);

describe('every vendor family', () => {
  test.each(vendorFamilies.map((candidate) => [candidate.id, candidate] as const))('%s never throws and returns a result or a stated problem', (_id, candidate) => {
    const decode = decoderOf(candidate);
    fc.assert(
      fc.property(hostile, fc.string({ maxLength: 30 }), (value, host) => {
        const ctx: NamedDecodeContext = { now: NOW, host, name: candidate.names?.[0] ?? '_pk_id.1.8d33' };
        expectWellFormed(decode(value, ctx));
      }),
      { numRuns: 300 },
    );
  });

  test('every sample decodes, with well-formed fields', () => {
    for (const [name, value] of SAMPLES) {
      const candidate = findFamily(name);
      expect(candidate?.vendor, name).not.toBe('hubspot');
      if (candidate === undefined) throw new Error(`no family for ${name}`);
      const outcome = decoderOf(candidate)(value, { now: NOW, host: 'www.example.com' });
      expect(outcome.ok, `${name}=${value}: ${JSON.stringify(outcome)}`).toBe(true);
      expectWellFormed(outcome);
    }
  });

  test('families have unique ids and a documented lifetime', () => {
    expect(new Set(families.map((candidate) => candidate.id)).size).toBe(families.length);
    for (const candidate of vendorFamilies) {
      expect(candidate.id).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/);
      expect(candidate.id.startsWith(`${candidate.vendor}.`), candidate.id).toBe(true);
      if (candidate.lifetime.kind === 'duration') expect(candidate.lifetime.ms).toBeGreaterThan(0);
    }
  });

  test('each family matches its own exact names, and no name is claimed by two families', () => {
    const names = [...SAMPLES.map(([name]) => name), ...vendorFamilies.flatMap((candidate) => candidate.names ?? [])];
    for (const candidate of vendorFamilies) for (const name of candidate.names ?? []) expect(candidate.matches(name), `${candidate.id} ${name}`).toBe(true);
    for (const name of names) {
      const claiming = families.filter((candidate) => candidate.matches(name)).map((candidate) => candidate.id);
      expect(claiming.length, `${name}: ${claiming.join(', ')}`).toBe(1);
    }
  });

  test.each([
    ['_ga_', undefined],
    ['_gac_gb_123', undefined],
    ['AMCVS_ABC%40AdobeOrg', undefined],
    ['AMP_TOKEN', undefined],
    ['mp_abc_mixpanel', undefined],
    ['__hstc', 'hubspot'],
  ])('%s is not mistaken for a vendor cookie it is not', (name, vendor) => {
    expect(findFamily(name)?.vendor).toBe(vendor);
  });
});

describe('locale strings', () => {
  const catalogs = { en: { ...enTrackers, ...enHubspot }, sv: { ...svTrackers, ...svHubspot } };

  test('every vendor family and vendor has words in English and Swedish', () => {
    for (const [language, catalog] of Object.entries(catalogs)) {
      for (const candidate of vendorFamilies) {
        expect(Object.hasOwn(catalog, `family_${messageKeyPart(candidate.id)}`), `${language} family_${candidate.id}`).toBe(true);
        expect(Object.hasOwn(catalog, `vendor_${messageKeyPart(candidate.vendor)}`), `${language} vendor_${candidate.vendor}`).toBe(true);
      }
    }
  });

  test('every field key the samples produce has a label in both languages', () => {
    const keys = new Set<string>();
    for (const [name, value] of SAMPLES) {
      const candidate = findFamily(name);
      if (candidate === undefined) continue;
      const ctx: NamedDecodeContext = { now: NOW, host: 'www.example.com', name };
      const outcome = decoderOf(candidate)(value, ctx);
      if (outcome.ok) for (const field of outcome.fields) keys.add(field.key);
    }
    for (const [language, catalog] of Object.entries(catalogs)) for (const key of keys) expect(Object.hasOwn(catalog, `field_${key}`), `${language} field_${key}`).toBe(true);
  });

  test('trackers.json has the same keys in both languages, none defined in another file', () => {
    expect(Object.keys(svTrackers).sort()).toEqual(Object.keys(enTrackers).sort());
    for (const key of Object.keys(enTrackers)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(Object.hasOwn(enHubspot, key) || Object.hasOwn(enCore, key), key).toBe(false);
    }
  });
});
