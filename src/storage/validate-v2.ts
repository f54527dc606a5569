// Guards for the pieces a version 2 store adds: a rule's per-vendor choices and its Global
// Privacy Control flag. Everything else is read as in version 1 (validate-v1.ts).
import type { SiteRuleV2, VendorChoiceV2 } from './schema.ts';
import { isRecord, readRuleV1 } from './validate-v1.ts';
import type { Read } from './validate-v1.ts';

/** Vendor ids are kebab-case words (`google-analytics`); checked by syntax, so a vendor Cookie Lens drops later is not an error. */
const VENDOR_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isVendorChoice(value: unknown): value is VendorChoiceV2 {
  return value === 'block' || value === 'allow';
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
  return {
    ok: true,
    value: {
      ...base.value,
      ...(choices === undefined ? {} : { vendors: choices }),
      ...(gpc === undefined ? {} : { gpc }),
      ...(hubspot === undefined ? {} : { hubspot }),
    },
  };
}
