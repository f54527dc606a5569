// Consent against reality: a category the visitor declined, yet a cookie of it is present or was
// refreshed. Each contradiction is also flagged on both cookies' rows (see CookieList).
import { useServices } from '../../src/pages/context.ts';
import type { Contradiction } from '../../src/core/consent-check.ts';
import { messageKeyPart, type Translator } from '../../src/i18n/messages.ts';
import type { Formatter } from '../../src/pages/format.ts';

export function contradictionText(c: Contradiction, t: Translator, format: Formatter, now: number): string {
  const sentence = plainContradictionText(c, t, format, now);
  // A category read under an assumption says so: "If the site uses OneTrust's default groups: ..."
  return c.assumption === undefined ? sentence : (t.dynamic(`consent_assumed_${messageKeyPart(c.assumption)}`, [sentence]) ?? sentence);
}

function plainContradictionText(c: Contradiction, t: Translator, format: Formatter, now: number): string {
  const category = t.dynamic(`consent_category_${c.category}`) ?? c.category;
  const manager = t.dynamic(`vendor_${messageKeyPart(c.manager)}`) ?? c.manager;
  const when = c.lastWrite === undefined ? undefined : format.relative(c.lastWrite.epochMs, now);
  const variant = c.lastWrite === undefined ? '_present' : c.lastWrite.basis === 'expiry' ? '_estimated' : '';
  if (c.declinedAt !== undefined) {
    const subs = [category, manager, format.day(c.declinedAt), c.cookie, ...(when === undefined ? [] : [when])];
    return t.dynamic(`consent_contradiction${variant}`, subs) ?? '';
  }
  const subs = [category, manager, c.cookie, ...(when === undefined ? [] : [when])];
  return t.dynamic(`consent_contradiction_no_date${variant}`, subs) ?? '';
}

export function ConsentWarnings({ contradictions, now }: { contradictions: readonly Contradiction[]; now: number }) {
  const { t, format } = useServices();
  if (contradictions.length === 0) return null;
  return (
    <section class="consent-warning" aria-labelledby="consent-title" data-contradictions={String(contradictions.length)}>
      <h2 id="consent-title"><span aria-hidden="true">⚠ </span>{t.dynamic('consent_contradictions_title') ?? ''}</h2>
      <ul>
        {contradictions.map((c) => (
          <li key={`${c.consentCookie}|${c.category}|${c.cookie}`} data-contradiction={c.cookie}>{contradictionText(c, t, format, now)}</li>
        ))}
      </ul>
    </section>
  );
}
