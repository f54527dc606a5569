// @ts-check
// A self-signed certificate for every demo host, made with the openssl CLI and cached under
// tmp/ (git-ignored). It is remade when the host list changes or it is close to expiring.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { ALL_HOSTS, SITE_DOMAIN } from './hosts.mjs';

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/** The subjectAltName entries: every host, wildcards for the two test domains, and the loopback IP. */
export function subjectAltNames() {
  const dnsNames = [...ALL_HOSTS, `*.${SITE_DOMAIN}`, '*.embedco.test'];
  return [...dnsNames.map((name) => `DNS:${name}`), 'IP:127.0.0.1'].join(',');
}

/**
 * @param {string} cacheDir folder for key.pem, cert.pem and san.txt
 * @returns {{ key: Buffer, cert: Buffer }}
 */
export function loadOrCreateCertificate(cacheDir) {
  const keyPath = join(cacheDir, 'key.pem');
  const certPath = join(cacheDir, 'cert.pem');
  const sanPath = join(cacheDir, 'san.txt');
  const wanted = subjectAltNames();
  if (existsSync(keyPath) && existsSync(certPath) && existsSync(sanPath) && readFileSync(sanPath, 'utf8') === wanted) {
    const cert = readFileSync(certPath);
    if (Date.parse(new X509Certificate(cert).validTo) - Date.now() > ONE_DAY_MS) {
      return { key: readFileSync(keyPath), cert };
    }
  }
  mkdirSync(cacheDir, { recursive: true });
  // Two servers may start at once (a spec and `npm start`): build in a private folder, then rename.
  const workDir = join(cacheDir, `new-${process.pid}-${Date.now()}`);
  mkdirSync(workDir);
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(workDir, 'key.pem'), '-out', join(workDir, 'cert.pem'),
      '-days', '30', '-subj', '/CN=Cookie Lens demo site', '-addext', `subjectAltName=${wanted}`,
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
    writeFileSync(join(workDir, 'san.txt'), wanted);
    // Keep our own pair in memory: a concurrent writer may replace the cached files between renames.
    const made = { key: readFileSync(join(workDir, 'key.pem')), cert: readFileSync(join(workDir, 'cert.pem')) };
    for (const file of ['key.pem', 'cert.pem', 'san.txt']) renameSync(join(workDir, file), join(cacheDir, file));
    return made;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
