// The toolbar badge: how many tracking cookies the tab's site has (nothing when none), or, on a
// site the visitor opted out of, whether that choice is holding (✓) or not (!).
import { siteFromUrl } from '../core/site.ts';
import { isTrackingCookieName } from '../core/tracking-names.ts';
import { ANALYTICS_COOKIES } from '../core/hubspot-sets.ts';
import { ruleIsActive } from '../core/rules.ts';
import { tabShowsOwner } from '../core/cookie-change.ts';
import { holdingView } from '../core/verification.ts';
import { evidenceOrNone } from '../storage/evidence.ts';
import type { CookieRecord } from '../model/cookie.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { tabTarget } from '../browser/tabs.ts';
import { setBadge } from '../browser/action.ts';
import { EVIDENCE_KEY, readLocal } from '../browser/storage.ts';
import { browserTranslator } from '../browser/i18n.ts';
import { ruleIndex } from './settings.ts';
import { logError } from './log.ts';

const COLOURS = { count: '#5b6472', holding: '#166534', leaking: '#b45309' } as const;

// Hosts of the tabs whose badge may need a refresh when a tracking cookie changes. A cache only:
// after a worker restart it refills on the next navigation.
const tabHosts = new Map<number, string>();
const pending = new Map<number, ReturnType<typeof setTimeout>>();

export async function updateBadge(tabId: number): Promise<void> {
  const target = await tabTarget(tabId);
  const parsed = siteFromUrl(target?.url ?? '');
  if (target === null || !parsed.ok) {
    tabHosts.delete(tabId);
    return;
  }
  const site = parsed.site;
  tabHosts.set(tabId, site.host);
  const [cookies, index] = await Promise.all([readSiteCookies(site, target.storeId), ruleIndex()]);
  const tracking = cookies.filter((cookie: CookieRecord) => isTrackingCookieName(cookie.name)).length;
  const rule = index.ruleForDomain(site.host);
  const t = browserTranslator();
  if (rule !== undefined && ruleIsActive(rule) && rule.optOut !== 'off') {
    const view = holdingView(evidenceOrNone(await readLocal(EVIDENCE_KEY)), rule.site, target.storeId, rule.since);
    const analyticsLeft = cookies.some((cookie) => ANALYTICS_COOKIES.has(cookie.name));
    const leaking = analyticsLeft || (view.watched && view.count.trackingRequests > 0);
    // ✓ only for what was watched; with nothing counted yet the badge shows the plain count.
    if (leaking || view.watched) {
      await setBadge(tabId, leaking ? '!' : '✓', leaking ? COLOURS.leaking : COLOURS.holding, t(leaking ? 'badge_leaking' : 'badge_holding', [site.registrableDomain]));
      return;
    }
  }
  await setBadge(tabId, tracking === 0 ? '' : String(tracking), COLOURS.count, tracking === 0 ? t('extName') : t('badge_count', [String(tracking), site.registrableDomain]));
}

/** Refreshes a tab's badge a moment later, once per burst of changes. */
export function scheduleBadge(tabId: number, delayMs = 300): void {
  const existing = pending.get(tabId);
  if (existing !== undefined) clearTimeout(existing);
  pending.set(tabId, setTimeout(() => {
    pending.delete(tabId);
    updateBadge(tabId).catch((error: unknown) => logError(`updating the badge of tab ${tabId}`, error));
  }, delayMs));
}

/** A cookie changed: refresh the badges of tabs on that cookie's site (tracking cookies only). */
export function badgeCookieChanged(name: string, ownerHost: string): void {
  if (tabHosts.size === 0 || !isTrackingCookieName(name)) return;
  for (const [tabId, host] of tabHosts) {
    if (tabShowsOwner(host, ownerHost)) scheduleBadge(tabId);
  }
}

export function forgetTab(tabId: number): void {
  tabHosts.delete(tabId);
  const timer = pending.get(tabId);
  if (timer !== undefined) clearTimeout(timer);
  pending.delete(tabId);
}
