// Google Analytics: GA4 and Universal Analytics (gtag.js, analytics.js) and legacy ga.js (Urchin).
// Source: docs/facts/other-trackers.md section 1 (table) and 1.1-1.3. All times are seconds.
//
//   _ga        GA1.1.1958185836.1757409569            version.domainDepth.random.firstVisitSeconds
//   _gid       GA1.2.1546017697.1720017649            same layout; the last field is the creation time
//   _ga_<ID>   GS1.1.1693692946.13.1.1693693037.60.0.0  sessionStart.sessionNumber.engaged.lastHit.joinTimer...
//              GS2.1.s1757409568$o1$g0$t1757409591$j37$l0$h0   one-letter keys, any order, unknown keys ignored
//   _gat, _gat_<property>, _dc_gtm_<property>   1   (a request-throttling flag)
//   _gac_<property>   1.123456789.CM-a9evq8dFDGUNR8BpeUWxBZB   version.clickTime.gclid
//   __utma     173272373.1566673519.1385940746.1426129425.1426444516.2   hash.visitor.first.previous.current.sessions
//   __utmb     46025016.1.10.1736358406               hash.hits.countdown.sessionStart
//   __utmc     173272373                              hash
//   __utmz     173272373.1426444516.2.2.utmcsr=…|utmccn=…|utmcmd=…|utmctr=…|utmcct=…
//
// The second field of _ga is the cookie domain's depth, whose GA4 rule is unsettled (section
// 1.1): shown raw and uncertain. GS1 fields 7-9 and the GS2 keys j, l, h, d are uncertain too.
import { DAY_MS, MINUTE_MS, ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt, parseBooleanWord, parseInteger } from '../parse.ts';
import {
  MONTH_MS,
  YEAR_MS,
  countField,
  domainField,
  exactFamily,
  failed,
  flagField,
  idField,
  lifetime,
  matchUrchinDomainHash,
  parseTimestamp,
  patternFamily,
  splitFirst,
  textField,
  timeField,
  warning,
} from './util.ts';
import type { NamedDecodeContext } from './util.ts';

const VENDOR = 'google-analytics';

/** `_ga` and `_gid`: version, domain depth, random number, time in seconds. */
function decodeClientCookie(value: string, ctx: DecodeContext, idKey: string, timeKey: string): DecodeOutcome {
  const parts = value.split('.');
  if (parts.length !== 4) return failed(warning('segment-count', undefined, `${parts.length} parts, expected 4`));
  const [version = '', depth = '', random = '', seconds = ''] = parts;
  if (!/^GA\d+$/.test(version)) return failed(warning('unknown-format', undefined, excerpt(version)));
  const randomNumber = parseInteger(random, { field: idKey });
  if (!randomNumber.ok) return failed(randomNumber.problem);
  const time = parseTimestamp(seconds, 'seconds', timeKey);
  if (!time.ok) return failed(time.problem);
  const warnings: Problem[] = [];
  return ok([textField('domainDepth', depth, true), idField(idKey, `${random}.${seconds}`), timeField(timeKey, time.value, ctx, warnings)], warnings);
}

interface SessionState {
  readonly format: 'GS1' | 'GS2';
  sessionStart?: string | undefined;
  sessionCount?: string | undefined;
  engaged?: string | undefined;
  lastHit?: string | undefined;
  joinTimer?: string | undefined;
  loggedIn?: string | undefined;
}

