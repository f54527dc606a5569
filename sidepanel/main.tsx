// Composition root of the side panel (Chrome side_panel, Firefox sidebar_action): the popup's view
// of the site, following the active tab of the panel's window, and the live activity log below it.
import { render } from 'preact';
import { createBrowserClient } from '../src/browser/client.ts';
import { browserTranslator } from '../src/browser/i18n.ts';
import { browserFamily } from '../src/browser/site-data.ts';
import { ServicesContext } from '../popup/context.ts';
import { Formatter } from '../popup/format.ts';
import { App } from '../popup/App.tsx';
import { ActivityLogView } from './ActivityLogView.tsx';

const client = createBrowserClient('', undefined, { followActiveTab: true });
const t = browserTranslator();
const format = new Formatter(t);
const root = document.getElementById('app');
if (root !== null) {
  document.documentElement.lang = format.locale;
  render(
    <ServicesContext.Provider value={{ client, t, format, browserFamily: browserFamily() }}>
      <App below={(snapshot) => <ActivityLogView snapshot={snapshot} />} />
    </ServicesContext.Provider>,
    root,
  );
}
