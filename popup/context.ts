// What every component of the extension pages receives from its root: the client and the words.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PopupClient } from '../src/protocol/client.ts';
import type { Translator } from '../src/i18n/messages.ts';
import { Formatter } from './format.ts';
import type { Decoding } from './decoding.ts';

export interface PageServices {
  readonly client: PopupClient;
  readonly t: Translator;
  readonly format: Formatter;
  /** The decoders and explanations, loaded lazily beside the cookie read (see decoding.ts). */
  readonly decoding: Promise<Decoding>;
}

export const ServicesContext = createContext<PageServices | null>(null);

export function useServices(): PageServices {
  const services = useContext(ServicesContext);
  // Only a page root without a provider can get here: a programming error, not a visitor's.
  if (services === null) throw new Error('ServicesContext is missing');
  return services;
}

export const DecodingContext = createContext<Decoding | null>(null);

/** The loaded decoding toolkit; pages render site data only after it has loaded. */
export function useDecoding(): Decoding {
  const decoding = useContext(DecodingContext);
  if (decoding === null) throw new Error('DecodingContext is missing');
  return decoding;
}
