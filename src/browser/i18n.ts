// The browser's i18n API as a Translator (see src/i18n/messages.ts).
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { browser } from './api.ts';

export function browserTranslator(): Translator {
  // Each getMessage is a call into the browser; a popup asks for the same few words once per
  // row, so words without substitutions are kept after the first time.
  const plain = new Map<string, string | undefined>();
  const dynamic = (key: string, substitutions?: readonly string[]): string | undefined => {
    if (substitutions === undefined && plain.has(key)) return plain.get(key);
    const text = browser.i18n.getMessage(key, substitutions === undefined ? undefined : [...substitutions]);
    const found = text === '' ? undefined : text;
    if (substitutions === undefined) plain.set(key, found);
    return found;
  };
  const translate = (key: MessageKey, substitutions?: readonly string[]): string => dynamic(key, substitutions) ?? key;
  return Object.assign(translate, { dynamic, locale: browser.i18n.getUILanguage() });
}
