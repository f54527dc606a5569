// Copies of one cookie (the same name on another domain, path or partition) that disagree about
// the visitor: "2 HubSpot visitor ids on this site, in copies of __hstc: ... (hubdemo.test and
// its subdomains), ... (www.hubdemo.test only)". The finding is pure (src/explain/variant-disagreements.ts).
import { useServices } from '../../src/pages/context.ts';
import type { DisagreeingVariant, VariantDisagreement } from '../../src/explain/variant-disagreements.ts';
import type { Translator } from '../../src/i18n/messages.ts';
import type { Formatter } from '../../src/pages/format.ts';
import { vendorName } from '../../src/pages/names.ts';

/** Where a copy lives, in words: its domain (with subdomains or alone), its path when not `/`, its partition. */
function whereText(variant: DisagreeingVariant, t: Translator): string {
  const host = variant.domain.startsWith('.') ? variant.domain.slice(1) : variant.domain;
  let text = variant.domain.startsWith('.') ? t('variant_domain', [host]) : t('variant_host', [host]);
  if (variant.path !== '/') text = t('variant_path', [text, variant.path]);
  if (variant.partitionSite !== undefined) text = t('variant_partitioned', [text, variant.partitionSite]);
  return text;
}

function valueText(variant: DisagreeingVariant, format: Formatter): string {
  return variant.value.kind === 'id' ? variant.value.value : variant.value.kind === 'instant' ? format.date(variant.value.epochMs) : '';
}

export function VariantWarnings({ disagreements }: { disagreements: readonly VariantDisagreement[] }) {
  const { t, format } = useServices();
  if (disagreements.length === 0) return null;
  return (
    <section class="variant-warning" aria-labelledby="variants-title" data-variant-disagreements={String(disagreements.length)}>
      <h2 id="variants-title"><span aria-hidden="true">⚠ </span>{t('variants_title')}</h2>
      <ul>
        {disagreements.map((d) => {
          const items = d.variants.map((v) => t('variant_item', [valueText(v, format), whereText(v, t)])).join('; ');
          return (
            <li key={`${d.name}|${d.field}`} data-disagree={d.name} data-field={d.field} dir="auto">
              {format.plural(d.field === 'visitorId' ? 'variants_visitorIds' : 'variants_firstVisits', d.distinct, [vendorName(d.vendor, t), d.name, items])}
            </li>
          );
        })}
      </ul>
      <p>{t('variants_note')}</p>
    </section>
  );
}
