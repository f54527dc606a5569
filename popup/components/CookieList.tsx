// Every cookie of the site, grouped by category (or by vendor, or one list by name); each row
// expands to its decoded fields and attributes, and has a button that deletes that cookie.
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { CookieView } from '../../src/explain/report.ts';
import type { DecodeOutcome } from '../../src/decode/types.ts';
import type { SameSite } from '../../src/model/cookie.ts';
import type { MessageKey } from '../../src/i18n/messages.ts';
import { messageKeyPart } from '../../src/i18n/messages.ts';
import type { Contradiction } from '../../src/core/consent-check.ts';
import { contradictionText } from './ConsentWarnings.tsx';
import { exportCookie } from '../../src/explain/export.ts';
import type { CookieJson } from '../../src/explain/json.ts';
import type { Translator } from '../../src/i18n/messages.ts';
import { useAnnounce } from '../../src/pages/Announcer.tsx';
import { categoryName, vendorName } from '../../src/pages/names.ts';
import { arrangeRows, type RowGroup } from '../../src/explain/arrange.ts';
import { lastWritten, type LastWritten } from '../../src/explain/last-written.ts';
import type { RowOrder } from '../../src/core/row-order.ts';
import { EditCookieForm } from './CookieEditor.tsx';

const WRITTEN_TITLES: Readonly<Record<LastWritten['kind'], MessageKey>> = {
  seen: 'written_group_seen',
  value: 'written_group_value',
  unknown: 'written_group_unknown',
};

export interface CookieListProps {
  readonly views: readonly CookieView[];
  readonly now: number;
  readonly title?: string;
  readonly contradictions?: readonly Contradiction[];
  /** How rows are grouped and ordered (default: by category). */
  readonly order?: RowOrder;
  /** Only these rows are shown (a search); null or absent shows every row. */
  readonly visible?: ReadonlySet<string> | null;
  /** Given, every row gets a "Delete <name>" button and every vendor group a "Delete all" one. */
  readonly onDelete?: (ids: readonly string[], focusAfter: string | null) => void;
}

export function CookieList({ views, now, title, contradictions = [], order = 'category', visible = null, onDelete }: CookieListProps) {
  const { t, format, seenWrite } = useServices();
  // Which rows are open. One state for the whole list, and one click listener on it: rows are
  // plain elements, not components, so the first render of 180 of them stays cheap
  // (docs/BENCHMARKS.md, "Findings"). The delete buttons are handled by the same listener.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const against = useMemo(() => contradictionsByCookie(contradictions), [contradictions]);
  const variants = useMemo(() => variantCounts(views), [views]);
  const writtenOf = (view: CookieView): LastWritten => lastWritten(seenWrite?.(view.cookie), view.outcome, now);
  const groups = useMemo(
    () => arrangeRows(views, order, (vendor) => vendorName(vendor, t), writtenOf),
    [views, order, t, seenWrite, now],
  );
  // In the "last written" order each row says what its place rests on (the group says "not known").
  const writtenTag = (view: CookieView): string | null => {
    if (order !== 'written') return null;
    const written = writtenOf(view);
    return written.kind === 'seen' ? t('written_row_seen', [format.date(written.at)]) : written.kind === 'value' ? t('written_row_value', [format.date(written.at)]) : null;
  };
  const shownGroups = useMemo(() => visibleGroups(groups, visible), [groups, visible]);
  const onClick = (event: MouseEvent): void => {
    const target = event.target instanceof Element ? event.target : null;
    const remove = target?.closest('button[data-delete]');
    if (remove instanceof HTMLElement && onDelete !== undefined) {
      const id = remove.dataset['delete'] ?? '';
      onDelete([id], nextRowId(shownGroups, id));
      return;
    }
    const removeVendor = target?.closest('button[data-delete-vendor]');
    if (removeVendor instanceof HTMLElement && onDelete !== undefined) {
      const group = groups.find((g) => g.key === removeVendor.dataset['deleteVendor']);
      if (group !== undefined) onDelete(group.views.map((v) => v.id), null);
      return;
    }
    const head = target?.closest('button.cookie-head');
    const id = head instanceof HTMLElement ? head.dataset['row'] : undefined;
    if (id === undefined) return;
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  };
  const deletable = onDelete !== undefined;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: one delegated listener for the rows' buttons, which keyboards press themselves
    <section class="cookies" aria-label={title ?? t('cookies_title')} onClick={onClick} data-order={order}>
      {title === undefined ? <h2>{t('cookies_title', [String(views.length)])}</h2> : null}
      {views.length === 0 ? <p class="help">{t('cookies_none')}</p> : null}
      {shownGroups.map(({ group, shown }) => (
        <div class="group" key={group.key} data-category={group.kind === 'category' ? (group.category ?? 'unknown') : undefined} data-vendor={group.kind === 'vendor' ? (group.vendor ?? 'unknown') : undefined} data-written={group.kind === 'written' ? group.basis : undefined}>
          {group.kind === 'all' ? null : (
            <div class="group-head">
              <h3>{group.kind === 'category' ? categoryName(group.category, t) : group.kind === 'written' ? t(WRITTEN_TITLES[group.basis]) : vendorName(group.vendor, t)} <span class="count">{shown.length}</span></h3>
              {deletable && group.kind === 'vendor' && group.vendor !== null ? (
                <button type="button" class="link delete-vendor" data-delete-vendor={group.key}>{t('vendor_deleteAll', [vendorName(group.vendor, t)])}</button>
              ) : null}
            </div>
          )}
          <ul class="cookie-rows">
            {shown.map((view) => cookieRow(view, view.outcome, now, against.get(view.cookie.name) ?? NONE, open.has(view.id), deletable, variants.get(view.cookie.name) ?? 1, t, writtenTag(view)))}
          </ul>
        </div>
      ))}
    </section>
  );
}

