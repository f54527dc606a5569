// Composition root of the popup: the only popup file that knows about the browser, and only to
// build the client and the translator it hands to the components.
import { render } from 'preact';
import { createBrowserClient } from '../src/browser/client.ts';
import { browserTranslator } from '../src/browser/i18n.ts';
import { ServicesContext } from './context.ts';
import { Formatter } from './format.ts';
import { App } from './App.tsx';

// Started first, so the site view and its decoders parse while the browser reads the cookies,
// and the read itself starts before Preact renders anything.
const siteView = import('./site-view.ts').then((m) => m.siteView);
const client = createBrowserClient(location.search);
const firstLoad = client.load();
const t = browserTranslator();
const format = new Formatter(t);
const root = document.getElementById('app');
if (root !== null) {
  // The language the words are in, so screen readers pronounce them right.
  document.documentElement.lang = format.locale;
  render(
    <ServicesContext.Provider value={{ client, t, format, siteView, firstLoad }}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
}
