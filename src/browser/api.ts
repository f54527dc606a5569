// The only module that imports the WebExtension polyfill (native.ts borrows only its types).
// Everything else in src/browser wraps what it needs from here, or from native.ts on the popup's
// start-up path, into plain functions over Cookie Lens's own types.
import browser from 'webextension-polyfill';

export { browser };
export type { Cookies, Runtime, Storage, Tabs, WebNavigation, WebRequest, DeclarativeNetRequest } from 'webextension-polyfill';

export { isFirefox } from './native.ts';
