// Prints why a test needed its retry. The e2e config runs a failing test once more before it
// counts (real browsers on a shared machine); vitest then shows only "(retry x1)". The errors of
// the failed attempts stay on the result, and are printed here, so a flaky test can be diagnosed
// from the run in which it flaked.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase } from 'vitest/node';
import { REPO_TMP } from '../../../harness/paths.ts';

/**
 * One JSON line per test that passed only on a retry, with its first error, for `npm test`'s
 * closing summary (scripts/test.mjs). The global setup empties it at the start of a run.
 */
export const RETRIED_FILE = join(REPO_TMP, 'e2e-retried.jsonl');

export default class RetryReporter implements Reporter {
  onTestCaseResult(testCase: TestCase): void {
    const { retryCount } = testCase.diagnostic() ?? { retryCount: 0 };
    const result = testCase.result();
    if (retryCount === 0 || result.state !== 'passed') return;
    const errors = result.errors ?? [];
    const lines = [`\n[retried] ${testCase.module.moduleId.replace(/.*\/test\/e2e\//, '')} > ${testCase.fullName}: passed after ${retryCount} retr${retryCount === 1 ? 'y' : 'ies'}; the failed attempt${retryCount === 1 ? '' : 's'}:`];
    for (const error of errors) {
      lines.push(`  ${error.name ?? 'Error'}: ${error.message}`);
      const frame = (error.stack ?? '').split('\n').find((line) => line.includes('/test/e2e/'));
      if (frame !== undefined) lines.push(`  ${frame.trim()}`);
      if (error.diff !== undefined) lines.push(...error.diff.split('\n').slice(0, 20).map((line) => `    ${line}`));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    const first = errors[0];
    const firstFrame = (first?.stack ?? '').split('\n').find((line) => line.includes('/test/e2e/'))?.trim() ?? '';
    mkdirSync(REPO_TMP, { recursive: true });
    appendFileSync(RETRIED_FILE, `${JSON.stringify({
      test: `${testCase.module.moduleId.replace(/.*\/test\/e2e\//, '')} > ${testCase.fullName}`,
      error: first === undefined ? 'no error was recorded' : `${first.name ?? 'Error'}: ${first.message.split('\n')[0] ?? ''}`,
      at: firstFrame,
    })}\n`);
  }
}
