// Blocking HubSpot's tracking hosts for one site (declarativeNetRequest), and watching the requests
// a page sends to them (webRequest, observe only) so the popup can show whether a choice holds.
import { browser, isFirefox } from './api.ts';
import type { DeclarativeNetRequest } from './api.ts';
import type { NetworkSpec } from '../core/vendor-rules.ts';
import { stoppedByBlocking } from './stopped-requests.ts';

// Every change to the dynamic rules goes through one queue: each picks its new rule ids from the
// rules it reads, so two reconciles at once (an action's and the one its storage write triggers)
// would otherwise pick the same id and Chromium refuses the second.
let ruleUpdates: Promise<unknown> = Promise.resolve();
function queued(change: () => Promise<void>): Promise<void> {
  const run = ruleUpdates.then(change);
  ruleUpdates = run.catch(() => undefined);
  return run;
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
  if (spec.kind === 'strip-links') {
    // A top-level or frame navigation to the site (or a subdomain) whose query holds one of the
    // parameters goes to the same address without them. The fragment never reaches the network;
    // the reset handles it.
    return [{
      priority: 1,
      action: { type: 'redirect', redirect: { transform: { queryTransform: { removeParams: [...spec.params] } } } },
      condition: { requestDomains: [spec.site], regexFilter: spec.pattern, resourceTypes: ['main_frame', 'sub_frame'] },
    }];
  }
  if (spec.kind === 'block') {
    return [{
      priority: 1,
      action: { type: 'block' },
      condition: {
        ...(spec.requestDomains === undefined ? {} : { requestDomains: [...spec.requestDomains] }),
        initiatorDomains: [spec.site],
        ...(spec.regexFilter === undefined ? {} : { regexFilter: spec.regexFilter }),
      },
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

/** Observes requests matching the patterns that a blocking rule stopped (stoppedByBlocking). */
export function observeBlockedRequests(urlPatterns: readonly string[], listener: (request: TrackingRequest) => void): void {
  browser.webRequest.onErrorOccurred.addListener(
    (details) => {
      if (!stoppedByBlocking(details.error)) return;
      const initiator = isFirefox ? (details.documentUrl ?? details.originUrl) : (details as { initiator?: string }).initiator;
      listener({ url: details.url, tabId: details.tabId, initiator, timeStamp: details.timeStamp });
    },
    { urls: [...urlPatterns] },
  );
}
