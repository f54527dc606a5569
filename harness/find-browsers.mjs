// @ts-check
// Finds a Chromium and a Firefox for the end-to-end tests. On a Debian machine, as root, a
// missing browser is installed from apt (Chromium: 25 packages with --no-install-recommends
// instead of 130); anywhere else we stop with one line saying how to get one.
// Usage: `node harness/find-browsers.mjs [--firefox]` prints the path.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** @param {string} path */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** @param {string} command */
function onPath(command) {
  for (const folder of (process.env['PATH'] ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, command);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

function isDebianRoot() {
  return process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0
    && existsSync('/etc/debian_version') && onPath('apt-get') !== null;
}

/** An empty apt list folder means `apt-get update` has never run (typical in containers). */
function aptListsEmpty() {
  try {
    return readdirSync('/var/lib/apt/lists').filter((name) => name !== 'lock' && name !== 'partial' && name !== 'auxfiles').length === 0;
  } catch {
    return true;
  }
}

/** @param {string} aptPackage */
function aptInstall(aptPackage) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  process.stderr.write(`find-browsers: installing ${aptPackage} with apt-get\n`);
  if (aptListsEmpty()) execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  try {
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', aptPackage], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch {
    // Stale package lists are the usual cause; refresh once and retry.
    execFileSync('apt-get', ['update'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', aptPackage], { stdio: ['ignore', 'ignore', 'inherit'], env });
  }
}

/**
 * @param {{ envVariable: string, paths: string[], commands: string[], aptPackage: string, howTo: string }} browser
 * @returns {string}
 */
function findBrowser(browser) {
  const fromEnv = process.env[browser.envVariable];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isExecutable(fromEnv)) return resolve(fromEnv);
    throw new Error(`${browser.envVariable}=${fromEnv} is not an executable file`);
  }
  const look = () => browser.paths.find(isExecutable) ?? browser.commands.map(onPath).find((path) => path !== null) ?? null;
  const found = look();
  if (found !== null) return found;
  if (isDebianRoot()) {
    aptInstall(browser.aptPackage);
    const installed = look();
    if (installed !== null) return installed;
  }
  throw new Error(browser.howTo);
}

/** @returns {string} an absolute path to a Chromium or Chrome executable */
export function findChromium() {
  return findBrowser({
    envVariable: 'CHROME_PATH',
    paths: ['/usr/bin/chromium', '/usr/lib/chromium/chromium'],
    commands: ['chromium', 'chromium-browser', 'google-chrome'],
    aptPackage: 'chromium',
    howTo: 'No Chromium found: install one (Debian: apt-get install --no-install-recommends chromium) or set CHROME_PATH.',
  });
}

/** @returns {string} an absolute path to a Firefox executable */
export function findFirefox() {
  return findBrowser({
    envVariable: 'FIREFOX_PATH',
    paths: ['/usr/bin/firefox-esr'],
    commands: ['firefox-esr', 'firefox'],
    aptPackage: 'firefox-esr',
    howTo: 'No Firefox found: install one (Debian: apt-get install --no-install-recommends firefox-esr) or set FIREFOX_PATH.',
  });
}

/**
 * What a browser says of its own version (`chromium --version`), or why it could not say.
 * Debian's chromium wrapper script may print shell noise on stderr; only stdout is read.
 * @param {string} executable
 * @returns {string}
 */
export function browserVersion(executable) {
  try {
    const out = execFileSync(executable, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
    return out.trim().split('\n').at(-1)?.trim() || `${executable}: no version printed`;
  } catch (error) {
    return `${executable}: --version failed (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.stdout.write(`${process.argv.includes('--firefox') ? findFirefox() : findChromium()}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
