// The visitor's per-site choices, and the index the background consults on every cookie change.
// The index is built once from the stored rules (rebuilt when they change), so an event for a
// site without a rule costs a few Map probes and never a storage read.

import type { CookieRecord } from '../model/cookie.ts';
import { TRACKER_VENDORS } from './vendors.ts';

export type OptOutLevel = 'off' | 'cookies' | 'block';

export const OPT_OUT_LEVELS: readonly OptOutLevel[] = ['off', 'cookies', 'block'];

/**
 * The consent and do-not-track cookies of a site as they were before a rule first changed them,
 * in the cookie store and on the host where that happened: switching the rule off puts them back.
 */
export interface EarlierChoices {
  readonly storeId: string;
  readonly host: string;
  /** The cookie names kept; a name without a cookie in `cookies` had none, and is removed again. */
  readonly names: readonly string[];
  readonly cookies: readonly CookieRecord[];
}

/** A rule's earlier choice cookies, keyed by cookie store id (each entry's `storeId`). */
export type EarlierByStore = Readonly<Record<string, EarlierChoices>>;

export interface SiteRule {
  /** Registrable domain, e.g. `example.com` (see siteFromUrl). */
  readonly site: string;
  readonly doNotTrack: boolean;
  readonly optOut: OptOutLevel;
  /** Milliseconds since the epoch when the visitor made this choice. */
  readonly since: number;
  /** Set by an administrator's policy: the visitor cannot change or import over it. */
  readonly managed?: boolean;
  /**
   * What was there before, per cookie store the rule acted in (keyed by store id); absent for
   * rules from before version 2 of the settings and managed ones.
   */
  readonly earlier?: EarlierByStore;
  /**
   * The visitor's own choice per tracker vendor (src/core/vendors.ts ids) on this site: `block`
   * by its "Block <vendor>" switch, `allow` to keep it while the site is opted out.
   */
  readonly vendors?: Readonly<Record<string, VendorChoice>>;
  /** Send Global Privacy Control (the Sec-GPC header and navigator.globalPrivacyControl) to the site. */
  readonly gpc?: boolean;
  /**
   * False when the site showed other trackers' cookies and none of HubSpot's when the visitor
   * opted out: opting out then writes no HubSpot cookies there (HubSpot's do-not-track and
   * consent mean nothing on a site without HubSpot).
   */
  readonly hubspot?: boolean;
}

export type VendorChoice = 'block' | 'allow';

/** A rule that asks for something; a rule with everything off needs no enforcement. */
export function ruleIsActive(rule: SiteRule): boolean {
  return rule.doNotTrack || rule.optOut !== 'off' || rule.gpc === true || hasVendorBlock(rule);
}

function hasVendorBlock(rule: SiteRule): boolean {
  if (rule.vendors === undefined) return false;
  for (const choice of Object.values(rule.vendors)) if (choice === 'block') return true;
  return false;
}

/**
 * Whether a vendor's requests are blocked and its identity cookies kept away on the rule's
 * site: its own switch when the visitor set one; otherwise every vendor is while the site is
 * opted out, except HubSpot, whose opt-out is do-not-track first and blocking only at `block`.
 */
export function vendorBlocked(rule: SiteRule, vendor: string): boolean {
  const choice = rule.vendors !== undefined && Object.hasOwn(rule.vendors, vendor) ? rule.vendors[vendor] : undefined;
  if (choice !== undefined) return choice === 'block';
  if (vendor === 'hubspot') return rule.optOut === 'block';
  return rule.optOut !== 'off';
}

/**
 * The trackers the visitor set a switch for on the rule's site, in the facts table's order:
 * blocked by their own switch, and kept working although the site is opted out. Vendors the
 * rule blocks only through opt-out are not listed: the opt-out level says that.
 */
export function ruleVendorChoices(rule: Pick<SiteRule, 'vendors'>): { readonly blocked: readonly string[]; readonly allowed: readonly string[] } {
  const choices = rule.vendors ?? {};
  const order = TRACKER_VENDORS.map((vendor): string => vendor.id);
  const listed = Object.keys(choices).sort((a, b) => rank(order, a) - rank(order, b));
  return { blocked: listed.filter((vendor) => choices[vendor] === 'block'), allowed: listed.filter((vendor) => choices[vendor] === 'allow') };
}

/** Known vendors in their order, unknown ones (from a newer version's file) after them. */
function rank(order: readonly string[], vendor: string): number {
  const at = order.indexOf(vendor);
  return at === -1 ? order.length : at;
}

export class RuleIndex {
  readonly #bySite: ReadonlyMap<string, SiteRule>;
  /**
   * True when some rule keeps a tracker vendor away (opt-out or a vendor's own switch): only then
   * do other vendors' cookie names need a look on the hot path.
   */
  readonly blocksVendors: boolean;

  constructor(rules: Iterable<SiteRule>) {
    const bySite = new Map<string, SiteRule>();
    let blocksVendors = false;
    for (const rule of rules) {
      bySite.set(rule.site, rule);
      if (rule.optOut !== 'off' || hasVendorBlock(rule)) blocksVendors = true;
    }
    this.#bySite = bySite;
    this.blocksVendors = blocksVendors;
  }

  get size(): number {
    return this.#bySite.size;
  }

  /**
   * The rule for a cookie domain (`.www.example.com`) or a host (`www.example.com`): the domain
   * itself, then each shorter label suffix, one Map probe each. Inputs are browser-canonical
   * (lower case), so no normalisation and no Public Suffix List lookup is needed: rules are keyed
   * by registrable domain, and the walk reaches it.
   */
  ruleForDomain(domainOrHost: string): SiteRule | undefined {
    if (this.#bySite.size === 0) return undefined;
    let start = domainOrHost.charCodeAt(0) === 46 /* . */ ? 1 : 0;
    while (start < domainOrHost.length) {
      const rule = this.#bySite.get(start === 0 ? domainOrHost : domainOrHost.slice(start));
      if (rule !== undefined) return rule;
      const dot = domainOrHost.indexOf('.', start);
      if (dot === -1) return undefined;
      start = dot + 1;
    }
    return undefined;
  }
}

/**
 * Cookie names whose change can break an active rule: the ones opt-out deletes and the ones
 * do-not-track and opt-out write. Any other change is ignored before the index is consulted.
 */
const ENFORCED_NAMES: ReadonlySet<string> = new Set([
  '__hstc',
  'hubspotutk',
  '__hssc',
  '__hssrc',
  '__hs_do_not_track',
  '__hs_cookie_cat_pref',
  '__hs_opt_out',
]);

export function isTrackedCookieName(name: string): boolean {
  return ENFORCED_NAMES.has(name);
}
