// Builds test cookies: a plain, unpartitioned, session cookie in store "0" unless told otherwise.
import type { CookieRecord } from '../../../src/model/cookie.ts';

export function cookie(name: string, value: string, domain: string, extra: Partial<CookieRecord> = {}): CookieRecord {
  return {
    name,
    value,
    domain,
    hostOnly: !domain.startsWith('.'),
    path: '/',
    secure: false,
    httpOnly: false,
    sameSite: 'lax',
    storeId: '0',
    ...extra,
  };
}
