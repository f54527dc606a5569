// IAB Transparency & Consent Framework v2 consent strings. Source: docs/facts/other-trackers.md
// sections 2 and 4. Decoded by the IAB Tech Lab's own library, @iabtechlabtcf/core, which is large:
// it is reached only through the dynamic import in `load()`, so the bundler keeps it out of the
// popup's main chunk, and `decode` refuses until then.
//
//   euconsent-v2      written by most CMPs (Didomi, Quantcast, Sourcepoint, Cookiebot's `iab2`, …)
//   eupubconsent-v2   written by OneTrust in TCF mode
//   CPXxGfAPXxGfAAHABBENBCCsAP_AAH_…   base64url, bit-packed, segments separated by `.`
//
// Created and LastUpdated are stored in deciseconds; CMPs usually round them to the day. TCF
// consents are per purpose and per vendor, not per site category, and the doc gives no mapping
// onto Cookie Lens's categories, so these strings set no category flags: purposes are listed by
// number instead. `consentTime` is LastUpdated.
import { ok } from '../types.ts';
import type { DecodeContext, Field, Problem } from '../types.ts';
import { excerpt } from '../parse.ts';
import { countField, failed, flagField, lazyFamily, lifetime, listField, textField, timeField, warning } from './util.ts';
import type { VendorDecoder } from './util.ts';
import type { TCModel } from '@iabtechlabtcf/core';

/** The subset of a decoded TC string Cookie Lens shows; also what the GPP decoder's TCF section gives. */
export interface TcfSummary {
  readonly version?: number | undefined;
  readonly cmpId?: number | undefined;
  readonly cmpVersion?: number | undefined;
  readonly created?: number | undefined;
  readonly lastUpdated?: number | undefined;
  readonly consentLanguage?: string | undefined;
  readonly vendorListVersion?: number | undefined;
  readonly policyVersion?: number | undefined;
  readonly publisherCountry?: string | undefined;
  readonly serviceSpecific?: boolean | undefined;
  readonly purposesConsented: readonly string[];
  readonly purposesLegitimateInterest: readonly string[];
  readonly specialFeaturesOptedIn?: readonly string[] | undefined;
  readonly vendorsConsented?: number | undefined;
  readonly vendorsLegitimateInterest?: number | undefined;
}

export function tcfFields(summary: TcfSummary, ctx: DecodeContext, warnings: Problem[]): Field[] {
  const fields: Field[] = [];
  const count = (key: string, value: number | undefined): void => {
    if (value !== undefined) fields.push(countField(key, value));
  };
  count('version', summary.version);
  count('cmpId', summary.cmpId);
  count('cmpVersion', summary.cmpVersion);
  if (summary.created !== undefined) fields.push(timeField('created', summary.created, ctx, warnings));
  if (summary.lastUpdated !== undefined) fields.push(timeField('consentTime', summary.lastUpdated, ctx, warnings));
  if (summary.consentLanguage !== undefined && summary.consentLanguage.length > 0) fields.push(textField('consentLanguage', summary.consentLanguage));
  count('vendorListVersion', summary.vendorListVersion);
  count('policyVersion', summary.policyVersion);
  if (summary.publisherCountry !== undefined && summary.publisherCountry.length > 0) fields.push(textField('publisherCountry', summary.publisherCountry));
  if (summary.serviceSpecific !== undefined) fields.push(flagField('serviceSpecific', summary.serviceSpecific));
  fields.push(listField('purposesConsented', summary.purposesConsented), listField('purposesLegitimateInterest', summary.purposesLegitimateInterest));
  if (summary.specialFeaturesOptedIn !== undefined) fields.push(listField('specialFeaturesOptedIn', summary.specialFeaturesOptedIn));
  count('vendorsConsented', summary.vendorsConsented);
  count('vendorsLegitimateInterest', summary.vendorsLegitimateInterest);
  return fields;
}

/** A whole non-negative number, or undefined (the library types some numbers as string | number). */
export function wholeNumber(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

export function epochMsOf(value: unknown): number | undefined {
  if (!(value instanceof Date)) return undefined;
  const ms = value.getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

function setIds(vector: { forEach(callback: (value: boolean, id: number) => void): void }): string[] {
  const ids: string[] = [];
  vector.forEach((isSet, id) => {
    if (isSet) ids.push(String(id));
  });
  return ids;
}

function summarise(model: TCModel): TcfSummary {
  return {
    version: wholeNumber(model.version),
    cmpId: wholeNumber(model.cmpId),
    cmpVersion: wholeNumber(model.cmpVersion),
    created: epochMsOf(model.created),
    lastUpdated: epochMsOf(model.lastUpdated),
    consentLanguage: model.consentLanguage,
    vendorListVersion: wholeNumber(model.vendorListVersion),
    policyVersion: wholeNumber(model.policyVersion),
    publisherCountry: model.publisherCountryCode,
    serviceSpecific: model.isServiceSpecific,
    purposesConsented: setIds(model.purposeConsents),
    purposesLegitimateInterest: setIds(model.purposeLegitimateInterests),
    specialFeaturesOptedIn: setIds(model.specialFeatureOptins),
    vendorsConsented: model.vendorConsents.size,
    vendorsLegitimateInterest: model.vendorLegitimateInterests.size,
  };
}

const TC_STRING = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/;

async function loadDecoder(): Promise<VendorDecoder> {
  const { TCString } = await import('@iabtechlabtcf/core');
  return (value, ctx) => {
    if (!TC_STRING.test(value)) return failed(warning('unknown-format', undefined, excerpt(value)));
    let summary: TcfSummary;
    try {
      summary = summarise(TCString.decode(value));
    } catch (error) {
      return failed(warning('library-error', undefined, excerpt(error instanceof Error ? error.message : String(error), 80)));
    }
    const warnings: Problem[] = [];
    return ok(tcfFields(summary, ctx, warnings), warnings);
  };
}

export const tcfFamilies = [
  lazyFamily({ id: 'iab-tcf.tc-string', vendor: 'iab-tcf', category: 'necessary', lifetime: lifetime.unknown, names: ['euconsent-v2', 'eupubconsent-v2'], load: loadDecoder }),
];
