// The popup: what the site's trackers know about the visitor, and the controls to change it.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../src/protocol/client.ts';
import type { SiteView } from './site-view.ts';
import { useServices } from './context.ts';
import { AnnounceContext, Announcer, useAnnouncer } from './components/Announcer.tsx';
import { StatePage } from './components/StatePage.tsx';

export function App() {
  const { client, siteView, firstLoad } = useServices();
  const [snapshot, setSnapshot] = useState<{ data: SiteSnapshot; view: SiteView } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const announcer = useAnnouncer();

  const pendingFirst = useRef(firstLoad);
  const reload = useCallback(() => {
    // The first read was started by main.tsx before anything rendered; later ones start here.
    const load = pendingFirst.current ?? client.load();
    pendingFirst.current = undefined;
    Promise.all([load, siteView ?? Promise.reject(new Error('the popup was started without its site view'))]).then(
      ([data, view]) => setSnapshot({ data, view }),
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, [client, siteView]);

  // A layout effect, so the cookie read starts as soon as the first render is committed: a plain
  // effect waits for the popup's first frame, which the browser paints late while it opens the
  // popup window (docs/BENCHMARKS.md, "Profile").
  useLayoutEffect(() => {
    reload();
    return client.watch(reload);
  }, [client, reload]);

  useEffect(() => {
    // Tests and the benchmark wait for this: the first complete render of real data.
    if (snapshot !== null || loadError !== null) document.body.dataset.ready = '1';
  }, [snapshot, loadError]);

  return (
    <AnnounceContext.Provider value={announcer.announce}>
      <Announcer message={announcer.message} />
      {loadError !== null ? (
        <StatePage kind="error" detail={loadError} />
      ) : snapshot === null ? (
        <p class="loading" aria-busy="true" />
      ) : snapshot.data.kind === 'site' ? (
        <snapshot.view.SitePage data={snapshot.data} announce={announcer.announce} onChanged={reload} />
      ) : (
        <StatePage kind={snapshot.data.kind} detail={snapshot.data.kind === 'no-tab' ? '' : (snapshot.data.tab.url ?? '')} onRetry={reload} />
      )}
    </AnnounceContext.Provider>
  );
}
