// Consent managers and IAB strings. Expected values come from the examples and worked values in
// docs/facts/other-trackers.md section 2 or are derived by hand as noted.
import { describe, expect, test } from 'vitest';
import { base64, context, count, decodeAs, decoded, family, flag, id, instant, list, problemOf, text, uncertainKeys, valuesOf } from './helpers.ts';
import type { DecodeContext, DecodeOutcome } from '../../../../src/decode/types.ts';
import { parseFlatObjectLiteral } from '../../../../src/decode/vendors/cookiebot.ts';

const ONETRUST_EXAMPLE =
  'isGpcEnabled=0&datestamp=Wed+Feb+01+2023+12%3A35%3A32+GMT%2B0100+(Central+European+Standard+Time)&version=202209.1.0&isIABGlobal=false&hosts=&consentId=7f3cf16d-b3e1-4781-8db1-61482d0a9dff&interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A1%2CC0004%3A1%2CC0005%3A1&geolocation=AT%3B9&AwaitingReconsent=false';

describe('OneTrust', () => {
  test('OptanonConsent: the doc example; C0002 declined means analytics declined', () => {
    expect(valuesOf(decodeAs('OptanonConsent', ONETRUST_EXAMPLE))).toEqual({
      analytics: flag(false),
      functionality: flag(true),
      advertisement: flag(true),
      groupsAccepted: list(['C0001', 'C0003', 'C0004', 'C0005']),
      groupsDeclined: list(['C0002']),
      // 12:35:32 at GMT+0100 is 11:35:32 UTC.
      consentTime: instant(Date.UTC(2023, 1, 1, 11, 35, 32)),
      consentId: id('7f3cf16d-b3e1-4781-8db1-61482d0a9dff'),
      bannerInteractions: count(1),
      gpcEnabled: flag(false),
      awaitingReconsent: flag(false),
      geolocation: text('AT;9'),
    });
  });

  test('a group the site added is listed but sets no flag; a missing default group sets none either', () => {
    const values = valuesOf(decodeAs('OptanonConsent', 'groups=C0001%3A1%2CSTACK42%3A0&consentId=abc'));
    expect(values).toEqual({ groupsAccepted: list(['C0001']), groupsDeclined: list(['STACK42']), consentId: id('abc') });
  });

  test('OptanonConsent: the category flags say they assume OneTrust\'s default groups; the group lists assume nothing', () => {
    const outcome = decoded(decodeAs('OptanonConsent', ONETRUST_EXAMPLE));
    const assumptions = Object.fromEntries(outcome.fields.map((field) => [field.key, field.assumption ?? null]));
    expect(assumptions).toMatchObject({
      analytics: 'onetrust-default-groups',
      functionality: 'onetrust-default-groups',
      advertisement: 'onetrust-default-groups',
      groupsAccepted: null,
      groupsDeclined: null,
      consentId: null,
    });
  });

  test('an escaped & inside a part does not split it; a zone name in another language is ignored', () => {
    const values = valuesOf(decodeAs('OptanonConsent', 'datestamp=Mon+Jan+06+2025+09%3A00%3A00+GMT-0500+(hora+est%C3%A1ndar)&consentId=a%26b'));
    expect(values).toEqual({ consentTime: instant(Date.UTC(2025, 0, 6, 14)), consentId: id('a&b') });
  });

  test('an unreadable datestamp is a warning, not a failure', () => {
    const outcome = decodeAs('OptanonConsent', 'datestamp=yesterday&groups=C0002%3A1');
    expect(valuesOf(outcome)).toMatchObject({ analytics: flag(true) });
    expect(decoded(outcome).warnings.map((problem) => problem.code)).toEqual(['not-timestamp']);
  });

  test('a value with none of the known keys is refused', () => {
    expect(problemOf(decodeAs('OptanonConsent', 'hello=world'))).toBe('unknown-format');
  });

  test('OptanonAlertBoxClosed: an ISO time', () => {
    expect(valuesOf(decodeAs('OptanonAlertBoxClosed', '2024-07-29T03:03:35.027Z'))).toEqual({ consentTime: instant(Date.UTC(2024, 6, 29, 3, 3, 35, 27)) });
    expect(problemOf(decodeAs('OptanonAlertBoxClosed', '2024-02-30T03:03:35Z'))).toBe('not-timestamp');
    expect(problemOf(decodeAs('OptanonAlertBoxClosed', 'Mon, 29 Jul 2024'))).toBe('not-timestamp');
  });
});