function readSessionState(value: string): SessionState | Problem {
  const [format = '', , rest = ''] = splitFirst(value, '.', 3) ?? [];
  if (format === 'GS1') {
    const parts = rest.split('.');
    if (parts.length < 4) return warning('segment-count', undefined, `${parts.length + 2} parts, expected at least 6`);
    const [sessionStart, sessionCount, engaged, lastHit, joinTimer] = parts;
    return { format, sessionStart, sessionCount, engaged, lastHit, joinTimer };
  }
  if (format === 'GS2') {
    const state: SessionState = { format };
    for (const token of rest.split('$')) {
      const body = token.slice(1);
      switch (token.charAt(0)) {
        case 's': state.sessionStart ??= body; break;
        case 'o': state.sessionCount ??= body; break;
        case 'g': state.engaged ??= body; break;
        case 't': state.lastHit ??= body; break;
        case 'j': state.joinTimer ??= body; break;
        case 'l': state.loggedIn ??= body; break;
        default: break; // h, d and future keys: meaning unsettled
      }
    }
    if (state.sessionStart === undefined && state.lastHit === undefined) return warning('unknown-format', undefined, 'neither s nor t');
    return state;
  }
  return warning('unknown-format', undefined, excerpt(value));
}

function decodeSessionCookie(value: string, ctx: NamedDecodeContext): DecodeOutcome {
  const state = readSessionState(value);
  if ('code' in state) return failed(state);
  const fields: Field[] = [textField('version', state.format)];
  const warnings: Problem[] = [];
  const measurementSuffix = ctx.name?.startsWith('_ga_') === true ? ctx.name.slice(4) : '';
  if (measurementSuffix.length > 0) fields.push(idField('measurementId', `G-${measurementSuffix}`));

  let start: number | undefined;
  if (state.sessionStart !== undefined) {
    const parsedStart = parseTimestamp(state.sessionStart, 'seconds', 'sessionStart');
    if (!parsedStart.ok) return failed(parsedStart.problem);
    start = parsedStart.value;
    fields.push(timeField('sessionStart', start, ctx, warnings));
  }
  if (state.sessionCount !== undefined) {
    const count = parseInteger(state.sessionCount, { field: 'sessionCount' });
    if (!count.ok) return failed(count.problem);
    fields.push(countField('sessionCount', count.value));
  }
  if (state.engaged !== undefined) {
    const engaged = parseBooleanWord(state.engaged, ['1'], ['0'], 'engagedSession');
    if (!engaged.ok) return failed(engaged.problem);
    fields.push(flagField('engagedSession', engaged.value));
  }
  if (state.lastHit !== undefined) {
    const lastHit = parseTimestamp(state.lastHit, 'seconds', 'lastHit');
    if (!lastHit.ok) return failed(lastHit.problem);
    if (start !== undefined && lastHit.value < start) warnings.push(warning('order', 'lastHit', 'last hit is before the session start'));
    fields.push(timeField('lastHit', lastHit.value, ctx, warnings));
  }
  const joinTimer = state.joinTimer === undefined ? undefined : parseInteger(state.joinTimer);
  if (joinTimer?.ok === true) fields.push(countField('joinTimer', joinTimer.value, true));
  const loggedIn = state.loggedIn === undefined ? undefined : parseBooleanWord(state.loggedIn, ['1'], ['0']);
  if (loggedIn?.ok === true) fields.push(flagField('loggedIn', loggedIn.value, true));
  return ok(fields, warnings);
}

function decodeThrottle(value: string): DecodeOutcome {
  return value === '1' ? ok([flagField('throttling', true)]) : ok([textField('value', value)], [warning('unexpected-value', 'value', excerpt(value))]);
}

function decodeAdsLink(value: string, ctx: DecodeContext): DecodeOutcome {
  const parts = splitFirst(value, '.', 3);
  if (parts === undefined) return failed(warning('segment-count', undefined, 'expected version.time.gclid'));
  const [version = '', seconds = '', clickId = ''] = parts;
  if (!parseInteger(version).ok) return failed(warning('unknown-format', undefined, excerpt(version)));
  const time = parseTimestamp(seconds, 'seconds', 'clickTime');
  if (!time.ok) return failed(time.problem);
  if (clickId.length === 0) return failed(warning('empty', 'clickId'));
  const warnings: Problem[] = [];
  return ok([timeField('clickTime', time.value, ctx, warnings), idField('clickId', clickId)], warnings);
}

// ---------------------------------------------------------------------------------------------
// ga.js (Urchin)

