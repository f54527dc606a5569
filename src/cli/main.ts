// The command-line decoder: `cookie-lens decode` for a pasted Cookie header, a HAR file, or many
// HAR files (a crawl) site by site. Everything outside (arguments, output, files, clock) is
// injected, so tests run it in-process; bin.ts wires it to Node.
import { createCatalogTranslator } from '../i18n/messages.ts';
import type { MessageCatalog, Translator } from '../i18n/messages.ts';
import coreMessages from '../../locales/en/core.json';
import hubspotMessages from '../../locales/en/hubspot.json';
import trackersMessages from '../../locales/en/trackers.json';
import { parseCookieHeader } from './cookie-header.ts';
import { formatReports, formatSiteAudit } from './format.ts';
import { lookupNameFacts } from '../explain/name-facts.ts';
import type { NameFactsLookup } from '../explain/json.ts';
import { cookiesFromHar, hostOf, variantKey } from './har.ts';
import type { HarCookie, HarReadResult } from './har.ts';
import { contradictionsBySite, decodeReports, reportToJson, siteContradictionToJson, siteOfHost, trackersOf } from './audit.ts';
import type { DecodeJson, SiteAuditJson } from './audit.ts';

export interface DirectoryItem {
  readonly name: string;
  readonly directory: boolean;
}

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readFile: (path: string) => Promise<string>;
  /**
   * True for a directory; false for anything else, a missing path included (reading it then says
   * why). Without it, no path is taken for a directory.
   */
  readonly isDirectory?: (path: string) => Promise<boolean>;
  /** The entries of a directory; rejects when it cannot be read. */
  readonly listDirectory?: (path: string) => Promise<readonly DirectoryItem[]>;
  /** Resolves once what was written to stdout has gone out, so a long audit holds no backlog. */
  readonly drained?: () => Promise<void>;
  readonly now: () => number;
}

export const EXIT_OK = 0;
/** The input could not be read or is not what it claims to be (file, JSON, HAR, an empty log). */
export const EXIT_BAD_INPUT = 1;
/** The command line itself is wrong (unknown command or option, missing or bad argument). */
export const EXIT_USAGE = 2;
/** A HAR without any cookie data (no Cookie or Set-Cookie header, no cookies array): sanitised. */
export const EXIT_SANITISED = 3;

