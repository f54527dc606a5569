// Folders the e2e harness writes to. Everything lives under tmp/ in the repository (git-ignored),
// so a crashed run leaves nothing in the system temp folder.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_TMP = join(REPO_ROOT, 'tmp');

/** A fresh folder `tmp/<prefix>XXXXXX`. */
export function freshTmpDir(prefix: string): string {
  mkdirSync(REPO_TMP, { recursive: true });
  return mkdtempSync(join(REPO_TMP, prefix));
}

/**
 * How the harness removes a browser profile or temporary folder after the browser closed: the
 * browser's last child processes can still be writing for a moment (ENOTEMPTY was seen on a
 * loaded machine), so Node retries the removal a few times before giving up.
 */
const REMOVE_TREE = { recursive: true, force: true, maxRetries: 10, retryDelay: 100 } as const;

/**
 * Removes a closed (or failed) browser's profile or temporary folder; every launcher removes its
 * folders this way. Firefox's telemetry store (`datareporting/glean`) was seen being written after
 * the browser had closed, beyond the retries: that leaves a folder in the system's temporary
 * directory, which is no reason to fail the tests that used it (nor to hide a launch's own error
 * behind a removal's), so it is reported and left.
 */
export function removeBrowserFolder(folder: string): void {
  try {
    rmSync(folder, REMOVE_TREE);
  } catch (error) {
    console.warn(`harness: could not remove ${folder} (${error instanceof Error ? error.message : String(error)}); left in place`);
  }
}
