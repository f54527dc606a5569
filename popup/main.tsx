// Composition root of the popup: the only popup file that knows about the browser, and only to
// build the client and the translator it hands to the components.
import { render } from 'preact';
import { firstRead } from './boot.ts';
import { createPageAdapter } from '../src/browser/page-adapter.ts';
import { createPageClient } from '../src/pages/client.ts';
import { browserTranslator } from '../src/browser/i18n.ts';
import { browserFamily } from '../src/browser/site-data.ts';
import { ServicesContext } from '../src/pages/context.ts';
import { Formatter } from '../src/pages/format.ts';
import { App } from './App.tsx';

performance.mark('popup:evaluated');
const client = createPageClient(createPageAdapter(location.search), { firstRead });
// Finishing the read needs nothing from the page: start it before the first render.
const firstLoad = client.load();
const t = browserTranslator();
const format = new Formatter(t);
const root = document.getElementById('app');
if (root !== null) {
  // The language the words are in, so screen readers pronounce them right.
  document.documentElement.lang = format.locale;
  render(
    <ServicesContext.Provider value={{ client, t, format, firstLoad, browserFamily: browserFamily() }}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
}
