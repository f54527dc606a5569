// The pure part of the background's cookies.onChanged hot path (src/background/enforce.ts and
// badge.ts): whose cookie it is, which open tabs show that site, and whether a rule applies. Kept
// here, free of browser code, so `npm run bench` times exactly the logic every event runs.
import type { CookieRecord } from '../model/cookie.ts';
import { ruleIsActive, type RuleIndex, type SiteRule } from './rules.ts';

/** The host a cookie belongs to for rule lookup: its partition's top-level site when partitioned. */
export function ownerHost(cookie: Pick<CookieRecord, 'domain' | 'partitionKey'>): string {
  const top = cookie.partitionKey?.topLevelSite;
  if (top !== undefined) {
    const start = top.indexOf('://');
    return start === -1 ? top : top.slice(start + 3).replace(/:\d+$/, '');
  }
  return cookie.domain.charCodeAt(0) === 46 ? cookie.domain.slice(1) : cookie.domain;
}

/** True when a tab showing `tabHost` is affected by a cookie owned by `owner` (same host, a parent or a child). */
export function tabShowsOwner(tabHost: string, owner: string): boolean {
  return tabHost === owner || tabHost.endsWith(`.${owner}`) || owner.endsWith(`.${tabHost}`);
}

/** The rule in force for a host: the index's rule when it asks for something, else undefined. */
export function activeRuleFor(index: RuleIndex, host: string): SiteRule | undefined {
  const rule = index.ruleForDomain(host);
  return rule !== undefined && ruleIsActive(rule) ? rule : undefined;
}
