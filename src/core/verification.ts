// "Is my choice holding?" — what the background has seen since the visitor made a choice on a site.
// Kept in storage.session: it is evidence about this browser session, not a setting.

export interface Verification {
  /** When the current choice was made (or last changed). */
  readonly since: number;
  /** Requests the site's pages sent to HubSpot's beacon hosts since then. */
  readonly trackingRequests: number;
  readonly lastRequestAt?: number;
  readonly lastRequestHost?: string;
  /** When the tracker last wrote `__hstc` / `__hssc` on the site since then. */
  readonly hstcRefreshedAt?: number;
  readonly hsscRefreshedAt?: number;
}

export type VerificationMap = Readonly<Record<string, Verification>>;

export function verificationKey(site: string, storeId: string): string {
  return `${storeId}|${site}`;
}

export function freshVerification(now: number): Verification {
  return { since: now, trackingRequests: 0 };
}

export function withTrackingRequest(v: Verification, host: string, at: number): Verification {
  return { ...v, trackingRequests: v.trackingRequests + 1, lastRequestAt: at, lastRequestHost: host };
}

export function withCookieRefresh(v: Verification, name: string, at: number): Verification {
  if (name === '__hstc') return { ...v, hstcRefreshedAt: at };
  if (name === '__hssc') return { ...v, hsscRefreshedAt: at };
  return v;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isTime = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Validates what storage.session holds; anything malformed is dropped (it is only evidence). */
export function parseVerificationMap(raw: unknown): Record<string, Verification> {
  const out: Record<string, Verification> = {};
  if (!isRecord(raw)) return out;
  for (const [key, value] of Object.entries(raw)) {
    if (!isRecord(value) || !isTime(value.since) || !isTime(value.trackingRequests)) continue;
    out[key] = {
      since: value.since,
      trackingRequests: value.trackingRequests,
      ...(isTime(value.lastRequestAt) ? { lastRequestAt: value.lastRequestAt } : {}),
      ...(typeof value.lastRequestHost === 'string' ? { lastRequestHost: value.lastRequestHost } : {}),
      ...(isTime(value.hstcRefreshedAt) ? { hstcRefreshedAt: value.hstcRefreshedAt } : {}),
      ...(isTime(value.hsscRefreshedAt) ? { hsscRefreshedAt: value.hsscRefreshedAt } : {}),
    };
  }
  return out;
}
