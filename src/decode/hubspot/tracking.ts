// HubSpot's visitor tracking cookies, written by the tracking code (js.hs-analytics.net).
// Formats from docs/facts/hubspot-cookies.md sections 1 and 2; all times are epoch ms, and a
// time in seconds is flagged (`seconds-not-ms`), never shown silently as January 1970.
//
//   __hstc      = domainHash.visitorId.firstVisitMs.previousSessionMs.currentSessionMs.sessionNumber
//                 114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728971805584.1
//   hubspotutk  = the visitor id alone (32 lower-case hex), equal to field 2 of __hstc
//   __hssc      = domainHash.pageViewsThisSession.sessionStartMs    114212440.1.1728971805585
//   __hssrc     = 1 while the browser session lasts; without it HubSpot ignores __hssc
//   messagesUtk = the chat widget's visitor id (32 lower-case hex)
//
// Values pass through encodeURI when written, so they are percent-decoded before splitting.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { matchHubspotDomainHash } from '../domain-hash.ts';
import { MAX_EPOCH_MS, digitsValue, excerpt, isHex, parseEpochMs, parseHexId, parseInteger, parsed, rejected, unwrapValue } from '../parse.ts';
import type { Parsed } from '../parse.ts';
import {
  LIFETIME,
  countField,
  domainField,
  exactFamily,
  failed,
  flagField,
  idField,
  instantField,
  isInFuture,
  textField,
  warning,
} from './common.ts';

const VISITOR_ID_LENGTH = 32;

function isVisitorId(id: string): boolean {
  return id.length === VISITOR_ID_LENGTH && isHex(id, true);
}

export interface HstcParts {
  readonly domainHash: number;
  readonly visitorId: string;
  readonly firstVisit: number;
  readonly previousVisit: number;
  readonly currentVisit: number;
  readonly sessionCount: number;
}

/** What HubSpot's own parser accepts: the full six parts, or (legacy) a bare visitor id. */
export type HstcValue = ({ readonly kind: 'full' } & HstcParts) | { readonly kind: 'bare'; readonly visitorId: string };

/** For a problem detail: how many `.`-separated parts a value has, counting no further than `limit`. */
function partCount(value: string, limit: number): string {
  const parts = value.split('.', limit + 1).length;
  return parts > limit ? `more than ${limit}` : String(parts);
}

/** The precise problem for a span `digitsValue` refused, worked out only on this failure path. */
function integerProblem(text: string, field: string): Parsed<never> {
  const result = parseInteger(text, { field });
  return result.ok ? rejected('not-integer', field) : result;
}

function timestampProblem(text: string, field: string): Parsed<never> {
  const result = parseEpochMs(text, field);
  return result.ok ? rejected('not-timestamp', field) : result;
}

/**
 * Parses an `__hstc` value as HubSpot does; anything else would make HubSpot mint a new visitor.
 * Written as one scan with no substrings but the visitor id: it is the cookie Cookie Lens decodes
 * most, with a budget of well over a million decodes per second.
 */
export function parseHstc(raw: string): Parsed<HstcValue> {
  const unwrapped = unwrapValue(raw);
  if (!unwrapped.ok) return unwrapped;
  const value = unwrapped.value;
  if (value.length === 0) return rejected('empty');
  const dot1 = value.indexOf('.');
  if (dot1 === -1) return parsed({ kind: 'bare', visitorId: value });
  const dot2 = value.indexOf('.', dot1 + 1);
  const dot3 = dot2 === -1 ? -1 : value.indexOf('.', dot2 + 1);
  const dot4 = dot3 === -1 ? -1 : value.indexOf('.', dot3 + 1);
  const dot5 = dot4 === -1 ? -1 : value.indexOf('.', dot4 + 1);
  if (dot5 === -1 || value.indexOf('.', dot5 + 1) !== -1) return rejected('segment-count', undefined, `${partCount(value, 6)} parts, expected 6`);

  const domainHash = digitsValue(value, 0, dot1);
  if (domainHash === -1) return integerProblem(value.slice(0, dot1), 'domainHash');
  if (dot2 === dot1 + 1) return rejected('empty', 'visitorId');
  const firstVisit = digitsValue(value, dot2 + 1, dot3);
  if (firstVisit === -1 || firstVisit > MAX_EPOCH_MS) return timestampProblem(value.slice(dot2 + 1, dot3), 'firstVisit');
  const previousVisit = digitsValue(value, dot3 + 1, dot4);
  if (previousVisit === -1 || previousVisit > MAX_EPOCH_MS) return timestampProblem(value.slice(dot3 + 1, dot4), 'previousVisit');
  const currentVisit = digitsValue(value, dot4 + 1, dot5);
  if (currentVisit === -1 || currentVisit > MAX_EPOCH_MS) return timestampProblem(value.slice(dot4 + 1, dot5), 'currentVisit');
  const sessionCount = digitsValue(value, dot5 + 1);
  if (sessionCount === -1) return integerProblem(value.slice(dot5 + 1), 'sessionCount');
  return parsed({ kind: 'full', domainHash, visitorId: value.slice(dot1 + 1, dot2), firstVisit, previousVisit, currentVisit, sessionCount });
}

