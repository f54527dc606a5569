// "What <vendor> knows about you here" for every tracker other than HubSpot found on the site:
// one block each, from its decoded cookies (src/explain/vendor-summary.ts).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { VendorReport } from '../../src/explain/page-report.ts';
import type { VendorIdFact } from '../../src/explain/vendor-summary.ts';
import { messageKeyPart, type Translator } from '../../src/i18n/messages.ts';
import { Row, When } from './Summary.tsx';
import { vendorName } from '../../src/pages/names.ts';
import { LazyDetails } from '../../src/pages/LazyDetails.tsx';

export function useVendorName(): (vendor: string) => string {
  const { t } = useServices();
  return (vendor) => vendorName(vendor, t);
}

/** The one explanation of what a tracker's "Block" switch does, which every switch points to. */
export const VENDOR_BLOCK_HELP_ID = 'vendor-block-help';

export function VendorSummaries({ summaries, now, children }: {
  summaries: readonly VendorReport[];
  now: number;
  /** Per-vendor controls (VendorBlockSwitch), rendered at the end of each block. */
  children?: (summary: VendorReport) => ComponentChildren;
}) {
  const { t, format } = useServices();
  const vendorName = useVendorName();
  return (
    <>
      {/* Said once for every tracker's switch, rather than the same sentence under each. */}
      {children !== undefined && summaries.length > 0 ? <p id={VENDOR_BLOCK_HELP_ID} class="help vendor-block-help">{t('vendorBlock_helpAll')}</p> : null}
      {summaries.map((summary) => {
        const titleId = `vendor-summary-${summary.vendor}`;
        const facts = factNames(summary, t);
        return (
          <section key={summary.vendor} class="summary vendor-summary" aria-labelledby={titleId} data-summary="vendor" data-vendor={summary.vendor}>
            <h2 id={titleId}>{t('vendorSummary_title', [vendorName(summary.vendor)])}</h2>
            {/* What it knows opens on request: seven trackers' facts would push the site's cookies
                several screens down, and most openings never read them. The line says which facts there are. */}
            {facts.length > 0 || summary.cookieNames.length > 0 ? (
              <LazyDetails class="vendor-facts" summary={[...facts, format.plural('vendorSummary_cookieCount', summary.cookieNames.length)].join(' · ')}>
                {() => <VendorFacts summary={summary} now={now} />}
              </LazyDetails>
            ) : null}
            {facts.length > 0 ? null : <p class="help">{t(summary.cookieNames.length > 0 ? 'vendorSummary_noFacts' : 'vendorSummary_noCookies')}</p>}
            {children?.(summary)}
          </section>
        );
      })}
    </>
  );
}

/** What a tracker's block says it knows, with the values: made when the block's line first opens. */
function VendorFacts({ summary, now }: { summary: VendorReport; now: number }) {
  const { t, format } = useServices();
  return (
    <dl>
      {summary.firstSeen !== undefined ? <Row field="firstSeen" label={t('vendorSummary_firstSeen')}><When ms={summary.firstSeen} now={now} /></Row> : null}
      {summary.sessionCount !== undefined ? (
        <Row field="sessionCount" label={t('vendorSummary_sessions')}><span data-value={String(summary.sessionCount)}>{format.number(summary.sessionCount)}</span></Row>
      ) : null}
      {summary.pageViews !== undefined ? (
        <Row field="pageViews" label={t('vendorSummary_pageViews')}><span data-value={String(summary.pageViews)}>{format.number(summary.pageViews)}</span></Row>
      ) : null}
      {summary.lastActivity !== undefined ? <Row field="lastActivity" label={t('vendorSummary_lastActivity')}><When ms={summary.lastActivity} now={now} /></Row> : null}
      {idsByKey(summary.ids).map(([key, ids]) => <IdRow key={key} idKey={key} ids={ids} />)}
      {summary.cookieNames.length > 0 ? (
        <Row field="cookies" label={t('vendorSummary_cookies')}>
          {/* One text for the whole list (a site can have dozens); each name isolated, so a right-to-left name keeps its order. */}
          <code class="listed-names">{summary.cookieNames.map((name) => `\u2068${name}\u2069`).join(', ')}</code>
        </Row>
      ) : null}
    </dl>
  );
}

