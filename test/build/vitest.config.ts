import { defineConfig } from 'vitest/config';

// Checks over the built extension in dist/ (run by `npm test` after `node build.mjs --zip`).
export default defineConfig({
  test: { include: ['test/build/**/*.test.ts'], environment: 'node' },
});
