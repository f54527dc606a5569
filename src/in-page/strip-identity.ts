// Runs in the page's own world at document_start on sites whose links are stripped of HubSpot's
// identity (registered by the background, src/core/page-scripts.ts). The declarativeNetRequest
// redirect sees only the query of a navigation; this takes the same parameters out of what it
// cannot see: the `#fragment` the page arrived with (HubSpot's tracker reads it when the query is
// empty), addresses the page writes itself with history.pushState/replaceState, and fragments set
// later (`location.hash`). It runs before any script of the page, so the tracker never reads them.
import { stripIdentityParams } from '../core/url-identity.ts';

const nativeReplace = History.prototype.replaceState;

/** The address `url` names, without HubSpot's identity, or null when it carries none (or is no address). */
function strippedAddress(url: unknown): string | null {
  if (url === undefined || url === null) return null;
  try {
    return stripIdentityParams(new URL(String(url), location.href).href);
  } catch {
    return null;
  }
}

function stripCurrentAddress(): void {
  const stripped = stripIdentityParams(location.href);
  if (stripped !== null) nativeReplace.call(history, history.state, '', stripped);
}

stripCurrentAddress();
addEventListener('hashchange', stripCurrentAddress, true);

for (const method of ['pushState', 'replaceState'] as const) {
  const native = History.prototype[method];
  History.prototype[method] = function (this: History, ...args: Parameters<History['pushState']>): void {
    const stripped = strippedAddress(args[2]);
    if (stripped !== null) args[2] = stripped;
    native.apply(this, args);
  };
}
