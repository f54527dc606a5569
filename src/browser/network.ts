// Blocking HubSpot's tracking hosts for one site (declarativeNetRequest), and watching the requests
// a page sends to them (webRequest, observe only) so the popup can show whether a choice holds.
import { browser, isFirefox } from './api.ts';

// Every change to the dynamic rules goes through one queue: each picks its new rule ids from the
// rules it reads, so two changes at once (an import's setSiteBlock and the reconcile its storage
// write triggers) would otherwise pick the same id and Chromium refuses the second.
let ruleUpdates: Promise<unknown> = Promise.resolve();
function queued(change: () => Promise<void>): Promise<void> {
  const run = ruleUpdates.then(change);
  ruleUpdates = run.catch(() => undefined);
  return run;
}

/**
 * Dynamic rule ids: blocking rules below LINK_RULE_BASE, link-stripping redirects from it up, so
 * each kind manages only its own rules.
 */
const LINK_RULE_BASE = 1_000_000;
type DynamicRule = Awaited<ReturnType<typeof browser.declarativeNetRequest.getDynamicRules>>[number];
const isBlockingRule = (rule: DynamicRule): boolean => rule.id < LINK_RULE_BASE;

/** Session-scoped id range is not needed: dynamic rules persist, like the visitor's choice. */
export function setSiteBlock(site: string, hosts: readonly string[], on: boolean): Promise<void> {
  return queued(() => setSiteBlockNow(site, hosts, on));
}

async function setSiteBlockNow(site: string, hosts: readonly string[], on: boolean): Promise<void> {
  const existing = (await browser.declarativeNetRequest.getDynamicRules()).filter(isBlockingRule);
  const mine = existing.filter((rule) => rule.condition.initiatorDomains?.length === 1 && rule.condition.initiatorDomains[0] === site);
  const nextId = existing.reduce((max, rule) => Math.max(max, rule.id), 0) + 1;
  await browser.declarativeNetRequest.updateDynamicRules({
    removeRuleIds: mine.map((rule) => rule.id),
    addRules: on
      ? [{ id: nextId, priority: 1, action: { type: 'block' }, condition: { requestDomains: [...hosts], initiatorDomains: [site] } }]
      : [],
  });
}

/** Makes the dynamic blocking rules exactly one per site in `sites` (added and removed as needed). */
export function reconcileBlocking(sites: readonly string[], hosts: readonly string[]): Promise<void> {
  return queued(() => reconcileBlockingNow(sites, hosts));
}

async function reconcileBlockingNow(sites: readonly string[], hosts: readonly string[]): Promise<void> {
  const existing = (await browser.declarativeNetRequest.getDynamicRules()).filter(isBlockingRule);
  const wanted = new Set(sites);
  const keep = new Set<string>();
  const removeRuleIds: number[] = [];
  for (const rule of existing) {
    const site = rule.condition.initiatorDomains?.length === 1 ? rule.condition.initiatorDomains[0] : undefined;
    if (site !== undefined && wanted.has(site) && !keep.has(site)) keep.add(site);
    else removeRuleIds.push(rule.id);
  }
  let nextId = existing.reduce((max, rule) => Math.max(max, rule.id), 0);
  const addRules = sites.filter((site) => !keep.has(site)).map((site) => {
    nextId += 1;
    return { id: nextId, priority: 1, action: { type: 'block' as const }, condition: { requestDomains: [...hosts], initiatorDomains: [site] } };
  });
  if (removeRuleIds.length > 0 || addRules.length > 0) await browser.declarativeNetRequest.updateDynamicRules({ removeRuleIds, addRules });
}

/**
 * Makes the link-stripping redirects exactly one per site in `sites`: a top-level or frame
 * navigation to the site (or a subdomain) whose query holds one of `params` is redirected to the
 * same address without them. The fragment never reaches the network; the reset handles it.
 */
export function reconcileLinkStripping(sites: readonly string[], params: readonly string[], pattern: string): Promise<void> {
  return queued(async () => {
    const existing = (await browser.declarativeNetRequest.getDynamicRules()).filter((rule) => !isBlockingRule(rule));
    const wanted = new Set(sites);
    const keep = new Set<string>();
    const removeRuleIds: number[] = [];
    for (const rule of existing) {
      const site = rule.condition.requestDomains?.length === 1 ? rule.condition.requestDomains[0] : undefined;
      if (site !== undefined && wanted.has(site) && !keep.has(site)) keep.add(site);
      else removeRuleIds.push(rule.id);
    }
    let nextId = existing.reduce((max, rule) => Math.max(max, rule.id), LINK_RULE_BASE - 1);
    const addRules = sites.filter((site) => !keep.has(site)).map((site) => {
      nextId += 1;
      return {
        id: nextId,
        priority: 1,
        action: { type: 'redirect' as const, redirect: { transform: { queryTransform: { removeParams: [...params] } } } },
        condition: { requestDomains: [site], regexFilter: pattern, resourceTypes: ['main_frame' as const, 'sub_frame' as const] },
      };
    });
    if (removeRuleIds.length > 0 || addRules.length > 0) await browser.declarativeNetRequest.updateDynamicRules({ removeRuleIds, addRules });
  });
}

export interface TrackingRequest {
  readonly url: string;
  readonly tabId: number;
  /** The page that caused the request (Chromium: initiator origin; Firefox: document URL). */
  readonly initiator: string | undefined;
  readonly timeStamp: number;
}

/** Observes requests matching the given URL patterns; never blocks or alters them. */
export function observeRequests(urlPatterns: readonly string[], listener: (request: TrackingRequest) => void): void {
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      const initiator = isFirefox ? (details.documentUrl ?? details.originUrl) : (details as { initiator?: string }).initiator;
      listener({ url: details.url, tabId: details.tabId, initiator, timeStamp: details.timeStamp });
      return undefined;
    },
    { urls: [...urlPatterns] },
  );
}
