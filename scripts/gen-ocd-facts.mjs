#!/usr/bin/env node
// Generates src/explain/ocd-facts.generated.ts from the Open Cookie Database CSV: for each cookie
// name or name prefix, its platform, its category (mapped onto Cookie Lens's four) and its typical
// retention. Descriptions are not copied: they are other people's prose, and the popup explains
// cookies in our own words. The generated file is committed, so building the extension does not
// need the CSV.
//
//   node scripts/gen-ocd-facts.mjs            regenerate from data/open-cookie-database/
//   node scripts/gen-ocd-facts.mjs --check    exit 1 when the committed file is out of date
//   node scripts/gen-ocd-facts.mjs <dir>      use another copy of the data folder
//
// Known flaws of the data (the data folder's SOURCE.md and other-trackers.md section 3) handled here:
// - wildcard prefixes shorter than MIN_PREFIX_LENGTH (`_s`, `tp`, `SR`, `cap`, `mp_`, ...) match far
//   too many unrelated names and are dropped, as are a few generic longer ones (DENIED_PREFIXES);
// - a trailing literal `*` on a name flagged as exact (`SSPR_*`) makes it a prefix;
// - wrong platforms: `_mkto_trk` is Marketo's, not OneTrust's; `ajs_*` is Segment's, not Trustpilot's;
// - `Security` becomes necessary; `Personalization` and the stray `Necessary` become functional,
//   as other-trackers.md section 3 recommends; any other category is left out;
// - names listed exactly although real cookies carry a suffix (`_hp2_id`, `pi_opt_in`) also get a prefix;
// - a name listed twice keeps one entry when the categories agree (platforms joined, retention
//   kept only when equal) and is left out when they disagree;
// - generic names (isGenericName: a name the database lists for more than one platform, a name of
//   one or two characters, or an ordinary word in GENERIC_WORDS such as `sessionid`, `token` or
//   `lang`) are any site's own cookies as often as a vendor's: they go to OCD_GENERIC with the
//   vendor's domains, and are attributed only to a cookie on one of those domains.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT = path.join(root, 'src/explain/ocd-facts.generated.ts');
const EXPECTED_HEADER = [
  'ID', 'Platform', 'Category', 'Cookie / Data Key name', 'Domain', 'Description', 'Retention period',
  'Data Controller', 'User Privacy & GDPR Rights Portals', 'Wildcard match',
];

export const MIN_PREFIX_LENGTH = 4;
// Prefixes of four or more characters that are still ordinary words or common fragments.
const DENIED_PREFIXES = new Set(['_sid', 'data-', 'partner-', 'welcome-']);
const PLATFORM_OVERRIDES = [
  { test: (name) => name === '_mkto_trk', platform: 'Marketo' },
  { test: (name) => name.startsWith('ajs_'), platform: 'Segment' },
];
const EXTRA_PREFIXES = new Map([
  ['_hp2_id', '_hp2_id.'],
  ['pi_opt_in', 'pi_opt_in'],
]);
// Ordinary words and abbreviations any site's own code uses as cookie names (a login session, a
// language, a CSRF token...). Listed for one vendor in the database, they still say nothing about
// who set a cookie of that name on another site.
export const GENERIC_WORDS = new Set([
  'id', 'uid', 'uids', 'uuid', 'sid', 'ssid', 'sess', 'session', 'sessionid', 'session_id', 'user_session', 'user_id', 'userid',
  'unique_id', 'device_id', 'token', 'api_token', 'auth_token', 'csrftoken', 'csrf', '_csrf', 'login', 'remember_me',
  'lang', 'language', 'locale', 'localization', 'country', 'currency', 'timezone', 'tz', 'theme', 'color_mode',
  'test', 'test_cookie', 'version', 'store', 'hash', 'callback', 'audience', 'audit', 'visitor', 'viewer', 'presence',
  'sync', 'frontend', 'autocomplete', 'dnt', 'optout', 'opt_out', 'gdpr', 'consent', 'cart',
]);

