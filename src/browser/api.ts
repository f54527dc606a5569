// The only module that imports the WebExtension polyfill. Everything else in src/browser wraps
// what it needs from here into plain functions over Cookie Lens's own types.
import browser from 'webextension-polyfill';

export { browser };
export type { Cookies, Runtime, Storage, Tabs, WebNavigation, WebRequest, DeclarativeNetRequest } from 'webextension-polyfill';

/** Firefox exposes runtime.getBrowserInfo; Chromium does not. Decides per-browser cookie details. */
export const isFirefox: boolean = typeof (browser.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === 'function';
