// "What <vendor> knows about you here" for every tracker other than HubSpot found on the site:
// one block each, from its decoded cookies (src/explain/vendor-summary.ts).
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { VendorReport } from '../../src/explain/page-report.ts';
import { messageKeyPart } from '../../src/i18n/messages.ts';
import { Row, When } from './Summary.tsx';
import { vendorName } from '../../src/pages/names.ts';

export function useVendorName(): (vendor: string) => string {
  const { t } = useServices();
  return (vendor) => vendorName(vendor, t);
}

export function VendorSummaries({ summaries, now, children }: {
  summaries: readonly VendorReport[];
  now: number;
  /** Per-vendor controls, rendered at the end of each block. */
  children?: (summary: VendorReport) => ComponentChildren;
}) {
  const { t, format } = useServices();
  const vendorName = useVendorName();
  return (
    <>
      {summaries.map((summary) => {
        const titleId = `vendor-summary-${summary.vendor}`;
        const hasFacts = summary.firstSeen !== undefined || summary.sessionCount !== undefined || summary.lastActivity !== undefined || summary.ids.length > 0;
        return (
          <section key={summary.vendor} class="summary vendor-summary" aria-labelledby={titleId} data-summary="vendor" data-vendor={summary.vendor}>
            <h2 id={titleId}>{t('vendorSummary_title', [vendorName(summary.vendor)])}</h2>
            <dl>
              {summary.firstSeen !== undefined ? <Row field="firstSeen" label={t('vendorSummary_firstSeen')}><When ms={summary.firstSeen} now={now} /></Row> : null}
              {summary.sessionCount !== undefined ? (
                <Row field="sessionCount" label={t('vendorSummary_sessions')}><span data-value={String(summary.sessionCount)}>{format.number(summary.sessionCount)}</span></Row>
              ) : null}
              {summary.pageViews !== undefined ? (
                <Row field="pageViews" label={t('vendorSummary_pageViews')}><span data-value={String(summary.pageViews)}>{format.number(summary.pageViews)}</span></Row>
              ) : null}
              {summary.lastActivity !== undefined ? <Row field="lastActivity" label={t('vendorSummary_lastActivity')}><When ms={summary.lastActivity} now={now} /></Row> : null}
              {summary.ids.map((id) => (
                <Row key={`${id.key}:${id.value}`} field={`id:${id.key}`} label={t.dynamic(`field_${messageKeyPart(id.key)}`) ?? id.key}>
                  <code dir="auto" data-cookie={id.cookie}>{id.value}</code>
                </Row>
              ))}
              {summary.cookieNames.length > 0 ? (
                <Row field="cookies" label={t('vendorSummary_cookies')}>
                  {summary.cookieNames.map((name) => <code key={name} dir="auto" class="listed-name">{name}</code>)}
                </Row>
              ) : null}
            </dl>
            {hasFacts ? null : <p class="help">{t(summary.cookieNames.length > 0 ? 'vendorSummary_noFacts' : 'vendorSummary_noCookies')}</p>}
            {children?.(summary)}
          </section>
        );
      })}
    </>
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
  const helpId = `vendor-block-help-${vendor}`;
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
        aria-describedby={helpId} onClick={() => { if (!busy) void toggle(); }}>
        <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>
        <span class="switch-label">{t('vendorBlock_switch', [name])}</span>
      </button>
      <p id={helpId} class="help">{exception ? t('vendorBlock_exception', [name]) : t('vendorBlock_help')}</p>
      {error !== null ? <p class="error" role="alert">{error}</p> : null}
    </div>
  );
}
