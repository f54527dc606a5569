// Export and import of the visitor's per-site rules as a JSON file. An import is all or
// nothing: any problem refuses the whole file with a message, and the store is not touched.
// Messages are English for now (to be localised by the caller).
//
// File format, version 1:
//   { "format": "cookie-lens-rules", "version": 1, "exportedAt": "<ISO time>",
//     "rules": [ { "site", "doNotTrack", "optOut", "since" }, ... ] }
import type { SiteRule } from '../core/rules.ts';
import type { Store } from './schema.ts';
import { putRule, ruleOf, rulesOf } from './store.ts';
import { isList, isRecord, readRuleV1 } from './validate-v1.ts';

export const RULES_FILE_FORMAT = 'cookie-lens-rules';
export const RULES_FILE_VERSION = 1;

/** Far above any real rules file; a bigger file is not one of ours. */
const MAX_FILE_CHARS = 5_000_000;

/**
 * The visitor's rules as file text, sorted by site. Rules set by policy (`managed`) are left
 * out: they are not the visitor's to carry to another browser.
 */
export function exportRules(store: Store, now: number): string {
  const rules = rulesOf(store)
    .filter((rule) => rule.managed !== true)
    .sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0))
    .map(({ site, doNotTrack, optOut, since }) => ({ site, doNotTrack, optOut, since }));
  const file = {
    format: RULES_FILE_FORMAT,
    version: RULES_FILE_VERSION,
    ...(Number.isFinite(now) ? { exportedAt: new Date(now).toISOString() } : {}),
    rules,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type RulesFileResult = { ok: true; rules: SiteRule[] } | { ok: false; message: string };

function refuse(reason: string): RulesFileResult {
  return { ok: false, message: `${reason} Nothing was imported.` };
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
  const listed = parsed['rules'];
  if (!isList(listed)) return refuse('The rules file has no list of rules.');

  const rules: SiteRule[] = [];
  const sites = new Set<string>();
  for (const [index, item] of listed.entries()) {
    const read = readRuleV1(item);
    if (!read.ok) return refuse(`Rule ${index + 1} is not valid: ${read.detail}.`);
    const { site, doNotTrack, optOut, since } = read.value;
    if (sites.has(site)) return refuse(`The site ${site} appears more than once.`);
    sites.add(site);
    // An imported rule is the visitor's own, whatever the file says about policy.
    rules.push({ site, doNotTrack, optOut, since });
  }
  return { ok: true, rules };
}

/**
 * Imported rules replace the visitor's rules for the same sites; rules set by policy stay. What a
 * replaced rule kept of the cookies before it stays with the site (a file carries no cookies).
 */
export function mergeImportedRules(store: Store, rules: readonly SiteRule[]): Store {
  return rules.reduce((next, rule) => {
    const earlier = ruleOf(next, rule.site)?.earlier;
    return putRule(next, earlier === undefined ? rule : { ...rule, earlier });
  }, store);
}
