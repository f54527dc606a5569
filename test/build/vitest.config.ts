import { defineConfig } from 'vitest/config';

// Checks over the built extension in dist/ (run by `npm test` after `node build.mjs --zip`).
export default defineConfig({
  // Some checks walk every rule of the Public Suffix List or build the extension again; on a busy
// 2-core machine that takes longer than vitest's 5 s default (no check here is about time).
  test: { include: ['test/build/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
