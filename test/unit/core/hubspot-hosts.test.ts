// HubSpot's tracking requests are told by their path, on any host; error reports are not tracking.
import { describe, expect, test } from 'vitest';
import { isTrackingBeacon, TRACKING_BEACON_PATTERNS } from '../../../src/core/hubspot-hosts.ts';

describe('isTrackingBeacon', () => {
  test.each([
    'https://track.hubspot.com/__ptq.gif?a=4815162&k=1',
    'https://track-eu1.hubspot.com/__ptq.gif?a=1',
    'https://track-na1.hubspot.com/__ptbe.gif?n=pe123_click',
    'https://track.hubspot.com/__ptc.gif?a=1',
    // A portal's own tracking domain (setTrackingDomain).
    'https://analytics.shop.example/__ptq.gif?a=1',
    'https://www.hubdemo.test:8443/__ptq.gif',
    'https://track.hubspot.com/__ptq.gif#x',
  ])('%s is a tracking request', (url) => {
    expect(isTrackingBeacon(url)).toBe(true);
  });

  test.each([
    // Error reports: HubSpot sends them even under do-not-track.
    'https://track.hubspot.com/__pto.gif?w=1&m=TypeError',
    'https://analytics.shop.example/__pto.gif',
    'https://track.hubspot.com/',
    'https://track.hubspot.com/__ptq.gifx',
    'https://track.hubspot.com/img/__ptq.gif',
    'https://www.example.com/?next=/__ptq.gif',
    'https://www.example.com?next=/__ptq.gif',
    'https://www.example.com#/__ptq.gif',
    'not a url',
  ])('%s is not', (url) => {
    expect(isTrackingBeacon(url)).toBe(false);
  });
});

test('the webRequest filter asks the browser for exactly these paths on any host', () => {
  expect(TRACKING_BEACON_PATTERNS).toEqual(['*://*/__ptq.gif*', '*://*/__ptbe.gif*', '*://*/__ptc.gif*']);
});
