// A typical retention from the Open Cookie Database (src/explain/name-facts.ts) as amount and unit.
// A module of its own: the report reads it without loading the database.

export type RetentionUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

export type ParsedRetention = { readonly kind: 'session' } | { readonly kind: 'duration'; readonly amount: number; readonly unit: RetentionUnit };

const DATE_UNITS: ReadonlyMap<string, RetentionUnit> = new Map([
  ['Y', 'year'],
  ['M', 'month'],
  ['W', 'week'],
  ['D', 'day'],
]);
const TIME_UNITS: ReadonlyMap<string, RetentionUnit> = new Map([
  ['H', 'hour'],
  ['M', 'minute'],
  ['S', 'second'],
]);

/**
 * A `NameFacts.retention` as amount and unit, ready for `Intl.NumberFormat(locale, {style: 'unit',
 * unit})`, which words it in the visitor's language. Only the single-unit durations the
 * generator writes are understood.
 */
export function parseRetention(retention: string): ParsedRetention | undefined {
  if (retention === 'session') return { kind: 'session' };
  const match = /^P(T?)(\d+)([YMWDHS])$/.exec(retention);
  if (match === null) return undefined;
  const [, time = '', amountText = '', letter = ''] = match;
  const unit = (time === 'T' ? TIME_UNITS : DATE_UNITS).get(letter);
  const amount = Number(amountText);
  return unit === undefined || !Number.isSafeInteger(amount) ? undefined : { kind: 'duration', amount, unit };
}
