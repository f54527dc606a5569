// The repository stands alone: a reader can follow every citation without a folder that only the
// team's machines have.
import { describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
const textFiles = tracked.filter((file) => /\.(ts|tsx|mjs|js|json|md|css|html|sh)$|^\.ci\//.test(file) && !file.startsWith('data/'));

// Built from pieces so that this file does not match itself.
const OUTSIDE = [new RegExp(['/wo', 'rk/'].join('')), new RegExp(['\\.\\./sha', 'red/'].join('')), new RegExp(['(^|[\\s`(])sha', 'red/(docs|data)/'].join(''))];

describe('the repository', () => {
  test('is found by git', () => {
    expect(textFiles.length).toBeGreaterThan(100);
  });

  test('no tracked file names a path outside the repository', () => {
    const offenders = textFiles.flatMap((file) => readFileSync(path.join(root, file), 'utf8').split('\n')
      .flatMap((line, index) => (OUTSIDE.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim().slice(0, 120)}`] : [])));
    expect(offenders).toEqual([]);
  });
});
