// HubSpot cookies that make site features work (chat, A/B tests, member login, password pages,
// language switcher) and legacy or debugging names. Source: docs/facts/hubspot-cookies.md
// section 1. Where the doc marks a format UNSURE, the value is shown raw and flagged uncertain.
//
//   hs-messages-is-open               true/false: the chat widget is open
//   hs-messages-hide-welcome-message  true/false
//   __hsmem                           member login token, e.g. 0:Xy3_...(about 48 base64url characters)
//   hs-membership-csrf                about 22 base64url characters
//   hs_ab_test                        test page id and variant id; serialisation UNSURE
//   <digits>_key                      encrypted password for one protected page; name pattern UNSURE
//   hs_langswitcher_choice            e.g. EN-US:hubspot.com; format otherwise UNSURE
//   hsfirstvisit, __hs_testcookie     legacy; no documented format
//   hs_dbg                            1 = the tracking code logs debug output
//   __hsfp                            browser fingerprint; no documented format
import { ok } from '../types.ts';
import type { DecodeOutcome } from '../types.ts';
import { excerpt, isBase64Url, parseBooleanWord, rejected } from '../parse.ts';
import { LIFETIME, exactFamily, failed, flagField, idField, patternFamily, textField, warning } from './common.ts';

function trueFalseFlag(key: string): (raw: string) => DecodeOutcome {
  return (raw) => {
    const flag = parseBooleanWord(raw, ['true'], ['false'], key);
    return flag.ok ? ok([flagField(key, flag.value)]) : failed(flag.problem);
  };
}

/** For formats no strong source settles: show the value as it is, never a guessed reading. */
function rawUncertain(raw: string): DecodeOutcome {
  return ok([textField('value', raw, true)]);
}

function isMemberToken(raw: string): boolean {
  const colon = raw.indexOf(':');
  if (colon < 1) return false;
  for (let i = 0; i < colon; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return isBase64Url(raw.slice(colon + 1));
}

function decodeMemberToken(raw: string): DecodeOutcome {
  return ok([idField('token', raw)], isMemberToken(raw) ? [] : [warning('unknown-format', 'token', excerpt(raw))]);
}

function decodeCsrfToken(raw: string): DecodeOutcome {
  return ok([idField('token', raw)], isBase64Url(raw) ? [] : [warning('unknown-format', 'token', excerpt(raw))]);
}

function decodeDebugSwitch(raw: string): DecodeOutcome {
  return raw === '1' ? ok([flagField('debugLogging', true)]) : rejected('unexpected-value', 'debugLogging', excerpt(raw));
}

function decodeFingerprint(raw: string): DecodeOutcome {
  return ok([idField('fingerprint', raw, true)]);
}

const PASSWORD_KEY_NAME = /^\d+_key$/;

export const siteFeatureFamilies = [
  exactFamily({ id: 'hubspot.messages-is-open', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.thirtyMinutes, names: ['hs-messages-is-open'], decode: trueFalseFlag('chatOpen') }),
  exactFamily({ id: 'hubspot.messages-hide-welcome', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.oneDay, names: ['hs-messages-hide-welcome-message'], decode: trueFalseFlag('welcomeHidden') }),
  exactFamily({ id: 'hubspot.hsmem', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.membership, names: ['__hsmem'], decode: decodeMemberToken }),
  exactFamily({ id: 'hubspot.membership-csrf', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.session, names: ['hs-membership-csrf'], decode: decodeCsrfToken }),
  exactFamily({ id: 'hubspot.ab-test', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.session, names: ['hs_ab_test'], decode: rawUncertain }),
  patternFamily({ id: 'hubspot.password-key', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.passwordKey, pattern: PASSWORD_KEY_NAME, decode: rawUncertain }),
  exactFamily({ id: 'hubspot.langswitcher', vendor: 'hubspot', category: 'necessary', lifetime: LIFETIME.twoYears, names: ['hs_langswitcher_choice'], decode: rawUncertain }),
  // Legacy and rare names: the doc gives no category, so they sit with the tracking code that wrote them.
  exactFamily({ id: 'hubspot.hsfirstvisit', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.unknown, names: ['hsfirstvisit'], decode: rawUncertain }),
  exactFamily({ id: 'hubspot.testcookie', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.unknown, names: ['__hs_testcookie'], decode: rawUncertain }),
  exactFamily({ id: 'hubspot.hs-dbg', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.unknown, names: ['hs_dbg'], decode: decodeDebugSwitch }),
  exactFamily({ id: 'hubspot.hsfp', vendor: 'hubspot', category: 'analytics', lifetime: LIFETIME.unknown, names: ['__hsfp'], decode: decodeFingerprint }),
] as const;