function hashFields(hashText: string, ctx: DecodeContext, fields: Field[], warnings: Problem[]): Problem | undefined {
  const hash = parseInteger(hashText, { field: 'domainHash' });
  if (!hash.ok) return hash.problem;
  fields.push(idField('domainHash', String(hash.value)));
  // A hash of 1 means ga.js hashed no domain (hashing turned off): there is nothing to compare.
  if (hash.value === 1) return undefined;
  const matched = matchUrchinDomainHash(hash.value, ctx);
  fields.push(domainField('domainHashMatches', matched));
  if (matched === null) warnings.push(warning('domain-mismatch', 'domainHash', `no candidate domain of ${excerpt(ctx.host, 64)} hashes to ${hash.value}`));
  return undefined;
}

function decodeUtma(value: string, ctx: DecodeContext): DecodeOutcome {
  const parts = value.split('.');
  if (parts.length !== 6) return failed(warning('segment-count', undefined, `${parts.length} parts, expected 6`));
  const [hashText = '', visitor = '', firstText = '', previousText = '', currentText = '', sessionsText = ''] = parts;
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const hashProblem = hashFields(hashText, ctx, fields, warnings);
  if (hashProblem !== undefined) return failed(hashProblem);
  const visitorNumber = parseInteger(visitor, { field: 'visitorId' });
  if (!visitorNumber.ok) return failed(visitorNumber.problem);
  const first = parseTimestamp(firstText, 'seconds', 'firstVisit');
  if (!first.ok) return failed(first.problem);
  const previous = parseTimestamp(previousText, 'seconds', 'previousVisit');
  if (!previous.ok) return failed(previous.problem);
  const current = parseTimestamp(currentText, 'seconds', 'currentVisit');
  if (!current.ok) return failed(current.problem);
  const sessions = parseInteger(sessionsText, { field: 'sessionCount' });
  if (!sessions.ok) return failed(sessions.problem);
  if (first.value > previous.value) warnings.push(warning('order', 'previousVisit', 'first visit is later than the previous visit'));
  else if (previous.value > current.value) warnings.push(warning('order', 'currentVisit', 'previous visit is later than the current visit'));
  fields.push(
    idField('visitorId', visitor),
    timeField('firstVisit', first.value, ctx, warnings),
    timeField('previousVisit', previous.value, ctx, warnings),
    timeField('currentVisit', current.value, ctx, warnings),
    countField('sessionCount', sessions.value),
  );
  return ok(fields, warnings);
}

function decodeUtmb(value: string, ctx: DecodeContext): DecodeOutcome {
  const parts = value.split('.');
  if (parts.length !== 4) return failed(warning('segment-count', undefined, `${parts.length} parts, expected 4`));
  const [hashText = '', hitsText = '', countdownText = '', startText = ''] = parts;
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const hashProblem = hashFields(hashText, ctx, fields, warnings);
  if (hashProblem !== undefined) return failed(hashProblem);
  const hits = parseInteger(hitsText, { field: 'pageViews' });
  if (!hits.ok) return failed(hits.problem);
  const start = parseTimestamp(startText, 'seconds', 'sessionStart');
  if (!start.ok) return failed(start.problem);
  fields.push(countField('pageViews', hits.value));
  const countdown = parseInteger(countdownText);
  if (countdown.ok) fields.push(countField('outboundCountdown', countdown.value, true));
  fields.push(timeField('sessionStart', start.value, ctx, warnings));
  return ok(fields, warnings);
}

function decodeUtmc(value: string, ctx: DecodeContext): DecodeOutcome {
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const hashProblem = hashFields(value, ctx, fields, warnings);
  return hashProblem === undefined ? ok(fields, warnings) : failed(hashProblem);
}

