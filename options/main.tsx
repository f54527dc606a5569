// Composition root of the options page (see popup/main.tsx for the pattern).
import { render } from 'preact';
import { createPageAdapter } from '../src/browser/page-adapter.ts';
import { createPageClient } from '../src/pages/client.ts';
import { browserTranslator } from '../src/browser/i18n.ts';
import { ServicesContext } from '../src/pages/context.ts';
import { Formatter } from '../src/pages/format.ts';
import { OptionsApp } from './OptionsApp.tsx';

const t = browserTranslator();
const format = new Formatter(t);
const root = document.getElementById('app');
if (root !== null) {
  // The language the words are in, so screen readers pronounce them right.
  document.documentElement.lang = format.locale;
  document.title = `${t('extName')} — ${t('options_title')}`;
  render(
    <ServicesContext.Provider value={{ client: createPageClient(createPageAdapter('')), t, format }}>
      <OptionsApp />
    </ServicesContext.Provider>,
    root,
  );
}
