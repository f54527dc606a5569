// Guards for what version 3 changes: the optional clean-up choices (`cleanUp`), and a rule's `earlier` is keyed by cookie store id, each entry
// version 2's shape with its own store id equal to its key. Everything else is read as version 2
// reads it. A malformed `earlier` makes the rule invalid as a whole (see validate-v2.ts).
import type { CleanUpChoiceV3, EarlierChoicesV2, SiteRuleV3 } from './schema.ts';
import { isRecord, isSiteKey, type Read } from './validate-v1.ts';
import { readEarlierV2, readRuleV2 } from './validate-v2.ts';

function readEarlierByStore(value: unknown): Read<Readonly<Record<string, EarlierChoicesV2>>> {
  if (!isRecord(value)) return { ok: false, detail: '"earlier" must be an object keyed by cookie store' };
  const entries: [string, EarlierChoicesV2][] = [];
  for (const [storeId, entry] of Object.entries(value)) {
    const read = readEarlierV2(entry);
    if (!read.ok) return { ok: false, detail: `${read.detail} (store ${JSON.stringify(storeId)})` };
    if (read.value.storeId !== storeId) return { ok: false, detail: `"earlier" entry under ${JSON.stringify(storeId)} is for store ${JSON.stringify(read.value.storeId)}` };
    entries.push([storeId, read.value]);
  }
  return { ok: true, value: Object.fromEntries(entries) };
}

export function readRuleV3(value: unknown): Read<SiteRuleV3> {
  if (!isRecord(value)) return { ok: false, detail: 'a rule must be an object' };
  const { earlier, ...rest } = value;
  // Read without `earlier`, so version 2's reader finds none of its own shape.
  const base = readRuleV2(rest);
  if (!base.ok) return base;
  const { site, doNotTrack, optOut, since, managed, vendors, gpc, hubspot } = base.value;
  const rule: SiteRuleV3 = {
    site, doNotTrack, optOut, since,
    ...(managed === undefined ? {} : { managed }),
    ...(vendors === undefined ? {} : { vendors }),
    ...(gpc === undefined ? {} : { gpc }),
    ...(hubspot === undefined ? {} : { hubspot }),
  };
  if (earlier === undefined) return { ok: true, value: rule };
  const read = readEarlierByStore(earlier);
  if (!read.ok) return read;
  return { ok: true, value: { ...rule, earlier: read.value } };
}

export function readCleanUpV3(value: unknown): Read<CleanUpChoiceV3> {
  if (!isRecord(value)) return { ok: false, detail: 'an entry must be an object' };
  const { site, scope, since } = value;
  if (!isSiteKey(site)) return { ok: false, detail: '"site" must be a lower-case host name' };
  if (scope !== 'tracking' && scope !== 'all') return { ok: false, detail: '"scope" must be "tracking" or "all"' };
  if (typeof since !== 'number' || !Number.isFinite(since) || since < 0) return { ok: false, detail: '"since" must be a time in milliseconds' };
  return { ok: true, value: { site, scope, since } };
}
