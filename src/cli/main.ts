// The command-line decoder: `cookie-lens decode` for a pasted Cookie header or a HAR file.
// Everything outside (arguments, output, files, clock) is injected, so tests run it in-process.
import type { DecodeContext } from '../decode/types.ts';
import { decodeCookie, decodedToJson } from '../explain/json.ts';
import { createCatalogTranslator } from '../i18n/messages.ts';
import type { MessageCatalog, Translator } from '../i18n/messages.ts';
import coreMessages from '../../locales/en/core.json';
import hubspotMessages from '../../locales/en/hubspot.json';
import trackersMessages from '../../locales/en/trackers.json';
import { parseCookieHeader } from './cookie-header.ts';
import { formatReports } from './format.ts';
import { lookupNameFacts } from '../explain/name-facts.ts';
import type { NameFactsLookup } from '../explain/json.ts';
import type { CookieReport } from './format.ts';
import { cookiesFromHar, hostOf } from './har.ts';
import type { HarCookie } from './har.ts';

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  readonly now: () => number;
}

export const EXIT_OK = 0;
/** The input could not be read or is not what it claims to be (file, JSON, HAR). */
export const EXIT_BAD_INPUT = 1;
/** The command line itself is wrong (unknown command or option, missing or bad argument). */
export const EXIT_USAGE = 2;

export const USAGE = `Usage:
  cookie-lens decode --url URL 'COOKIE HEADER' [--json]
  cookie-lens decode --har FILE.har [--url URL] [--json]

Decodes tracking cookies (HubSpot and others) and says what they hold.
  --url URL   the page the cookies belong to (with --har: overrides each entry's host)
  --har FILE  read request Cookie and response Set-Cookie headers from a HAR file
  --json      print a JSON array instead of a table
`;

const englishCatalog: MessageCatalog = { ...coreMessages, ...trackersMessages, ...hubspotMessages };

/** Names no decoder knows get vendor and category from the Open Cookie Database. */
const databaseFacts: NameFactsLookup = (name) => {
  const facts = lookupNameFacts(name);
  return facts === undefined ? undefined : { vendor: facts.platform, category: facts.category };
};

export function englishTranslator(): Translator {
  return createCatalogTranslator(englishCatalog, 'en');
}

interface DecodeOptions {
  readonly url?: string;
  readonly har?: string;
  readonly json: boolean;
  readonly header?: string;
}

type ParsedArguments = { readonly kind: 'help' } | { readonly kind: 'decode'; readonly options: DecodeOptions } | { readonly kind: 'error'; readonly reason: string };

function parseArguments(argv: readonly string[]): ParsedArguments {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h') return { kind: 'help' };
  if (command === undefined) return { kind: 'error', reason: 'missing command (try: cookie-lens decode --help)' };
  if (command !== 'decode') return { kind: 'error', reason: `unknown command "${command}" (the only command is decode)` };

  let url: string | undefined;
  let har: string | undefined;
  let json = false;
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const argument = rest[i] ?? '';
    const equals = argument.indexOf('=');
    const option = argument.startsWith('--') && equals !== -1 ? argument.slice(0, equals) : argument;
    const inlineValue = option === argument ? undefined : argument.slice(equals + 1);
    if (option === '--help' || option === '-h') return { kind: 'help' };
    if (option === '--json') {
      json = true;
    } else if (option === '--url' || option === '--har') {
      const value = inlineValue ?? rest[++i];
      if (value === undefined || value.length === 0) return { kind: 'error', reason: `${option} needs a value` };
      if (option === '--url') url = value;
      else har = value;
    } else if (argument.startsWith('--')) {
      return { kind: 'error', reason: `unknown option "${option}"` };
    } else {
      positionals.push(argument);
    }
  }
  if (har !== undefined && positionals.length > 0) return { kind: 'error', reason: 'give either --har FILE or a Cookie header, not both' };
  if (positionals.length > 1) return { kind: 'error', reason: `expected one Cookie header but got ${positionals.length} arguments (put the header in quotes)` };
  const header = positionals[0];
  if (har === undefined && header === undefined) return { kind: 'error', reason: 'missing the Cookie header to decode (or --har FILE)' };
  if (har === undefined && url === undefined) return { kind: 'error', reason: 'missing --url: the page address is needed to check which domain the cookies were written for' };
  const options: DecodeOptions = { json, ...(url === undefined ? {} : { url }), ...(har === undefined ? {} : { har }), ...(header === undefined ? {} : { header }) };
  return { kind: 'decode', options };
}

type CookiesRead = { readonly ok: true; readonly cookies: readonly HarCookie[] } | { readonly ok: false; readonly reason: string; readonly exit: number };

async function readCookies(options: DecodeOptions, readFile: CliIo['readFile']): Promise<CookiesRead> {
  let hostOverride: string | undefined;
  if (options.url !== undefined) {
    const host = /^https?:\/\//i.test(options.url) ? hostOf(options.url) : undefined;
    if (host === undefined) return { ok: false, reason: `bad URL "${options.url}": expected an http or https address`, exit: EXIT_USAGE };
    hostOverride = host;
  }
  if (options.har === undefined) {
    const host = hostOverride ?? '';
    return { ok: true, cookies: parseCookieHeader(options.header ?? '').map(({ name, value }) => ({ name, value, host })) };
  }
  let text: string;
  try {
    text = await readFile(options.har);
  } catch (error) {
    return { ok: false, reason: `cannot read ${options.har}: ${error instanceof Error ? error.message : String(error)}`, exit: EXIT_BAD_INPUT };
  }
  const result = cookiesFromHar(text, hostOverride);
  return result.ok ? result : { ok: false, reason: `${options.har}: ${result.reason}`, exit: EXIT_BAD_INPUT };
}

/** Decodes every cookie with the other cookies of the same host as its siblings. */
async function decodeAll(cookies: readonly HarCookie[], now: number): Promise<CookieReport[]> {
  const siblingsByHost = new Map<string, Map<string, string>>();
  for (const { name, value, host } of cookies) {
    const siblings = siblingsByHost.get(host) ?? new Map<string, string>();
    siblings.set(name, value);
    siblingsByHost.set(host, siblings);
  }
  const reports: CookieReport[] = [];
  for (const cookie of cookies) {
    const siblings = siblingsByHost.get(cookie.host) ?? new Map<string, string>();
    const ctx: DecodeContext = cookie.cookieDomain === undefined ? { now, host: cookie.host, siblings } : { now, host: cookie.host, siblings, cookieDomain: cookie.cookieDomain };
    reports.push({ name: cookie.name, host: cookie.host, decoded: await decodeCookie(cookie.name, cookie.value, ctx) });
  }
  return reports;
}

/** Runs the command line; resolves to the process exit code and never rejects. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArguments(argv);
  if (parsed.kind === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (parsed.kind === 'error') {
    io.stderr(`cookie-lens: ${parsed.reason}\n`);
    return EXIT_USAGE;
  }
  const read = await readCookies(parsed.options, io.readFile);
  if (!read.ok) {
    io.stderr(`cookie-lens: ${read.reason.replace(/\s+/g, ' ')}\n`);
    return read.exit;
  }
  const reports = await decodeAll(read.cookies, io.now());
  const translate = englishTranslator();
  if (parsed.options.json) {
    const json = reports.map((report) => decodedToJson(report.name, report.decoded, translate, databaseFacts));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout(formatReports(reports, translate, databaseFacts));
  }
  return EXIT_OK;
}
