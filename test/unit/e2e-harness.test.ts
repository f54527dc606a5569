// Rules for the end-to-end specs that a browser version change would otherwise reveal only on
// another machine.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const e2e = path.resolve(import.meta.dirname, '../e2e');
const specs = readdirSync(e2e).filter((file) => file.endsWith('.ts')).map((file) => path.join(e2e, file));

describe('end-to-end specs', () => {
  test('specs that drive Firefox never use puppeteer\'s waitForFunction', () => {
    // Puppeteer builds the predicate with Function() inside the page; extension pages' CSP blocks
    // that on Firefox ESR 140. harness/firefox.ts has pollInPage, which asks from Node instead.
    const firefoxSpecs = specs.filter((file) => readFileSync(file, 'utf8').includes('/harness/firefox.ts'));
    expect(firefoxSpecs.length).toBeGreaterThan(0);
    const offenders = firefoxSpecs.filter((file) => /\.waitForFunction\(/.test(readFileSync(file, 'utf8'))).map((file) => path.basename(file));
    expect(offenders).toEqual([]);
  });
});
