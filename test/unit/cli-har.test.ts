import { describe, expect, test } from 'vitest';
import { expiryOf, parseCookieDate, parseCookieHeader, parseSetCookie } from '../../src/cli/cookie-header.ts';
import { cookiesFromHar, defaultPath, hostOf } from '../../src/cli/har.ts';
import type { HarCookie } from '../../src/cli/har.ts';

describe('parseCookieHeader', () => {
  test.each([
    ['a=1; b=2', [{ name: 'a', value: '1' }, { name: 'b', value: '2' }]],
    ['a=1;b=2;', [{ name: 'a', value: '1' }, { name: 'b', value: '2' }]],
    ['  a = 1 ;  ; b=', [{ name: 'a', value: '1' }, { name: 'b', value: '' }]],
    ['Cookie: a=1', [{ name: 'a', value: '1' }]],
    ['cookie:a=1', [{ name: 'a', value: '1' }]],
    ['a=x=y', [{ name: 'a', value: 'x=y' }]],
    ['lonely', [{ name: '', value: 'lonely' }]],
    ['a="quoted; not split"', [{ name: 'a', value: '"quoted' }, { name: '', value: 'not split"' }]],
    ['', []],
  ])('%j', (header, expected) => {
    expect(parseCookieHeader(header)).toEqual(expected);
  });
});

const plain = { secure: false, httpOnly: false, partitioned: false };

describe('parseSetCookie', () => {
  test.each([
    ['a=1', { name: 'a', value: '1', ...plain }],
    ['a=1; Path=/; HttpOnly', { name: 'a', value: '1', ...plain, path: '/', httpOnly: true }],
    ['a=1; Domain=example.com', { name: 'a', value: '1', ...plain, domain: '.example.com' }],
    ['a=1; domain=.Example.COM; Secure', { name: 'a', value: '1', ...plain, domain: '.example.com', secure: true }],
    ['a=1; Domain=', { name: 'a', value: '1', ...plain }],
    ['a=1; Domain=one.com; Domain=two.com', { name: 'a', value: '1', ...plain, domain: '.two.com' }],
    ['a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', { name: 'a', value: '', ...plain, expires: 0 }],
    // Every attribute, in odd case and spacing.
    [
      'id=x;  DOMAIN = .Shop.Example ; pAtH=/cart ; EXPIRES=Wed, 21 Oct 2015 07:28:00 GMT; max-AGE=60; SECURE; httponly; SameSite=STRICT; partitioned',
      { name: 'id', value: 'x', domain: '.shop.example', path: '/cart', expires: 1445412480000, maxAge: 60, secure: true, httpOnly: true, sameSite: 'strict', partitioned: true },
    ],
    ['a=1; SameSite=Lax', { name: 'a', value: '1', ...plain, sameSite: 'lax' }],
    ['a=1; SameSite=None; Secure', { name: 'a', value: '1', ...plain, sameSite: 'none', secure: true }],
    // Values a browser ignores: a SameSite it does not know, a Path not starting with /, a Max-Age that is not a number, a date it cannot read.
    ['a=1; SameSite=sometimes; Path=cart; Max-Age=1e3; Expires=tomorrow', { name: 'a', value: '1', ...plain }],
    ['a=1; Max-Age=+5', { name: 'a', value: '1', ...plain }],
    ['a=1; Max-Age=-1', { name: 'a', value: '1', ...plain, maxAge: -1 }],
    ['a=1; Max-Age=0', { name: 'a', value: '1', ...plain, maxAge: 0 }],
  ])('%j', (header, expected) => {
    expect(parseSetCookie(header)).toEqual(expected);
  });
  test('no cookie at all', () => {
    expect(parseSetCookie('')).toBeUndefined();
    expect(parseSetCookie('  ; Path=/')).toBeUndefined();
  });
});

