// The site's cookie list with what makes 180 cookies usable: a search field that filters rows as
// the visitor types, the choice of grouping, and deleting one cookie (or a vendor's) with Undo.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { CookieView } from '../../src/explain/report.ts';
import type { Contradiction } from '../../src/core/consent-check.ts';
import type { FailedCookie } from '../../src/protocol/messages.ts';
import { filterRows, searchEntry } from '../../src/explain/search.ts';
import { ROW_ORDERS, isRowOrder, type RowOrder } from '../../src/core/row-order.ts';
import { CookieList } from './CookieList.tsx';
import { categoryName, vendorName } from '../../src/pages/names.ts';
import { FailedList } from './Controls.tsx';
import { useErrorText } from '../../src/pages/error-text.ts';

/** How long typing must pause before the number of matches is announced (each key would be noise). */
const ANNOUNCE_AFTER_MS = 600;

export function CookieBrowser({ views, now, contradictions, tabId, announce, onChanged, order, onOrder }: {
  views: readonly CookieView[];
  now: number;
  contradictions: readonly Contradiction[];
  tabId: number;
  announce: (text: string) => void;
  onChanged: () => void;
  order: RowOrder;
  onOrder: (order: RowOrder) => void;
}) {
  const { client, t, format } = useServices();
  const errorText = useErrorText();
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failed, setFailed] = useState<readonly FailedCookie[]>([]);
  const searchField = useRef<HTMLInputElement>(null);
  // Set by a deletion: where the keyboard focus goes once the deleted rows are gone.
  const [pendingFocus, setPendingFocus] = useState<{ readonly deleted: readonly string[]; readonly next: string | null } | null>(null);

  // Built when the visitor starts searching (never while the popup opens), then once per report;
  // typing only filters.
  const searching = query.trim() !== '';
  const index = useMemo(
    () => (searching ? views.map((view) => searchEntry(view, view.outcome, { vendor: vendorName(view.vendor, t), category: categoryName(view.category, t) })) : []),
    [views, t, searching],
  );
  const visible = useMemo(() => filterRows(index, query), [index, query]);
  const matchText = visible === null ? null : visible.size === 0 ? t('search_none', [query.trim()]) : format.plural('search_matches', visible.size, [format.number(views.length)]);

  useEffect(() => {
    if (matchText === null) return;
    const timer = setTimeout(() => announce(matchText), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [matchText]);

  // After a deletion the row is gone: the keyboard focus goes to the next row's delete button, or
  // to the search field, instead of falling back to the page.
  useLayoutEffect(() => {
    if (pendingFocus === null) return;
    const ids = new Set(pendingFocus.deleted);
    if (views.some((v) => ids.has(v.id))) return;
    setPendingFocus(null);
    const next = [...document.querySelectorAll<HTMLElement>('button[data-delete]')].find((b) => b.dataset['delete'] === pendingFocus.next);
    (next ?? searchField.current)?.focus();
  }, [views, pendingFocus]);

  const remove = (ids: readonly string[], next: string | null): void => {
    if (busy || ids.length === 0) return;
    setBusy(true);
    setError(null);
    setFailed([]);
    void client.send('deleteCookies', { tabId, cookies: ids }).then((reply) => {
      setBusy(false);
      if (!reply.ok) {
        setError(`${errorText(reply.error)} (${reply.error.detail})`);
        return;
      }
      const { removed, failed: notRemoved } = reply.value;
      setFailed(notRemoved);
      if (removed > 0) setPendingFocus({ deleted: ids, next });
      const done = removed === 0 ? t('done_deletedNothing') : format.plural('done_deleted', removed);
      announce(notRemoved.length > 0 ? `${done} ${format.plural('failed_intro', notRemoved.length)}` : done);
      onChanged();
    });
  };

  return (
    <div class="cookie-browser" aria-busy={busy ? 'true' : undefined}>
      <search class="cookie-tools">
        <input ref={searchField} type="search" class="search" aria-label={t('search_label')} placeholder={t('search_placeholder')} value={query}
          aria-describedby={matchText !== null ? 'search-count' : undefined}
          onInput={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || query === '') return;
            // Escape clears the search, and does not also close the popup.
            e.preventDefault();
            e.stopPropagation();
            setQuery('');
            announce(t('search_cleared'));
          }} />
        <label class="order">
          {t('order_label')}{' '}
          <select value={order} onChange={(e) => { const value = e.currentTarget.value; if (isRowOrder(value)) onOrder(value); }}>
            {ROW_ORDERS.map((o) => <option key={o} value={o}>{t(`order_${o}`)}</option>)}
          </select>
        </label>
      </search>
      {matchText !== null ? <p id="search-count" class="help search-count" data-matches={String(visible?.size ?? 0)}>{matchText}</p> : null}
      {error !== null ? <p class="error" role="alert">{error}</p> : null}
      <FailedList failed={failed} />
      <CookieList views={views} now={now} contradictions={contradictions} order={order} visible={visible} onDelete={remove} />
    </div>
  );
}