// Milliseconds since 1970 have 12 digits from March 1973 on; 9 or 10 digits are seconds from 1973
// to 2286 (the vendor decoders' rule of thumb). HubSpot's code reads such a value as milliseconds,
// a moment in January 1970.
const MIN_SECONDS = 100_000_000;
const MAX_SECONDS = 9_999_999_999;

/** A warning when a millisecond time looks like one in seconds, with the date it would mean. */
function secondsNotMs(ms: number, field: string, warnings: Problem[]): void {
  if (ms >= MIN_SECONDS && ms <= MAX_SECONDS) {
    warnings.push(warning('seconds-not-ms', field, `${ms} reads as ${new Date(ms).toISOString()}; as seconds it would be ${new Date(ms * 1000).toISOString()}`));
  }
}

function decodeHstc(raw: string, ctx: DecodeContext): DecodeOutcome {
  const result = parseHstc(raw);
  if (!result.ok) return failed(result.problem);
  const hstc = result.value;
  const warnings: Problem[] = [];
  if (hstc.kind === 'bare') warnings.push(warning('unexpected-value', 'visitorId', 'a bare visitor id without dots (legacy format)'));
  if (!isVisitorId(hstc.visitorId)) warnings.push(warning('not-hex-id', 'visitorId', excerpt(hstc.visitorId)));
  if (hstc.kind === 'bare') return ok([idField('visitorId', hstc.visitorId)], warnings);

  const matchedDomain = matchHubspotDomainHash(hstc.domainHash, ctx.host, ctx.cookieDomain);
  if (matchedDomain === null) warnings.push(warning('domain-mismatch', 'domainHash', `no candidate domain of ${excerpt(ctx.host, 64)} hashes to ${hstc.domainHash}`));
  if (hstc.firstVisit > hstc.previousVisit) warnings.push(warning('order', 'previousVisit', 'first visit is later than the previous visit'));
  else if (hstc.previousVisit > hstc.currentVisit) warnings.push(warning('order', 'currentVisit', 'previous visit is later than the current visit'));
  secondsNotMs(hstc.firstVisit, 'firstVisit', warnings);
  secondsNotMs(hstc.previousVisit, 'previousVisit', warnings);
  secondsNotMs(hstc.currentVisit, 'currentVisit', warnings);
  if (isInFuture(hstc.firstVisit, ctx)) warnings.push(warning('future-timestamp', 'firstVisit'));
  if (isInFuture(hstc.previousVisit, ctx)) warnings.push(warning('future-timestamp', 'previousVisit'));
  if (isInFuture(hstc.currentVisit, ctx)) warnings.push(warning('future-timestamp', 'currentVisit'));
  if (hstc.sessionCount < 1) warnings.push(warning('unexpected-value', 'sessionCount', 'session numbers start at 1'));

  return ok(
    [
      idField('domainHash', String(hstc.domainHash)),
      domainField('domainHashMatches', matchedDomain),
      idField('visitorId', hstc.visitorId),
      instantField('firstVisit', hstc.firstVisit),
      instantField('previousVisit', hstc.previousVisit),
      instantField('currentVisit', hstc.currentVisit),
      countField('sessionCount', hstc.sessionCount),
    ],
    warnings,
  );
}

/** hubspotutk and messagesUtk: one 32-character lower-case hex visitor id. */
function parseVisitorIdCookie(raw: string): Parsed<string> {
  const unwrapped = unwrapValue(raw, 'visitorId');
  if (!unwrapped.ok) return unwrapped;
  return parseHexId(unwrapped.value, { field: 'visitorId', length: VISITOR_ID_LENGTH, lowerCaseOnly: true });
}

