// Settings an organisation sets by policy (Chrome: the 3rdparty extension policy described by
// managed-schema.json; Firefox: policies.json "3rdparty" → "Extensions"). Managed rules win over
// the visitor's own for the same site, are marked `managed`, and cannot be changed or removed here.
import type { OptOutLevel, SiteRule } from './rules.ts';

export interface ManagedPolicy {
  /** Registrable domains to opt out of, at `defaultOptOutLevel`. */
  readonly optOutSites: readonly string[];
  /** Registrable domains where do-not-track is switched on. */
  readonly doNotTrackSites: readonly string[];
  readonly defaultOptOutLevel: Exclude<OptOutLevel, 'off'>;
  /** When true, a reset removes only the visitor-identity cookies: no consent, no ticked extras. */
  readonly lockResetScope: boolean;
  /**
   * Registrable domains whose tracking cookies are cleaned up when their last tab closes
   * (src/core/cleanup.ts); the visitor cannot remove these. Independent of the rules above.
   */
  readonly cleanUpSites: readonly string[];
}

export const NO_POLICY: ManagedPolicy = { optOutSites: [], doNotTrackSites: [], defaultOptOutLevel: 'cookies', lockResetScope: false, cleanUpSites: [] };

// A host name as a policy may write it: labels of letters, digits and hyphens (IDNs in punycode).
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function siteList(raw: unknown, key: string, problems: string[]): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    problems.push(`${key} is not a list`);
    return [];
  }
  const sites: string[] = [];
  for (const entry of raw) {
    // Administrators write "*.example.com" or ".example.com" as often as "example.com".
    const site = typeof entry === 'string' ? entry.trim().toLowerCase().replace(/^\*?\./, '') : '';
    if (DOMAIN.test(site)) sites.push(site);
    else problems.push(`${key}: ${JSON.stringify(entry)} is not a domain`);
  }
  return sites;
}

/** Reads whatever storage.managed holds; invalid entries are reported and skipped, never fatal. */
export function parseManagedPolicy(raw: unknown): { policy: ManagedPolicy; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { policy: NO_POLICY, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { policy: NO_POLICY, problems: ['the managed settings are not an object'] };
  const record: Record<string, unknown> = { ...raw };
  const level = record.defaultOptOutLevel;
  if (level !== undefined && level !== 'cookies' && level !== 'block') problems.push(`defaultOptOutLevel ${JSON.stringify(level)} is not "cookies" or "block"`);
  const lock = record.lockResetScope;
  if (lock !== undefined && typeof lock !== 'boolean') problems.push('lockResetScope is not true or false');
  return {
    policy: {
      optOutSites: siteList(record.optOutSites, 'optOutSites', problems),
      doNotTrackSites: siteList(record.doNotTrackSites, 'doNotTrackSites', problems),
      defaultOptOutLevel: level === 'block' ? 'block' : 'cookies',
      lockResetScope: lock === true,
      cleanUpSites: siteList(record.cleanUpSites, 'cleanUpSites', problems),
    },
    problems,
  };
}

/** The rules a policy asks for, one per site. */
export function managedRules(policy: ManagedPolicy): SiteRule[] {
  const bySite = new Map<string, SiteRule>();
  for (const site of policy.doNotTrackSites) bySite.set(site, { site, doNotTrack: true, optOut: 'off', since: 0, managed: true });
  for (const site of policy.optOutSites) {
    bySite.set(site, { site, doNotTrack: bySite.has(site), optOut: policy.defaultOptOutLevel, since: 0, managed: true });
  }
  return [...bySite.values()];
}

/** The visitor's rules with the policy's laid over them: a managed rule replaces a user rule for its site. */
export function effectiveRules(userRules: Readonly<Record<string, SiteRule>>, policy: ManagedPolicy): Record<string, SiteRule> {
  const rules: Record<string, SiteRule> = { ...userRules };
  for (const rule of managedRules(policy)) rules[rule.site] = rule;
  return rules;
}

/**
 * The policy an action uses without waiting. Chromium answers the first storage.managed read of a
 * browser session only after seconds, and a switch must act at once: the policy read at worker
 * start when it has arrived, else the copy last shared in this browser session, else none. The
 * background re-checks when the read arrives (managed rules are laid over the visitor's then).
 */
export function policyToActOn(loaded: ManagedPolicy | null, lastShared: ManagedPolicy | null): { readonly policy: ManagedPolicy; readonly settled: boolean } {
  if (loaded !== null) return { policy: loaded, settled: true };
  return { policy: lastShared ?? NO_POLICY, settled: false };
}

/**
 * Whether a reset must wait for the policy: only when the visitor asked for more than the
 * identity cookies and the policy, which can lock a reset to them, is not known yet. The usual
 * reset never waits.
 */
export function resetWaitsForPolicy(settled: boolean, includeConsent: boolean, alsoRemove: readonly unknown[]): boolean {
  return !settled && (includeConsent || alsoRemove.length > 0);
}

/** True when the policy sets a rule for the site: the visitor cannot change it. */
export function isManagedSite(policy: ManagedPolicy, site: string): boolean {
  return policy.optOutSites.includes(site) || policy.doNotTrackSites.includes(site);
}
