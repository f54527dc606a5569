// What the clean-up on tab close keeps in storage.session (it lives for the browser session, like
// the tabs it is about): the tabs of marked sites, and per site and store the notice of the last
// clean-up for the site's popup. Read forgivingly: a malformed piece is dropped, never thrown
// (a stopped worker then merely forgets a tab; the live tabs are checked before any clean-up).
import { effectiveCleanUp, NO_TRACKING, siteStoreKey, type CleanUpNotice, type CleanUpNotices, type CleanUpSettings, type TabTracking, type TrackedTab } from '../core/cleanup.ts';
import { parseManagedPolicy } from '../core/managed.ts';
import { migrate } from './migrate.ts';
import { isRecord, isSiteKey } from './validate-v1.ts';

export const CLEAN_UP_SESSION_VERSION = 1;

const isText = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 4096;
const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

function readTrackedTab(value: unknown): TrackedTab | null {
  if (!isRecord(value)) return null;
  const { site, storeId, url } = value;
  return isSiteKey(site) && isText(storeId) && isText(url) ? { site, storeId, url } : null;
}

export function readTabTracking(raw: unknown): TabTracking {
  if (!isRecord(raw) || raw['version'] !== CLEAN_UP_SESSION_VERSION) return NO_TRACKING;
  // Built with fromEntries (own properties), so a key such as `__proto__` cannot reach the prototype.
  const tabs: [string, TrackedTab][] = [];
  const rawTabs = raw['tabs'];
  if (isRecord(rawTabs)) {
    for (const [id, value] of Object.entries(rawTabs)) {
      const tab = readTrackedTab(value);
      if (tab !== null && /^\d{1,10}$/.test(id)) tabs.push([id, tab]);
    }
  }
  const earlierUrls: [string, string[]][] = [];
  const rawEarlier = raw['earlierUrls'];
  if (isRecord(rawEarlier)) {
    for (const [key, value] of Object.entries(rawEarlier)) {
      if (Array.isArray(value) && value.every(isText)) earlierUrls.push([key, value.filter(isText).slice(-10)]);
    }
  }
  return { tabs: Object.fromEntries(tabs), earlierUrls: Object.fromEntries(earlierUrls) };
}

export function tabTrackingValue(state: TabTracking): unknown {
  return { version: CLEAN_UP_SESSION_VERSION, tabs: state.tabs, earlierUrls: state.earlierUrls };
}

/** Keyed by siteStoreKey; one notice per site and store, the newest. */
export function readCleanUpNotices(raw: unknown): CleanUpNotices {
  if (!isRecord(raw) || raw['version'] !== CLEAN_UP_SESSION_VERSION || !isRecord(raw['notices'])) return {};
  const notices: [string, CleanUpNotice][] = [];
  for (const [key, value] of Object.entries(raw['notices'])) {
    if (!isRecord(value)) continue;
    const { site, storeId, snapshotId, removed, at, when } = value;
    if (!isSiteKey(site) || !isText(storeId) || !isText(snapshotId) || !isTime(at)) continue;
    if (typeof removed !== 'number' || !Number.isInteger(removed) || removed < 1) continue;
    if (key !== siteStoreKey(site, storeId)) continue;
    notices.push([key, { site, storeId, snapshotId, removed, at, ...(when === 'browser-start' ? { when } : {}) }]);
  }
  return Object.fromEntries(notices);
}

/** At most this many notices are kept: the newest. */
const MAX_NOTICES = 50;

export function withNotice(notices: CleanUpNotices, notice: CleanUpNotice): unknown {
  const key = siteStoreKey(notice.site, notice.storeId);
  const others = Object.entries(notices).filter(([other]) => other !== key).sort(([, a], [, b]) => b.at - a.at).slice(0, MAX_NOTICES - 1);
  return { version: CLEAN_UP_SESSION_VERSION, notices: Object.fromEntries([...others, [key, notice]]) };
}



export function cleanUpSettings(root: unknown, rawPolicy: unknown, rawNotices: unknown): CleanUpSettings {
  const migrated = migrate(root);
  const policy = parseManagedPolicy(rawPolicy).policy;
  return {
    choices: effectiveCleanUp(migrated.ok ? migrated.store.cleanUp : undefined, policy),
    notices: readCleanUpNotices(rawNotices),
    undo: migrated.ok ? migrated.store.undo : {},
  };
}