function visibleGroups(groups: readonly RowGroup[], visible: ReadonlySet<string> | null): { group: RowGroup; shown: readonly CookieView[] }[] {
  return groups
    .map((group) => ({ group, shown: visible === null ? group.views : group.views.filter((v) => visible.has(v.id)) }))
    .filter(({ shown }) => shown.length > 0);
}

/** The row shown after `id` (or before it, for the last), where the keyboard focus goes once it is deleted. */
function nextRowId(groups: readonly { shown: readonly CookieView[] }[], id: string): string | null {
  const ids = groups.flatMap(({ shown }) => shown.map((v) => v.id));
  const at = ids.indexOf(id);
  return ids[at + 1] ?? ids[at - 1] ?? null;
}

const NONE: readonly Contradiction[] = [];

/** Each cookie name with the consent contradictions it takes part in (as the cookie or as the consent record). */
function contradictionsByCookie(contradictions: readonly Contradiction[]): ReadonlyMap<string, readonly Contradiction[]> {
  const byName = new Map<string, Contradiction[]>();
  for (const c of contradictions) {
    for (const name of new Set([c.cookie, c.consentCookie])) byName.set(name, [...(byName.get(name) ?? []), c]);
  }
  return byName;
}

/** SameSite as the attribute is written, never the browser API's own words (`no_restriction`, `unspecified`). */
function sameSiteText(sameSite: SameSite, t: Translator): string {
  switch (sameSite) {
    case 'no_restriction':
      return 'SameSite=None';
    case 'lax':
      return 'SameSite=Lax';
    case 'strict':
      return 'SameSite=Strict';
    case 'unspecified':
      return t('attr_sameSiteUnset');
  }
}

function scopeLabel(view: CookieView): MessageKey {
  if (view.scope === 'partitioned') return 'scope_partitioned';
  if (view.scope === 'embedded') return 'scope_embedded';
  return view.cookie.hostOnly ? 'scope_hostOnly' : 'scope_domain';
}

/** What "Copy decoded fields" puts on the clipboard: the cookie as the JSON export describes it, without its raw value and attributes. */
function decodedJson(view: CookieView, outcome: DecodeOutcome | null, t: Translator): CookieJson {
  const { name, vendor, category, recognised, fields, problems } = exportCookie(view, outcome, t);
  return { name, vendor, category, recognised, fields, problems };
}

