// The settings root and the holding counts in storage.local, short-lived per-session facts in storage.session.
import { browser } from './api.ts';
import { STORE_KEY } from './storage-keys.ts';

export { CLEAN_UP_NOTICES_KEY, CLEAN_UP_SESSION_KEY, CLEAN_UP_TABS_KEY, EVIDENCE_KEY, POLICY_KEY, RESTORED_SNAPSHOTS_KEY, STORE_KEY, VIEW_KEY } from './storage-keys.ts';
// The one reader of the root, kept free of the polyfill for the popup's first script.
export { readManaged, readRoot } from './site-read.ts';

export async function writeRoot(root: unknown): Promise<void> {
  await browser.storage.local.set({ [STORE_KEY]: root });
}

export async function readLocal(key: string): Promise<unknown> {
  const items = await browser.storage.local.get(key);
  return items[key];
}

export async function writeLocal(key: string, value: unknown): Promise<void> {
  await browser.storage.local.set({ [key]: value });
}

export async function readSession(key: string): Promise<unknown> {
  const items = await browser.storage.session.get(key);
  return items[key];
}

export async function writeSession(key: string, value: unknown): Promise<void> {
  await browser.storage.session.set({ [key]: value });
}

/** Calls back whenever the stored root changes in any context (popup, options, background). */
export function onRootChanged(listener: (root: unknown) => void): () => void {
  const wrapped = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[STORE_KEY];
    if (area === 'local' && change !== undefined) listener(change.newValue);
  };
  browser.storage.onChanged.addListener(wrapped);
  return () => browser.storage.onChanged.removeListener(wrapped);
}

export function onSessionChanged(key: string, listener: (value: unknown) => void): () => void {
  const wrapped = (changes: Record<string, { newValue?: unknown }>, area: string): void => {
    const change = changes[key];
    if (area === 'session' && change !== undefined) listener(change.newValue);
  };
  browser.storage.onChanged.addListener(wrapped);
  return () => browser.storage.onChanged.removeListener(wrapped);
}

export function onManagedChanged(listener: () => void): () => void {
  const wrapped = (_changes: unknown, area: string): void => {
    if (area === 'managed') listener();
  };
  browser.storage.onChanged.addListener(wrapped);
  return () => browser.storage.onChanged.removeListener(wrapped);
}
