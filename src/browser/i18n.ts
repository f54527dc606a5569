// The browser's i18n API as a Translator (see src/i18n/messages.ts).
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { nativeBrowser } from './native.ts';

export function browserTranslator(): Translator {
  // Each getMessage is a call into the browser; a popup asks for the same few words once per
  // row, so words without substitutions are kept after the first time. Straight to the browser's
  // own (synchronous) i18n, not through the polyfill's wrapper: a first render asks a few
  // hundred times.
  const i18n = nativeBrowser.i18n;
  const plain = new Map<string, string | undefined>();
  const dynamic = (key: string, substitutions?: readonly string[]): string | undefined => {
    if (substitutions === undefined && plain.has(key)) return plain.get(key);
    const text = i18n.getMessage(key, substitutions === undefined ? undefined : [...substitutions]);
    const found = text === '' ? undefined : text;
    if (substitutions === undefined) plain.set(key, found);
    return found;
  };
  const translate = (key: MessageKey, substitutions?: readonly string[]): string => dynamic(key, substitutions) ?? key;
  return Object.assign(translate, { dynamic, locale: i18n.getUILanguage() });
}
