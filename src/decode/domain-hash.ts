// The domain hash HubSpot puts first in `__hstc` and `__hssc`. It is Urchin's (old Google
// Analytics `__utma`) hash, except that the empty string hashes to 0 where Urchin returns 1.
// Source: docs/facts/hubspot-cookies.md section 3, whose table the tests check.
//
// The hashed text is a cookie domain with its leading dot, so the hash says which domain the
// site's HubSpot account wrote the cookie for. We cannot invert it, but we can try each domain
// the cookie could have been written for and say which one it was.

/** Walks the UTF-16 units from last to first; the result fits in 28 bits for ASCII domains. */
export function hubspotDomainHash(s: string): number {
  let h = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    h = ((h << 6) & 0x0fffffff) + c + (c << 14);
    const g = h & 0x0fe00000;
    if (g !== 0) h ^= g >> 21;
  }
  return h;
}

function withLeadingDot(domain: string): string {
  return domain.startsWith('.') ? domain : `.${domain}`;
}

function normaliseHost(host: string): string {
  let normal = host.toLowerCase();
  while (normal.startsWith('.')) normal = normal.slice(1);
  while (normal.endsWith('.')) normal = normal.slice(0, -1);
  return normal;
}

/**
 * Every domain, with its leading dot, that HubSpot may have hashed for a cookie seen on `host`:
 * each parent domain of the host (`.www.example.com`, `.example.com`, `.com`), HubSpot's own
 * default (the host without its first label when it has more than two labels, which gives
 * `.co.uk` for `example.co.uk`), and the cookie's stored domain when known. No duplicates;
 * the most specific parent comes first.
 */
export function hubspotHashCandidates(host: string, cookieDomain?: string): string[] {
  const candidates: string[] = [];
  const add = (candidate: string): void => {
    if (candidate !== '.' && !candidates.includes(candidate)) candidates.push(candidate);
  };
  const normal = normaliseHost(host);
  if (normal.length > 0) {
    for (let parent = normal; ; ) {
      add(`.${parent}`);
      const dot = parent.indexOf('.');
      if (dot === -1) break;
      parent = parent.slice(dot + 1);
    }
    const firstDot = normal.indexOf('.');
    const hasMoreThanTwoLabels = firstDot !== -1 && normal.indexOf('.', firstDot + 1) !== -1;
    add(hasMoreThanTwoLabels ? normal.slice(firstDot) : `.${normal}`);
  }
  if (cookieDomain !== undefined) {
    const domain = normaliseHost(cookieDomain);
    if (domain.length > 0) add(withLeadingDot(domain));
  }
  return candidates;
}

interface CandidateHashes {
  readonly host: string;
  readonly cookieDomain: string | undefined;
  readonly domains: readonly string[];
  readonly hashes: readonly number[];
}

// A popup or a CLI run decodes many cookies of one site in a row, host-only and Domain ones mixed;
// remembering the candidates of the last few (host, cookie domain) pairs keeps `__hstc` decoding
// free of repeated string building and hashing. With one entry, a site's host-only and Domain
// cookies evicted each other and cost about a third of the decode rate (docs/BENCHMARKS.md).
const RECENT_CANDIDATES = 4;
const recentCandidates: CandidateHashes[] = [];

function candidateHashes(host: string, cookieDomain: string | undefined): CandidateHashes {
  for (const entry of recentCandidates) if (entry.host === host && entry.cookieDomain === cookieDomain) return entry;
  const domains = hubspotHashCandidates(host, cookieDomain);
  const entry = { host, cookieDomain, domains, hashes: domains.map(hubspotDomainHash) };
  if (recentCandidates.unshift(entry) > RECENT_CANDIDATES) recentCandidates.pop();
  return entry;
}

/** The candidate domain (with its leading dot) whose hash is `hash`, or null when none is. */
export function matchHubspotDomainHash(hash: number, host: string, cookieDomain?: string): string | null {
  const { domains, hashes } = candidateHashes(host, cookieDomain);
  for (let i = 0; i < hashes.length; i++) {
    if (hashes[i] === hash) return domains[i] ?? null;
  }
  return null;
}