describe('parseCookieDate (RFC 6265 section 5.1.1)', () => {
  test.each([
    ['Wed, 21 Oct 2015 07:28:00 GMT', '2015-10-21T07:28:00.000Z'],
    ['Tue, 15-Oct-24 06:26:45 GMT', '2024-10-15T06:26:45.000Z'],
    ['Sunday, 06-Nov-94 08:49:37 GMT', '1994-11-06T08:49:37.000Z'],
    ['Sun Nov  6 08:49:37 1994', '1994-11-06T08:49:37.000Z'],
    ['Thu, 01 Jan 1970 00:00:00 GMT', '1970-01-01T00:00:00.000Z'],
    ['01 jan 2069 1:2:3', '2069-01-01T01:02:03.000Z'],
    ['01 JANUARY 70 23:59:59', '1970-01-01T23:59:59.000Z'],
  ])('%s', (text, iso) => {
    expect(new Date(parseCookieDate(text) ?? Number.NaN).toISOString()).toBe(iso);
  });
  test.each(['', 'tomorrow', 'Wed, 21 Oct 2015', '21 Oct 2015 24:00:00', 'Fri, 30 Feb 2024 00:00:00 GMT', '01 Jan 1600 00:00:00', '32 Jan 2020 00:00:00', '01 Foo 2020 00:00:00'])('%j is no date', (text) => {
    expect(parseCookieDate(text)).toBeUndefined();
  });
});

describe('expiryOf', () => {
  const AT = Date.UTC(2024, 9, 15);
  test('Max-Age wins over Expires, whichever comes first', () => {
    const future = AT + 86_400_000;
    expect(expiryOf(parseSetCookie('a=1; Max-Age=60; Expires=Thu, 01 Jan 1970 00:00:00 GMT') ?? {}, AT)).toEqual({ expires: AT + 60_000, deleted: false });
    expect(expiryOf(parseSetCookie('a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60') ?? {}, AT)).toEqual({ expires: AT + 60_000, deleted: false });
    expect(expiryOf({ expires: future, maxAge: 0 }, AT)).toEqual({ expires: AT, deleted: true });
    expect(expiryOf({ expires: future, maxAge: -30 }, AT)).toEqual({ expires: AT, deleted: true });
  });
  test('an Expires at or before the entry time deletes; after it lives; none is a session cookie', () => {
    expect(expiryOf({ expires: AT - 1 }, AT)).toEqual({ expires: AT - 1, deleted: true });
    expect(expiryOf({ expires: AT }, AT)).toEqual({ expires: AT, deleted: true });
    expect(expiryOf({ expires: AT + 1 }, AT)).toEqual({ expires: AT + 1, deleted: false });
    expect(expiryOf({}, AT)).toEqual({ expires: null, deleted: false });
  });
  test('a huge Max-Age stops at the last date there is', () => {
    expect(expiryOf({ maxAge: 1e300 }, AT)).toEqual({ expires: 8_640_000_000_000_000, deleted: false });
  });
});

describe('defaultPath', () => {
  test.each([
    ['https://a.test/', '/'],
    ['https://a.test/x', '/'],
    ['https://a.test/shop/cart', '/shop'],
    ['https://a.test/shop/cart/', '/shop/cart'],
    [undefined, '/'],
  ])('%s -> %s', (url, path) => {
    expect(defaultPath(url)).toBe(path);
  });
});

