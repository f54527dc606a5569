// Reading the browser's cookie jar in the specs (Playwright contexts).
import type { BrowserContext, Cookie } from 'playwright-core';

/** The cookies the browser holds for a domain and its subdomains (every variant). */
export async function cookiesUnder(context: BrowserContext, domain: string): Promise<Cookie[]> {
  return (await context.cookies()).filter((cookie) => cookie.domain.endsWith(domain));
}

/** The one cookie of that name among `cookies`; fails, listing them, when there is not exactly one. */
export function exactlyOne(cookies: readonly Cookie[], name: string): Cookie {
  const matches = cookies.filter((cookie) => cookie.name === name);
  const [match] = matches;
  if (matches.length !== 1 || match === undefined) throw new Error(`expected exactly one ${name}, found ${matches.length}: ${JSON.stringify(matches)}`);
  return match;
}
