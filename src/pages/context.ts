// What every component of the extension pages receives from its root: the client and the words.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PageClient } from '../protocol/client.ts';
import type { Translator } from '../i18n/messages.ts';
import { Formatter } from './format.ts';
import type { SiteSnapshot } from '../protocol/client.ts';
import type { BrowserFamily } from '../core/site-data.ts';
import type { CookieRecord } from '../model/cookie.ts';

export interface PageServices {
  readonly client: PageClient;
  readonly t: Translator;
  readonly format: Formatter;
  /** The popup's first read of the site, started before the rest of the popup evaluates (see boot.ts). */
  readonly firstLoad?: Promise<SiteSnapshot>;
  /** Which browser the page runs in, where what it can do differs (clearing stored data); Chromium when not given (tests). */
  readonly browserFamily?: BrowserFamily;
  /** When this page saw the cookie written itself (the side panel's activity log), for "last written". */
  readonly seenWrite?: (cookie: CookieRecord) => number | undefined;
}

export const ServicesContext = createContext<PageServices | null>(null);

export function useServices(): PageServices {
  const services = useContext(ServicesContext);
  // Only a page root without a provider can get here: a programming error, not a visitor's.
  if (services === null) throw new Error('ServicesContext is missing');
  return services;
}