function decodeHubspotutk(raw: string, ctx: DecodeContext): DecodeOutcome {
  const visitorId = parseVisitorIdCookie(raw);
  if (!visitorId.ok) return failed(visitorId.problem);
  const fields: Field[] = [idField('visitorId', visitorId.value)];
  const warnings: Problem[] = [];
  const siblingHstc = ctx.siblings?.get('__hstc');
  if (siblingHstc !== undefined) {
    // Only a decodable __hstc can be compared; HubSpot would replace an undecodable one anyway.
    const hstc = parseHstc(siblingHstc);
    if (hstc.ok) {
      const matches = hstc.value.visitorId === visitorId.value;
      fields.push(flagField('matchesHstc', matches));
      if (!matches) warnings.push(warning('unexpected-value', 'matchesHstc', 'the visitor id in __hstc differs'));
    }
  }
  return ok(fields, warnings);
}

function decodeHssc(raw: string, ctx: DecodeContext): DecodeOutcome {
  const unwrapped = unwrapValue(raw);
  if (!unwrapped.ok) return failed(unwrapped.problem);
  const value = unwrapped.value;
  if (value.length === 0) return rejected('empty');
  const parts = value.split('.', 4);
  if (parts.length !== 3) return rejected('segment-count', undefined, `${partCount(value, 3)} parts, expected 3`);
  const [hashText = '', viewsText = '', startText = ''] = parts;
  const domainHash = parseInteger(hashText, { field: 'domainHash' });
  if (!domainHash.ok) return failed(domainHash.problem);
  const pageViews = parseInteger(viewsText, { field: 'pageViews' });
  if (!pageViews.ok) return failed(pageViews.problem);
  const sessionStart = parseEpochMs(startText, 'sessionStart');
  if (!sessionStart.ok) return failed(sessionStart.problem);

  const warnings: Problem[] = [];
  const matchedDomain = matchHubspotDomainHash(domainHash.value, ctx.host, ctx.cookieDomain);
  if (matchedDomain === null) warnings.push(warning('domain-mismatch', 'domainHash', `no candidate domain of ${excerpt(ctx.host, 64)} hashes to ${domainHash.value}`));
  if (pageViews.value < 1) warnings.push(warning('unexpected-value', 'pageViews', 'a session counts at least one page view'));
  secondsNotMs(sessionStart.value, 'sessionStart', warnings);
  if (isInFuture(sessionStart.value, ctx)) warnings.push(warning('future-timestamp', 'sessionStart'));

  const fields: Field[] = [
    idField('domainHash', String(domainHash.value)),
    domainField('domainHashMatches', matchedDomain),
    countField('pageViews', pageViews.value),
    instantField('sessionStart', sessionStart.value),
  ];
  if (ctx.siblings !== undefined) {
    const sessionMarker = ctx.siblings.get('__hssrc');
    const stale = sessionMarker !== '1';
    fields.push(flagField('stale', stale));
    if (stale) {
      warnings.push(warning('unexpected-value', 'stale', sessionMarker === undefined ? '__hssrc is missing, so HubSpot ignores this cookie' : '__hssrc is not 1, so HubSpot ignores this cookie'));
    }
    const siblingHstc = ctx.siblings.get('__hstc');
    const hstc = siblingHstc === undefined ? undefined : parseHstc(siblingHstc);
    if (hstc?.ok === true && hstc.value.kind === 'full' && hstc.value.domainHash !== domainHash.value) {
      warnings.push(warning('unexpected-value', 'domainHash', `__hstc has domain hash ${hstc.value.domainHash}`));
    }
  }
  return ok(fields, warnings);
}

function decodeHssrc(raw: string): DecodeOutcome {
  const warnings = raw === '1' ? [] : [warning('unexpected-value', 'value', 'HubSpot only ever writes 1')];
  return ok([textField('value', raw)], warnings);
}

function decodeMessagesUtk(raw: string): DecodeOutcome {
  const visitorId = parseVisitorIdCookie(raw);
  return visitorId.ok ? ok([idField('visitorId', visitorId.value)]) : failed(visitorId.problem);
}

// Single fields for other modules, read without a full decode (the background needs no decoder).
export { hsscSessionStartText, hstcDomainHash, hstcVisitorId } from './tracking-fields.ts';

export const trackingFamilies = [
  exactFamily({ id: 'hubspot.hstc', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.visitor, names: ['__hstc'], decode: decodeHstc }),
  exactFamily({ id: 'hubspot.hubspotutk', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.visitor, names: ['hubspotutk'], decode: decodeHubspotutk }),
  exactFamily({ id: 'hubspot.hssc', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.hubspotSession, names: ['__hssc'], decode: decodeHssc }),
  exactFamily({ id: 'hubspot.hssrc', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.session, names: ['__hssrc'], decode: decodeHssrc }),
  exactFamily({ id: 'hubspot.messagesutk', vendor: 'hubspot', category: 'functional', lifetime: LIFETIME.chatVisitor, names: ['messagesUtk'], decode: decodeMessagesUtk }),
] as const;
