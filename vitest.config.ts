import { defineConfig } from 'vitest/config';

// Unit and integration tests: pure logic in Node. End-to-end tests have their own config.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
  },
});
