// The browser's i18n API as a Translator (see src/i18n/messages.ts).
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { browser } from './api.ts';

export function browserTranslator(): Translator {
  const dynamic = (key: string, substitutions?: readonly string[]): string | undefined => {
    const text = browser.i18n.getMessage(key, substitutions === undefined ? undefined : [...substitutions]);
    return text === '' ? undefined : text;
  };
  const translate = (key: MessageKey, substitutions?: readonly string[]): string => dynamic(key, substitutions) ?? key;
  return Object.assign(translate, { dynamic, locale: browser.i18n.getUILanguage() });
}
