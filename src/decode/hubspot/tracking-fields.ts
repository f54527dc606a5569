// Single fields of HubSpot's tracking cookies (see tracking.ts for their layout) that other
// modules read without a full decode, leniently (from values HubSpot would not accept whole too),
// so that no module outside src/decode splits these values itself. No imports: the background
// reads them without loading any decoder.

/**
 * The domain hash (first field) of an `__hstc` when it is a whole number: the do-not-track and
 * consent writers match it to the cookie domain HubSpot reads (src/core/hubspot-identity.ts).
 */
export function hstcDomainHash(raw: string): number | undefined {
  const dot = raw.indexOf('.');
  const hash = Number(dot === -1 ? Number.NaN : raw.slice(0, dot));
  return Number.isSafeInteger(hash) ? hash : undefined;
}

/** The visitor id (second field) of an `__hstc`; undefined when it has none. */
export function hstcVisitorId(raw: string): string | undefined {
  const id = raw.split('.')[1];
  return id === undefined || id === '' ? undefined : id;
}

/** The session start (third field) of an `__hssc` as written, when it is a millisecond time (12 digits or more). */
export function hsscSessionStartText(raw: string): string | undefined {
  const start = raw.split('.')[2];
  return start !== undefined && /^\d{12,}$/.test(start) ? start : undefined;
}
