// Which cookie domain the site's HubSpot code uses, read off the domain hash in `__hstc`.
import type { CookieRecord } from '../model/cookie.ts';
import { matchHubspotDomainHash } from '../decode/domain-hash.ts';
import { hstcDomainHash } from '../decode/hubspot/tracking-fields.ts';

/**
 * The candidate domain (with its leading dot) whose hash equals the first field of an `__hstc`
 * on this site, or null when there is none or none matches. Used to write do-not-track and
 * consent cookies on the domain HubSpot reads.
 */
export function hstcDomainMatch(cookies: readonly CookieRecord[], host: string): string | null {
  for (const cookie of cookies) {
    if (cookie.name !== '__hstc' || cookie.partitionKey !== undefined) continue;
    const hash = hstcDomainHash(cookie.value);
    if (hash === undefined) continue;
    const match = matchHubspotDomainHash(hash, host, cookie.hostOnly ? undefined : cookie.domain);
    if (match !== null) return match;
  }
  return null;
}
