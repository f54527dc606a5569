// The popup: what the site's trackers know about the visitor, and the controls to change it.
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { SiteSnapshot } from '../src/protocol/client.ts';
import { SitePage } from './SitePage.tsx';
import { useServices } from '../src/pages/context.ts';
import { AnnounceContext, Announcer, useAnnouncer } from '../src/pages/Announcer.tsx';
import { StatePage } from './components/StatePage.tsx';

/** `below` adds to what the page shows for the current snapshot (the side panel's activity log). */
export function App({ below }: { below?: (snapshot: SiteSnapshot | null) => ComponentChildren } = {}) {
  const { client, firstLoad } = useServices();
  const [snapshot, setSnapshot] = useState<SiteSnapshot | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const announcer = useAnnouncer();

  const pendingFirst = useRef(firstLoad);
  const reload = useCallback(() => {
    // The first read was started by boot.ts before the popup's code evaluated; later ones start here.
    const load = pendingFirst.current ?? client.load();
    pendingFirst.current = undefined;
    load.then(
      (data) => setSnapshot(data),
      (error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)),
    );
  }, [client]);

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
      ) : snapshot.kind === 'site' ? (
        <SitePage data={snapshot} announce={announcer.announce} onChanged={reload} />
      ) : (
        <StatePage kind={snapshot.kind} detail={snapshot.kind === 'no-tab' ? '' : (snapshot.tab.url ?? '')} onRetry={reload} />
      )}
      {below?.(snapshot)}
    </AnnounceContext.Provider>
  );
}
