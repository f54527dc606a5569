// Consent against reality: the consent choices a site stored, compared with the cookies that are
// actually there. A category the visitor declined (or never allowed) whose cookies are present is
// a contradiction; when the cookie says, or its expiry suggests, when it was last written, that
// time comes along so the popup can say "yet _ga was refreshed 2 hours ago".
//
// Written against the Field contract only: a consent cookie is any decoded cookie with flag
// fields `analytics`, `advertisement` or `functionality` (HubSpot's `__hs_cookie_cat_pref` and
// every consent-manager family follow that convention), optionally with an instant `consentTime`.
// HubSpot's legacy `__hs_opt_out=yes` declines all three. Flags marked uncertain are not used: a
// contradiction is shown as a fact, so it must rest on settled facts only. A flag that holds only
// under a naming assumption (OneTrust's default groups) is used, and the contradiction carries the
// assumption so its sentence states it. Pure: `now` is passed in.
import type { Category, CookieFamily, DecodeOutcome, DocumentedLifetime, Field, FieldAssumption, VendorId } from '../decode/types.ts';
import { DAY_MS, MINUTE_MS } from '../decode/types.ts';

export type ConsentCategory = 'analytics' | 'advertising' | 'functional';

/** One cookie of the site, as the report has it (CookieView fits with a small mapping). */
export interface ConsentCheckCookie {
  readonly name: string;
  readonly family?: CookieFamily | undefined;
  /** From the family, or from the Open Cookie Database for names without one. */
  readonly category?: Category | null | undefined;
  readonly outcome?: DecodeOutcome | null | undefined;
  /** Seconds since the epoch, as the cookies API reports it; absent for session cookies. */
  readonly expirationDate?: number | undefined;
  /** The raw value; only read for `__hs_opt_out`, whose decoded shape is not part of the convention. */
  readonly value?: string | undefined;
  /** Used when there is no family, e.g. the database's platform. */
  readonly vendor?: VendorId | null | undefined;
}

export interface LastWrite {
  readonly epochMs: number;
  /** `decoded`: a time inside the value. `expiry`: expiry minus the documented lifetime, an estimate. */
  readonly basis: 'decoded' | 'expiry';
}

export interface Contradiction {
  readonly consentCookie: string;
  readonly manager: VendorId;
  readonly category: ConsentCategory;
  readonly declinedAt?: number;
  readonly cookie: string;
  readonly vendor: VendorId;
  readonly lastWrite?: LastWrite;
  /** The category was read under this assumption (e.g. the site uses OneTrust's default groups). */
  readonly assumption?: FieldAssumption;
}

/** The vendor of a cookie nobody attributed; the popup shows the cookie name instead. */
export const UNKNOWN_VENDOR: VendorId = 'unknown';

const CATEGORY_BY_FLAG: readonly (readonly [string, ConsentCategory])[] = [
  ['analytics', 'analytics'],
  ['advertisement', 'advertising'],
  ['functionality', 'functional'],
];

/**
 * Fields that hold the time a cookie's value was last written, most telling first: GA4's last hit,
 * Clarity's last activity, Amplitude's last event, the current visit of __hstc and __utma, the
 * start of the current session.
 */
const LAST_WRITE_KEYS = ['lastHit', 'lastActivity', 'lastEventTime', 'currentVisit', 'sessionStart'];

/**
 * Chrome caps a cookie's lifetime at 400 days (other-trackers.md section 1, after Google's GA4
 * cookie page), so for a longer documented lifetime the expiry was most likely set 400 days
 * after the write, unless the expiry itself lies further out than that.
 */
const BROWSER_LIFETIME_CAP_MS = 400 * DAY_MS;
const CLOCK_SLACK_MS = 5 * MINUTE_MS;

interface ConsentDecision {
  readonly cookie: ConsentCheckCookie;
  readonly manager: VendorId;
  readonly declined: readonly ConsentCategory[];
  readonly consentTime?: number;
  /** Per declined category, the assumption its flag was read under, if any. */
  readonly assumptions: ReadonlyMap<ConsentCategory, FieldAssumption>;
}

function settledFields(cookie: ConsentCheckCookie): readonly Field[] {
  const outcome = cookie.outcome;
  return outcome !== null && outcome !== undefined && outcome.ok ? outcome.fields.filter((field) => field.uncertain !== true) : [];
}

function flagOf(fields: readonly Field[], key: string): boolean | undefined {
  return flagFieldOf(fields, key)?.value;
}

function flagFieldOf(fields: readonly Field[], key: string): { value: boolean; assumption?: FieldAssumption } | undefined {
  for (const field of fields) {
    if (field.key === key && field.value.kind === 'flag') return field.assumption === undefined ? { value: field.value.value } : { value: field.value.value, assumption: field.assumption };
  }
  return undefined;
}

function instantOf(fields: readonly Field[], key: string): number | undefined {
  for (const field of fields) if (field.key === key && field.value.kind === 'instant') return field.value.epochMs;
  return undefined;
}

function vendorOf(cookie: ConsentCheckCookie): VendorId {
  return cookie.family?.vendor ?? cookie.vendor ?? UNKNOWN_VENDOR;
}

function isHubspotOptOut(cookie: ConsentCheckCookie, fields: readonly Field[]): boolean {
  if (cookie.name !== '__hs_opt_out') return false;
  return flagOf(fields, 'declined') === true || cookie.value?.trim() === 'yes';
}

