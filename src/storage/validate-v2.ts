// Guards for what version 2 adds: a rule's choice cookies from before it (`earlier`), its
// per-vendor choices and its Global Privacy Control and HubSpot flags, and the sites whose links are
// stripped of HubSpot's identity. A rule whose `earlier` is malformed is invalid as a whole:
// switching it off could not put back what was there, and keeping it without would silently forget that.
import type { CookieRecordV1, EarlierChoicesV2, LinkStrippingV2, SiteRuleV2, VendorChoiceV2 } from './schema.ts';
import { isList, isRecord, isSiteKey, readCookieV1, readRuleV1, type Read } from './validate-v1.ts';

const EARLIER_FIELDS: ReadonlySet<string> = new Set(['storeId', 'host', 'names', 'cookies']);

/** Vendor ids are kebab-case words (`google-analytics`); checked by syntax, so a vendor Cookie Lens drops later is not an error. */
const VENDOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isVendorChoice(value: unknown): value is VendorChoiceV2 {
  return value === 'block' || value === 'allow';
}

export function readEarlierV2(value: unknown): Read<EarlierChoicesV2> {
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
  const base = readRuleV1(value);
  if (!base.ok || !isRecord(value)) return base;
  const { vendors, gpc, hubspot } = value;
  if (gpc !== undefined && typeof gpc !== 'boolean') return { ok: false, detail: '"gpc" must be true or false' };
  if (hubspot !== undefined && typeof hubspot !== 'boolean') return { ok: false, detail: '"hubspot" must be true or false' };
  let choices: Record<string, VendorChoiceV2> | undefined;
  if (vendors !== undefined) {
    if (!isRecord(vendors)) return { ok: false, detail: '"vendors" must be an object' };
    const entries: [string, VendorChoiceV2][] = [];
    for (const [vendor, choice] of Object.entries(vendors)) {
      if (!VENDOR_ID.test(vendor)) return { ok: false, detail: `"vendors" has a key that is not a vendor id: ${JSON.stringify(vendor)}` };
      if (!isVendorChoice(choice)) return { ok: false, detail: `"vendors.${vendor}" must be "block" or "allow"` };
      entries.push([vendor, choice]);
    }
    choices = Object.fromEntries(entries);
  }
  let earlier: EarlierChoicesV2 | undefined;
  if (value['earlier'] !== undefined) {
    const read = readEarlierV2(value['earlier']);
    if (!read.ok) return read;
    earlier = read.value;
  }
  return {
    ok: true,
    value: {
      ...base.value,
      ...(earlier === undefined ? {} : { earlier }),
      ...(choices === undefined ? {} : { vendors: choices }),
      ...(gpc === undefined ? {} : { gpc }),
      ...(hubspot === undefined ? {} : { hubspot }),
    },
  };
}

export function readLinkStrippingV2(value: unknown): Read<LinkStrippingV2> {
  if (!isRecord(value)) return { ok: false, detail: 'an entry must be an object' };
  const { site, since } = value;
  if (!isSiteKey(site)) return { ok: false, detail: '"site" must be a lower-case host name' };
  if (typeof since !== 'number' || !Number.isFinite(since) || since < 0) return { ok: false, detail: '"since" must be a time in milliseconds' };
  return { ok: true, value: { site, since } };
}