describe('Cookiebot', () => {
  const example =
    "{stamp:%27G+6rYDfrzwrZItFRfHCbe8iQIFLhMDCgjBS+/Oq/gZe0Lovh65ODgg==%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:false%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1%2Cutc:1705162226478%2Cregion:%27ae%27}";

  test('the doc example: everything but necessary declined, 2024-01-13T16:10:26Z', () => {
    expect(valuesOf(decodeAs('CookieConsent', example))).toEqual({
      analytics: flag(false),
      advertisement: flag(false),
      functionality: flag(false),
      consentTime: instant(Date.UTC(2024, 0, 13, 16, 10, 26, 478)),
      consentMethod: text('explicit'),
      consentId: id('G+6rYDfrzwrZItFRfHCbe8iQIFLhMDCgjBS+/Oq/gZe0Lovh65ODgg=='),
      region: text('ae'),
    });
  });

  test("implied consent with stamp '-1': no consent id", () => {
    const values = valuesOf(decodeAs('CookieConsent', "{stamp:'-1',necessary:true,preferences:true,statistics:true,marketing:true,method:'implied',ver:1,utc:1705162226478,region:'us-06'}"));
    expect(values).toMatchObject({ analytics: flag(true), advertisement: flag(true), consentMethod: text('implied'), region: text('us-06') });
    expect(values.consentId).toBeUndefined();
  });

  test("Salesforce's CookieConsent (not starting with {stamp:) is not read as Cookiebot", () => {
    expect(problemOf(decodeAs('CookieConsent', '{"accepted":true}'))).toBe('unknown-format');
  });

  test('the object-literal reader: strings, escapes, numbers, booleans, null; nothing is evaluated', () => {
    expect(parseFlatObjectLiteral("{a:'x\\'y',b:-1.5,c:true,d:null,e:\"q\"}")).toEqual(
      new Map<string, string | number | boolean | null>([['a', "x'y"], ['b', -1.5], ['c', true], ['d', null], ['e', 'q']]),
    );
    expect(parseFlatObjectLiteral("{a:alert(1)}")).toBeUndefined();
    expect(parseFlatObjectLiteral("{a:'unterminated}")).toBeUndefined();
    expect(parseFlatObjectLiteral('{a:1} trailing')).toBeUndefined();
    expect(parseFlatObjectLiteral('{}')).toEqual(new Map());
  });

  test('a broken literal is refused', () => {
    expect(problemOf(decodeAs('CookieConsent', "{stamp:'abc',necessary:tru"))).toBe('unknown-format');
  });
});