/** One cookie's row: a button that opens its details, and the details when open. */
/** How many rows share each name: two `__hstc` rows must be told apart by where they live. */
function variantCounts(views: readonly CookieView[]): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const view of views) counts.set(view.cookie.name, (counts.get(view.cookie.name) ?? 0) + 1);
  return counts;
}

function cookieRow(view: CookieView, outcome: DecodeOutcome | null, now: number, against: readonly Contradiction[], open: boolean, deletable: boolean, variants: number, t: Translator, written: string | null = null) {
  const { cookie } = view;
  const vendor = vendorName(view.vendor, t);
  const failed = outcome !== null && !outcome.ok;
  const deleteLabel = deletable ? t('row_delete', [cookie.name]) : undefined;
  const detailsId = `d-${view.id.replace(/[^A-Za-z0-9_-]/g, (c) => c.charCodeAt(0).toString(16))}`;
  return (
    <li key={view.id} class={failed ? 'cookie undecodable' : 'cookie'} data-cookie={cookie.name} data-scope={view.scope} data-store={cookie.storeId}>
      <button type="button" class="cookie-head" data-row={view.id} aria-expanded={open} aria-controls={detailsId}>
        <span class="cookie-name" dir="auto">{cookie.name}</span>
        <span class="cookie-vendor">{vendor}</span>
        {view.scope === 'partitioned' ? <span class="tag">{t('scope_partitioned')}</span> : null}
        {variants > 1 && view.scope !== 'partitioned' ? <span class="tag" data-variant={cookie.domain} title={t('row_variantOf', [String(variants), cookie.name])}>{`${cookie.domain} · ${t(scopeLabel(view))}`}</span> : null}
        {cookie.path !== '/' ? <span class="tag" data-path={cookie.path}>{t('row_path', [cookie.path])}</span> : null}
        {failed ? <span class="tag warn">{t('row_notDecoded')}</span> : null}
        {view.attribution === 'none' ? <span class="tag">{t('row_notRecognised')}</span> : null}
        {against.length > 0 ? <span class="tag warn" data-against-consent>{`⚠ ${t('row_againstConsent')}`}</span> : null}
        {written !== null ? <span class="tag" data-written-at="">{written}</span> : null}
      </button>
      {deletable ? (
        // No child nodes: the sign is drawn by the style sheet, so 180 rows add one element each.
        <button type="button" class="row-delete" data-delete={view.id} aria-label={deleteLabel} title={deleteLabel} />
      ) : null}
      {open ? <CookieDetails id={detailsId} view={view} outcome={outcome} now={now} against={against} /> : null}
    </li>
  );
}