export const USAGE = `Usage:
  cookie-lens decode --url URL 'COOKIE HEADER' [--json]
  cookie-lens decode --har FILE.har [--url URL] [--json]
  cookie-lens decode --har DIR|FILE [--har DIR|FILE ...] [--json]

Decodes tracking cookies (HubSpot and others) and says what they hold.
  --url URL   the page the cookies belong to (with --har: overrides each entry's host)
  --har PATH  read the request and response cookies (headers and cookies arrays) of a HAR file;
              give it several times, or a directory (every *.har inside, recursively), to audit
              a crawl: one summary per site
  --json      print JSON (one object; for a crawl, one object per site and line)

Exit codes: 0 done, 1 a file could not be read or is not a HAR, 2 bad command line,
3 a HAR looks sanitised (no cookie data at all).
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
  readonly har: readonly string[];
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
  const har: string[] = [];
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
      else har.push(value);
    } else if (argument.startsWith('--')) {
      return { kind: 'error', reason: `unknown option "${option}"` };
    } else {
      positionals.push(argument);
    }
  }
  if (har.length > 0 && positionals.length > 0) return { kind: 'error', reason: 'give either --har FILE or a Cookie header, not both' };
  if (positionals.length > 1) return { kind: 'error', reason: `expected one Cookie header but got ${positionals.length} arguments (put the header in quotes)` };
  const header = positionals[0];
  if (har.length === 0 && header === undefined) return { kind: 'error', reason: 'missing the Cookie header to decode (or --har FILE)' };
  if (har.length === 0 && url === undefined) return { kind: 'error', reason: 'missing --url: the page address is needed to check which domain the cookies were written for' };
  const options: DecodeOptions = { json, har, ...(url === undefined ? {} : { url }), ...(header === undefined ? {} : { header }) };
  return { kind: 'decode', options };
}

/**
 * One line on stderr: whatever a reason holds (a file name from a crawled directory, an error
 * message) never breaks the line nor reaches the terminal as a control character.
 */
function complain(io: CliIo, reason: string): void {
  const oneLine = reason.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  io.stderr(`cookie-lens: ${oneLine}\n`);
}

type HarFileRead = { readonly ok: true; readonly result: Extract<HarReadResult, { ok: true }> } | { readonly ok: false; readonly reason: string; readonly exit: number };

async function readHarFile(path: string, io: CliIo, hostOverride: string | undefined): Promise<HarFileRead> {
  let text: string;
  try {
    text = await io.readFile(path);
  } catch (error) {
    return { ok: false, reason: `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`, exit: EXIT_BAD_INPUT };
  }
  const result = cookiesFromHar(text, { hostOverride, fallbackTime: io.now() });
  if (result.ok) return { ok: true, result };
  return { ok: false, reason: `${path}: ${result.reason}`, exit: result.kind === 'sanitised' ? EXIT_SANITISED : EXIT_BAD_INPUT };
}

/** The cookies of a Cookie header: sent by the browser, so live, with no domain, path or expiry known. */
function headerCookies(header: string, host: string, now: number): HarCookie[] {
  return parseCookieHeader(header).map(({ name, value }) => ({
    name, value, host, domain: null, path: null, hostOnly: null, expires: null, secure: null, httpOnly: null, sameSite: null, partitioned: null, source: 'request', deleted: false,
    seen: { at: now, entry: 0 },
  }));
}

/** Decodes and prints one set of cookies (a header or one HAR file); `capturedAt` is when they were seen. */
async function printDecoded(cookies: readonly HarCookie[], capturedAt: number | undefined, json: boolean, io: CliIo): Promise<void> {
  const now = io.now();
  const reports = await decodeReports(cookies, now);
  const contradictions = contradictionsBySite(reports, databaseFacts, capturedAt ?? now);
  const translate = englishTranslator();
  if (json) {
    const output: DecodeJson = {
      cookies: reports.map((report) => reportToJson(report, translate, databaseFacts)),
      contradictions: contradictions.map(siteContradictionToJson),
    };
    io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  } else {
    io.stdout(formatReports(reports, contradictions, translate, databaseFacts));
  }
}

// ---- Many HAR files: an audit of a crawl --------------------------------------------------------

type AuditItem = { readonly path: string } | { readonly failure: string };

/**
 * The HAR files under the given paths, one at a time: a file as given, a directory's `*.har`
 * files recursively in name order (symbolic links to directories are not followed, so a loop
 * cannot trap the walk). Only one directory listing is held per level.
 */
async function* harFiles(paths: readonly string[], io: CliIo): AsyncGenerator<AuditItem> {
  for (const path of paths) {
    if (io.isDirectory === undefined || !(await io.isDirectory(path))) {
      yield { path };
      continue;
    }
    let found = 0;
    for await (const item of walkDirectory(path, io)) {
      if ('path' in item) found += 1;
      yield item;
    }
    if (found === 0) yield { failure: `${path}: no .har files in this directory` };
  }
}

async function* walkDirectory(directory: string, io: CliIo): AsyncGenerator<AuditItem> {
  let items: readonly DirectoryItem[];
  try {
    if (io.listDirectory === undefined) throw new Error('directories cannot be listed here');
    items = await io.listDirectory(directory);
  } catch (error) {
    yield { failure: `cannot read ${directory}: ${error instanceof Error ? error.message : String(error)}` };
    return;
  }
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const base = directory.endsWith('/') ? directory : `${directory}/`;
  for (const item of sorted) {
    if (item.directory) yield* walkDirectory(`${base}${item.name}`, io);
    else if (item.name.toLowerCase().endsWith('.har')) yield { path: `${base}${item.name}` };
  }
}

interface OpenSite {
  readonly site: string;
  readonly files: string[];
  readonly cookies: Map<string, HarCookie>;
  capturedAt: number | undefined;
}

/** Decodes one site's cookies and prints its summary (a table, or one JSON line). */
async function emitSite(open: OpenSite, json: boolean, io: CliIo): Promise<void> {
  const now = io.now();
  const translate = englishTranslator();
  const reports = await decodeReports([...open.cookies.values()], now);
  const contradictions = contradictionsBySite(reports, databaseFacts, open.capturedAt ?? now);
  const rows = reports.map((report) => reportToJson(report, translate, databaseFacts));
  const audit: SiteAuditJson = { site: open.site, files: open.files, cookies: rows, trackers: trackersOf(rows), contradictions: contradictions.map(siteContradictionToJson) };
  io.stdout(json ? `${JSON.stringify(audit)}\n` : `${formatSiteAudit(audit, contradictions, translate)}\n`);
  await io.drained?.();
}

/**
 * Reads the files one at a time and prints one summary per site: the site of a file is the
 * registrable domain of its first entry (the page the crawler opened); files of the same site
 * that follow each other are summed into one summary, so memory holds one site at a time. A bad
 * file is reported on stderr and the audit goes on; the exit code tells that one was bad.
 */
async function auditFiles(paths: readonly string[], hostOverride: string | undefined, json: boolean, io: CliIo): Promise<number> {
  let exit = EXIT_OK;
  const fail = (reason: string, code: number): void => {
    complain(io, reason);
    // A file that could not be read outranks a sanitised one.
    if (exit === EXIT_OK || code === EXIT_BAD_INPUT) exit = code;
  };
  let open: OpenSite | undefined;
  for await (const item of harFiles(paths, io)) {
    if ('failure' in item) {
      fail(item.failure, EXIT_BAD_INPUT);
      continue;
    }
    const read = await readHarFile(item.path, io, hostOverride);
    if (!read.ok) {
      fail(read.reason, read.exit);
      continue;
    }
    const { cookies, capturedAt, firstHost } = read.result;
    const site = firstHost === undefined ? '(no host)' : siteOfHost(firstHost);
    if (open !== undefined && open.site !== site) {
      await emitSite(open, json, io);
      open = undefined;
    }
    open ??= { site, files: [], cookies: new Map(), capturedAt: undefined };
    open.files.push(item.path);
    for (const cookie of cookies) open.cookies.set(variantKey(cookie), cookie);
    if (capturedAt !== undefined) open.capturedAt = Math.max(open.capturedAt ?? capturedAt, capturedAt);
  }
  if (open !== undefined) await emitSite(open, json, io);
  return exit;
}

/** Runs the command line; resolves to the process exit code and never rejects. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArguments(argv);
  if (parsed.kind === 'help') {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  if (parsed.kind === 'error') {
    complain(io, parsed.reason);
    return EXIT_USAGE;
  }
  const { options } = parsed;
  let hostOverride: string | undefined;
  if (options.url !== undefined) {
    const host = /^https?:\/\//i.test(options.url) ? hostOf(options.url) : undefined;
    if (host === undefined) {
      complain(io, `bad URL "${options.url}": expected an http or https address`);
      return EXIT_USAGE;
    }
    hostOverride = host;
  }
  try {
    const [onlyHar] = options.har;
    if (onlyHar === undefined) {
      await printDecoded(headerCookies(options.header ?? '', hostOverride ?? '', io.now()), undefined, options.json, io);
      return EXIT_OK;
    }
    if (options.har.length > 1 || (await io.isDirectory?.(onlyHar)) === true) return await auditFiles(options.har, hostOverride, options.json, io);
    const read = await readHarFile(onlyHar, io, hostOverride);
    if (!read.ok) {
      complain(io, read.reason);
      return read.exit;
    }
    await printDecoded(read.result.cookies, read.result.capturedAt, options.json, io);
    return EXIT_OK;
  } catch (error) {
    // Decoders and readers state their problems instead of throwing; this is the last guard.
    complain(io, `internal error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_BAD_INPUT;
  }
}
