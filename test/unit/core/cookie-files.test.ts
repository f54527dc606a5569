// Cookies in and out: Cookie-Editor JSON, Netscape cookies.txt and a Cookie header; malformed files
// are refused whole, with one reason.
import { describe, expect, test } from 'vitest';
import { parseCookieFile, toCookieEditorJson, toCookieHeader, toNetscape } from '../../../src/core/cookie-files.ts';
import { cookie } from './make-cookie.ts';

const hstc = cookie('__hstc', '114212440.abc.1.2.3.4', '.example.com', { expirationDate: 1_800_000_000, sameSite: 'lax' });
const session = cookie('sessionid', 'q=1', 'www.example.com', { httpOnly: true, secure: true, sameSite: 'strict', path: '/account' });
const open = cookie('_ga', 'GA1.1.1.1', '.example.com', { expirationDate: 1_800_000_000.5, sameSite: 'no_restriction', secure: true });
const COOKIES = [hstc, session, open];
const withoutStore = ({ storeId: _store, ...rest }: typeof hstc) => rest;

describe('export', () => {
  test('Cookie-Editor JSON: the cookies API\'s objects with `session`, read back to the same cookies', () => {
    const text = toCookieEditorJson(COOKIES);
    const objects: unknown = JSON.parse(text);
    expect(objects).toEqual([
      { domain: '.example.com', expirationDate: 1_800_000_000, hostOnly: false, httpOnly: false, name: '__hstc', path: '/', sameSite: 'lax', secure: false, session: false, storeId: '0', value: '114212440.abc.1.2.3.4' },
      { domain: 'www.example.com', hostOnly: true, httpOnly: true, name: 'sessionid', path: '/account', sameSite: 'strict', secure: true, session: true, storeId: '0', value: 'q=1' },
      { domain: '.example.com', expirationDate: 1_800_000_000.5, hostOnly: false, httpOnly: false, name: '_ga', path: '/', sameSite: 'no_restriction', secure: true, session: false, storeId: '0', value: 'GA1.1.1.1' },
    ]);
    expect(parseCookieFile(text)).toEqual({ ok: true, format: 'cookie-editor-json', cookies: COOKIES.map(withoutStore) });
  });

  test('Netscape cookies.txt: tab-separated, #HttpOnly_ prefix, 0 for a session cookie, read back (without SameSite, which the format lacks)', () => {
    const text = toNetscape(COOKIES);
    expect(text.split('\n')).toEqual([
      '# Netscape HTTP Cookie File',
      '.example.com\tTRUE\t/\tFALSE\t1800000000\t__hstc\t114212440.abc.1.2.3.4',
      '#HttpOnly_www.example.com\tFALSE\t/account\tTRUE\t0\tsessionid\tq=1',
      '.example.com\tTRUE\t/\tTRUE\t1800000000\t_ga\tGA1.1.1.1',
      '',
    ]);
    const read = parseCookieFile(text);
    expect(read).toMatchObject({ ok: true, format: 'netscape' });
    if (read.ok) {
      expect(read.cookies).toEqual([
        { ...withoutStore(hstc), sameSite: 'unspecified' },
        { ...withoutStore(session), sameSite: 'unspecified' },
        { ...withoutStore(open), expirationDate: 1_800_000_000, sameSite: 'unspecified' },
      ]);
    }
  });

  test('a Cookie header: name=value pairs joined by "; "', () => {
    expect(toCookieHeader(COOKIES)).toBe('__hstc=114212440.abc.1.2.3.4; sessionid=q=1; _ga=GA1.1.1.1');
  });
});

describe('import refuses a malformed file whole, with one reason', () => {
  test.each([
    ['', 'the file is empty'],
    ['[]', 'the file holds no cookies'],
    ['{"name":"a"}', 'the JSON is not a list of cookies'],
    ['[{"name":"a","value":"b"', 'the JSON cannot be read'],
    ['[{"name":"a","value":"b"}]', 'cookie 1 needs a name, a value and a domain'],
    ['[{"name":"a","value":"b","domain":"x.com","sameSite":"sometimes"}]', 'cookie 1: sameSite must be'],
    ['[{"name":"a;b","value":"b","domain":"x.com"}]', 'cookie 1: a cookie name is empty'],
    ['[{"name":"a","value":"b","domain":"x.com","expirationDate":"soon"}]', 'cookie 1: expirationDate must be a time in seconds'],
    ['# Netscape HTTP Cookie File\n.x.com\tTRUE\t/\tFALSE\t0\tname', 'line 2 has 6 tab-separated fields'],
    ['.x.com\tYES\t/\tFALSE\t0\tname\tvalue', 'line 1: the second and fourth fields must be TRUE or FALSE'],
    ['.x.com\tTRUE\t/\tFALSE\tsoon\tname\tvalue', 'line 1: the expiry must be whole seconds'],
    ['# only a comment\n', 'the file holds no cookies'],
    ['name=value; other=1', 'line 1 has 1 tab-separated fields'],
  ])('%j', (text, reason) => {
    const read = parseCookieFile(text);
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.reason).toContain(reason);
      expect(read.reason).not.toContain('\n');
    }
  });
});
