// A host's registrable domain guessed without the Public Suffix List, for the popup's first read
// (src/browser/site-read.ts), which starts before the list has loaded. Pure, no imports, so the
// popup's first script stays small. src/core/site.ts has the real answer.

/**
 * The last two labels of the host: the registrable domain itself for most sites (example.com,
 * www.example.com), and for the rest (example.co.uk, foo.github.io) a suffix of it, so cookies
 * read under the guess are a superset of the site's. IP addresses and hosts of one or two labels
 * are returned as they are.
 */
export function guessRegistrableDomain(host: string): string {
  if (host.startsWith('[') || /^[0-9.]+$/.test(host)) return host;
  const labels = host.split('.');
  return labels.length <= 2 ? host : labels.slice(-2).join('.');
}
