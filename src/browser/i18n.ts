// The browser's i18n API as a Translator (see src/i18n/messages.ts).
import type { MessageKey, Translator } from '../i18n/messages.ts';
import { nativeBrowser } from './native.ts';

/** Marks the place of substitution `index` in a message's template (private-use characters, never in a message). */
function marker(index: number): string {
  return `\uE000${index}\uE001`;
}
const MARKERS = /\uE000(\d)\uE001/g;

export function browserTranslator(): Translator {
  // Each getMessage is a call into the browser, and a first render makes a few hundred: words
  // without substitutions are kept after the first time, and a message with substitutions is
  // asked for once per key, with markers in the substitutions' places, then filled in here
  // (a 180-cookie popup named every row in its "Delete <name>" label with a call of its own).
  // Straight to the browser's own (synchronous) i18n, not through the polyfill's wrapper.
  const i18n = nativeBrowser.i18n;
  const plain = new Map<string, string | undefined>();
  const templates = new Map<string, string | undefined>();
  const dynamic = (key: string, substitutions?: readonly string[]): string | undefined => {
    if (substitutions === undefined || substitutions.length === 0) {
      if (plain.has(key)) return plain.get(key);
      const text = i18n.getMessage(key);
      const found = text === '' ? undefined : text;
      plain.set(key, found);
      return found;
    }
    const templateKey = `${key}\u0000${substitutions.length}`;
    let template = templates.get(templateKey);
    if (!templates.has(templateKey)) {
      const text = i18n.getMessage(key, substitutions.map((_, index) => marker(index)));
      template = text === '' ? undefined : text;
      templates.set(templateKey, template);
    }
    if (template === undefined) return undefined;
    // One pass, and the values inserted as they are: a value (a stranger's cookie name) holding a
    // marker or a `$` is never read as one.
    return template.replace(MARKERS, (_, index: string) => substitutions[Number(index)] ?? '');
  };
  const translate = (key: MessageKey, substitutions?: readonly string[]): string => dynamic(key, substitutions) ?? key;
  return Object.assign(translate, { dynamic, locale: i18n.getUILanguage() });
}
