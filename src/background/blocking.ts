// The declarativeNetRequest rules follow the rules in force (the visitor's and the
// organisation's): every blocked vendor's hosts and Global Privacy Control, per site, and the
// redirects that strip HubSpot's identity from links to the sites that ask for it.
import { reconcileNetworkRules } from '../browser/network.ts';
import { ruleIsActive } from '../core/rules.ts';
import { IDENTITY_URL_PARAMS } from '../core/hubspot-sets.ts';
import { IDENTITY_QUERY_PATTERN, linkStrippingSites } from '../core/url-identity.ts';
import { networkSpecs, type NetworkSpec } from '../core/vendor-rules.ts';
import { loadEffectiveRules, loadStore } from './settings.ts';

/** Brings the network rules in line with the stored rules; resolves once they are in place. */
export async function syncNetworkRules(): Promise<void> {
  const rules = await loadEffectiveRules();
  // A store that cannot be read strips no links; the blocking rules still follow the rules in force.
  const stripLinks = await loadStore().then((store) => store.stripLinks, () => ({}));
  const stripping: NetworkSpec[] = linkStrippingSites(stripLinks, rules)
    .map((site) => ({ kind: 'strip-links', site, params: [...IDENTITY_URL_PARAMS], pattern: IDENTITY_QUERY_PATTERN }));
  await reconcileNetworkRules([...networkSpecs(Object.values(rules).filter(ruleIsActive)), ...stripping]);
}
