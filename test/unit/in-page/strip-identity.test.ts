// @vitest-environment happy-dom
// The identity-stripping page script on its own, in a DOM stand-in (happy-dom): what it does to the
// address the page arrived with and to addresses the page writes. The real browsers are checked
// end to end (test/e2e/real-tracker.spec.ts); this pins the cases one by one.
import { beforeAll, describe, expect, test } from 'vitest';

const ORIGIN = 'https://www.hubdemo.test';

beforeAll(async () => {
  // The address the page arrived with, before the script runs (as at document_start).
  const happyDom = Reflect.get(window, 'happyDOM') as { setURL(url: string): void };
  happyDom.setURL(`${ORIGIN}/pricing?keep=1#__hstc=a.b.1.2.3.4&__hsfp=99&section=beans`);
  expect(location.hash).toContain('__hstc');
  await import('../../../src/in-page/strip-identity.ts');
});

describe('the strip-identity page script', () => {
  test('takes identity out of the arrival address, keeping the rest of the fragment and the query', () => {
    expect(location.href).toBe(`${ORIGIN}/pricing?keep=1#section=beans`);
  });

  test('pushState and replaceState: identity out of query and fragment, relative addresses resolved, state kept', () => {
    history.pushState({ step: 1 }, '', '/blog/?_hsenc=p2A&utm_source=mail#__hs_email=a%40b.test&top');
    expect(location.href).toBe(`${ORIGIN}/blog/?utm_source=mail#top`);
    expect(history.state).toEqual({ step: 1 });
    history.replaceState({ step: 2 }, '', '?_hsmi=42&hsCtaTracking=x');
    expect(location.href).toBe(`${ORIGIN}/blog/`);
    expect(history.state).toEqual({ step: 2 });
  });

  test('addresses without identity, and calls without an address, are passed on as written', () => {
    history.pushState(null, '', '/a?__hstcx=1&x=__hstc#__hsscx');
    expect(location.href).toBe(`${ORIGIN}/a?__hstcx=1&x=__hstc#__hsscx`);
    history.pushState({ step: 3 }, '');
    expect(location.href).toBe(`${ORIGIN}/a?__hstcx=1&x=__hstc#__hsscx`);
    expect(history.state).toEqual({ step: 3 });
  });
});