/** The consent choice a cookie records (its settled fields given), or undefined when it records none. */
function consentDecision(cookie: ConsentCheckCookie, fields: readonly Field[]): ConsentDecision | undefined {
  const manager = vendorOf(cookie);
  const consentTime = instantOf(fields, 'consentTime');
  const assumptions = new Map<ConsentCategory, FieldAssumption>();
  const withTime = (declined: readonly ConsentCategory[]): ConsentDecision => (consentTime === undefined ? { cookie, manager, declined, assumptions } : { cookie, manager, declined, consentTime, assumptions });
  if (isHubspotOptOut(cookie, fields)) return withTime(CATEGORY_BY_FLAG.map(([, category]) => category));
  let settlesAny = false;
  const declined: ConsentCategory[] = [];
  for (const [flag, category] of CATEGORY_BY_FLAG) {
    const choice = flagFieldOf(fields, flag);
    if (choice === undefined) continue;
    settlesAny = true;
    if (choice.value) continue;
    declined.push(category);
    if (choice.assumption !== undefined) assumptions.set(category, choice.assumption);
  }
  return settlesAny ? withTime(declined) : undefined;
}

function isExpired(cookie: ConsentCheckCookie, now: number): boolean {
  return cookie.expirationDate !== undefined && cookie.expirationDate * 1000 <= now;
}

/**
 * When a cookie was written, from its expiry and the vendor's lifetime: expiry minus the lifetime
 * (Chrome's 400-day cap applied). Where the vendor's writers use more than one lifetime, only a
 * single plausible answer counts (a write neither in the future nor before 1970); two plausible
 * answers, or a lifetime some sites count from the first visit, mean the write time cannot be
 * known from the expiry, and there is no estimate.
 */
function estimateFromExpiry(expirationDate: number | undefined, lifetime: DocumentedLifetime | undefined, now: number): number | undefined {
  if (expirationDate === undefined || lifetime?.kind !== 'duration' || lifetime.mayBeAnchored === true) return undefined;
  const expiryMs = expirationDate * 1000;
  const plausible = new Set<number>();
  for (const ms of [lifetime.ms, ...(lifetime.alsoMs ?? [])]) {
    const capped = ms > BROWSER_LIFETIME_CAP_MS && expiryMs - now <= BROWSER_LIFETIME_CAP_MS;
    const written = expiryMs - (capped ? BROWSER_LIFETIME_CAP_MS : ms);
    // A write "in the future" means the site chose a longer lifetime than this one.
    if (written <= now + CLOCK_SLACK_MS && written >= 0) plausible.add(written);
  }
  return plausible.size === 1 ? [...plausible][0] : undefined;
}

export function lastWriteOf(cookie: ConsentCheckCookie, now: number): LastWrite | undefined {
  const fields = settledFields(cookie);
  for (const key of LAST_WRITE_KEYS) {
    const epochMs = instantOf(fields, key);
    if (epochMs !== undefined) return { epochMs, basis: 'decoded' };
  }
  const estimate = estimateFromExpiry(cookie.expirationDate, cookie.family?.lifetime, now);
  return estimate === undefined ? undefined : { epochMs: estimate, basis: 'expiry' };
}

/**
 * Every present cookie of a category that one of the site's consent cookies declines. Necessary
 * cookies never count, nor do consent cookies themselves. Expired cookies are not present. The
 * decline time falls back to another `consentTime` of the same manager (OneTrust keeps it in
 * `OptanonAlertBoxClosed`). One entry per consent cookie, category and cookie name: of several
 * copies of a cookie, the most recently written one is kept.
 */
export function findConsentContradictions(cookies: readonly ConsentCheckCookie[], now: number): Contradiction[] {
  const present = cookies.filter((cookie) => !isExpired(cookie, now));
  const decisions: ConsentDecision[] = [];
  const consentNames = new Set<string>();
  const latestConsentTime = new Map<VendorId, number>();
  for (const cookie of present) {
    const fields = settledFields(cookie);
    const time = instantOf(fields, 'consentTime');
    const manager = vendorOf(cookie);
    if (time !== undefined && time > (latestConsentTime.get(manager) ?? -Infinity)) latestConsentTime.set(manager, time);
    const decision = consentDecision(cookie, fields);
    if (decision === undefined) continue;
    decisions.push(decision);
    consentNames.add(cookie.name);
  }

  const found = new Map<string, Contradiction>();
  for (const decision of decisions) {
    const declinedAt = decision.consentTime ?? latestConsentTime.get(decision.manager);
    for (const category of decision.declined) {
      const assumption = decision.assumptions.get(category);
      for (const cookie of present) {
        if (cookie.category !== category || consentNames.has(cookie.name)) continue;
        const lastWrite = lastWriteOf(cookie, now);
        const contradiction: Contradiction = {
          consentCookie: decision.cookie.name,
          manager: decision.manager,
          category,
          ...(declinedAt === undefined ? {} : { declinedAt }),
          cookie: cookie.name,
          vendor: vendorOf(cookie),
          ...(lastWrite === undefined ? {} : { lastWrite }),
          ...(assumption === undefined ? {} : { assumption }),
        };
        const key = `${decision.cookie.name}\u0000${category}\u0000${cookie.name}`;
        const earlier = found.get(key);
        if (earlier === undefined || (lastWrite?.epochMs ?? -Infinity) > (earlier.lastWrite?.epochMs ?? -Infinity)) found.set(key, contradiction);
      }
    }
  }
  return [...found.values()];
}
