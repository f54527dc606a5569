// Rules for the end-to-end specs that a browser version change would otherwise reveal only on
// another machine.
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const e2e = path.resolve(import.meta.dirname, '../e2e');
const harness = path.resolve(import.meta.dirname, '../../harness');
const specs = readdirSync(e2e).filter((file) => file.endsWith('.ts')).map((file) => path.join(e2e, file));

describe('end-to-end specs', () => {
  test('specs that drive Firefox never use puppeteer\'s waitForFunction', () => {
    // Puppeteer builds the predicate with Function() inside the page; extension pages' CSP blocks
    // that on Firefox ESR 140. harness/firefox.ts has pollInPage, which asks from Node instead.
    const firefoxSpecs = specs.filter((file) => /\/harness\/firefox\.ts'|\buseFirefox\(/.test(readFileSync(file, 'utf8')));
    expect(firefoxSpecs.length).toBeGreaterThan(0);
    const offenders = firefoxSpecs.filter((file) => /\.waitForFunction\(/.test(readFileSync(file, 'utf8'))).map((file) => path.basename(file));
    expect(offenders).toEqual([]);
  });

  test('the Firefox harness never uses puppeteer\'s waitForFunction either', () => {
    expect(readFileSync(path.join(harness, 'firefox.ts'), 'utf8')).not.toMatch(/\.waitForFunction\(/);
    // The Firefox fixture's own steps (the part of fixtures.ts after its heading).
    const fixtures = readFileSync(path.join(harness, 'fixtures.ts'), 'utf8');
    const firefoxPart = fixtures.slice(fixtures.indexOf('// ---- Firefox'));
    expect(firefoxPart.length).toBeGreaterThan(100);
    expect(firefoxPart).not.toMatch(/\.waitForFunction\(/);
  });
});
