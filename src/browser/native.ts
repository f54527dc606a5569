// The browser's own promise-based extension API, without the polyfill: Firefox's `browser` and
// Chromium's `chrome` (every call made through this object returns a promise in Manifest V3 in
// both). The popup's first script uses it so that it stays a few kilobytes and can start reading
// the moment the popup opens (popup/boot.ts); everything else goes through api.ts.
import type { Browser } from 'webextension-polyfill';

// The one place the global is typed: the polyfill's types describe the promise-based API that
// both browsers expose natively for the calls made through this object.
export const nativeBrowser: Browser = (Reflect.get(globalThis, 'browser') ?? Reflect.get(globalThis, 'chrome')) as Browser;

/** Firefox exposes runtime.getBrowserInfo; Chromium does not. Decides per-browser cookie details. */
export const isFirefox: boolean = typeof (nativeBrowser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
