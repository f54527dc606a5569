// The declarativeNetRequest rules follow the rules in force (the visitor's and the
// organisation's): every blocked vendor's hosts and Global Privacy Control, per site.
import { reconcileNetworkRules } from '../browser/network.ts';
import { ruleIsActive } from '../core/rules.ts';
import { networkSpecs } from '../core/vendor-rules.ts';
import { loadEffectiveRules } from './settings.ts';

/** Brings the network rules in line with the stored rules; resolves once they are in place. */
export async function syncNetworkRules(): Promise<void> {
  const rules = await loadEffectiveRules();
  await reconcileNetworkRules(networkSpecs(Object.values(rules).filter(ruleIsActive)));
}
