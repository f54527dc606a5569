// Guards for what version 2 adds to a stored rule: the choice cookies that were there before it.
// A rule whose `earlier` is malformed is invalid as a whole: switching it off could not put back
// what was there, and keeping it without would silently forget that.
import type { CookieRecordV1, EarlierChoicesV2, LinkStrippingV2, SiteRuleV2 } from './schema.ts';
import { isList, isRecord, isSiteKey, readCookieV1, readRuleV1, type Read } from './validate-v1.ts';

const EARLIER_FIELDS: ReadonlySet<string> = new Set(['storeId', 'host', 'names', 'cookies']);

function readEarlierV2(value: unknown): Read<EarlierChoicesV2> {
  if (!isRecord(value)) return { ok: false, detail: '"earlier" must be an object' };
  const unknown = Object.keys(value).filter((key) => !EARLIER_FIELDS.has(key));
  if (unknown.length > 0) return { ok: false, detail: `"earlier" has unknown fields: ${unknown.join(', ')}` };
  const { storeId, host, names, cookies } = value;
  if (typeof storeId !== 'string') return { ok: false, detail: '"earlier.storeId" must be text' };
  if (!isSiteKey(host)) return { ok: false, detail: '"earlier.host" must be a lower-case host name' };
  if (!isList(names) || !names.every((name): name is string => typeof name === 'string')) return { ok: false, detail: '"earlier.names" must be a list of text' };
  if (!isList(cookies)) return { ok: false, detail: '"earlier.cookies" must be a list' };
  const read: CookieRecordV1[] = [];
  for (const [index, item] of cookies.entries()) {
    const cookie = readCookieV1(item);
    if (!cookie.ok) return { ok: false, detail: `"earlier" cookie ${index}: ${cookie.detail}` };
    if (!names.includes(cookie.value.name)) return { ok: false, detail: `"earlier" cookie ${index} is not one of its names` };
    read.push(cookie.value);
  }
  return { ok: true, value: { storeId, host, names: [...names], cookies: read } };
}

export function readRuleV2(value: unknown): Read<SiteRuleV2> {
  const rule = readRuleV1(value);
  if (!rule.ok || !isRecord(value) || value['earlier'] === undefined) return rule;
  const earlier = readEarlierV2(value['earlier']);
  return earlier.ok ? { ok: true, value: { ...rule.value, earlier: earlier.value } } : earlier;
}

export function readLinkStrippingV2(value: unknown): Read<LinkStrippingV2> {
  if (!isRecord(value)) return { ok: false, detail: 'an entry must be an object' };
  const { site, since } = value;
  if (!isSiteKey(site)) return { ok: false, detail: '"site" must be a lower-case host name' };
  if (typeof since !== 'number' || !Number.isFinite(since) || since < 0) return { ok: false, detail: '"since" must be a time in milliseconds' };
  return { ok: true, value: { site, since } };
}
