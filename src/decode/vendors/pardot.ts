// Salesforce Marketing Cloud Account Engagement (Pardot). Source: docs/facts/other-trackers.md
// section 1, after Pardot's FAQ and Salesforce help article 000381788.
//
//   visitor_id<accountId>        visitor_id12345=123456789   numeric visitor id
//   visitor_id<accountId>-hash   a validation hash (meaning unsettled)
//   pi_opt_in<accountId>         pi_opt_in12345=true         the visitor's tracking opt-in, true or false
//
// <accountId> is the tracking snippet's `piAId` minus 1000. The doc's one-year lifetime is
// uncertain, so none is stated.
import { ok } from '../types.ts';
import type { DecodeOutcome, Field } from '../types.ts';
import { excerpt, parseBooleanWord, parseInteger } from '../parse.ts';
import { failed, flagField, idField, lifetime, patternFamily, warning } from './util.ts';
import type { NamedDecodeContext } from './util.ts';

const VENDOR = 'pardot';

function accountFields(ctx: NamedDecodeContext, prefix: string): Field[] {
  const match = ctx.name?.startsWith(prefix) === true ? /^\d+/.exec(ctx.name.slice(prefix.length)) : null;
  return match === null ? [] : [idField('accountId', match[0])];
}

function decodeVisitor(value: string, ctx: NamedDecodeContext): DecodeOutcome {
  const visitor = parseInteger(value, { field: 'visitorId' });
  if (!visitor.ok) return failed(visitor.problem);
  return ok([...accountFields(ctx, 'visitor_id'), idField('visitorId', value)]);
}

function decodeVisitorHash(value: string, ctx: NamedDecodeContext): DecodeOutcome {
  return ok([...accountFields(ctx, 'visitor_id'), idField('validationHash', value, true)]);
}

function decodeOptIn(value: string, ctx: NamedDecodeContext): DecodeOutcome {
  const optIn = parseBooleanWord(value, ['true'], ['false'], 'trackingOptIn');
  if (!optIn.ok) return failed(warning(optIn.problem.code, 'trackingOptIn', excerpt(value)));
  return ok([...accountFields(ctx, 'pi_opt_in'), flagField('trackingOptIn', optIn.value)]);
}

export const pardotFamilies = [
  patternFamily({ id: 'pardot.visitor-id', vendor: VENDOR, category: 'advertising', lifetime: lifetime.unknown, pattern: /^visitor_id\d+$/, decode: decodeVisitor }),
  patternFamily({ id: 'pardot.visitor-id-hash', vendor: VENDOR, category: 'advertising', lifetime: lifetime.unknown, pattern: /^visitor_id\d+-hash$/, decode: decodeVisitorHash }),
  // A record of the visitor's choice, which the site needs to honour it.
  patternFamily({ id: 'pardot.pi-opt-in', vendor: VENDOR, category: 'necessary', lifetime: lifetime.unknown, pattern: /^pi_opt_in\d*$/, decode: decodeOptIn }),
];
