// The scripts Cookie Lens runs in the pages of ruled sites, in the page's own ("main") world at
// document_start, and which sites get each: Global Privacy Control (`navigator.globalPrivacyControl`)
// where the rule sends it, and HubSpot identity taken out of the addresses the page writes itself
// (history.pushState/replaceState, and the address it arrived on) where links are stripped. Pure;
// the background registers them (src/browser/page-scripts.ts) and keeps them in line with the rules.
import { ruleIsActive, type OptOutLevel, type SiteRule } from './rules.ts';

/** One registered page script: its id, its file in the built extension and the pages it runs in. */
export interface PageScriptSpec {
  readonly id: PageScriptId;
  readonly file: string;
  /** Match patterns, sorted; never empty (a script for no site is not registered). */
  readonly matches: readonly string[];
}

export const GPC_SCRIPT = { id: 'cookie-lens-gpc', file: 'page-gpc.js' } as const;
export const STRIP_IDENTITY_SCRIPT = { id: 'cookie-lens-strip-identity', file: 'page-strip-identity.js' } as const;
export type PageScriptId = typeof GPC_SCRIPT.id | typeof STRIP_IDENTITY_SCRIPT.id;
/** Every id Cookie Lens registers: the reconcile removes any of these not wanted, and touches no other. */
export const PAGE_SCRIPT_IDS: readonly PageScriptId[] = [GPC_SCRIPT.id, STRIP_IDENTITY_SCRIPT.id];

/**
 * Whether the site is sent Global Privacy Control. Opting out turns it on (the standard way to
 * say "do not sell or share", which many consent managers and HubSpot's 2024 banner read); the
 * visitor's own switch wins either way: `gpc: false` keeps it off while opted out, `gpc: true`
 * sends it without opting out.
 */
export function gpcOn(rule: Pick<SiteRule, 'optOut' | 'gpc'>): boolean {
  return rule.gpc ?? rule.optOut !== 'off';
}

/**
 * What to store after the visitor flips the GPC switch: nothing (null) when the wish is what
 * opt-out gives anyway, so it keeps following opt-out; otherwise the explicit choice.
 */
export function nextGpcChoice(optOut: OptOutLevel, on: boolean): boolean | null {
  return on === (optOut !== 'off') ? null : on;
}

/**
 * True when Global Privacy Control is all the rule asks: it asks the site not to sell or share,
 * and stops no tracking request, so there is no "holding" to show for it.
 */
export function asksOnlyGpc(rule: SiteRule): boolean {
  const { gpc: _gpc, ...rest } = rule;
  return gpcOn(rule) && !ruleIsActive(rest);
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/**
 * The match patterns for a site's pages: the registrable domain and every subdomain, http and
 * https, any port (match patterns ignore ports). An address (IPv4) matches itself only; a name a
 * match pattern cannot express (IPv6, Unicode not in punycode) gets none, so one odd rule cannot
 * make the browser refuse the whole registration.
 */
export function sitePatterns(site: string): string[] {
  const host = site.toLowerCase();
  if (IPV4.test(host)) return [`*://${host}/*`];
  if (host.split('.').every((label) => LABEL.test(label))) return [`*://*.${host}/*`];
  return [];
}

function specFor(script: { readonly id: PageScriptId; readonly file: string }, sites: Iterable<string>): PageScriptSpec[] {
  const matches = [...new Set([...sites].flatMap(sitePatterns))].sort();
  return matches.length === 0 ? [] : [{ id: script.id, file: script.file, matches }];
}

/**
 * The page scripts the rules in force ask for: GPC on every site whose rule sends it, identity
 * stripping on every site whose links are stripped (`strippingSites`, from linkStrippingSites).
 */
export function pageScriptSpecs(rules: Iterable<SiteRule>, strippingSites: readonly string[]): PageScriptSpec[] {
  const gpcSites = [...rules].filter(gpcOn).map((rule) => rule.site);
  return [...specFor(GPC_SCRIPT, gpcSites), ...specFor(STRIP_IDENTITY_SCRIPT, strippingSites)];
}
