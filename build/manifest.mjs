// The one source manifest (manifest.json) and the per-browser differences applied to it.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { root } from './paths.mjs';

export const GECKO_ID = '{dab49fc6-2b5a-4a54-842b-b6ecc07ef8dd}';

/** @typedef {'chrome' | 'firefox'} Target */

/**
 * The manifest as JSON: the keys the per-browser differences touch are typed, every other key
 * (permissions added by other features, content scripts, ...) is carried over as it is.
 * @typedef {{
 *   version?: string,
 *   name?: string,
 *   permissions: string[],
 *   background?: unknown,
 *   storage?: unknown,
 *   action: { default_icon?: unknown },
 *   side_panel?: { default_path: string },
 *   sidebar_action?: unknown,
 *   browser_specific_settings?: unknown,
 *   [key: string]: unknown,
 * }} Manifest
 */

/**
 * Applies the per-browser differences to the one source manifest.
 * @param {Target} target
 * @param {Manifest} source
 * @param {string} version
 * @returns {Manifest}
 */
export function manifestFor(target, source, version) {
  const manifest = structuredClone(source);
  manifest.version = version;
  if (target === 'firefox') {
    // Firefox runs MV3 backgrounds as event pages, not service workers.
    manifest.background = { scripts: ['background.js'], type: 'module' };
    // Firefox reads managed settings from policies.json, not from a manifest schema.
    delete manifest.storage;
    // Container names are shown in the popup; Chrome has no containers.
    manifest.permissions = [...manifest.permissions, 'contextualIdentities'];
    // Firefox's side panel is a sidebar (same page); it needs no "sidePanel" permission.
    if (manifest.side_panel === undefined) throw new Error('manifest.json has no side_panel; build/manifest.mjs maps it to Firefox\'s sidebar_action');
    manifest.sidebar_action = { default_panel: manifest.side_panel.default_path, default_title: manifest.name, default_icon: manifest.action.default_icon, open_at_install: false };
    delete manifest.side_panel;
    manifest.permissions = manifest.permissions.filter((permission) => permission !== 'sidePanel');
    manifest.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    };
  }
  return manifest;
}

/**
 * manifest.json with the package version, for one browser.
 * @param {Target} target
 * @returns {Promise<Manifest>}
 */
export async function readManifest(target) {
  /** @type {Manifest} */
  const source = JSON.parse(await readFile(path.join(root, 'manifest.json'), 'utf8'));
  /** @type {{ version: string }} */
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
  return manifestFor(target, source, version);
}