/** A name that says nothing about its vendor on its own (see the notes at the top). */
export function isGenericName(name, platformCount) {
  return platformCount > 1 || name.length <= 2 || GENERIC_WORDS.has(name);
}

/** The domains in the database's Domain cell (`.adnxs.com`, `adform.net (3rd party)`, `a.com or b.com`), lower case, without a leading dot. */
export function domainsOf(cell) {
  return [...new Set(cell.toLowerCase().split(/[\s,;/]+/)
    .map((token) => token.replace(/^\.+/, '').replace(/\.+$/, ''))
    .filter((token) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(token)))];
}

// One letter per category in the generated records.
const CATEGORY_CODES = new Map([
  ['Analytics', 'a'],
  ['Marketing', 'd'],
  ['Functional', 'f'],
  ['Personalization', 'f'],
  ['Necessary', 'f'],
  ['Security', 'n'],
]);

/** RFC 4180: fields separated by commas, optionally in double quotes with `""` for a quote. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.length === 0) quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => cells.length > 1 || cells[0] !== '');
}

const UNIT_PATTERN = /^(\d+)\s*(seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)(?:\s+after last activity|\s*\([^)]*\)|,? by default, modifiable)?$/;
const SESSION_WORDS = new Set(['session', 'sessions', 'session cookie', 'end of session (browser)', 'seesion']);

/** Free-text retention to an ISO 8601 duration (`P13M`, `PT30M`) or `session`; undefined when vague. */
export function normaliseRetention(text) {
  const lower = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (SESSION_WORDS.has(lower)) return 'session';
  const match = UNIT_PATTERN.exec(lower);
  if (match === null || Number(match[1]) === 0) return undefined;
  const amount = Number(match[1]);
  const unit = match[2];
  if (unit.startsWith('sec')) return `PT${amount}S`;
  if (unit.startsWith('min')) return `PT${amount}M`;
  if (unit.startsWith('hour')) return `PT${amount}H`;
  if (unit.startsWith('day')) return `P${amount}D`;
  if (unit.startsWith('week')) return `P${amount}W`;
  if (unit.startsWith('month')) return `P${amount}M`;
  return `P${amount}Y`;
}

