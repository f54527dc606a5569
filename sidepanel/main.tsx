// Composition root of the side panel (Chrome side_panel, Firefox sidebar_action): the popup's view
// of the site, following the active tab of the panel's window, and the live activity log below it.
import { render } from 'preact';
import { createPageAdapter } from '../src/browser/page-adapter.ts';
import { createPageClient } from '../src/pages/client.ts';
import { browserTranslator } from '../src/browser/i18n.ts';
import { browserFamily } from '../src/browser/site-data.ts';
import { ServicesContext } from '../src/pages/context.ts';
import { Formatter } from '../src/pages/format.ts';
import { App } from '../popup/App.tsx';
import { ActivityLogView } from './ActivityLogView.tsx';
import { ActivityLog, BLOCKED_REQUEST_PATTERNS, TRACKER_REQUEST_PATTERNS } from '../src/explain/activity.ts';

// The log watches the trackers' collection hosts for requests, and their script and collection
// hosts and self-hosted paths for requests a blocking rule stopped.
const client = createPageClient(createPageAdapter(''), { followActiveTab: true, activity: { requests: TRACKER_REQUEST_PATTERNS, blocked: BLOCKED_REQUEST_PATTERNS } });
const t = browserTranslator();
const format = new Formatter(t);
// One log per panel session, kept while the panel follows other tabs; its write times also order
// the rows "by last written".
const log = new ActivityLog();
const seenWrite = (cookie: Parameters<ActivityLog['writtenAt']>[0]): number | undefined => log.writtenAt(cookie);
const root = document.getElementById('app');
if (root !== null) {
  document.documentElement.lang = format.locale;
  render(
    <ServicesContext.Provider value={{ client, t, format, browserFamily: browserFamily(), seenWrite }}>
      <App below={(snapshot) => <ActivityLogView snapshot={snapshot} log={log} />} />
    </ServicesContext.Provider>,
    root,
  );
}
