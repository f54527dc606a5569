// The popup's view of one site: summary, controls, consent warnings, cookies and export.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../src/protocol/client.ts';
import { buildSiteReport, completeDecodes, pendingDecodes, type SiteReport } from '../src/explain/report.ts';
import { lookupNameFacts } from '../src/explain/name-facts.ts';
import { findConsentContradictions } from '../src/core/consent-check.ts';
import type { DecodeOutcome } from '../src/decode/types.ts';
import { useServices } from '../src/pages/context.ts';
import { Summary } from './components/Summary.tsx';
import { VendorBlockSwitch, VendorSummaries } from './components/VendorSummaries.tsx';
import { VendorHolding } from './components/VendorHolding.tsx';
import { summariseVendors, type VendorSummary } from '../src/explain/vendor-summary.ts';
import { TRACKER_VENDORS, isTrackerVendorId } from '../src/core/vendors.ts';
import type { SiteRule } from '../src/core/rules.ts';
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
import { variantDisagreements } from '../src/explain/variant-disagreements.ts';
import { StatePage } from './components/StatePage.tsx';
import { Header } from './components/Header.tsx';
import { ExportBar } from './components/ExportBar.tsx';
import { CleanupChoice } from './components/CleanupChoice.tsx';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function SitePage({ data, announce, onChanged }: { data: SiteData; announce: (text: string) => void; onChanged: () => void }) {
  const { client } = useServices();
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
  const now = client.now();
  const report = useMemo(() => {
    const built = buildSiteReport(data.cookies, data.site, now, lookupNameFacts);
    performance.mark('popup:report');
    return built;
  }, [data, now]);
  const completed = useDeferredDecodes(report, data, now);
  const vendorSummaries = useMemo(() => withChosenVendors(summariseVendors(report.views), data.rule), [report, data.rule]);
  // HubSpot's block comes first where HubSpot is present; on a site with other trackers and no
  // HubSpot, nothing about HubSpot is shown.
  const showHubspot = report.summary.present || (vendorSummaries.length === 0 && data.rule?.hubspot !== false);
  const contradictions = useMemo(
    () => findConsentContradictions(report.views.map((v) => ({
      name: v.cookie.name, family: v.family, category: v.category, outcome: completed.get(v.id) ?? v.outcome,
      expirationDate: v.cookie.expirationDate, value: v.cookie.value, vendor: v.vendor,
    })), now),
    [report, completed, now],
  );
  const disagreements = useMemo(() => variantDisagreements(report.views, (v) => completed.get(v.id) ?? v.outcome), [report, completed]);
  const editTarget = useMemo(() => ({ tabId: data.tab.tabId, host: data.site.host, onChanged }), [data, onChanged]);
  return (
    <>
      <Header data={data} />
      {data.settingsProblem !== null ? <StatePage kind="settings" detail={data.settingsProblem} /> : null}
      <StatusLine rule={data.rule} verification={data.verification} />
      {showHubspot ? <CompactSummary><Summary summary={report.summary} now={now} /></CompactSummary> : null}
      <Controls data={data} report={report} hubspotShown={showHubspot} announce={announce} onChanged={onChanged} />
      <CleanupChoice data={data} announce={announce} onChanged={onChanged} />
      {/* After the site's controls, so they stay in the popup's first screen on a site with many trackers. */}
      <VendorSummaries summaries={vendorSummaries} now={now}>
        {(summary) => (
          <>
            <VendorBlockSwitch vendor={summary.vendor} tabId={data.tab.tabId} rule={data.rule} managed={data.rule?.managed === true}
              announce={announce} onChanged={onChanged} />
            <VendorHolding vendor={summary.vendor} rule={data.rule} verification={data.verification} now={now} />
          </>
        )}
      </VendorSummaries>
      <VariantWarnings disagreements={disagreements} />
      <ConsentWarnings contradictions={contradictions} now={now} />
      <EditContext.Provider value={editTarget}>
        <CookieBrowser views={report.views} completed={completed} now={now} contradictions={contradictions} tabId={data.tab.tabId}
          announce={announce} onChanged={onChanged} order={order} onOrder={chooseOrder} />
        <AddCookieForm />
      </EditContext.Provider>
      <EmbeddedSites embedded={data.embedded} site={data.site} now={now} />
      <ExportBar data={data} report={report} completed={completed} now={now} />
      <CookieImport data={data} announce={announce} onChanged={onChanged} />
    </>
  );
}

/**
 * A vendor the visitor made a choice about keeps its block (and its switch) after its cookies are
 * gone: an empty summary, in the facts table's order.
 */
function withChosenVendors(summaries: VendorSummary[], rule: SiteRule | null): VendorSummary[] {
  const chosen = Object.keys(rule?.vendors ?? {});
  if (chosen.length === 0) return summaries;
  const order = TRACKER_VENDORS.map((vendor) => vendor.id);
  const all = [...summaries];
  for (const vendor of chosen) {
    if (!isTrackerVendorId(vendor) || vendor === 'hubspot' || all.some((summary) => summary.vendor === vendor)) continue;
    all.push({ vendor, cookieNames: [], ids: [] });
  }
  return all.sort((a, b) => order.indexOf(a.vendor) - order.indexOf(b.vendor));
}

/** Decodes families backed by a heavy library (IAB TCF/GPP) after the first render. */
function useDeferredDecodes(report: SiteReport, data: SiteData, now: number): ReadonlyMap<string, DecodeOutcome> {
  const [done, setDone] = useState<ReadonlyMap<string, DecodeOutcome>>(new Map());
  useEffect(() => {
    if (pendingDecodes(report.views).length === 0) return;
    let live = true;
    void completeDecodes(report.views, { now, host: data.site.host }).then((results) => {
      if (live) setDone(results);
    });
    return () => {
      live = false;
    };
  }, [report, data, now]);
  return done;
}
