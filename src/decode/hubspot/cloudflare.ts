// Cloudflare cookies that appear on HubSpot-hosted sites, because HubSpot serves them through
// Cloudflare. All HttpOnly, set by the network, never by page script.
// Source: docs/facts/hubspot-cookies.md section 1. The values below are made up.
//
//   __cf_bm  <43-char token>-<unix seconds>-<version>-<base64 data>   bot management, 30 minutes
//            Xk3v9Qw2.Lr7uT0bN5mZ8pYc1eDfGhJ4aS6oVtWxK_q-1728971805-1.0.1.1-aGVsbG8gd29ybGQ
//   __cfruid <40 hex>-<unix seconds>                                   rate limiting, session
//   _cfuvid  <43-char token>-<epoch ms>-<version>-604800000             rate-limit visitor id, session
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Problem } from '../types.ts';
import { excerpt, parseEpoch, rejected } from '../parse.ts';
import type { EpochUnit } from '../parse.ts';
import { LIFETIME, exactFamily, failed, idField, instantField, isInFuture, textField, warning } from './common.ts';

// Anchored, with fixed-length or single-class parts, so matching stays linear on hostile input.
const BOT_MANAGEMENT = /^([\x21-\x7e]{43})-(\d+)-(\d+(?:\.\d+)+)-([A-Za-z0-9+/=._-]+)$/;
const RATE_LIMIT = /^([0-9A-Fa-f]{40})-(\d+)$/;
const VISITOR = /^([\x21-\x7e]{43})-(\d+)-(\d+(?:\.\d+)+)-(\d+)$/;

function decodeIssued(token: string, issuedText: string, unit: EpochUnit, ctx: DecodeContext, version?: string): DecodeOutcome {
  const issuedAt = parseEpoch(issuedText, unit, 'issuedAt');
  if (!issuedAt.ok) return failed(issuedAt.problem);
  const warnings: Problem[] = isInFuture(issuedAt.value, ctx) ? [warning('future-timestamp', 'issuedAt')] : [];
  const fields = [idField('token', token), instantField('issuedAt', issuedAt.value)];
  if (version !== undefined) fields.push(textField('version', version));
  return ok(fields, warnings);
}

function unknownFormat(raw: string, expected: string): DecodeOutcome {
  return rejected('unknown-format', undefined, `${excerpt(raw)} (expected ${expected})`);
}

function decodeBotManagement(raw: string, ctx: DecodeContext): DecodeOutcome {
  const match = BOT_MANAGEMENT.exec(raw);
  if (match === null) return unknownFormat(raw, 'token-seconds-version-data');
  const [, token = '', issued = '', version = ''] = match;
  return decodeIssued(token, issued, 'seconds', ctx, version);
}

function decodeRateLimit(raw: string, ctx: DecodeContext): DecodeOutcome {
  const match = RATE_LIMIT.exec(raw);
  if (match === null) return unknownFormat(raw, '40 hex-seconds');
  const [, token = '', issued = ''] = match;
  return decodeIssued(token, issued, 'seconds', ctx);
}

function decodeVisitor(raw: string, ctx: DecodeContext): DecodeOutcome {
  const match = VISITOR.exec(raw);
  if (match === null) return unknownFormat(raw, 'token-milliseconds-version-number');
  const [, token = '', issued = '', version = ''] = match;
  return decodeIssued(token, issued, 'ms', ctx, version);
}

export const cloudflareFamilies = [
  exactFamily({ id: 'cloudflare.cf-bm', vendor: 'cloudflare', category: 'necessary', lifetime: LIFETIME.thirtyMinutes, names: ['__cf_bm'], decode: decodeBotManagement }),
  exactFamily({ id: 'cloudflare.cfruid', vendor: 'cloudflare', category: 'necessary', lifetime: LIFETIME.session, names: ['__cfruid'], decode: decodeRateLimit }),
  exactFamily({ id: 'cloudflare.cfuvid', vendor: 'cloudflare', category: 'necessary', lifetime: LIFETIME.session, names: ['_cfuvid'], decode: decodeVisitor }),
] as const;
