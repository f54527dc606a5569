// "Send Global Privacy Control to this site": stores the choice in the site's rule; the network
// rule (Sec-GPC header) and the page script (navigator.globalPrivacyControl) follow it, from the
// next request and the next page the site loads.
import type { ActionOutcome } from '../protocol/messages.ts';
import { nextGpcChoice } from '../core/page-scripts.ts';
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
