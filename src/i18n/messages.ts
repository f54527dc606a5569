// Typed access to the locale files. Sources live in locales/<lang>/<area>.json; build/locales.mjs merges
// them into the browser's _locales/<lang>/messages.json. A key missing from English is a compile
// error; a key missing from another language fails test/unit/i18n.test.ts.
import type core from '../../locales/en/core.json';
import type hubspot from '../../locales/en/hubspot.json';
import type trackers from '../../locales/en/trackers.json';
import type cookies from '../../locales/en/cookies.json';
import type vendors from '../../locales/en/vendors.json';
import type panel from '../../locales/en/panel.json';
import type edit from '../../locales/en/edit.json';
import type hubspotState from '../../locales/en/hubspot-state.json';
import type trackersExtra from '../../locales/en/trackers-extra.json';
import type cleanup from '../../locales/en/cleanup.json';
import type pageScripts from '../../locales/en/page-scripts.json';
import type panelExtra from '../../locales/en/panel-extra.json';

/** Every message key: one line per locale file (locales/en/*.json). */
export type MessageKey =
  | keyof typeof core
  | keyof typeof hubspot
  | keyof typeof trackers
  | keyof typeof cookies
  | keyof typeof vendors
  | keyof typeof panel
  | keyof typeof edit
  | keyof typeof hubspotState
  | keyof typeof trackersExtra
  | keyof typeof cleanup
  | keyof typeof pageScripts
  | keyof typeof panelExtra;

export interface Translator {
  /** A fixed message; `$1`..`$9` are replaced by the substitutions, as the browser's i18n API does. */
  (key: MessageKey, substitutions?: readonly string[]): string;
  /** A data-driven key such as `family_hubspot_hstc`; undefined when the locale has none. */
  dynamic(key: string, substitutions?: readonly string[]): string | undefined;
  /** BCP 47 tag for Intl formatting, e.g. `sv` or `en-GB`. */
  readonly locale: string;
}

export type MessageCatalog = Readonly<Record<string, { readonly message: string }>>;

/** Locale keys are plain ASCII words; family ids and problem codes are mapped onto them. */
export function messageKeyPart(id: string): string {
  return id.replace(/[^A-Za-z0-9]/g, '_');
}

export function substitute(message: string, substitutions: readonly string[] = []): string {
  return message.replace(/\$(\d)/g, (whole, digit: string) => substitutions[Number(digit) - 1] ?? whole);
}

/** A translator over an in-memory catalog (Node, tests, and the CLI). */
export function createCatalogTranslator(catalog: MessageCatalog, locale: string): Translator {
  const lookup = (key: string, substitutions?: readonly string[]): string | undefined => {
    const entry = Object.hasOwn(catalog, key) ? catalog[key] : undefined;
    return entry === undefined ? undefined : substitute(entry.message, substitutions);
  };
  const translate = (key: MessageKey, substitutions?: readonly string[]): string => lookup(key, substitutions) ?? key;
  return Object.assign(translate, { dynamic: lookup, locale });
}
