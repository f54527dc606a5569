// Dates, relative times, durations and numbers in the browser's language, through Intl.
// Formatters are made once per page: constructing Intl objects is the slow part.
import type { Translator } from '../i18n/messages.ts';
import type { DocumentedLifetime, FieldValue, Problem } from '../decode/types.ts';
import { messageKeyPart } from '../i18n/messages.ts';

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

// Dates outside this range cannot be shown by Date: they are printed as raw milliseconds.
const MAX_DATE_MS = 8.64e15;

/**
 * The locale for Intl: the browser's UI language, unless the extension's words are in another
 * language (the browser's language has no translation, or the browser was started with a
 * language it has no interface files for); then the words' language, so a sentence never mixes
 * two languages. `en-GB` words stay `en-GB`; Swedish words in an `en-US` browser become `sv`.
 */
export function formattingLocale(uiLocale: string, messagesLocale: string): string {
  const language = (tag: string): string => tag.split(/[-_]/)[0]?.toLowerCase() ?? '';
  if (messagesLocale === '' || language(uiLocale) === language(messagesLocale)) return uiLocale;
  return messagesLocale;
}

export class Formatter {
  readonly #t: Translator;
  readonly #date: Intl.DateTimeFormat;
  readonly #dateOnly: Intl.DateTimeFormat;
  readonly #relative: Intl.RelativeTimeFormat;
  readonly #number: Intl.NumberFormat;
  /** Made on first use: most openings show no counted message. */
  #plural: Intl.PluralRules | undefined;
  /** BCP 47 tag every date and number on the page is formatted with; also the page's `lang`. */
  readonly locale: string;

  constructor(t: Translator) {
    this.#t = t;
    const locale = formattingLocale(t.locale, t.dynamic('locale_tag') ?? '');
    this.locale = locale;
    this.#date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    this.#dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    this.#relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    this.#number = new Intl.NumberFormat(locale);
  }

  number(n: number): string {
    return this.#number.format(n);
  }

  /**
   * A message in the plural form the language uses for `count` (Intl.PluralRules): the key
   * `<base>_one`, `<base>_other`, ... with `$1` the count as a number in the page's language and
   * `$2`.. the further substitutions. Falls back to `<base>_other`, which every such message has.
   */
  plural(base: string, count: number, more: readonly string[] = []): string {
    const substitutions = [this.number(count), ...more];
    this.#plural ??= new Intl.PluralRules(this.locale);
    return this.#t.dynamic(`${base}_${this.#plural.select(count)}`, substitutions) ?? this.#t.dynamic(`${base}_other`, substitutions) ?? base;
  }

  date(ms: number): string {
    return Math.abs(ms) <= MAX_DATE_MS ? this.#date.format(ms) : String(ms);
  }

  day(ms: number): string {
    return Math.abs(ms) <= MAX_DATE_MS ? this.#dateOnly.format(ms) : String(ms);
  }

  /** "3 days ago", "in 5 months". */
  relative(ms: number, now: number): string {
    const diff = ms - now;
    if (!Number.isFinite(diff)) return '';
    for (const [unit, size] of UNITS) {
      if (Math.abs(diff) >= size || unit === 'second') return this.#relative.format(Math.round(diff / size), unit);
    }
    return '';
  }

  /** "180 days", "30 minutes": a duration in its largest whole unit. */
  duration(ms: number): string {
    const day = 86_400_000;
    const [value, unit] =
      ms % (365 * day) === 0 ? [ms / (365 * day), 'year'] :
      ms % day === 0 ? [ms / day, 'day'] :
      ms % 3_600_000 === 0 ? [ms / 3_600_000, 'hour'] :
      ms % 60_000 === 0 ? [ms / 60_000, 'minute'] : [Math.round(ms / 1000), 'second'];
    return new Intl.NumberFormat(this.locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  }

  instant(ms: number, now: number): string {
    return `${this.date(ms)} (${this.relative(ms, now)})`;
  }

  field(value: FieldValue, now: number): string {
    switch (value.kind) {
      case 'text':
      case 'id':
        return value.value;
      case 'instant':
        return this.instant(value.epochMs, now);
      case 'duration':
        return this.duration(value.ms);
      case 'count':
        return this.number(value.value);
      case 'flag':
        return value.value ? this.#t('value_yes') : this.#t('value_no');
      case 'domain':
        return value.value === null ? this.#t('hash_other_domain') : this.#t('hash_matches', [value.value]);
      case 'list':
        return value.value.join(', ');
    }
  }

  fieldLabel(key: string): string {
    return this.#t.dynamic(`field_${messageKeyPart(key)}`) ?? key;
  }

  problem(problem: Problem): string {
    const text = this.#t.dynamic(`problem_${messageKeyPart(problem.code)}`) ?? problem.code;
    const where = problem.field === undefined ? '' : ` (${this.fieldLabel(problem.field)})`;
    return `${text}${where}`;
  }

  lifetime(lifetime: DocumentedLifetime): string {
    switch (lifetime.kind) {
      case 'session':
        return this.#t('lifetime_session');
      case 'unknown':
        return this.#t('lifetime_unknown');
      case 'duration': {
        // Writers with more than one lifetime (HubSpot: 180 days, 390 on older sites) show them all.
        const durations = [lifetime.ms, ...(lifetime.alsoMs ?? [])].map((ms) => this.duration(ms));
        const length = durations.length === 1 ? (durations[0] ?? '') : this.#t('lifetime_either', [durations.slice(0, -1).join(', '), durations.at(-1) ?? '']);
        const text = lifetime.rolling === true ? this.#t('lifetime_rolling', [length]) : length;
        return lifetime.mayBeAnchored === true ? `${text} ${this.#t('lifetime_anchored')}` : text;
      }
    }
  }

  /** A typical retention from the Open Cookie Database ("13 months", "until the browser closes"). */
  retention(parsed: { kind: 'session' } | { kind: 'duration'; amount: number; unit: string } | undefined, raw: string): string {
    if (parsed === undefined) return raw;
    if (parsed.kind === 'session') return this.#t('lifetime_session');
    return new Intl.NumberFormat(this.locale, { style: 'unit', unit: parsed.unit, unitDisplay: 'long' }).format(parsed.amount);
  }

  /** The cookie's real expiry, from the browser. */
  expiry(expirationDateSeconds: number | undefined, now: number): string {
    if (expirationDateSeconds === undefined) return this.#t('expiry_session');
    return this.instant(expirationDateSeconds * 1000, now);
  }
}
