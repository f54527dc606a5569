// The popup: what the site's trackers know about the visitor, and the controls to change it.
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../src/protocol/client.ts';
import type { SiteReport } from '../src/explain/report.ts';
import type { Decoding } from './decoding.ts';
import type { DecodeOutcome } from '../src/decode/types.ts';
import { DecodingContext, useDecoding, useServices } from './context.ts';
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
  const { client, decoding } = useServices();
  const [snapshot, setSnapshot] = useState<{ data: SiteSnapshot; decoding: Decoding } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const announcer = useAnnouncer();

  const reload = useCallback(() => {
    Promise.all([client.load(), decoding]).then(
      ([data, loaded]) => setSnapshot({ data, decoding: loaded }),
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, [client, decoding]);

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
      ) : snapshot.data.kind === 'site' ? (
        <DecodingContext.Provider value={snapshot.decoding}>
          <SitePage data={snapshot.data} announce={announcer.announce} onChanged={reload} />
        </DecodingContext.Provider>
      ) : (
        <StatePage kind={snapshot.data.kind} detail={snapshot.data.kind === 'no-tab' ? '' : (snapshot.data.tab.url ?? '')} />
      )}
    </>
  );
}

function SitePage({ data, announce, onChanged }: { data: SiteData; announce: (text: string) => void; onChanged: () => void }) {
  const { client } = useServices();
  const { buildSiteReport, lookupNameFacts } = useDecoding();
  const now = client.now();
  const report = useMemo(() => buildSiteReport(data.cookies, data.site, now, lookupNameFacts), [data, now, buildSiteReport, lookupNameFacts]);
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
  const { completeDecodes, pendingDecodes } = useDecoding();
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
  }, [report, data, now, completeDecodes, pendingDecodes]);
  return done;
}
