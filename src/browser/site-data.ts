// Clearing a site's stored data (local storage, IndexedDB, cache storage, service workers) through
// browsingData, as planned in src/core/site-data.ts. No domain logic: the plan says what, this
// asks the browser in its own dialect.
import type { StoredDataPlan } from '../core/site-data.ts';
import { browser, isFirefox } from './api.ts';

/** browsingData.remove as both browsers take it (the polyfill's types lack `origins` and `cacheStorage`). */
interface BrowsingDataRemove {
  remove(
    options: { origins?: string[]; hostnames?: string[]; since?: number },
    dataToRemove: Partial<Record<'localStorage' | 'indexedDB' | 'cacheStorage' | 'serviceWorkers', boolean>>,
  ): Promise<void>;
}

/** The family the stored-data plan is made for. */
export function browserFamily(): 'chromium' | 'firefox' {
  return isFirefox ? 'firefox' : 'chromium';
}

/** Clears what the plan names; resolves to null when done, or the browser's own words when it refused. */
export async function clearStoredData(plan: StoredDataPlan): Promise<string | null> {
  const api = browser.browsingData as unknown as BrowsingDataRemove;
  const kinds = Object.fromEntries(plan.kinds.map((kind) => [kind, true]));
  try {
    // Firefox clears by host name (with the port where the site has one); Chromium by origin.
    await api.remove(isFirefox ? { hostnames: [...plan.hostnames] } : { origins: [...plan.origins] }, kinds);
    return null;
  } catch (error: unknown) {
    return error instanceof Error ? error.message : String(error);
  }
}
