// Folders the e2e harness writes to. Everything lives under tmp/ in the repository (git-ignored),
// so a crashed run leaves nothing in the system temp folder.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const REPO_TMP = join(REPO_ROOT, 'tmp');

/** A fresh folder `tmp/<prefix>XXXXXX`. */
export function freshTmpDir(prefix: string): string {
  mkdirSync(REPO_TMP, { recursive: true });
  return mkdtempSync(join(REPO_TMP, prefix));
}
