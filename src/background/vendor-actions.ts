// The per-vendor switch: "Block <vendor> on this site". Stores the choice, brings the network
// rules in line, and removes the vendor's identity cookies when it is blocked.
import type { ActionOutcome } from '../protocol/messages.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { isTrackerVendorId } from '../core/vendors.ts';
import { nextVendorChoices, vendorCookiesToRemove } from '../core/vendor-rules.ts';
import { ruleOf } from '../storage/store.ts';
import { ActionError, applyChanges, saveRule, tabSite } from './site-actions.ts';
import { syncNetworkRules } from './blocking.ts';
import { loadStore } from './settings.ts';
import { resetVerification } from './verify.ts';

export async function setVendorBlock(tabId: number, vendor: string, blocked: boolean, now: number): Promise<ActionOutcome> {
  if (!isTrackerVendorId(vendor)) throw new ActionError({ code: 'bad-request', detail: `unknown vendor ${vendor}` });
  const { target, site } = await tabSite(tabId);
  const current = ruleOf(await loadStore(), site.registrableDomain);
  const { rule } = await saveRule(site.registrableDomain, { vendors: nextVendorChoices(current, vendor, blocked) }, now);
  await syncNetworkRules();
  const cookies = await readSiteCookies(site, target.storeId);
  const outcome = await applyChanges({ set: [], remove: rule === null ? [] : vendorCookiesToRemove(rule, cookies) });
  await resetVerification(site.registrableDomain, target.storeId, now);
  return { ...outcome, rule };
}
