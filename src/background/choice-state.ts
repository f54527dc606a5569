// The options page's "Cookies now": for every rule in force, what the site's choice cookies say in
// each cookie store the browser has (src/core/choice-state.ts decides what to show).
import { choiceCookiesNow, storeWorthShowing, type StoreChoiceCookies } from '../core/choice-state.ts';
import { siteFromUrl } from '../core/site.ts';
import { cookieStoreIds } from '../browser/cookies.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { loadEffectiveRules } from './settings.ts';

export async function readChoiceCookies(): Promise<StoreChoiceCookies[]> {
  const [rules, storeIds] = await Promise.all([loadEffectiveRules(), cookieStoreIds()]);
  const states: StoreChoiceCookies[] = [];
  for (const rule of Object.values(rules)) {
    const kept = Object.values(rule.earlier ?? {});
    const actedIn = kept.map((entry) => entry.storeId);
    const perStore = await Promise.all(storeIds.map(async (storeId) => {
      // The host the rule acted on in that store (its kept cookies say where), else the site itself.
      const host = kept.find((entry) => entry.storeId === storeId)?.host ?? kept[0]?.host ?? rule.site;
      const parsed = siteFromUrl(`https://${host}/`);
      return { storeId, now: choiceCookiesNow(parsed.ok ? await readSiteCookies(parsed.site, storeId) : []) };
    }));
    for (const { storeId, now } of perStore) {
      if (storeWorthShowing(storeId, now, actedIn)) states.push({ site: rule.site, storeId, ...now });
    }
  }
  return states;
}
