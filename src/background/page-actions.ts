// What the popup asks of the site's pages: "Send Global Privacy Control to this site", stored in
// the site's rule (the network rule's Sec-GPC header and the page script's
// navigator.globalPrivacyControl follow it, from the next request and page), and the other domains
// of the site's HubSpot portal, read from the page when the popup asks.
import type { ActionOutcome } from '../protocol/messages.ts';
import { nextGpcChoice } from '../core/page-scripts.ts';
import { portalDomainsOf, type PortalDomains } from '../core/portal-domains.ts';
import { readPortalDomainsSeen } from '../browser/page-scripts.ts';
import { ruleOf } from '../storage/store.ts';
import { saveRule, tabSite } from './site-actions.ts';
import { syncNetworkRules } from './blocking.ts';
import { loadStore } from './settings.ts';

export async function setGpc(tabId: number, on: boolean, now: number): Promise<ActionOutcome> {
  const { site } = await tabSite(tabId);
  const current = ruleOf(await loadStore(), site.registrableDomain);
  const { rule } = await saveRule(site.registrableDomain, { gpc: nextGpcChoice(current?.optOut ?? 'off', on) }, now);
  await syncNetworkRules();
  return { changed: 0, failed: [], rule };
}

export async function portalDomains(tabId: number): Promise<PortalDomains> {
  const { site } = await tabSite(tabId);
  return portalDomainsOf(await readPortalDomainsSeen(tabId), site.registrableDomain);
}
