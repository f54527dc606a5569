// When a cookie was last written, as far as Cookie Lens can honestly tell. The browser's cookie
// API keeps no write time, so there are three answers, in this order of trust:
// - `seen`: Cookie Lens saw the write itself (the side panel watches cookie changes while it is
//   open); the time is the moment of that write;
// - `value`: the decoded value carries the time its tracker wrote into it (HubSpot's current
//   session start in `__hstc`, Google Analytics' last hit in `_ga_<id>` or first visit in `_ga`,
//   Matomo's `_pk_id` visit times, a consent record's time...). The cookie was written at that
//   time or later (a tracker may refresh it with the same value), so this is a lower bound;
// - `unknown`: neither; such rows are shown last, marked "not known".
// Pure: the caller passes the decoded outcome, the seen write time and the clock.
import type { DecodeOutcome } from '../decode/types.ts';

export type LastWritten =
  | { readonly kind: 'seen'; readonly at: number }
  | { readonly kind: 'value'; readonly at: number; readonly field: string }
  | { readonly kind: 'unknown' };

/** Instant fields that are not moments of the past writes: a time the value says it stops being valid. */
const NOT_WRITE_TIMES: ReadonlySet<string> = new Set(['storedExpiry']);

/**
 * The latest moment in the past that the decoded value carries (its tracker knew that moment when
 * it wrote the value). Fields of an unsettled format (`uncertain`) and times after `now` are not
 * trusted to say when the cookie was written.
 */
export function valueWriteTime(outcome: DecodeOutcome | null, now: number): { readonly at: number; readonly field: string } | null {
  if (outcome === null || !outcome.ok) return null;
  let latest: { at: number; field: string } | null = null;
  for (const field of outcome.fields) {
    if (field.value.kind !== 'instant' || field.uncertain === true || NOT_WRITE_TIMES.has(field.key)) continue;
    const at = field.value.epochMs;
    if (!Number.isFinite(at) || at > now) continue;
    if (latest === null || at > latest.at) latest = { at, field: field.key };
  }
  return latest;
}

/** What is known of a cookie's last write: seen by Cookie Lens first, then the value's own time. */
export function lastWritten(seenAt: number | undefined, outcome: DecodeOutcome | null, now: number): LastWritten {
  if (seenAt !== undefined) return { kind: 'seen', at: seenAt };
  const fromValue = valueWriteTime(outcome, now);
  return fromValue === null ? { kind: 'unknown' } : { kind: 'value', ...fromValue };
}
