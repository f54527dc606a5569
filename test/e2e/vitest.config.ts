import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

// End-to-end tests in real browsers. One spec file at a time: the machine has 2 cores and a
// browser per spec already uses both.
export default defineConfig({
  test: {
    root: repoRoot,
    include: ['test/e2e/**/*.spec.ts'],
    environment: 'node',
    fileParallelism: false,
    // Real browsers on a shared 2-core machine: a test that fails is run once more, whole and with
    // every assertion, before it counts as failed. Retries are reported in the output, so a test
    // that needs one is visible, not hidden.
    retry: 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    globalSetup: ['test/e2e/support/global-setup.ts'],
  },
});
