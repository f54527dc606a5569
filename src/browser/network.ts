// Blocking HubSpot's tracking hosts for one site (declarativeNetRequest), and watching the requests
// a page sends to them (webRequest, observe only) so the popup can show whether a choice holds.
import { browser, isFirefox } from './api.ts';
import type { DeclarativeNetRequest } from './api.ts';
import type { NetworkSpec } from '../core/vendor-rules.ts';

// Every change to the dynamic rules goes through one queue: each picks its new rule ids from the
// rules it reads, so two changes at once (an import's setSiteBlock and the reconcile its storage
// write triggers) would otherwise pick the same id and Chromium refuses the second.
let ruleUpdates: Promise<unknown> = Promise.resolve();
function queued(change: () => Promise<void>): Promise<void> {
  const run = ruleUpdates.then(change);
  ruleUpdates = run.catch(() => undefined);
  return run;
}

/** Session-scoped id range is not needed: dynamic rules persist, like the visitor's choice. */
export function setSiteBlock(site: string, hosts: readonly string[], on: boolean): Promise<void> {
  return queued(() => setSiteBlockNow(site, hosts, on));
}

async function setSiteBlockNow(site: string, hosts: readonly string[], on: boolean): Promise<void> {
  const existing = await browser.declarativeNetRequest.getDynamicRules();
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
  const existing = await browser.declarativeNetRequest.getDynamicRules();
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
 * Makes the dynamic rules exactly the given specs (src/core/vendor-rules.ts): rules already in
 * place are kept, others removed, missing ones added. Blocking is scoped to the site as
 * initiator; Global Privacy Control sets `Sec-GPC: 1` on the site's own requests and on
 * navigations to it.
 */
export function reconcileNetworkRules(specs: readonly NetworkSpec[]): Promise<void> {
  return queued(() => reconcileNetworkRulesNow(specs));
}

type RuleBody = Omit<DeclarativeNetRequest.Rule, 'id'>;

function bodiesOf(spec: NetworkSpec): RuleBody[] {
  if (spec.kind === 'block') {
    return [{
      priority: 1,
      action: { type: 'block' },
      condition: { requestDomains: [...spec.requestDomains], initiatorDomains: [spec.site], ...(spec.regexFilter === undefined ? {} : { regexFilter: spec.regexFilter }) },
    }];
  }
  const action: DeclarativeNetRequest.RuleActionType = {
    type: 'modifyHeaders',
    requestHeaders: [{ header: 'Sec-GPC', operation: 'set', value: '1' }],
  };
  return [
    { priority: 1, action, condition: { initiatorDomains: [spec.site] } },
    { priority: 1, action, condition: { requestDomains: [spec.site], resourceTypes: ['main_frame', 'sub_frame'] } },
  ];
}

/** A rule's identity for comparison: its action and condition, whatever id it has. */
function bodyKey(body: { readonly priority?: number; readonly action: unknown; readonly condition: unknown }): string {
  return JSON.stringify([body.priority ?? 1, body.action, body.condition]);
}

async function reconcileNetworkRulesNow(specs: readonly NetworkSpec[]): Promise<void> {
  const wanted = new Map<string, RuleBody>();
  for (const spec of specs) for (const body of bodiesOf(spec)) wanted.set(bodyKey(body), body);
  const existing = await browser.declarativeNetRequest.getDynamicRules();
  const removeRuleIds: number[] = [];
  for (const rule of existing) {
    const key = bodyKey(rule);
    if (wanted.has(key)) wanted.delete(key);
    else removeRuleIds.push(rule.id);
  }
  let nextId = existing.reduce((max, rule) => Math.max(max, rule.id), 0);
  const addRules = [...wanted.values()].map((body) => {
    nextId += 1;
    return { ...body, id: nextId };
  });
  if (removeRuleIds.length > 0 || addRules.length > 0) await browser.declarativeNetRequest.updateDynamicRules({ removeRuleIds, addRules });
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
