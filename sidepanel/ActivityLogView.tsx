// The side panel's live activity log: listens (through the client) to the shown tab while the
// panel is open and lists what happened, newest first, explained by src/explain/activity.ts.
import { useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../src/protocol/client.ts';
import { activityToJson, activityVendors, cookieConcernsSite, type ActivityEntry, type ActivityLog } from '../src/explain/activity.ts';
import type { Translator } from '../src/i18n/messages.ts';
import type { Formatter } from '../src/pages/format.ts';
import { useServices } from '../src/pages/context.ts';
import { vendorName } from '../src/pages/names.ts';

/** Rows drawn at once: a page writing thousands of cookies must not make the panel draw thousands of rows. */
const SHOWN_ROWS = 200;

function sentence(entry: ActivityEntry, t: Translator, format: Formatter): string {
  const vendor = vendorName(entry.vendor, t);
  if (entry.kind === 'request') {
    const count = format.number(entry.count);
    if (entry.request === 'page-view') return t('activity_request_page_view', [vendor, count]);
    if (entry.request === 'event') return t('activity_request_event', [vendor, count]);
    if (entry.request === 'form') return t('activity_request_form', [vendor, count]);
    return t('activity_request_other', [vendor, count, entry.host]);
  }
  if (entry.kind === 'blocked') return t('activity_blocked', [vendor, entry.host]);
  switch (entry.event) {
    // A session number is an ordinal, not a quantity: no grouping separators.
    case 'session-started': return t('activity_session_started', [vendor, String(entry.sessionNumber ?? '')]);
    case 'written': return t('activity_written', [vendor, entry.name]);
    case 'refreshed': return t('activity_refreshed', [vendor, entry.name]);
    case 'deleted': return t('activity_deleted', [vendor, entry.name]);
    case 'expired': return t('activity_expired', [vendor, entry.name]);
    case 'changed': {
      const fields = entry.changedFields ?? [];
      return fields.length === 0 ? t('activity_changed', [vendor, entry.name]) : t('activity_changed_fields', [vendor, entry.name, fields.map((key) => format.fieldLabel(key)).join(', ')]);
    }
  }
}

/** `log` is the panel session's log (made by the page root, which also orders rows by its write times). */
export function ActivityLogView({ snapshot, log }: { snapshot: SiteSnapshot | null; log: ActivityLog }) {
  const { client, t, format } = useServices();
  const [version, setVersion] = useState(0);
  const [vendorFilter, setVendorFilter] = useState<string>('');
  const watched = snapshot?.kind === 'site' ? snapshot : null;
  const tabId = watched?.tab.tabId;
  const site = watched?.site.registrableDomain;
  const storeId = watched?.tab.storeId;

  // Seeding and listening start in layout effects, straight after the render that shows the site.
  // A plain effect waits for the next animation frame (or a 100 ms timer): a hidden page has no
  // frames and Firefox throttles its timers for seconds, so writes made meanwhile were missed and
  // the Firefox log stayed empty in the tests, where the panel page is a background tab.
  useLayoutEffect(() => {
    if (watched === null) return;
    log.seed(watched.cookies);
  }, [watched, log]);

  useLayoutEffect(() => {
    if (tabId === undefined || site === undefined || storeId === undefined || client.watchActivity === undefined) return;
    let queued = false;
    const changed = (entry: ActivityEntry | null): void => {
      if (entry === null || queued) return;
      // One render per burst however many cookies a page writes at once (a timer, not a frame:
      // frames stop while the panel's page is hidden, and the log must stay current).
      queued = true;
      setTimeout(() => {
        queued = false;
        setVersion((v) => v + 1);
      }, 50);
    };
    return client.watchActivity(tabId, {
      cookie: (change, at) => {
        if (cookieConcernsSite(change.cookie, site, storeId)) changed(log.cookieChanged(change, site, at));
      },
      request: (url, at) => changed(log.requestSeen(url, site, at)),
      blocked: (url, at) => changed(log.requestBlocked(url, site, at)),
    });
  }, [client, log, tabId, site, storeId]);

  const entries = log.entries;
  const vendors = useMemo(() => activityVendors(entries), [entries, version]);
  const shown = vendorFilter === '' ? entries : entries.filter((entry) => (entry.vendor ?? '-') === vendorFilter);
  const now = client.now();
  const clock = useMemo(() => new Intl.DateTimeFormat(format.locale, { timeStyle: 'medium' }), [format]);

  return (
    <section class="activity" aria-labelledby="activity-heading">
      <h2 id="activity-heading">{t('panel_log_heading')}</h2>
      <p class="muted">{t('panel_log_intro')}</p>
      <div class="activity-tools">
        <label>
          {t('panel_log_filter')}{' '}
          <select value={vendorFilter} onChange={(event) => setVendorFilter(event.currentTarget.value)} data-activity-filter="">
            <option value="">{t('panel_log_filter_all')}</option>
            {vendors.map((vendor) => <option key={vendor ?? '-'} value={vendor ?? '-'}>{vendorName(vendor, t)}</option>)}
          </select>
        </label>
        <button type="button" class="link" data-activity-export="" onClick={() => client.download(`cookie-lens-activity-${new Date(now).toISOString().slice(0, 19).replace(/[:T]/g, '-')}.json`, 'application/json', activityToJson(shown))}>
          {t('panel_log_export')}
        </button>
        <button type="button" class="link" onClick={() => { log.clear(); setVersion((v) => v + 1); }}>
          {t('panel_log_clear')}
        </button>
      </div>
      {shown.length === 0 ? (
        <p class="muted" data-activity-empty="">{t('panel_log_empty')}</p>
      ) : (
        <ol class="activity-list" data-activity-log="">
          {shown.slice(0, SHOWN_ROWS).map((entry) => (
            <li key={entry.seq} data-kind={entry.kind} data-vendor={entry.vendor ?? ''} data-event={entry.kind === 'cookie' ? entry.event : entry.kind === 'request' ? entry.request : 'blocked'}>
              <time dateTime={new Date(entry.at).toISOString()}>{clock.format(entry.at)}</time> {sentence(entry, t, format)}
            </li>
          ))}
        </ol>
      )}
      {shown.length > SHOWN_ROWS ? <p class="muted">{t('panel_log_more', [format.number(SHOWN_ROWS), format.number(shown.length)])}</p> : null}
    </section>
  );
}
