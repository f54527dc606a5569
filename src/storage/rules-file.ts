// Export and import of the visitor's per-site choices as a JSON file. An import is all or
// nothing: any problem refuses the whole file with a message, and the store is not touched.
// Messages are English for now (to be localised by the caller).
//
// File format, version 2 (version 1 files, with rules of the first four fields only, still import):
//   { "format": "cookie-lens-rules", "version": 2, "exportedAt": "<ISO time>",
//     "rules": [ { "site", "doNotTrack", "optOut", "since", "vendors"?, "gpc"?, "hubspot"? }, ... ],
//     "stripLinks": [ { "site", "since" }, ... ],
//     "cleanUp": [ { "site", "scope", "since" }, ... ] }
// A rule's `earlier` (the choice cookies it found in this browser) is not carried: a file holds no
// cookies, and those are this browser's.
import type { SiteRule } from '../core/rules.ts';
import type { CleanUpChoiceV3, LinkStrippingV2, Store } from './schema.ts';
import { putRule, ruleOf, rulesOf } from './store.ts';
import { isList, isRecord, readRuleV1, type Read } from './validate-v1.ts';
import { readLinkStrippingV2 } from './validate-v2.ts';
import { readCleanUpV3, readRuleV3 } from './validate-v3.ts';

export const RULES_FILE_FORMAT = 'cookie-lens-rules';
export const RULES_FILE_VERSION = 2;

/** Far above any real rules file; a bigger file is not one of ours. */
const MAX_FILE_CHARS = 5_000_000;

/** What a rules file carries: the visitor's choices, each list sorted by site. */
export interface RulesFile {
  readonly rules: readonly SiteRule[];
  readonly stripLinks: readonly LinkStrippingV2[];
  readonly cleanUp: readonly CleanUpChoiceV3[];
}

const bySite = (a: { site: string }, b: { site: string }): number => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0);

/**
 * The visitor's choices as file text. Rules set by policy (`managed`) are left out: they are not
 * the visitor's to carry to another browser (the policy's clean-up choices are not in the store).
 */
export function exportRules(store: Store, now: number): string {
  const rules = rulesOf(store)
    .filter((rule) => rule.managed !== true)
    .sort(bySite)
    .map(({ site, doNotTrack, optOut, since, vendors, gpc, hubspot }) => ({
      site, doNotTrack, optOut, since,
      ...(vendors === undefined || Object.keys(vendors).length === 0 ? {} : { vendors }),
      ...(gpc === undefined ? {} : { gpc }),
      ...(hubspot === undefined ? {} : { hubspot }),
    }));
  const file = {
    format: RULES_FILE_FORMAT,
    version: RULES_FILE_VERSION,
    ...(Number.isFinite(now) ? { exportedAt: new Date(now).toISOString() } : {}),
    rules,
    stripLinks: Object.values(store.stripLinks).sort(bySite).map(({ site, since }) => ({ site, since })),
    cleanUp: Object.values(store.cleanUp ?? {}).sort(bySite).map(({ site, scope, since }) => ({ site, scope, since })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type RulesFileResult = { ok: true; file: RulesFile } | { ok: false; message: string };

function refuse(reason: string): { ok: false; message: string } {
  return { ok: false, message: `${reason} Nothing was imported.` };
}

/**
 * A version 1 rule: the four fields; a version 2 rule also its tracker switches, GPC and
 * `hubspot`, read as the stored settings read them (version 3), without `earlier`.
 */
function readFileRule(item: unknown, version: number): Read<SiteRule> {
  if (version === 1) return readRuleV1(item);
  if (!isRecord(item)) return { ok: false, detail: 'a rule must be an object' };
  const { earlier: _notCarried, ...rest } = item;
  return readRuleV3(rest);
}

/**
 * Reads one list of the file (`what` names its entries in messages): every entry valid and each
 * site once, or the reason it is not. An absent list is empty (version 1 files have none).
 */
function readList<T extends { site: string }>(listed: unknown, what: string, read: (item: unknown) => Read<T>): { ok: true; items: T[] } | { ok: false; message: string } {
  if (listed === undefined) return { ok: true, items: [] };
  if (!isList(listed)) return refuse(`The rules file's ${what} list is not a list.`);
  const items: T[] = [];
  const sites = new Set<string>();
  for (const [index, item] of listed.entries()) {
    const entry = read(item);
    if (!entry.ok) return refuse(`${what.charAt(0).toUpperCase()}${what.slice(1)} ${index + 1} is not valid: ${entry.detail}.`);
    if (sites.has(entry.value.site)) return refuse(`The site ${entry.value.site} appears more than once${what === 'rule' ? '' : ` in the ${what} list`}.`);
    sites.add(entry.value.site);
    items.push(entry.value);
  }
  return { ok: true, items };
}

export function parseRulesFile(text: string): RulesFileResult {
  if (text.length > MAX_FILE_CHARS) return refuse('The file is too large to be a Cookie Lens rules file.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse('The file is not valid JSON.');
  }
  if (!isRecord(parsed) || parsed['format'] !== RULES_FILE_FORMAT) {
    return refuse('This is not a Cookie Lens rules file.');
  }
  const version = parsed['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return refuse('The rules file has no valid format version.');
  }
  if (version > RULES_FILE_VERSION) {
    return refuse(`The rules file was made by a newer version of Cookie Lens (file format ${version}). Update Cookie Lens to import it.`);
  }
  if (!isList(parsed['rules'])) return refuse('The rules file has no list of rules.');
  const rules = readList(parsed['rules'], 'rule', (item) => readFileRule(item, version));
  if (!rules.ok) return rules;
  const stripLinks = readList(version === 1 ? undefined : parsed['stripLinks'], 'link-stripping', readLinkStrippingV2);
  if (!stripLinks.ok) return stripLinks;
  const cleanUp = readList(version === 1 ? undefined : parsed['cleanUp'], 'clean-up', readCleanUpV3);
  if (!cleanUp.ok) return cleanUp;
  // An imported rule is the visitor's own, whatever the file says about policy.
  const own = rules.items.map(({ managed: _policy, ...rule }) => rule);
  return { ok: true, file: { rules: own, stripLinks: stripLinks.items, cleanUp: cleanUp.items } };
}

/** How many sites the file has a choice for (a site can be in more than one list). */
export function sitesIn(file: RulesFile): number {
  return new Set([...file.rules, ...file.stripLinks, ...file.cleanUp].map((entry) => entry.site)).size;
}

/**
 * Imported choices replace the visitor's for the same sites; rules set by policy stay. What a
 * replaced rule kept of the cookies before it stays with the site (a file carries no cookies).
 */
export function mergeImportedRules(store: Store, file: RulesFile): Store {
  const withRules = file.rules.reduce((next, rule) => {
    const earlier = ruleOf(next, rule.site)?.earlier;
    return putRule(next, earlier === undefined ? rule : { ...rule, earlier });
  }, store);
  if (file.stripLinks.length === 0 && file.cleanUp.length === 0) return withRules;
  return {
    ...withRules,
    stripLinks: { ...withRules.stripLinks, ...Object.fromEntries(file.stripLinks.map((entry) => [entry.site, entry])) },
    ...(file.cleanUp.length === 0 ? {} : { cleanUp: { ...withRules.cleanUp, ...Object.fromEntries(file.cleanUp.map((entry) => [entry.site, entry])) } }),
  };
}
