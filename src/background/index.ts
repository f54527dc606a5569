// The background: the only writer of cookies and settings. Every listener is registered
// synchronously at the top level, so a worker the browser woke for an event finds its handler.
import { serveRequests } from '../browser/messaging.ts';
import { onCookieChanged } from '../browser/cookies.ts';
import { onTopLevelCommitted } from '../browser/navigation.ts';
import { observeRequests } from '../browser/network.ts';
import { BEACON_HOST_PATTERNS } from '../core/hubspot-hosts.ts';
import { route } from './router.ts';
import { handleCookieChange, handleNavigation, handleTrackingRequest } from './enforce.ts';
import { ensureMigrated, watchRules } from './settings.ts';
import { logError } from './log.ts';

serveRequests(route);
onCookieChanged(handleCookieChange);
onTopLevelCommitted((tabId, url) => {
  handleNavigation(tabId, url).catch((error: unknown) => logError(`enforcing on navigation to ${url}`, error));
});
observeRequests(BEACON_HOST_PATTERNS, (request) => {
  handleTrackingRequest(request).catch((error: unknown) => logError('recording a tracking request', error));
});
watchRules();
ensureMigrated().catch((error: unknown) => logError('migrating settings', error));
