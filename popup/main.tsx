// Composition root of the popup: the only popup file that knows about the browser, and only to
// build the client and the translator it hands to the components.
import { render } from 'preact';
import { createBrowserClient } from '../src/browser/client.ts';
import { browserTranslator } from '../src/browser/i18n.ts';
import { ServicesContext } from './context.ts';
import { Formatter } from './format.ts';
import { App } from './App.tsx';

// Started first, so the decoders parse while the browser reads the cookies.
const decoding = import('./decoding.ts').then((m) => m.decoding);
const t = browserTranslator();
const client = createBrowserClient(location.search);
const root = document.getElementById('app');
if (root !== null) {
  document.documentElement.lang = t.locale;
  render(
    <ServicesContext.Provider value={{ client, t, format: new Formatter(t), decoding }}>
      <App />
    </ServicesContext.Provider>,
    root,
  );
}
