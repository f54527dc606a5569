import { describe, expect, test } from 'vitest';
import { parseCookieHeader, parseSetCookie } from '../../src/cli/cookie-header.ts';
import { cookiesFromHar, hostOf } from '../../src/cli/har.ts';

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

describe('parseSetCookie', () => {
  test.each([
    ['a=1', { name: 'a', value: '1' }],
    ['a=1; Path=/; HttpOnly', { name: 'a', value: '1' }],
    ['a=1; Domain=example.com', { name: 'a', value: '1', domain: '.example.com' }],
    ['a=1; domain=.Example.COM; Secure', { name: 'a', value: '1', domain: '.example.com' }],
    ['a=1; Domain=', { name: 'a', value: '1' }],
    ['a=1; Domain=one.com; Domain=two.com', { name: 'a', value: '1', domain: '.two.com' }],
    ['a=; Expires=Thu, 01 Jan 1970 00:00:00 GMT', { name: 'a', value: '' }],
  ])('%j', (header, expected) => {
    expect(parseSetCookie(header)).toEqual(expected);
  });
  test('no cookie at all', () => {
    expect(parseSetCookie('')).toBeUndefined();
    expect(parseSetCookie('  ; Path=/')).toBeUndefined();
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

const har = (entries: unknown[]): string => JSON.stringify({ log: { version: '1.2', entries } });
const get = (url: string, cookie?: string, setCookies: string[] = []) => ({
  request: { url, headers: cookie === undefined ? [] : [{ name: 'Cookie', value: cookie }] },
  response: { headers: setCookies.map((value) => ({ name: 'Set-Cookie', value })) },
});

describe('cookiesFromHar', () => {
  test('request and response cookies with their hosts and domains', () => {
    expect(cookiesFromHar(har([get('https://www.example.com/', 'a=1; b=2', ['c=3; Domain=example.com'])]))).toEqual({
      ok: true,
      cookies: [
        { name: 'a', value: '1', host: 'www.example.com' },
        { name: 'b', value: '2', host: 'www.example.com' },
        { name: 'c', value: '3', host: 'www.example.com', cookieDomain: '.example.com' },
      ],
    });
  });

  test('one cookie per name and host: the last value wins, the first position stays', () => {
    const result = cookiesFromHar(har([get('https://a.test/', 'x=1; y=1'), get('https://b.test/', 'x=9'), get('https://a.test/', undefined, ['x=2'])]));
    expect(result).toEqual({
      ok: true,
      cookies: [
        { name: 'x', value: '2', host: 'a.test' },
        { name: 'y', value: '1', host: 'a.test' },
        { name: 'x', value: '9', host: 'b.test' },
      ],
    });
  });

  test('the host override replaces every entry’s host', () => {
    expect(cookiesFromHar(har([get('https://a.test/', 'x=1'), get('https://b.test/', 'x=2')]), 'c.test')).toEqual({ ok: true, cookies: [{ name: 'x', value: '2', host: 'c.test' }] });
  });

  test('folded Set-Cookie lines are split', () => {
    expect(cookiesFromHar(har([get('https://a.test/', undefined, ['x=1; Path=/\ny=2; Domain=a.test'])]))).toEqual({
      ok: true,
      cookies: [
        { name: 'x', value: '1', host: 'a.test' },
        { name: 'y', value: '2', host: 'a.test', cookieDomain: '.a.test' },
      ],
    });
  });

  test('odd entries and headers are skipped', () => {
    const entries = [
      null,
      42,
      { request: 'nope' },
      { request: { url: 17, headers: [{ name: 'cookie', value: 'x=1' }] } },
      { request: { url: 'https://a.test/', headers: 'nope' } },
      { request: { url: 'https://a.test/', headers: [null, { name: 'cookie' }, { name: 'cookie', value: 5 }, { name: 'x-cookie', value: 'x=2' }, { name: 'COOKIE', value: 'ok=1' }] } },
    ];
    expect(cookiesFromHar(har(entries))).toEqual({ ok: true, cookies: [{ name: 'ok', value: '1', host: 'a.test' }] });
  });

  test('a byte order mark is tolerated', () => {
    expect(cookiesFromHar(`\uFEFF${har([get('https://a.test/', 'x=1')])}`)).toEqual({ ok: true, cookies: [{ name: 'x', value: '1', host: 'a.test' }] });
  });

  test.each([
    ['', /^invalid JSON/],
    ['{', /^invalid JSON/],
    ['[]', /^not a HAR file/],
    ['null', /^not a HAR file/],
    ['{"log": {}}', /^not a HAR file/],
    ['{"log": {"entries": {}}}', /^not a HAR file/],
  ])('%j is refused', (text, reason) => {
    const result = cookiesFromHar(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