/**
 * The names of the facts a tracker's block holds, without their values, in the order VendorFacts
 * shows them: with the cookie count, the line that opens the block ("First seen · Client ID · 25 cookies").
 */
function factNames(summary: VendorReport, t: Translator): string[] {
  return [
    summary.firstSeen !== undefined ? t('vendorSummary_firstSeen') : null,
    summary.sessionCount !== undefined ? t('vendorSummary_sessions') : null,
    summary.pageViews !== undefined ? t('vendorSummary_pageViews') : null,
    summary.lastActivity !== undefined ? t('vendorSummary_lastActivity') : null,
    ...idsByKey(summary.ids).map(([key]) => idLabel(key, t)),
  ].filter((fact) => fact !== null);
}

function idLabel(key: string, t: Translator): string {
  return t.dynamic(`field_${messageKeyPart(key)}`) ?? key;
}

/** The vendor's ids, one entry per kind of id (visitor id, device id, ...), in the order first seen. */
function idsByKey(ids: readonly VendorIdFact[]): [string, VendorIdFact[]][] {
  const byKey = new Map<string, VendorIdFact[]>();
  for (const id of ids) {
    const same = byKey.get(id.key);
    if (same === undefined) byKey.set(id.key, [id]);
    else same.push(id);
  }
  return [...byKey];
}

/** Up to this many ids of one kind show at once; more (one per copy of a tracker's cookie) open on request. */
const IDS_SHOWN = 3;

/** One kind of id and its values; a long list shows its first two and "Show N more". */
function IdRow({ idKey, ids }: { idKey: string; ids: readonly VendorIdFact[] }) {
  const { t, format } = useServices();
  const [all, setAll] = useState(false);
  const folded = ids.length > IDS_SHOWN && !all;
  const shown = folded ? ids.slice(0, IDS_SHOWN - 1) : ids;
  return (
    <Row field={`id:${idKey}`} label={idLabel(idKey, t)}>
      {shown.map((id) => <code key={id.value} class="id-value" dir="auto" data-cookie={id.cookie}>{id.value}</code>)}
      {ids.length > IDS_SHOWN ? (
        <button type="button" class="link" aria-expanded={all} onClick={() => setAll(!all)}>
          {all ? t('vendorSummary_fewerIds') : format.plural('vendorSummary_moreIds', ids.length - shown.length)}
        </button>
      ) : null}
    </Row>
  );
}

/** "Block <vendor> on this site": the vendor's own switch, in its summary block. */
export function VendorBlockSwitch({ vendor: report, tabId, managed, announce, onChanged }: {
  vendor: VendorReport;
  tabId: number;
  managed: boolean;
  announce: (text: string) => void;
  onChanged: () => void;
}) {
  const { client, t } = useServices();
  const vendorName = useVendorName();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { vendor, blocked, exception } = report;
  const name = vendorName(vendor);
  // A tracker kept working despite the opt-out says so under its own switch.
  const exceptionId = `vendor-block-exception-${vendor}`;
  const toggle = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const reply = await client.send('setVendorBlock', { tabId, vendor, blocked: !blocked });
      if (reply.ok) announce(t(!blocked ? 'done_vendorBlocked' : 'done_vendorAllowed', [name]));
      else setError(`${t.dynamic(`error_${messageKeyPart(reply.error.code)}`) ?? t('error_internal')} (${reply.error.detail})`);
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <div class="switch-row" data-vendor-block={vendor}>
      <button type="button" role="switch" aria-checked={blocked} disabled={managed} aria-disabled={busy ? 'true' : undefined} class="switch"
        aria-describedby={exception ? `${VENDOR_BLOCK_HELP_ID} ${exceptionId}` : VENDOR_BLOCK_HELP_ID} onClick={() => { if (!busy) void toggle(); }}>
        <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>
        <span class="switch-label">{t('vendorBlock_switch', [name])}</span>
      </button>
      {exception ? <p id={exceptionId} class="help">{t('vendorBlock_exception', [name])}</p> : null}
      {error !== null ? <p class="error" role="alert">{error}</p> : null}
    </div>
  );
}
