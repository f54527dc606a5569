// The single fields other modules read off HubSpot's tracking cookies (src/decode/hubspot/tracking.ts),
// so that nothing outside src/decode splits these values itself.
import { describe, expect, test } from 'vitest';
import { hsscSessionStartText, hstcDomainHash, hstcVisitorId, parseHstc } from '../../../src/decode/hubspot/tracking.ts';

const HSTC = '114212440.0a1b2c3d4e5f40718293a4b5c6d7e8f9.1728971805584.1728971805584.1728975405584.2';

describe('single fields of __hstc and __hssc', () => {
  test('agree with the full decoder on a valid __hstc', () => {
    const full = parseHstc(HSTC);
    if (!full.ok || full.value.kind !== 'full') throw new Error('the sample is a full __hstc');
    expect(hstcDomainHash(HSTC)).toBe(full.value.domainHash);
    expect(hstcVisitorId(HSTC)).toBe(full.value.visitorId);
  });

  test('are read leniently, and say nothing where the field is missing or not a number', () => {
    expect(hstcDomainHash('42.visitor')).toBe(42);
    expect(hstcDomainHash('x.visitor')).toBeUndefined();
    expect(hstcDomainHash('bare')).toBeUndefined();
    expect(hstcVisitorId('42.visitor')).toBe('visitor');
    expect(hstcVisitorId('42..1')).toBeUndefined();
    expect(hstcVisitorId('bare')).toBeUndefined();
    expect(hsscSessionStartText('114212440.1.1728971805585')).toBe('1728971805585');
    expect(hsscSessionStartText('114212440.1.172897180')).toBeUndefined();
    expect(hsscSessionStartText('114212440.1')).toBeUndefined();
  });
});