function CookieDetails({ id, view, outcome, now, against }: { id: string; view: CookieView; outcome: DecodeOutcome | null; now: number; against: readonly Contradiction[] }) {
  const { t, format, client } = useServices();
  const announce = useAnnounce();
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const { cookie } = view;
  const meaning = view.family !== undefined ? t.dynamic(`family_${messageKeyPart(view.family.id)}`) : undefined;
  const [copiedText, setCopiedText] = useState('');
  const copy = (text: string, done: string): void => {
    void client.copyText(text).then((ok) => {
      setCopied(ok ? 'done' : 'failed');
      setCopiedText(ok ? done : t('copy_failed'));
      announce(ok ? done : t('copy_failed'));
    });
  };
  return (
    <div class="cookie-details" id={id}>
      {meaning !== undefined ? <p class="meaning">{meaning}</p> : null}
      {against.map((c) => <p key={`${c.consentCookie}|${c.cookie}|${c.category}`} class="consent-warning">{contradictionText(c, t, format, now)}</p>)}
      {view.attribution === 'database' ? <p class="help">{t('row_fromDatabase')}</p> : null}
      <Decoded outcome={outcome} now={now} />
      <p class="copy-row">
        {outcome !== null ? (
          <button type="button" class="link" data-copy-fields aria-label={t('copy_fieldsOf', [cookie.name])} onClick={() => copy(JSON.stringify(decodedJson(view, outcome, t), null, 2), t('copy_done', [cookie.name]))}>
            {t('copy_fields')}
          </button>
        ) : null}
        <button type="button" class="link" data-copy-value aria-label={t('copy_valueOf', [cookie.name])} onClick={() => copy(cookie.value, t('copy_valueDone', [cookie.name]))}>
          {t('copy_value')}
        </button>
        <button type="button" class="link" data-copy-json aria-label={t('copy_jsonOf', [cookie.name])} onClick={() => copy(JSON.stringify(exportCookie(view, outcome, t), null, 2), t('copy_jsonDone', [cookie.name]))}>
          {t('copy_json')}
        </button>
        {copied !== null ? <span class={copied === 'done' ? 'copied' : 'copy-failed'} data-copied={copied}> {copied === 'done' ? '✓' : '⚠'} {copiedText}</span> : null}
      </p>
      <EditCookieForm cookie={cookie} />
      <dl class="attributes">
        {/* Focusable: a long value scrolls inside its box, and keyboard users must reach it. */}
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (axe: scrollable-region-focusable) */}
        <dt>{t('attr_value')}</dt><dd><code class="raw-value" dir="auto" tabIndex={0}>{cookie.value}</code></dd>
        <dt>{t('attr_domain')}</dt><dd>{cookie.domain} ({t(scopeLabel(view))})</dd>
        <dt>{t('attr_path')}</dt><dd>{cookie.path}</dd>
        <dt>{t('attr_expires')}</dt><dd>{format.expiry(cookie.expirationDate, now)}</dd>
        {view.lifetime !== null ? (<><dt>{t('attr_documentedLifetime')}</dt><dd>{format.lifetime(view.lifetime)}</dd></>) : null}
        {view.retention !== undefined ? (<><dt>{t('attr_typicalRetention')}</dt><dd>{format.retention(view.retentionPeriod, view.retention)}</dd></>) : null}
        <dt>{t('attr_flags')}</dt>
        <dd>
          {[
            cookie.secure ? t('attr_secure') : null,
            cookie.httpOnly ? t('attr_httpOnly') : null,
            sameSiteText(cookie.sameSite, t),
            cookie.partitionKey !== undefined ? `${t('attr_partitioned')} (${cookie.partitionKey.topLevelSite})` : null,
          ].filter((x) => x !== null).join(' · ')}
        </dd>
      </dl>
    </div>
  );
}

function Decoded({ outcome, now }: { outcome: DecodeOutcome | null; now: number }) {
  const { t, format } = useServices();
  if (outcome === null) return null;
  if (!outcome.ok) {
    return (
      <p class="problem" data-problem={outcome.problem.code}>
        {t('row_cannotDecode')} {format.problem(outcome.problem)}
        {outcome.problem.detail !== undefined ? <> — <code dir="auto">{outcome.problem.detail}</code></> : null}
      </p>
    );
  }
  return (
    <>
      <dl class="fields">
        {outcome.fields.map((field) => (
          <div key={field.key} class="field" data-field={field.key}>
            <dt>{format.fieldLabel(field.key)}{field.uncertain === true ? <span class="uncertain" title={t('field_uncertain')}> ?</span> : null}</dt>
            <dd>
              {field.value.kind === 'instant' && Math.abs(field.value.epochMs) <= 8.64e15 ? (
                <time dateTime={new Date(field.value.epochMs).toISOString()}>{format.field(field.value, now)}</time>
              ) : (
                format.field(field.value, now)
              )}
              {field.assumption !== undefined ? <span class="assumption" data-assumption={field.assumption}> {t.dynamic(`field_assumption_${messageKeyPart(field.assumption)}`) ?? ''}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      {outcome.warnings.length > 0 ? (
        <ul class="warnings">
          {outcome.warnings.map((w, i) => <li key={i} data-warning={w.code}>{format.problem(w)}{w.detail !== undefined ? ` — ${w.detail}` : ''}</li>)}
        </ul>
      ) : null}
    </>
  );
}
