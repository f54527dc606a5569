// IAB Global Privacy Platform. Source: docs/facts/other-trackers.md sections 2 and 4. The
// string is decoded by the IAB Tech Lab's own library, @iabgpp/cmpapi (its GppModel class, which,
// unlike CmpApi, installs nothing on the page). The library is large: it is reached only through
// the dynamic import in `load()`, so the bundler keeps it out of the popup's main chunk.
//
//   __gpp       DBABLA~BVQqAAAAAgA.QA   a header listing the sections, then one encoded string per section
//   __gpp_sid   7                       the ids of the sections that apply (read without the library)
//
// Section ids: 2 tcfeuv2, 5 tcfcav1, 6 uspv1, 7 usnat, 8 usca, 9 usva, 10 usco, 11 usut, 12 usct.
// The US sections' opt-out fields are 0 (not applicable), 1 (opted out) or 2 (did not opt out)
// according to the IAB's GPP specification, which the shared docs do not cover: those flags are
// therefore uncertain. Like TCF, GPP sets no category flags.
import { ok } from '../types.ts';
import type { DecodeContext, DecodeOutcome, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import type { JsonRecord } from './util.ts';
import { exactFamily, failed, flagField, isRecord, lazyFamily, lifetime, listField, warning } from './util.ts';
import type { VendorDecoder } from './util.ts';
import { epochMsOf, tcfFields, wholeNumber } from './iab-tcf.ts';
import { usPrivacyFields } from './us-privacy.ts';

const SECTION_NAMES: ReadonlyMap<number, string> = new Map([
  [2, 'tcfeuv2'],
  [5, 'tcfcav1'],
  [6, 'uspv1'],
  [7, 'usnat'],
  [8, 'usca'],
  [9, 'usva'],
  [10, 'usco'],
  [11, 'usut'],
  [12, 'usct'],
]);

function own(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

function trueIndexes(value: unknown): string[] {
  const ids: string[] = [];
  if (Array.isArray(value)) value.forEach((isSet: unknown, index) => {
    if (isSet === true) ids.push(String(index + 1));
  });
  return ids;
}

/** 1 = opted out, 2 = did not opt out; 0 and anything else say nothing. */
function optOutFlag(key: string, value: unknown): Field[] {
  return value === 1 || value === 2 ? [flagField(key, value === 1, true)] : [];
}

function sectionFields(sections: JsonRecord, ctx: DecodeContext, warnings: Problem[]): Field[] {
  const fields: Field[] = [];
  const tcf = own(sections, 'tcfeuv2');
  if (isRecord(tcf)) {
    fields.push(
      ...tcfFields(
        {
          version: wholeNumber(own(tcf, 'Version')),
          cmpId: wholeNumber(own(tcf, 'CmpId')),
          cmpVersion: wholeNumber(own(tcf, 'CmpVersion')),
          created: epochMsOf(own(tcf, 'Created')),
          lastUpdated: epochMsOf(own(tcf, 'LastUpdated')),
          vendorListVersion: wholeNumber(own(tcf, 'VendorListVersion')),
          policyVersion: wholeNumber(own(tcf, 'PolicyVersion')),
          purposesConsented: trueIndexes(own(tcf, 'PurposeConsents')),
          purposesLegitimateInterest: trueIndexes(own(tcf, 'PurposeLegitimateInterests')),
        },
        ctx,
        warnings,
      ),
    );
  }
  // One US section is enough to show: the national one when present, else the first state's.
  const usName = Object.keys(sections).find((name) => name === 'usnat') ?? Object.keys(sections).find((name) => /^us[a-z]{2}$/.test(name) && name !== 'usnat');
  const us = usName === undefined ? undefined : own(sections, usName);
  if (isRecord(us)) {
    fields.push(
      ...optOutFlag('saleOptedOut', own(us, 'SaleOptOut')),
      ...optOutFlag('sharingOptedOut', own(us, 'SharingOptOut')),
      ...optOutFlag('targetedAdsOptedOut', own(us, 'TargetedAdvertisingOptOut')),
    );
    const gpc = own(us, 'Gpc');
    if (typeof gpc === 'boolean') fields.push(flagField('gpcSignal', gpc));
  } else {
    const usp = own(sections, 'uspv1');
    if (isRecord(usp)) fields.push(...usPrivacyFields(own(usp, 'Notice'), own(usp, 'OptOutSale'), own(usp, 'LspaCovered')));
  }
  return fields;
}

const GPP_STRING = /^[A-Za-z0-9_.~-]+$/;

async function loadDecoder(): Promise<VendorDecoder> {
  const { GppModel } = await import('@iabgpp/cmpapi');
  return (value, ctx) => {
    if (!GPP_STRING.test(value)) return failed(warning('unknown-format', undefined, excerpt(value)));
    let sections: unknown;
    try {
      sections = new GppModel(value).toObject();
    } catch (error) {
      return failed(warning('library-error', undefined, excerpt(error instanceof Error ? error.message : String(error), 80)));
    }
    if (!isRecord(sections) || Object.keys(sections).length === 0) return failed(warning('unknown-format', undefined, excerpt(value)));
    const warnings: Problem[] = [];
    return ok([listField('gppSections', Object.keys(sections)), ...sectionFields(sections, ctx, warnings)], warnings);
  };
}

function decodeSectionIds(value: string): DecodeOutcome {
  const ids = value.replace(/^\[|\]$/g, '').split(/[,_\s]+/).filter((id) => id.length > 0);
  if (ids.length === 0 || !ids.every((id) => /^\d{1,3}$/.test(id))) return failed(warning('unknown-format', undefined, excerpt(value)));
  return ok([listField('gppSections', ids.map((id) => SECTION_NAMES.get(Number(id)) ?? id))]);
}

export const gppFamilies = [
  lazyFamily({ id: 'iab-gpp.gpp', vendor: 'iab-gpp', category: 'necessary', lifetime: lifetime.unknown, names: ['__gpp'], load: loadDecoder }),
  exactFamily({ id: 'iab-gpp.gpp-sid', vendor: 'iab-gpp', category: 'necessary', lifetime: lifetime.unknown, names: ['__gpp_sid'], decode: decodeSectionIds }),
];
