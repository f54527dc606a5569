// The popup's view of one site: summary, controls, consent warnings, cookies and export.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../src/protocol/client.ts';
import { decodePending, reportSite, withDecoded, type PageReport } from '../src/explain/page-report.ts';
import type { DecodeOutcome } from '../src/decode/types.ts';
import { lookupNameFacts } from '../src/explain/name-facts.ts';
import { useServices } from '../src/pages/context.ts';
import { Summary } from './components/Summary.tsx';
import { VendorBlockSwitch, VendorSummaries } from './components/VendorSummaries.tsx';
import { VendorHolding } from './components/VendorHolding.tsx';
import { Controls } from './components/Controls.tsx';
import { CookieBrowser } from './components/CookieBrowser.tsx';
import { AddCookieForm, EditContext } from './components/CookieEditor.tsx';
import { StatusLine } from './components/StatusLine.tsx';
import { CookieImport } from './components/CookieImport.tsx';
import { CompactSummary } from './components/CompactSummary.tsx';
import { DEFAULT_ROW_ORDER, type RowOrder } from '../src/core/row-order.ts';
import { EmbeddedSites } from './components/EmbeddedSites.tsx';
import { ConsentWarnings } from './components/ConsentWarnings.tsx';
import { VariantWarnings } from './components/VariantWarnings.tsx';
import { StatePage } from './components/StatePage.tsx';
import { Header } from './components/Header.tsx';
import { ExportBar } from './components/ExportBar.tsx';
import { CleanupChoice } from './components/CleanupChoice.tsx';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function SitePage({ data, announce, onChanged }: { data: SiteData; announce: (text: string) => void; onChanged: () => void }) {
  const { client, browserFamily = 'chromium' } = useServices();
  const [order, setOrder] = useState<RowOrder>(DEFAULT_ROW_ORDER);
  // The remembered layout, read after the first render so it never delays the popup.
  useEffect(() => {
    let live = true;
    void client.loadViewPrefs().then((prefs) => {
      if (live) setOrder(prefs.rowOrder);
    });
    return () => {
      live = false;
    };
  }, [client]);
  const chooseOrder = (next: RowOrder): void => {
    setOrder(next);
    void client.send('setRowOrder', { order: next });
  };
  // One report per read of the site, made at the time of the read: a render for another reason
  // (the row order, a finished deferred decode) reuses it.
  const first = useMemo(() => {
    const built = reportSite({ ...data, browserFamily }, client.now(), lookupNameFacts);
    performance.mark('popup:report');
    return built;
  }, [data, browserFamily, client]);
  const report = useCompletedReport(first);
  const { now } = report;
  const editTarget = useMemo(() => ({ tabId: data.tab.tabId, host: data.site.host, onChanged }), [data, onChanged]);
  return (
    <>
      <Header data={data} />
      {data.settingsProblem !== null ? <StatePage kind="settings" detail={data.settingsProblem} /> : null}
      <StatusLine rule={data.rule} verification={data.verification} />
      {report.showHubspot ? <CompactSummary><Summary summary={report.summary} now={now} /></CompactSummary> : null}
      <Controls data={data} report={report} hubspotShown={report.showHubspot} announce={announce} onChanged={onChanged} />
      <CleanupChoice data={data} announce={announce} onChanged={onChanged} />
      {/* After the site's controls, so they stay in the popup's first screen on a site with many trackers. */}
      <VendorSummaries summaries={report.vendors} now={now}>
        {(summary) => (
          <>
            <VendorBlockSwitch vendor={summary} tabId={data.tab.tabId} managed={data.rule?.managed === true}
              announce={announce} onChanged={onChanged} />
            <VendorHolding vendor={summary} now={now} />
          </>
        )}
      </VendorSummaries>
      <VariantWarnings disagreements={report.disagreements} />
      <ConsentWarnings contradictions={report.contradictions} now={now} />
      <EditContext.Provider value={editTarget}>
        <CookieBrowser views={report.views} now={now} contradictions={report.contradictions} tabId={data.tab.tabId}
          announce={announce} onChanged={onChanged} order={order} onOrder={chooseOrder} />
        <AddCookieForm />
      </EditContext.Provider>
      <EmbeddedSites embedded={report.embedded} site={data.site} now={now} />
      <ExportBar data={data} report={report} now={now} />
      <CookieImport data={data} announce={announce} onChanged={onChanged} />
    </>
  );
}

/**
 * The report, with the cookies whose decoder loads its library (IAB TCF/GPP) decoded after the
 * first render: once per read of the site, laid over each render's report.
 */
function useCompletedReport(report: PageReport): PageReport {
  const [decoded, setDecoded] = useState<{ readonly input: PageReport['input']; readonly outcomes: ReadonlyMap<string, DecodeOutcome> } | null>(null);
  // The effect runs once per read (input); it decodes the report of the render that started it.
  const latest = useRef(report);
  latest.current = report;
  const { input } = report;
  useEffect(() => {
    if (!latest.current.pending) return;
    let live = true;
    void decodePending(latest.current).then((outcomes) => {
      if (live) setDecoded({ input, outcomes });
    });
    return () => {
      live = false;
    };
  }, [input]);
  return useMemo(() => (decoded !== null && decoded.input === input ? withDecoded(report, decoded.outcomes) : report), [report, decoded, input]);
}