function readEntries(rows) {
  const [header, ...body] = rows;
  if (JSON.stringify(header) !== JSON.stringify(EXPECTED_HEADER)) throw new Error(`unexpected CSV header: ${JSON.stringify(header)}`);
  const skipped = { noPlatform: 0, category: 0, shortPrefix: 0, deniedPrefix: 0, badName: 0, conflicting: 0 };
  const groups = new Map(); // `${kind}\u0000${name}` -> entries
  const add = (kind, name, platform, category, retention, domains = []) => {
    const key = `${kind}\u0000${name}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push({ kind, name, platform, category, retention, domains });
  };
  for (const cells of body) {
    const [, platformCell = '', categoryCell = '', nameCell = '', domainCell = '', , retentionCell = '', , , wildcardCell = ''] = cells;
    let name = nameCell.trim();
    let kind = wildcardCell.trim() === '1' ? 'prefix' : 'exact';
    if (name.endsWith('*')) {
      name = name.replace(/\*+$/, '');
      kind = 'prefix';
    }
    // Cookie names hold no control characters or commas; the generated records use `;|,` as separators.
    if (name.length === 0 || /[\u0000-\u001f\u007f;|,]/.test(name)) {
      skipped.badName++;
      continue;
    }
    const override = PLATFORM_OVERRIDES.find((candidate) => candidate.test(name));
    const platform = override?.platform ?? platformCell.trim();
    if (platform.length === 0) {
      skipped.noPlatform++;
      continue;
    }
    if (/[;|:]/.test(platform)) throw new Error(`platform name with a separator: ${platform}`);
    const category = CATEGORY_CODES.get(categoryCell.trim());
    if (category === undefined) {
      skipped.category++;
      continue;
    }
    if (kind === 'prefix' && name.length < MIN_PREFIX_LENGTH) {
      skipped.shortPrefix++;
      continue;
    }
    if (kind === 'prefix' && DENIED_PREFIXES.has(name)) {
      skipped.deniedPrefix++;
      continue;
    }
    const retention = normaliseRetention(retentionCell);
    add(kind, name, platform, category, retention, domainsOf(domainCell));
    const extra = kind === 'exact' ? EXTRA_PREFIXES.get(name) : undefined;
    if (extra !== undefined) add('prefix', extra, platform, category, retention);
  }

  const entries = [];
  const generic = [];
  for (const group of groups.values()) {
    const [head] = group;
    if (head.kind === 'exact' && isGenericName(head.name, new Set(group.map((entry) => entry.platform)).size)) {
      // One entry per platform, each with its own category and domains: the domain decides.
      const byPlatform = new Map();
      for (const entry of group) {
        const known = byPlatform.get(entry.platform);
        if (known === undefined) byPlatform.set(entry.platform, { ...entry, domains: [...entry.domains] });
        else known.domains = [...new Set([...known.domains, ...entry.domains])];
      }
      generic.push(...byPlatform.values());
      continue;
    }
    const categories = new Set(group.map((entry) => entry.category));
    if (categories.size > 1) {
      skipped.conflicting++;
      continue;
    }
    const platforms = [...new Set(group.map((entry) => entry.platform))];
    const retentions = new Set(group.map((entry) => entry.retention));
    const [first] = group;
    entries.push({ kind: first.kind, name: first.name, platform: platforms.join(' / '), category: first.category, retention: retentions.size === 1 ? first.retention : undefined });
  }
  return { entries, generic, skipped };
}

// Separators of the generated records. No cookie name in the data contains one (a comma is not
// even allowed in a cookie name), and readEntries drops any name or platform that would.
const PLATFORM_SEPARATOR = ';';
const GROUP_SEPARATOR = '|';
const NAME_SEPARATOR = ',';
const HEADER_END = ':';

/**
 * One record per platform: `Platform|<group>|<group>` with records joined by `;`. A group is
 * `<kind><category>[<retention>]:<name>,<name>,…` where kind is `e` (exact) or `p` (prefix), the
 * category a letter and the retention an index into OCD_RETENTIONS in base 36. Grouping shares
 * the platform and category among names, which keeps the data small in the popup.
 */
function render(entries, generic, source) {
  const retentions = [...new Set([...entries, ...generic].map((entry) => entry.retention).filter((retention) => retention !== undefined))].sort();
  const retentionIndex = new Map(retentions.map((retention, index) => [retention, index]));
  const byPlatform = new Map();
  for (const entry of entries) {
    const header = `${entry.kind === 'exact' ? 'e' : 'p'}${entry.category}${entry.retention === undefined ? '' : retentionIndex.get(entry.retention).toString(36)}`;
    if (!byPlatform.has(entry.platform)) byPlatform.set(entry.platform, new Map());
    const groups = byPlatform.get(entry.platform);
    if (!groups.has(header)) groups.set(header, []);
    groups.get(header).push(entry.name);
  }
  const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const records = [...byPlatform.keys()].sort(compare).map((platform) => {
    const groups = byPlatform.get(platform);
    const encoded = [...groups.keys()].sort(compare).map((header) => `${header}${HEADER_END}${groups.get(header).sort(compare).join(NAME_SEPARATOR)}`);
    return [platform, ...encoded].join(GROUP_SEPARATOR);
  });
  const headerOf = (entry) => `e${entry.category}${entry.retention === undefined ? '' : retentionIndex.get(entry.retention).toString(36)}`;
  const genericRows = [...generic]
    .sort((a, b) => compare(a.name, b.name) || compare(a.platform, b.platform))
    .map((entry) => [entry.name, entry.platform, headerOf(entry), [...entry.domains].sort(compare)]);
  return `// GENERATED by scripts/gen-ocd-facts.mjs: do not edit by hand; run \`node scripts/gen-ocd-facts.mjs\`.
//
// Data from the Open Cookie Database, https://github.com/jkwakman/Open-Cookie-Database
// (${source}), copyright its contributors, licensed under the Apache License, Version 2.0
// (https://www.apache.org/licenses/LICENSE-2.0). See THIRD_PARTY_NOTICES.md.
//
// Changed from the original: only cookie names, platforms, categories and retention periods are
// kept (no descriptions, controllers or links; domains only for generic names); categories are mapped onto Cookie Lens's
// four; retention periods are normalised to ISO 8601 durations or \`session\`, and left out when
// vague; too-short wildcard prefixes, conflicting duplicates and rows without a platform are
// dropped; the platforms of \`_mkto_trk\` (Marketo) and \`ajs_*\` (Segment) are corrected.
//
// Layout (read by src/explain/name-facts.ts): records joined by \`${PLATFORM_SEPARATOR}\`, one per platform:
// \`Platform${GROUP_SEPARATOR}<group>${GROUP_SEPARATOR}<group>\`. A group is \`<kind><category>[<retention>]${HEADER_END}<name>${NAME_SEPARATOR}<name>…\`:
// kind e (exact name) or p (prefix); category a (analytics), d (advertising), f (functional) or
// n (necessary); retention an index into OCD_RETENTIONS in base 36, absent when unknown.
//
// Generic names (a name listed for several platforms, of one or two characters, or an ordinary
// word such as \`sessionid\`, \`token\`, \`lang\`; see scripts/gen-ocd-facts.mjs) are not in
// OCD_FACTS but in OCD_GENERIC: \`[name, platform, header, domains]\`, one row per platform, the
// header as above. Such a name is attributed only to a cookie on one of the platform's domains.

export const OCD_MIN_PREFIX_LENGTH = ${MIN_PREFIX_LENGTH};

export const OCD_RETENTIONS: readonly string[] = ${JSON.stringify(retentions)};

export const OCD_FACTS = ${JSON.stringify(records.join(PLATFORM_SEPARATOR))};

export const OCD_GENERIC: readonly (readonly [name: string, platform: string, header: string, domains: readonly string[]])[] = ${JSON.stringify(genericRows)};
`;
}

async function main() {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const dataDir = args.find((arg) => !arg.startsWith('--')) ?? path.resolve(root, 'data', 'open-cookie-database');
  const csv = await readFile(path.join(dataDir, 'open-cookie-database.csv'), 'utf8');
  const sourceNote = await readFile(path.join(dataDir, 'SOURCE.md'), 'utf8').catch(() => '');
  const commit = /commit ([0-9a-f]{7,40}) \((\d{4}-\d{2}-\d{2})\)/.exec(sourceNote);
  const source = commit === null ? 'commit unknown' : `commit ${commit[1]} of ${commit[2]}`;
  const { entries, generic, skipped } = readEntries(parseCsv(csv.replace(/^\uFEFF/, '')));
  const output = render(entries, generic, source);
  if (check) {
    const committed = await readFile(OUTPUT, 'utf8').catch(() => '');
    if (committed !== output) {
      console.error(`${path.relative(root, OUTPUT)} is out of date: run node scripts/gen-ocd-facts.mjs`);
      process.exit(1);
    }
    console.log(`${path.relative(root, OUTPUT)} is up to date`);
    return;
  }
  await writeFile(OUTPUT, output);
  const exact = entries.filter((entry) => entry.kind === 'exact').length;
  console.log(`wrote ${path.relative(root, OUTPUT)}: ${exact} names, ${entries.length - exact} prefixes, ${generic.length} generic name rows; skipped ${JSON.stringify(skipped)}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