const CAMPAIGN_KEYS: ReadonlyMap<string, { readonly key: string; readonly kind: 'text' | 'id' }> = new Map([
  ['utmcsr', { key: 'campaignSource', kind: 'text' }],
  ['utmccn', { key: 'campaignName', kind: 'text' }],
  ['utmcmd', { key: 'campaignMedium', kind: 'text' }],
  ['utmctr', { key: 'campaignTerm', kind: 'text' }],
  ['utmcct', { key: 'campaignContent', kind: 'text' }],
  ['utmgclid', { key: 'clickId', kind: 'id' }],
]);

function decodeUtmz(value: string, ctx: DecodeContext): DecodeOutcome {
  const parts = splitFirst(value, '.', 5);
  if (parts === undefined) return failed(warning('segment-count', undefined, 'expected hash.time.session.campaign.details'));
  const [hashText = '', timeText = '', sessionText = '', campaignText = '', details = ''] = parts;
  const fields: Field[] = [];
  const warnings: Problem[] = [];
  const hashProblem = hashFields(hashText, ctx, fields, warnings);
  if (hashProblem !== undefined) return failed(hashProblem);
  const time = parseTimestamp(timeText, 'seconds', 'campaignTime');
  if (!time.ok) return failed(time.problem);
  const session = parseInteger(sessionText, { field: 'sessionCount' });
  if (!session.ok) return failed(session.problem);
  const campaign = parseInteger(campaignText, { field: 'campaignCount' });
  if (!campaign.ok) return failed(campaign.problem);
  fields.push(timeField('campaignTime', time.value, ctx, warnings), countField('sessionCount', session.value), countField('campaignCount', campaign.value));
  const pairs = new Map<string, string>();
  for (const part of details.split('|')) {
    const equals = part.indexOf('=');
    if (equals > 0 && !pairs.has(part.slice(0, equals))) pairs.set(part.slice(0, equals), part.slice(equals + 1));
  }
  for (const [utmKey, target] of CAMPAIGN_KEYS) {
    const text = pairs.get(utmKey);
    if (text === undefined || text.length === 0) continue;
    fields.push(target.kind === 'id' ? idField(target.key, text) : textField(target.key, text));
  }
  return ok(fields, warnings);
}

export const googleAnalyticsFamilies = [
  exactFamily({
    id: 'google-analytics.ga', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(2 * YEAR_MS), names: ['_ga'],
    decode: (value, ctx) => decodeClientCookie(value, ctx, 'clientId', 'firstVisit'),
  }),
  patternFamily({
    id: 'google-analytics.ga-session', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(2 * YEAR_MS), pattern: /^_ga_[A-Z0-9]+$/,
    decode: decodeSessionCookie,
  }),
  exactFamily({
    id: 'google-analytics.gid', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(DAY_MS), names: ['_gid'],
    decode: (value, ctx) => decodeClientCookie(value, ctx, 'dailyId', 'created'),
  }),
  patternFamily({
    id: 'google-analytics.gat', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(MINUTE_MS), pattern: /^(?:_gat(?:_.+)?|_dc_gtm_.+)$/,
    decode: decodeThrottle,
  }),
  // Written by analytics.js to link Analytics with Google Ads, so it serves advertising.
  patternFamily({
    id: 'google-analytics.gac', vendor: VENDOR, category: 'advertising', lifetime: lifetime.of(90 * DAY_MS), pattern: /^_gac_(?!gb_).+$/,
    decode: decodeAdsLink,
  }),
  exactFamily({ id: 'google-analytics.utma', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(2 * YEAR_MS, true), names: ['__utma'], decode: decodeUtma }),
  exactFamily({ id: 'google-analytics.utmb', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(30 * MINUTE_MS, true), names: ['__utmb'], decode: decodeUtmb }),
  exactFamily({ id: 'google-analytics.utmc', vendor: VENDOR, category: 'analytics', lifetime: lifetime.session, names: ['__utmc'], decode: decodeUtmc }),
  exactFamily({ id: 'google-analytics.utmz', vendor: VENDOR, category: 'analytics', lifetime: lifetime.of(6 * MONTH_MS), names: ['__utmz'], decode: decodeUtmz }),
];
