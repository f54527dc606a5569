// The CLI's HAR fixtures are what test/fixtures/cli/make-fixtures.mjs writes from the demo site's
// presets: a change to the presets or the generator shows up here until they are written again.
import { describe, expect, test } from 'vitest';
import { FIXTURES, staleFixtures } from '../fixtures/cli/make-fixtures.mjs';

describe('test/fixtures/cli', () => {
  test('every generated fixture is committed as generated (node test/fixtures/cli/make-fixtures.mjs)', () => {
    expect(FIXTURES.size).toBe(10);
    expect(staleFixtures()).toEqual([]);
  });
});