describe('IAB TCF (loaded on demand)', () => {
  const tcf = family('iab-tcf.tc-string');

  async function decodeTc(value: string, ctx: DecodeContext = context()): Promise<DecodeOutcome> {
    const load = tcf.load;
    if (load === undefined) throw new Error('the TCF family must load its library on demand');
    return (await load())(value, ctx);
  }

  test('decode refuses until load() has run', () => {
    expect(problemOf(tcf.decode('CP5jqEAP5jqEACGABBENAmEgAAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAAA', context()))).toBe('decoder-not-loaded');
  });

  test("the doc's worked example (a), as a public Cookiebot sample stores it in full", async () => {
    // Version 2, created = last updated = 2024-02-06 (day level), CMP 134, EN, vendor list 38, policy 4, no purposes.
    const values = valuesOf(await decodeTc('CP5jqEAP5jqEACGABBENAmEgAAAAAAAAAAAAAAAAAAAA.YAAAAAAAAAAA'));
    expect(values).toMatchObject({
      version: count(2),
      cmpId: count(134),
      created: instant(Date.UTC(2024, 1, 6)),
      consentTime: instant(Date.UTC(2024, 1, 6)),
      consentLanguage: text('EN'),
      vendorListVersion: count(38),
      policyVersion: count(4),
      purposesConsented: list([]),
      purposesLegitimateInterest: list([]),
      vendorsConsented: count(0),
    });
    expect(values.analytics).toBeUndefined();
  });

  test("the doc's worked example (b), completed by hand", async () => {
    // The doc's 31-character prefix (CMP 7, vendor list 66, policy 2, purposes 1-10 consented,
    // legitimate interest for 2-10) followed by bits appended by hand: the rest of the
    // legitimate-interest field, no purpose-one treatment, publisher country DE, vendor consents
    // as a 3-bit field 101 (vendors 1 and 3), no vendor legitimate interests, no publisher
    // restrictions. Created is the prefix's 36-bit decisecond count 16504874944.
    const values = valuesOf(await decodeTc('CPXxGfAPXxGfAAHABBENBCCsAP_AAH_AAAYgABqAAAAA'));
    expect(values).toEqual({
      version: count(2),
      cmpId: count(7),
      cmpVersion: count(1),
      created: instant(1650487494400),
      consentTime: instant(1650487494400),
      consentLanguage: text('EN'),
      vendorListVersion: count(66),
      policyVersion: count(2),
      publisherCountry: text('DE'),
      serviceSpecific: flag(true),
      purposesConsented: list(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']),
      purposesLegitimateInterest: list(['2', '3', '4', '5', '6', '7', '8', '9', '10']),
      specialFeaturesOptedIn: list(['1', '2']),
      vendorsConsented: count(2),
      vendorsLegitimateInterest: count(0),
    });
  });

  test('the truncated prefix as the doc prints it is a library error, not a crash', async () => {
    expect(problemOf(await decodeTc('CPXxGfAPXxGfAAHABBENBCCsAP_AAH_'))).toBe('library-error');
  });

  test('characters outside base64url are refused before the library sees them', async () => {
    expect(problemOf(await decodeTc('CP5j qEAP5'))).toBe('unknown-format');
  });

  test('both cookie names belong to the family', () => {
    expect(tcf.matches('euconsent-v2')).toBe(true);
    expect(tcf.matches('eupubconsent-v2')).toBe(true);
    expect(tcf.matches('euconsent')).toBe(false);
  });
});

describe('IAB GPP (loaded on demand)', () => {
  const gpp = family('iab-gpp.gpp');

  async function decodeGpp(value: string): Promise<DecodeOutcome> {
    const load = gpp.load;
    if (load === undefined) throw new Error('the GPP family must load its library on demand');
    return (await load())(value, context());
  }

  test('decode refuses until load() has run', () => {
    expect(problemOf(gpp.decode('DBABLA~BVQqAAAAAgA.QA', context()))).toBe('decoder-not-loaded');
  });

  test('the doc example DBABLA~BVQqAAAAAgA.QA holds the usnat section', async () => {
    const outcome = await decodeGpp('DBABLA~BVQqAAAAAgA.QA');
    // The header's section list, read by hand: one entry, Fibonacci code 01011 = 2 + 5 = 7 (usnat).
    // The opt-out fields hold 2, which the IAB specification defines as "did not opt out".
    expect(valuesOf(outcome)).toEqual({
      gppSections: list(['usnat']),
      saleOptedOut: flag(false),
      sharingOptedOut: flag(false),
      targetedAdsOptedOut: flag(false),
      gpcSignal: flag(false),
    });
    expect(uncertainKeys(outcome)).toEqual(['saleOptedOut', 'sharingOptedOut', 'targetedAdsOptedOut']);
  });

  test('a uspv1 section reads like us_privacy', async () => {
    // Header DBABTA: one entry, Fibonacci code 10011 = 1 + 5 = 6 (uspv1); then the doc's 1YNN.
    expect(valuesOf(await decodeGpp('DBABTA~1YNN'))).toEqual({ gppSections: list(['uspv1']), noticeGiven: flag(true), saleOptedOut: flag(false), lspaCovered: flag(false) });
  });

  test('garbage is a library error or unknown format, never a crash', async () => {
    expect(problemOf(await decodeGpp('garbage'))).toBe('library-error');
    expect(problemOf(await decodeGpp('{"x":1}'))).toBe('unknown-format');
  });

  test('__gpp_sid: section ids by name, read without the library', () => {
    expect(valuesOf(decodeAs('__gpp_sid', '7'))).toEqual({ gppSections: list(['usnat']) });
    expect(valuesOf(decodeAs('__gpp_sid', '2_7_99'))).toEqual({ gppSections: list(['tcfeuv2', 'usnat', '99']) });
    expect(problemOf(decodeAs('__gpp_sid', 'usnat'))).toBe('unknown-format');
  });
});

describe('us_privacy', () => {
  test.each(['us_privacy', 'usprivacy'])('%s=1YNN: notice given, no opt-out of sale, not LSPA-covered', (name) => {
    expect(valuesOf(decodeAs(name, '1YNN'))).toEqual({ version: count(1), noticeGiven: flag(true), saleOptedOut: flag(false), lspaCovered: flag(false) });
  });

  test('`-` means does not apply and sets no field', () => {
    expect(valuesOf(decodeAs('us_privacy', '1---'))).toEqual({ version: count(1) });
    expect(valuesOf(decodeAs('us_privacy', '1nyn'))).toMatchObject({ saleOptedOut: flag(true) });
  });

  test.each(['1YN', '1YNNN', 'XYNN', '1YXN'])('refuses %j', (value) => {
    expect(problemOf(decodeAs('us_privacy', value))).toBe('unknown-format');
  });
});

describe('CookieYes, Complianz', () => {
  test('cookieyes-consent: the doc example', () => {
    expect(valuesOf(decodeAs('cookieyes-consent', 'consentid:d0owaVVvazVQeldUemZ0aVF5OGs1RVdLM3pPQlBaY24,consent:no,action:yes,necessary:yes,functional:no,analytics:no,performance:no,advertisement:no,other:no'))).toEqual({
      analytics: flag(false),
      advertisement: flag(false),
      functionality: flag(false),
      consentGiven: flag(false),
      bannerAnswered: flag(true),
      consentId: id('d0owaVVvazVQeldUemZ0aVF5OGs1RVdLM3pPQlBaY24'),
    });
  });

  test('cookieyes-consent: no answer yet, only some categories', () => {
    expect(valuesOf(decodeAs('cookieyes-consent', 'consentid:x,consent:yes,action:,analytics:yes'))).toEqual({ analytics: flag(true), consentGiven: flag(true), bannerAnswered: flag(false), consentId: id('x') });
    expect(problemOf(decodeAs('cookieyes-consent', 'analytics:yes'))).toBe('unknown-format');
  });

  test.each([
    ['cmplz_statistics', 'deny', { allowed: flag(false), analytics: flag(false) }],
    ['cmplz_marketing', 'allow', { allowed: flag(true), advertisement: flag(true) }],
    ['cmplz_preferences', 'deny', { allowed: flag(false), functionality: flag(false) }],
    ['cmplz_functional', 'allow', { allowed: flag(true) }],
    ['cmplz_statistics-anonymous', 'allow', { allowed: flag(true) }],
  ])('%s=%s', (name, value, expected) => {
    expect(valuesOf(decodeAs(name, value))).toEqual(expected);
  });

  test('Complianz consent mode and other state', () => {
    expect(valuesOf(decodeAs('cmplz_consent_mode', 'security_storage,functionality_storage,analytics_storage'))).toEqual({
      consentModeGranted: list(['security_storage', 'functionality_storage', 'analytics_storage']),
    });
    expect(valuesOf(decodeAs('cmplz_banner-status', 'dismissed'))).toEqual({ value: text('dismissed') });
    expect(valuesOf(decodeAs('complianz_consent_status', 'allow'))).toEqual({ value: text('allow') });
    expect(problemOf(decodeAs('cmplz_marketing', 'maybe'))).toBe('not-boolean');
  });
});

describe('Didomi, Klaro, vanilla-cookieconsent, Borlabs', () => {
  const didomi = {
    user_id: '17a8626c-ba32-6c23-8dea-b0b18636bb32',
    created: '2021-07-08T12:49:24.198Z',
    updated: '2021-07-08T12:49:24.198Z',
    version: 2,
    vendors: { enabled: ['google', 'c:googleana-m22KTp3Y'] },
    vendors_li: { enabled: ['google'] },
    purposes: { enabled: ['analytics'], disabled: ['advertising_personalization'] },
    ac: 'AAA',
  };

  test('didomi_token: base64 JSON; purposes listed, no category flags', () => {
    expect(valuesOf(decodeAs('didomi_token', base64(JSON.stringify(didomi))))).toEqual({
      consentId: id('17a8626c-ba32-6c23-8dea-b0b18636bb32'),
      created: instant(Date.UTC(2021, 6, 8, 12, 49, 24, 198)),
      consentTime: instant(Date.UTC(2021, 6, 8, 12, 49, 24, 198)),
      purposesEnabled: list(['analytics']),
      purposesDisabled: list(['advertising_personalization']),
      vendorsEnabled: count(2),
    });
    expect(problemOf(decodeAs('didomi_token', base64('{"other":1}')))).toBe('unknown-format');
  });

  test('klaro: the doc example, per service', () => {
    expect(valuesOf(decodeAs('klaro', '%7B%22necessary-cookies%22%3Atrue%2C%22google-analytics%22%3Afalse%7D'))).toEqual({
      servicesAccepted: list(['necessary-cookies']),
      servicesDeclined: list(['google-analytics']),
    });
    expect(problemOf(decodeAs('klaro', '{"a":"yes"}'))).toBe('unknown-format');
  });

  test('cc_cookie v3: accepted categories; missing ones are uncertain declines', () => {
    const value = JSON.stringify({ categories: ['necessary', 'analytics'], revision: 0, data: null, consentTimestamp: '2025-04-16T01:32:51.025Z', consentId: '24ef4d5c-aaaa-bbbb-cccc-000000000000', lastConsentTimestamp: '2025-04-16T01:32:51.025Z' });
    const outcome = decodeAs('cc_cookie', value);
    expect(valuesOf(outcome)).toEqual({
      analytics: flag(true),
      advertisement: flag(false),
      functionality: flag(false),
      categoriesAccepted: list(['necessary', 'analytics']),
      consentTime: instant(Date.UTC(2025, 3, 16, 1, 32, 51, 25)),
      consentId: id('24ef4d5c-aaaa-bbbb-cccc-000000000000'),
    });
    expect(uncertainKeys(outcome)).toEqual(['advertisement', 'functionality']);
  });

  test('cc_cookie v2: level and consent_uuid', () => {
    expect(valuesOf(decodeAs('cc_cookie', JSON.stringify({ level: ['necessary', 'marketing'], consent_uuid: 'u-1' })))).toMatchObject({ advertisement: flag(true), consentId: id('u-1') });
  });

  test('borlabs-cookie: accepted categories and services', () => {
    const value = encodeURIComponent(JSON.stringify({ consents: { essential: ['borlabs-cookie'], statistics: ['google-analytics'] }, uid: 'abc-123' }));
    const outcome = decodeAs('borlabs-cookie', value);
    expect(valuesOf(outcome)).toEqual({
      analytics: flag(true),
      advertisement: flag(false),
      categoriesAccepted: list(['essential', 'statistics']),
      servicesAccepted: list(['borlabs-cookie', 'google-analytics']),
      consentId: id('abc-123'),
    });
    expect(uncertainKeys(outcome)).toEqual(['advertisement']);
    expect(problemOf(decodeAs('borlabs-cookie', '{"x":1}'))).toBe('unknown-format');
  });
});
