// "Holding" per vendor: requests from a ruled site's pages to a vendor it blocks, stopped by the
// blocking, counted per vendor (src/core/vendor-holding.ts, src/core/verification.ts).
import { activeRuleFor } from '../core/cookie-change.ts';
import { siteFromUrl } from '../core/site.ts';
import { blockedVendorOf } from '../core/vendor-holding.ts';
import { BLOCKABLE_REQUEST_PATTERNS } from '../core/vendors.ts';
import { observeBlockedRequests, type TrackingRequest } from '../browser/network.ts';
import { tabTarget } from '../browser/tabs.ts';
import { ruleIndex } from './settings.ts';
import { ensureBlockedCounting, noteBlockedRequest } from './verify.ts';
import { logError } from './log.ts';

/**
 * A stopped request: counted against the initiating site's rule when the rule blocks the request's
 * vendor. For a page of a site without a rule this is a URL parse and a few Map probes.
 */
export async function handleBlockedRequest(request: TrackingRequest): Promise<void> {
  if (request.initiator === undefined || request.tabId < 0) return;
  const initiator = siteFromUrl(request.initiator.endsWith('/') ? request.initiator : `${request.initiator}/`);
  if (!initiator.ok) return;
  const rule = activeRuleFor(await ruleIndex(), initiator.site.host);
  if (rule === undefined) return;
  const vendor = blockedVendorOf(rule, request.url);
  if (vendor === undefined) return;
  const target = await tabTarget(request.tabId);
  if (target === null) return;
  await noteBlockedRequest(rule.site, target.storeId, vendor, rule.since, request.timeStamp);
}

/** Registers the listener (top level of the worker) and starts counting, from now if never before. */
export function watchBlockedRequests(now: number): void {
  observeBlockedRequests(BLOCKABLE_REQUEST_PATTERNS, (request) => {
    handleBlockedRequest(request).catch((error: unknown) => logError('counting a blocked request', error));
  });
  void ensureBlockedCounting(now);
}
