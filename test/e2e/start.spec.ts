// `npm start` on a machine without a display: it runs headless, opens the real toolbar popup on
// the demo site, saves a screenshot and prints the decoded summary.
import { describe, expect, test } from 'vitest';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT, freshTmpDir } from '../../harness/paths.ts';

const run = promisify(execFile);

describe('npm start without a display', () => {
  test('prints the popup\'s decoded summary and saves a screenshot of it', async () => {
    const screenshot = join(freshTmpDir('start-'), 'popup.png');
    const env: NodeJS.ProcessEnv = { ...process.env, COOKIE_LENS_SKIP_BUILD: '1', COOKIE_LENS_SCREENSHOT: screenshot };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const { stdout } = await run(process.execPath, ['scripts/start.mjs'], { cwd: REPO_ROOT, env, timeout: 90_000 });
    expect(stdout).toContain('The real toolbar popup says:');
    expect(stdout).toMatch(/First seen: .+/);
    // start.mjs visits the demo site over two sessions.
    expect(stdout).toMatch(/Sessions: 2\b/);
    expect(stdout).toMatch(/Visitor id: [0-9a-f]{32}/);
    const png = readFileSync(screenshot);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.length).toBeGreaterThan(10_000);
  }, 120_000);
});
