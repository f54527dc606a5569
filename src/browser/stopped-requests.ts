// How each browser reports a request a blocking rule stopped: a module of its own, so that the
// side panel (browser/panel.ts) and the background (browser/network.ts) share it without the
// side panel loading the network rules' code.
import { isFirefox } from './api.ts';

/**
 * Whether a webRequest error says a blocking rule stopped the request: Chromium reports
 * `net::ERR_BLOCKED_BY_CLIENT`, Firefox (ESR 140 and 153) `NS_ERROR_ABORT`. What a page cancels
 * itself is another error in Firefox (`NS_BINDING_ABORTED`: an image whose source changes,
 * `window.stop()`, leaving the page) or none at all (an aborted fetch or XHR). In both browsers a
 * request another extension blocked is such a request too.
 */
export function stoppedByBlocking(error: string): boolean {
  return isFirefox ? error === 'NS_ERROR_ABORT' : error.includes('BLOCKED_BY_CLIENT');
}
