// The popup's first script: a few kilobytes, loaded by its own <script> tag ahead of popup.js, so
// it runs as soon as the popup opens and the browser reads the tab's site while the rest of the
// popup (Preact, the decoders, the Public Suffix List) loads. popup.js imports this same module
// (build/plugins/popup-boot.mjs keeps it a file of its own, /boot.js) and finishes the read (src/pages/client.ts).
import { startSiteRead, tabIdFromSearch } from '../src/browser/site-read.ts';
import { guessRegistrableDomain } from '../src/core/site-guess.ts';

// Phases of an opening, for `npm run bench` (docs/BENCHMARKS.md): a mark costs a microsecond.
performance.mark('popup:script');

export const firstRead = startSiteRead(tabIdFromSearch(location.search), guessRegistrableDomain);
void firstRead.then(() => performance.mark('popup:data'), () => undefined);
