// What every component of the extension pages receives from its root: the client and the words.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PopupClient } from '../src/protocol/client.ts';
import type { Translator } from '../src/i18n/messages.ts';
import { Formatter } from './format.ts';
import type { SiteView } from './site-view.ts';
import type { SiteSnapshot } from '../src/protocol/client.ts';

export interface PageServices {
  readonly client: PopupClient;
  readonly t: Translator;
  readonly format: Formatter;
  /** The site view with the decoders, loaded lazily beside the cookie read (see site-view.ts). */
  readonly siteView?: Promise<SiteView>;
  /** The popup's first read of the site, started before the first render (see main.tsx). */
  readonly firstLoad?: Promise<SiteSnapshot>;
}

export const ServicesContext = createContext<PageServices | null>(null);

export function useServices(): PageServices {
  const services = useContext(ServicesContext);
  // Only a page root without a provider can get here: a programming error, not a visitor's.
  if (services === null) throw new Error('ServicesContext is missing');
  return services;
}
