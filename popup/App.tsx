// The popup: what the site's trackers know about the visitor, and the controls to change it.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../src/protocol/client.ts';
import { buildSiteReport, completeDecodes, pendingDecodes, type SiteReport } from '../src/explain/report.ts';
import type { DecodeOutcome } from '../src/decode/types.ts';
import { useServices } from './context.ts';
import { Summary } from './components/Summary.tsx';
import { Controls } from './components/Controls.tsx';
import { CookieList } from './components/CookieList.tsx';
import { EmbeddedSites } from './components/EmbeddedSites.tsx';
import { ConsentWarnings } from './components/ConsentWarnings.tsx';
import { Announcer, useAnnouncer } from './components/Announcer.tsx';
import { StatePage } from './components/StatePage.tsx';
import { Header } from './components/Header.tsx';
import { ExportBar } from './components/ExportBar.tsx';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function App() {
  const { client } = useServices();
  const [snapshot, setSnapshot] = useState<SiteSnapshot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const announcer = useAnnouncer();

  const reload = useCallback(() => {
    client.load().then(setSnapshot, (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)));
  }, [client]);

  useEffect(() => {
    reload();
    return client.watch(reload);
  }, [client, reload]);

  useEffect(() => {
    // Tests and the benchmark wait for this: the first complete render of real data.
    if (snapshot !== null || loadError !== null) document.body.dataset.ready = '1';
  }, [snapshot, loadError]);

  return (
    <>
      <Announcer message={announcer.message} />
      {loadError !== null ? (
        <StatePage kind="error" detail={loadError} />
      ) : snapshot === null ? (
        <p class="loading" aria-busy="true" />
      ) : snapshot.kind === 'site' ? (
        <SitePage data={snapshot} announce={announcer.announce} onChanged={reload} />
      ) : (
        <StatePage kind={snapshot.kind} detail={snapshot.kind === 'no-tab' ? '' : (snapshot.tab.url ?? '')} />
      )}
    </>
  );
}

function SitePage({ data, announce, onChanged }: { data: SiteData; announce: (text: string) => void; onChanged: () => void }) {
  const { client } = useServices();
  const now = client.now();
  const report = useMemo(() => buildSiteReport(data.cookies, data.site, now), [data, now]);
  const completed = useDeferredDecodes(report, data, now);
  return (
    <>
      <Header data={data} />
      {data.settingsProblem !== null ? <StatePage kind="settings" detail={data.settingsProblem} /> : null}
      <Summary summary={report.summary} now={now} />
      <Controls data={data} report={report} announce={announce} onChanged={onChanged} />
      <ConsentWarnings views={report.views} now={now} />
      <CookieList views={report.views} completed={completed} now={now} />
      <EmbeddedSites embedded={data.embedded} site={data.site} now={now} />
      <ExportBar data={data} report={report} completed={completed} now={now} />
    </>
  );
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
