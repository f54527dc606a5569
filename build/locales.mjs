// locales/<lang>/<area>.json (Chrome's messages.json format, split by area) merged into one
// _locales/<lang>/messages.json per language.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { root } from './paths.mjs';

/** @typedef {Record<string, Record<string, unknown>>} Messages  one language's messages by key */

/**
 * Merges locales/<lang>/*.json into one messages object per language; duplicate keys are an error.
 * @returns {Promise<Record<string, Messages>>}
 */
export async function mergeLocales() {
  const languages = await readdir(path.join(root, 'locales'));
  /** @type {Record<string, Messages>} */
  const merged = {};
  for (const language of languages) {
    /** @type {Messages} */
    const messages = {};
    const dir = path.join(root, 'locales', language);
    for (const file of (await readdir(dir)).filter((f) => f.endsWith('.json')).sort()) {
      /** @type {Messages} */
      const part = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
      for (const [key, value] of Object.entries(part)) {
        if (key in messages) throw new Error(`locales/${language}/${file}: key "${key}" is defined twice`);
        messages[key] = value;
      }
    }
    merged[language] = messages;
  }
  return merged;
}
