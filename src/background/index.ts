// The background: the only writer of cookies and settings. Every listener is registered
// synchronously at the top level, so a worker the browser woke for an event finds its handler.
import { serveRequests } from '../browser/messaging.ts';
import { parseRequest } from '../protocol/messages.ts';
import { onCookieChanged } from './cookie-reads.ts';
import { onTabRemoved, onTopLevelBeforeNavigate, onTopLevelCommitted, onTopLevelCompleted } from '../browser/navigation.ts';
import { forgetTab, scheduleBadge } from './badge.ts';
import { onPrivateSessionsOver, webTabs } from '../browser/tabs.ts';
import { observeRequests } from '../browser/network.ts';
import { TRACKING_BEACON_PATTERNS } from '../core/hubspot-hosts.ts';
import { syncNetworkRules } from './blocking.ts';
import { route } from './router.ts';
import { handleCookieChange, handleNavigation, handleTrackingRequest } from './enforce.ts';
import { ensureCounting } from './verify.ts';
import { watchBlockedRequests } from './vendor-holding.ts';
import { ensureMigrated, updateStore, watchRules } from './settings.ts';
import { forgetPrivateSessions } from '../storage/store.ts';
import { logError } from './log.ts';
import { cleanUpAtSessionStart, handleCommitted, handleTabRemoved, watchCleanUp } from './cleanup.ts';

serveRequests(parseRequest, route);
onCookieChanged(handleCookieChange);
// Enforced before the request goes out (so the page's first scripts already see the choice) and
// again when the page commits (the response may have changed cookies).
onTopLevelBeforeNavigate((tabId, url) => {
  handleNavigation(tabId, url).catch((error: unknown) => logError(`enforcing before navigating to ${url}`, error));
});
onTopLevelCommitted((tabId, url) => {
  // A tab leaving a site marked "clean up when I close its last tab" counts as closing it there.
  handleCommitted(tabId, url);
  handleNavigation(tabId, url).catch((error: unknown) => logError(`enforcing on navigation to ${url}`, error));
});
// And once more when the page has loaded: a check that costs one cookie read on ruled sites, and
// catches a navigation whose earlier events came while the worker was still starting.
onTopLevelCompleted((tabId, url) => {
  scheduleBadge(tabId, 0);
  handleNavigation(tabId, url).catch((error: unknown) => logError(`enforcing after loading ${url}`, error));
});
onTabRemoved((tabId) => {
  forgetTab(tabId);
  handleTabRemoved(tabId);
});
// What a rule kept of a private window's cookies (for switching off, for Undo) ends with the
// private session, as the cookies themselves do.
onPrivateSessionsOver(() => {
  updateStore((store) => ({ store: forgetPrivateSessions(store), result: undefined }))
    .catch((error: unknown) => logError('forgetting the private windows\' kept cookies', error));
});
observeRequests(TRACKING_BEACON_PATTERNS, (request) => {
  handleTrackingRequest(request).catch((error: unknown) => logError('recording a tracking request', error));
});
// Blocking rules and link-stripping redirects follow the rules in force (the visitor's and the
// organisation's) and the sites whose links are stripped, at start and on change.
const syncBlocking = (): void => {
  syncNetworkRules()
    .catch((error: unknown) => logError('updating blocking rules', error));
};
// Rules also change away from the site's own popup: on the options page, by an import, or when
// the organisation's policy arrives seconds after the browser has started. Apply them to the tabs
// already open at once rather than at their next navigation (a lookup per tab; a cookie read per
// ruled one). At a plain worker start nothing changed, so only the organisation's rules, which can
// be the ones just arrived, call for the pass.
const enforceOpenTabs = (): void => {
  webTabs()
    .then((tabs) => Promise.all(tabs.map(({ tabId, url }) => handleNavigation(tabId, url).catch((error: unknown) => logError(`enforcing on open tab ${url}`, error)))))
    .catch((error: unknown) => logError('listing open tabs', error));
};
watchRules((update) => {
  syncBlocking();
  if (update.cause === 'changed' || update.managedRules) enforceOpenTabs();
});
watchCleanUp();
// A site marked "clean up when I close its last tab" whose tabs were open when the browser quit.
cleanUpAtSessionStart();
// From the first worker start on, every tracking request from a ruled site is counted.
void ensureCounting(Date.now());
// And, where the browser reports them (Chromium), every request a site's blocking rule stopped, per vendor.
watchBlockedRequests(Date.now());
ensureMigrated()
  .catch((error: unknown) => logError('migrating settings', error))
  .finally(syncBlocking);
