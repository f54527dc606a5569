// Building blocks shared by the HubSpot and Cloudflare families: family construction with the
// guards every decoder needs, field constructors, and the lifetimes from the doc's table.
import { DAY_MS, MINUTE_MS } from '../types.ts';
import type { Category, CookieFamily, DocumentedLifetime } from '../types.ts';
import { lengthGuarded, type Decoder } from '../kit.ts';

export {
  countField, domainField, failed, flagField, FUTURE_TOLERANCE_MS, idField, instantField, isInFuture, lengthGuarded as guarded, textField, warning,
} from '../kit.ts';

export interface ExactFamilySpec {
  readonly id: string;
  readonly vendor: string;
  readonly category: Category;
  readonly lifetime: DocumentedLifetime;
  readonly names: readonly string[];
  /** Called only with a non-empty value of at most MAX_COOKIE_VALUE_LENGTH characters. */
  readonly decode: Decoder;
}

export function exactFamily(spec: ExactFamilySpec): CookieFamily {
  const { names } = spec;
  return { ...spec, matches: (name) => names.includes(name), decode: lengthGuarded(spec.decode) };
}

export function patternFamily(spec: Omit<ExactFamilySpec, 'names'> & { readonly pattern: RegExp }): CookieFamily {
  const { pattern, ...rest } = spec;
  return { ...rest, matches: (name) => pattern.test(name), decode: lengthGuarded(spec.decode) };
}

const OLDER_SITES_390_DAYS = 'Older sites: 390 days (13 months).';

export const LIFETIME = {
  session: { kind: 'session' },
  unknown: { kind: 'unknown' },
  // On sites whose banner runs an opt-in or by-category policy, a returning visitor's cookies expire
  // a fixed time after the first visit (each write shortens the lifetime by the days since).
  visitor: {
    kind: 'duration', ms: 180 * DAY_MS, alsoMs: [390 * DAY_MS], mayBeAnchored: true, rolling: true,
    note: `${OLDER_SITES_390_DAYS} In 2018: 2 years. On sites with an opt-in banner, counted from the first visit.`,
  },
  hubspotSession: { kind: 'duration', ms: 30 * MINUTE_MS, rolling: true },
  consent: { kind: 'duration', ms: 180 * DAY_MS, alsoMs: [390 * DAY_MS], note: OLDER_SITES_390_DAYS },
  chatVisitor: { kind: 'duration', ms: 180 * DAY_MS, note: 'Older sites: 13 months.' },
  bannerDismiss: { kind: 'duration', ms: 180 * DAY_MS },
  initialOptIn: { kind: 'duration', ms: 7 * DAY_MS },
  passwordKey: { kind: 'duration', ms: 14 * DAY_MS },
  thirtyMinutes: { kind: 'duration', ms: 30 * MINUTE_MS },
  oneDay: { kind: 'duration', ms: DAY_MS },
  membership: { kind: 'duration', ms: 7 * DAY_MS, note: 'Sources differ: 7 days or 1 year.' },
  twoYears: { kind: 'duration', ms: 730 * DAY_MS },
} as const satisfies Record<string, DocumentedLifetime>;