describe('hostOf', () => {
  test.each([
    ['https://www.Example.com:8443/path?q', 'www.example.com'],
    ['http://localhost/', 'localhost'],
    ['http://[::1]/', '[::1]'],
    ['not a url', undefined],
    ['file:///tmp/x', undefined],
  ])('%s -> %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });
});

const T0 = '2024-10-15T05:56:45.584Z';
const T0_MS = Date.parse(T0);
const NOW = Date.UTC(2025, 0, 1);
const read = (text: string, hostOverride?: string) => cookiesFromHar(text, { hostOverride, fallbackTime: NOW });
const har = (entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', entries } });
const get = (url: string, cookie?: string, setCookies: string[] = [], extra: { requestCookies?: unknown[]; responseCookies?: unknown[]; at?: string } = {}) => ({
  startedDateTime: extra.at ?? T0,
  request: { url, headers: cookie === undefined ? [] : [{ name: 'Cookie', value: cookie }], ...(extra.requestCookies === undefined ? {} : { cookies: extra.requestCookies }) },
  response: { headers: setCookies.map((value) => ({ name: 'Set-Cookie', value })), ...(extra.responseCookies === undefined ? {} : { cookies: extra.responseCookies }) },
});
const unknownAttributes = { domain: null, path: null, hostOnly: null, expires: null, secure: null, httpOnly: null, sameSite: null, partitioned: null };
/** A request cookie from a Cookie header: only name and value are known. */
const sent = (name: string, value: string, host: string): Unseen => ({ name, value, host, ...unknownAttributes, source: 'request', deleted: false });
/** A response cookie with no attributes: host-only, default path, session. */
const setPlain = (name: string, value: string, host: string, path = '/'): Unseen => ({
  name, value, host, domain: host, path, hostOnly: true, expires: null, secure: false, httpOnly: false, sameSite: null, partitioned: false, source: 'response', deleted: false,
});

type Unseen = Omit<HarCookie, 'seen'>;

/** The cookies read, without when each was seen (the test of `seen` is on its own). */
function cookiesOf(text: string, hostOverride?: string): readonly Unseen[] {
  const result = read(text, hostOverride);
  expect(result.ok).toBe(true);
  return result.ok ? result.cookies.map(({ seen: _seen, ...rest }) => rest) : [];
}

describe('cookiesFromHar: headers', () => {
  test('request and response cookies with their hosts, domains, paths and attributes', () => {
    expect(cookiesOf(har([get('https://www.example.com/shop/item', 'a=1; b=2', ['c=3; Domain=example.com; Secure; SameSite=None; Partitioned', 'd=4'])]))).toEqual([
      sent('a', '1', 'www.example.com'),
      sent('b', '2', 'www.example.com'),
      { ...setPlain('c', '3', 'www.example.com', '/shop'), domain: '.example.com', hostOnly: false, secure: true, sameSite: 'none', partitioned: true },
      setPlain('d', '4', 'www.example.com', '/shop'),
    ]);
  });

  test('one cookie per host, name, domain and path: the last value wins, the first position stays', () => {
    expect(cookiesOf(har([get('https://a.test/', 'x=1; y=1'), get('https://b.test/', 'x=9'), get('https://a.test/', 'x=2')]))).toEqual([
      sent('x', '2', 'a.test'),
      sent('y', '1', 'a.test'),
      sent('x', '9', 'b.test'),
    ]);
  });

  test('variants: the same name on another domain or path is another cookie', () => {
    const cookies = cookiesOf(har([get('https://www.a.test/', undefined, ['v=host', 'v=site; Domain=a.test', 'v=blog; Path=/blog', 'v=site2; Domain=.a.test'])]));
    expect(cookies.map(({ name, value, domain, path, hostOnly }) => ({ name, value, domain, path, hostOnly }))).toEqual([
      { name: 'v', value: 'host', domain: 'www.a.test', path: '/', hostOnly: true },
      { name: 'v', value: 'site2', domain: '.a.test', path: '/', hostOnly: false },
      { name: 'v', value: 'blog', domain: 'www.a.test', path: '/blog', hostOnly: true },
    ]);
  });

  test('a deletion (Max-Age <= 0, or an expiry before the entry) is a deletion, not a live empty value', () => {
    const cookies = cookiesOf(
      har([
        get('https://a.test/', undefined, ['gone=; Max-Age=0', 'old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'neg=x; max-age=-1; Expires=Fri, 01 Jan 2100 00:00:00 GMT']),
        // Expired relative to the entry's time (2024), not to the time the CLI runs (2025): alive then.
        get('https://a.test/', undefined, ['kept=1; Expires=Sun, 01 Dec 2024 00:00:00 GMT']),
      ]),
    );
    expect(cookies.map(({ name, value, deleted, expires }) => ({ name, value, deleted, expires }))).toEqual([
      { name: 'gone', value: '', deleted: true, expires: T0_MS },
      { name: 'old', value: '', deleted: true, expires: 0 },
      { name: 'neg', value: 'x', deleted: true, expires: T0_MS },
      { name: 'kept', value: '1', deleted: false, expires: Date.UTC(2024, 11, 1) },
    ]);
  });

  test('a later deletion replaces the live cookie of the same variant', () => {
    const cookies = cookiesOf(har([get('https://a.test/', undefined, ['s=1; Path=/']), get('https://a.test/', undefined, ['s=; Path=/; Max-Age=0'])]));
    expect(cookies).toEqual([{ ...setPlain('s', '', 'a.test'), expires: T0_MS, deleted: true }]);
  });

  test('the host override replaces every entry’s host', () => {
    expect(cookiesOf(har([get('https://a.test/', 'x=1'), get('https://b.test/', 'x=2')]), 'c.test')).toEqual([sent('x', '2', 'c.test')]);
  });

  test('folded Set-Cookie lines are split', () => {
    expect(cookiesOf(har([get('https://a.test/', undefined, ['x=1; Path=/\ny=2; Domain=a.test'])]))).toEqual([
      setPlain('x', '1', 'a.test'),
      { ...setPlain('y', '2', 'a.test'), domain: '.a.test', hostOnly: false },
    ]);
  });
});

describe('cookiesFromHar: cookies arrays', () => {
  test('arrays only (headers sanitised away): request and response cookies', () => {
    const entry = get('https://www.a.test/', undefined, [], {
      requestCookies: [{ name: 'sid', value: 'r1' }, { name: 'pref', value: 'dark', domain: '.a.test', path: '/', expires: '2025-06-01T00:00:00.000Z', httpOnly: false, secure: true }],
      responseCookies: [
        { name: 'new', value: 'n1', path: '/', domain: '.a.test', expires: '2025-06-01T00:00:00.000Z', httpOnly: true, secure: true, sameSite: 'Lax' },
        { name: 'hostonly', value: 'h1', domain: 'www.a.test' },
        { name: 'bye', value: '', path: '/', expires: '1970-01-01T00:00:00.000Z' },
      ],
    });
    expect(cookiesOf(har([entry]))).toEqual([
      sent('sid', 'r1', 'www.a.test'),
      { ...sent('pref', 'dark', 'www.a.test'), domain: '.a.test', hostOnly: false, path: '/', expires: Date.UTC(2025, 5, 1), httpOnly: false, secure: true },
      { name: 'new', value: 'n1', host: 'www.a.test', domain: '.a.test', path: '/', hostOnly: false, expires: Date.UTC(2025, 5, 1), secure: true, httpOnly: true, sameSite: 'lax', partitioned: null, source: 'response', deleted: false },
      { name: 'hostonly', value: 'h1', host: 'www.a.test', domain: 'www.a.test', path: '/', hostOnly: true, expires: null, secure: null, httpOnly: null, sameSite: null, partitioned: null, source: 'response', deleted: false },
      { name: 'bye', value: '', host: 'www.a.test', domain: 'www.a.test', path: '/', hostOnly: true, expires: 0, secure: null, httpOnly: null, sameSite: null, partitioned: null, source: 'response', deleted: true },
    ]);
  });

  test('both: a cookie in the header and the array counts once; the array fills in what the Cookie header cannot say', () => {
    const entry = get('https://www.a.test/', 'sid=r1; twin=1; twin=2', ['c=3; Max-Age=60'], {
      requestCookies: [{ name: 'sid', value: 'r1', domain: '.a.test', path: '/' }, { name: 'twin', value: '1' }, { name: 'twin', value: '2' }, { name: 'extra', value: 'only-in-array' }],
      responseCookies: [{ name: 'c', value: '3', path: '/', expires: '2030-01-01T00:00:00.000Z' }],
    });
    expect(cookiesOf(har([entry]))).toEqual([
      { ...sent('sid', 'r1', 'www.a.test'), domain: '.a.test', hostOnly: false, path: '/' },
      // The same name twice in one Cookie header (two variants the browser sent): the last one is kept.
      sent('twin', '2', 'www.a.test'),
      sent('extra', 'only-in-array', 'www.a.test'),
      // The header's Max-Age (60 s after the entry) wins over the array's expiry.
      { ...setPlain('c', '3', 'www.a.test'), expires: T0_MS + 60_000 },
    ]);
  });

  test('odd array items are skipped', () => {
    const entry = get('https://a.test/', undefined, [], { requestCookies: [null, 5, { name: 1, value: 'x' }, { name: 'ok', value: '1', domain: 7, expires: 'never' }] });
    expect(cookiesOf(har([entry]))).toEqual([sent('ok', '1', 'a.test')]);
  });
});

describe('cookiesFromHar: the file as a whole', () => {
  test('odd entries and headers are skipped', () => {
    const entries = [
      null,
      42,
      { request: 'nope' },
      { request: { url: 17, headers: [{ name: 'cookie', value: 'x=1' }] } },
      { request: { url: 'https://a.test/', headers: 'nope' } },
      { request: { url: 'https://a.test/', headers: [null, { name: 'cookie' }, { name: 'cookie', value: 5 }, { name: 'x-cookie', value: 'x=2' }, { name: 'COOKIE', value: 'ok=1' }] } },
    ];
    expect(cookiesOf(har(entries))).toEqual([sent('ok', '1', 'a.test')]);
  });

  test('a byte order mark is tolerated', () => {
    expect(cookiesOf(`\uFEFF${har([get('https://a.test/', 'x=1')])}`)).toEqual([sent('x', '1', 'a.test')]);
  });

  test('the capture time is the latest entry time; the first host is the first entry’s', () => {
    const result = read(har([get('https://www.a.test/', 'x=1', [], { at: '2024-10-15T06:00:00Z' }), get('https://cdn.b.test/', 'y=1', [], { at: '2024-10-15T05:00:00Z' })]));
    expect(result).toMatchObject({ ok: true, capturedAt: Date.UTC(2024, 9, 15, 6), firstHost: 'www.a.test' });
  });

  test('each cookie says when it was seen: the entry’s time and position, a later sighting replacing an earlier one', () => {
    const result = read(har([
      get('https://a.test/', 'x=1', [], { at: '2024-10-15T06:00:00Z' }),
      { ...get('https://a.test/', 'y=1'), startedDateTime: 'not a time' },
      get('https://a.test/', 'x=2', [], { at: '2024-10-15T07:00:00Z' }),
    ]));
    expect(result.ok && result.cookies.map(({ name, seen }) => ({ name, seen }))).toEqual([
      { name: 'x', seen: { at: Date.UTC(2024, 9, 15, 7), entry: 2 } },
      { name: 'y', seen: { at: NOW, entry: 1 } },
    ]);
  });

  test('an entry without a readable time judges deletions against the fallback time', () => {
    const entry = { ...get('https://a.test/', undefined, ['x=1; Expires=Sun, 01 Dec 2024 00:00:00 GMT']), startedDateTime: 'yesterday' };
    expect(cookiesOf(har([entry]))).toMatchObject([{ name: 'x', deleted: true }]);
  });

  test.each([
    ['', 'invalid', /^invalid JSON/],
    ['{', 'invalid', /^invalid JSON/],
    ['[]', 'invalid', /^not a HAR file: there is no log\.entries list$/],
    ['null', 'invalid', /^not a HAR file/],
    ['{"log": {}}', 'invalid', /^not a HAR file/],
    ['{"log": {"entries": {}}}', 'invalid', /^not a HAR file/],
    ['{"log": {"entries": []}}', 'invalid', /^the HAR is empty: log\.entries has no entries$/],
    [har([get('https://a.test/')]), 'sanitised', /^this HAR looks sanitised: no cookie data$/],
    [har([{ ...get('https://a.test/'), request: { url: 'https://a.test/', headers: [], cookies: [] } }]), 'sanitised', /^this HAR looks sanitised: no cookie data$/],
  ])('%j is refused', (text, kind, reason) => {
    const result = read(text);
    expect(result).toMatchObject({ ok: false, kind });
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  test('an empty Cookie header still counts as cookie data: no cookies, but not sanitised', () => {
    expect(read(har([get('https://a.test/', '')]))).toEqual({ ok: true, cookies: [], capturedAt: T0_MS, firstHost: 'a.test' });
  });
});
