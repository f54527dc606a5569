// The declarativeNetRequest rules and the registered page scripts follow the rules in force (the
// visitor's and the organisation's): every blocked vendor's hosts and Global Privacy Control, per
// site, and the redirects and page scripts that strip HubSpot's identity from addresses of the
// sites that ask for it. One reconcile for both, at worker start and on every change.
import { reconcileNetworkRules } from '../browser/network.ts';
import { reconcilePageScripts } from '../browser/page-scripts.ts';
import { ruleIsActive } from '../core/rules.ts';
import { IDENTITY_URL_PARAMS } from '../core/hubspot-sets.ts';
import { PAGE_SCRIPT_IDS, pageScriptSpecs } from '../core/page-scripts.ts';
import { IDENTITY_QUERY_PATTERN, linkStrippingSites } from '../core/url-identity.ts';
import { networkSpecs, type NetworkSpec } from '../core/vendor-rules.ts';
import { loadEffectiveRules, loadStore } from './settings.ts';

/** Brings the network rules and page scripts in line with the stored rules; resolves once both are in place. */
export async function syncNetworkRules(): Promise<void> {
  const rules = await loadEffectiveRules();
  // A store that cannot be read strips no links; the blocking rules still follow the rules in force.
  const stripLinks = await loadStore().then((store) => store.stripLinks, () => ({}));
  const strippingSites = linkStrippingSites(stripLinks, rules);
  const active = Object.values(rules).filter(ruleIsActive);
  const stripping: NetworkSpec[] = strippingSites
    .map((site) => ({ kind: 'strip-links', site, params: [...IDENTITY_URL_PARAMS], pattern: IDENTITY_QUERY_PATTERN }));
  await Promise.all([
    reconcileNetworkRules([...networkSpecs(active), ...stripping]),
    reconcilePageScripts(PAGE_SCRIPT_IDS, pageScriptSpecs(active, strippingSites)),
  ]);
}
