// Keeps each site's choice true in the background: when a page of the site commits, and whenever
// a cookie that a rule cares about changes. For sites without a rule an event costs a name check
// and a few Map probes (RuleIndex), never a storage read.
import { isTrackedCookieName, type RuleIndex, type SiteRule } from '../core/rules.ts';
import { activeRuleFor, ownerHost } from '../core/cookie-change.ts';
import { siteFromUrl, type SiteContext } from '../core/site.ts';
import { isTrackingBeacon } from '../core/hubspot-hosts.ts';
import { vendorOfIdentityCookie } from '../core/vendors.ts';
import { removeDetailsFor } from '../core/cookie-details.ts';
import type { CookieChange } from './cookie-reads.ts';
import { removeCookie } from '../browser/cookies.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { tabTarget } from '../browser/tabs.ts';
import type { TrackingRequest } from '../browser/network.ts';
import { loadedRuleIndex, ruleIndex } from './settings.ts';
import { applyChanges, choiceContext, keepEarlierForRule, planRuleEnforcement } from './site-actions.ts';
import { needsEarlier } from '../core/earlier-choices.ts';
import { noteCookieRefresh, noteTrackingRequest } from './verify.ts';
import { logError } from './log.ts';
import { badgeCookieChanged } from './badge.ts';
import { carriesQuarantinedId, quarantineActive } from './quarantine.ts';

// ---- Enforcement -------------------------------------------------------------------------------
// One run per site and store at a time; events arriving meanwhile ask for one more run after it,
// so a tracker rewriting its cookies every 100 ms costs at most one run in flight plus one queued.
const running = new Map<string, { again: boolean }>();

async function enforceSite(rule: SiteRule, site: SiteContext, storeId: string): Promise<void> {
  const key = `${storeId}|${site.host}`;
  const inFlight = running.get(key);
  if (inFlight !== undefined) {
    inFlight.again = true;
    return;
  }
  const state = { again: true };
  running.set(key, state);
  try {
    while (state.again) {
      state.again = false;
      const cookies = await readSiteCookies(site, storeId);
      const changes = planRuleEnforcement(rule, site, cookies, choiceContext(site, cookies, storeId, Date.now()));
      if (changes.set.length === 0 && changes.remove.length === 0) continue;
      // A rule set on the options page or imported: keep what was there before the first write.
      if (needsEarlier(rule, storeId)) await keepEarlierForRule(rule.site, { storeId, host: site.host, cookies });
      const { failed } = await applyChanges(changes);
      if (failed.length > 0) logError(`enforcing the rule for ${rule.site}`, failed);
    }
  } finally {
    running.delete(key);
  }
}

function onCookieChangeWithIndex(index: RuleIndex, change: CookieChange): void {
  const { cookie } = change;
  const now = Date.now();
  if (!change.removed && quarantineActive() && carriesQuarantinedId(cookie, now)) {
    void removeCookie(removeDetailsFor(cookie)).then((failure) => {
      if (failure !== null) logError('removing a re-written visitor id after a reset', failure);
    });
    return;
  }
  const host = ownerHost(cookie);
  const rule = activeRuleFor(index, host);
  if (rule === undefined) return;
  if (!change.removed && (cookie.name === '__hstc' || cookie.name === '__hssc')) {
    noteCookieRefresh(rule.site, cookie.storeId, cookie.name, rule.since, now);
  }
  const parsed = siteFromUrl(`https://${host}/`);
  if (parsed.ok) void enforceSite(rule, parsed.site, cookie.storeId).catch((error: unknown) => logError(`enforcing ${rule.site}`, error));
}

/**
 * Another vendor's identity cookie while some rule keeps vendors away. With no such rule (the
 * usual case) this is one property read; before the index has loaded, the name decides.
 */
function mayBeBlockedVendorCookie(name: string): boolean {
  const loaded = loadedRuleIndex();
  if (loaded !== null && !loaded.blocksVendors) return false;
  return vendorOfIdentityCookie(name) !== undefined;
}

/** cookies.onChanged: the hot path. Untracked names and unruled sites return at once. */
export function handleCookieChange(change: CookieChange): void {
  badgeCookieChanged(change.cookie.name, ownerHost(change.cookie));
  if (!isTrackedCookieName(change.cookie.name) && !quarantineActive() && !mayBeBlockedVendorCookie(change.cookie.name)) return;
  const index = ruleIndex();
  if (index instanceof Promise) {
    void index.then((loaded) => onCookieChangeWithIndex(loaded, change));
  } else {
    onCookieChangeWithIndex(index, change);
  }
}

/** webNavigation.onCommitted for top-level frames. */
export async function handleNavigation(tabId: number, url: string): Promise<void> {
  const parsed = siteFromUrl(url);
  if (!parsed.ok) return;
  const index = await ruleIndex();
  const rule = activeRuleFor(index, parsed.site.host);
  if (rule === undefined) return;
  const target = await tabTarget(tabId);
  if (target === null) return;
  await enforceSite(rule, parsed.site, target.storeId);
}

/**
 * A HubSpot tracking request (by its path, on any host): counted against the initiating site's
 * rule, if any. Sites without a rule cost a URL parse and a Map probe.
 */
export async function handleTrackingRequest(request: TrackingRequest): Promise<void> {
  if (request.initiator === undefined || request.tabId < 0 || !isTrackingBeacon(request.url)) return;
  const initiator = siteFromUrl(request.initiator.endsWith('/') ? request.initiator : `${request.initiator}/`);
  if (!initiator.ok) return;
  const index = await ruleIndex();
  const rule = activeRuleFor(index, initiator.site.host);
  if (rule === undefined) return;
  const host = new URL(request.url).hostname;
  const target = await tabTarget(request.tabId);
  if (target === null) return;
  await noteTrackingRequest(rule.site, target.storeId, host, rule.since, request.timeStamp);
}
