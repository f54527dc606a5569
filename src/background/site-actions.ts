// What the popup asks for, carried out: do-not-track, opt-out, reset and undo for the tab's site.
import type { ChoiceContext, CookieChanges } from '../core/plans.ts';
import { DO_NOT_TRACK_COOKIE, OPT_OUT_COOKIE, mergeChanges, NO_CHANGES, planDoNotTrack, planEnforcement, planReset, planUndo } from '../core/plans.ts';
import { keepEarlier, namesWrittenBy, needsEarlier, planRestore, releaseEarlier } from '../core/earlier-choices.ts';
import { cookiesSayingChoice } from '../core/choice-state.ts';
import { onlyFragmentChanges, stripIdentityParams } from '../core/url-identity.ts';
import { siteFromUrl, type SiteContext } from '../core/site.ts';
import type { EarlierChoices, OptOutLevel, SiteRule } from '../core/rules.ts';
import { ruleIsActive } from '../core/rules.ts';
import { hstcDomainMatch } from '../core/hubspot-identity.ts';
import { IDENTITY_COOKIES, resetGroupOf } from '../core/hubspot-sets.ts';
import { vendorOfIdentityCookie } from '../core/vendors.ts';
import { seenVendorChoices, vendorCookiesToRemove } from '../core/vendor-rules.ts';
import { removeDetailsFor } from '../core/cookie-details.ts';
import type { CookieRecord } from '../model/cookie.ts';
import type { ActionOutcome, FailedCookie, ResetOutcome, UndoOutcome, WireError } from '../protocol/messages.ts';
import { removeCookie, setCookie } from '../browser/cookies.ts';
import { readSiteCookies } from './cookie-reads.ts';
import { tabTarget, reloadTab, type TabTarget } from '../browser/tabs.ts';
import { browserFamily, clearStoredData } from '../browser/site-data.ts';
import { planStoredDataClear } from '../core/site-data.ts';
import { syncNetworkRules } from './blocking.ts';
import { loadPolicy, policyNow, updateStore } from './settings.ts';
import { isManagedSite, resetWaitsForPolicy } from '../core/managed.ts';
import { RESTORED_SNAPSHOTS_KEY, readSession, writeSession } from '../browser/storage.ts';
import { resetVerification } from './verify.ts';
import { liftQuarantine, quarantineIdentity } from './quarantine.ts';
import { logError } from './log.ts';
import { snapshotKey } from '../storage/schema.ts';
import { deleteLinkStripping, deleteRule, pruneUndo, putLinkStripping, putRule, putUndoSnapshot, ruleOf, takeUndoSnapshot } from '../storage/store.ts';

/** A failure the visitor should see, carried to the popup as a WireError. */
export class ActionError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.detail);
  }
}

export interface TabSite {
  readonly target: TabTarget;
  readonly site: SiteContext;
}

export async function tabSite(tabId: number): Promise<TabSite> {
  const target = await tabTarget(tabId);
  if (target === null) throw new ActionError({ code: 'tab-gone', detail: `tab ${tabId} no longer exists` });
  const parsed = siteFromUrl(target.url ?? '');
  if (!parsed.ok) throw new ActionError({ code: 'unsupported-page', detail: `${parsed.problem}: ${target.url ?? 'no URL'}` });
  return { target, site: parsed.site };
}

/**
 * Removes, then writes, as planned; every cookie that fails is listed, none aborts the rest.
 * Removals go first and must finish first: removing a variant by URL can take other cookies of
 * the same name with it, and a plan that removes a variant of a cookie it writes relies on the
 * write landing last.
 */
export async function applyChanges(changes: CookieChanges): Promise<{ changed: number; failed: FailedCookie[] }> {
  const removed = await Promise.all(changes.remove.map((cookie) => removeCookie(removeDetailsFor(cookie))));
  const written = await Promise.all(changes.set.map((details) => setCookie(details)));
  const results = [...removed, ...written];
  const failed = results.filter((r): r is FailedCookie => r !== null);
  return { changed: results.length - failed.length, failed };
}

/** What a switch changes in a site's rule; the rest is kept. */
export type RuleEdit = Partial<Pick<SiteRule, 'doNotTrack' | 'optOut' | 'vendors' | 'hubspot'>> & {
  /** Global Privacy Control: an explicit choice, or null to follow opt-out (core/page-scripts.ts gpcOn). */
  readonly gpc?: boolean | null;
};

function nextRule(current: SiteRule | undefined, site: string, change: RuleEdit, now: number): SiteRule | null {
  const doNotTrack = change.doNotTrack ?? current?.doNotTrack ?? false;
  const optOut = change.optOut ?? current?.optOut ?? 'off';
  // Switching opt-out on or off speaks for every vendor: the per-vendor exceptions start afresh.
  const vendors = change.vendors ?? (optOut !== (current?.optOut ?? 'off') ? undefined : current?.vendors);
  // An explicit GPC choice survives opt-out switching on or off only when it is "on" (the visitor
  // wants GPC by itself); an "off" made while opted out was an exception to that opt-out.
  const optOutChanged = optOut !== (current?.optOut ?? 'off');
  const gpc = change.gpc !== undefined ? change.gpc : optOutChanged ? (current?.gpc === true ? true : null) : (current?.gpc ?? null);
  const hubspot = change.hubspot ?? (optOut === 'off' ? undefined : current?.hubspot);
  const rule: SiteRule = {
    site, doNotTrack, optOut, since: now,
    ...(vendors === undefined || Object.keys(vendors).length === 0 ? {} : { vendors }),
    ...(gpc === null ? {} : { gpc }),
    ...(hubspot === false ? { hubspot } : {}),
  };
  return ruleIsActive(rule) ? rule : null;
}

/** The site's cookies as a page of it showed them just before a change, to keep what was there. */
export interface SeenCookies {
  readonly storeId: string;
  readonly host: string;
  readonly cookies: readonly CookieRecord[];
}

export interface RuleChange {
  readonly rule: SiteRule | null;
  /** Per cookie store, the choice cookies the rule no longer writes, as they were before it: to put back. */
  readonly released: readonly EarlierChoices[];
  /** The names the rule stopped writing (in a store without a kept entry nothing is known of before). */
  readonly stoppedWriting: readonly string[];
  /** The cookie names the rule wrote before the change. */
  readonly wroteBefore: readonly string[];
}

/**
 * Stores the rule (or removes it when everything is off), keeping the choice cookies that were
 * there before it first writes them (from `seen`, read before anything changed) and handing back
 * those of the names it stops writing. Refuses to touch a managed rule. Acts on the policy known
 * now (policyNow), never waiting seconds for the browser's first read of it: a site the policy
 * turns out to manage gets the managed rule laid over the visitor's when it arrives.
 */
export async function saveRule(site: string, change: RuleEdit, now: number, seen?: SeenCookies): Promise<RuleChange> {
  const { policy } = await policyNow();
  if (isManagedSite(policy, site)) {
    throw new ActionError({ code: 'managed-rule', detail: `${site} is set by your organisation` });
  }
  return updateStore((store) => {
    const current = ruleOf(store, site);
    if (current?.managed === true) throw new ActionError({ code: 'managed-rule', detail: `${site} is set by your organisation` });
    const next = nextRule(current, site, change, now);
    const written = namesWrittenBy(next);
    const { kept, released } = releaseEarlier(current?.earlier, written);
    const earlier = seen === undefined ? kept : keepEarlier(kept, written, seen.cookies, seen.storeId, seen.host);
    const stoppedWriting = namesWrittenBy(current).filter((name) => !written.includes(name));
    const rule = next === null ? null : { ...next, ...(earlier === undefined ? {} : { earlier }) };
    const result: RuleChange = { rule, released, stoppedWriting, wroteBefore: namesWrittenBy(current) };
    return { store: rule === null ? deleteRule(store, site) : putRule(store, rule), result };
  });
}

/** Removes the visitor's rule for a site (not a managed one), handing back what to put back. */
export async function removeRule(site: string): Promise<RuleChange | null> {
  return updateStore((store) => {
    const current = ruleOf(store, site);
    if (current === undefined) return { store, result: null };
    if (current.managed === true) throw new ActionError({ code: 'managed-rule', detail: `${site} is set by your organisation` });
    const result: RuleChange = {
      rule: null,
      released: releaseEarlier(current.earlier, []).released,
      stoppedWriting: namesWrittenBy(current),
      wroteBefore: namesWrittenBy(current),
    };
    return { store: deleteRule(store, site), result };
  });
}

/**
 * Keeps, before enforcement first writes them, the choice cookies a rule set away from the popup
 * (the options page, an import) finds on the site. Does nothing once they are kept.
 */
export async function keepEarlierForRule(site: string, seen: SeenCookies): Promise<void> {
  await updateStore((store) => {
    const current = ruleOf(store, site);
    if (current === undefined || !needsEarlier(current, seen.storeId)) return { store, result: undefined };
    const earlier = keepEarlier(current.earlier, namesWrittenBy(current), seen.cookies, seen.storeId, seen.host);
    return { store: earlier === undefined ? store : putRule(store, { ...current, earlier }), result: undefined };
  });
}

/**
 * Puts back the released choice cookies in every store where they were kept, reading the site
 * again there unless `tab` is that store (its changes are handed back, to apply with the rest).
 * In the tab's store, where nothing was kept (a rule from before settings version 2, or one that
 * never acted there) a released do-not-track cookie is removed, as before version 2.
 */
async function restoreReleased(change: RuleChange, now: number, tab?: { site: SiteContext; storeId: string; cookies: readonly CookieRecord[] }): Promise<CookieChanges[]> {
  const tabChanges: CookieChanges[] = [];
  for (const released of change.released) {
    if (tab !== undefined && tab.storeId === released.storeId) {
      tabChanges.push(planRestore(tab.cookies, released, now));
      continue;
    }
    const parsed = siteFromUrl(`${tab?.site.scheme ?? 'https'}://${released.host}/`);
    if (!parsed.ok) continue;
    const cookies = await readSiteCookies(parsed.site, released.storeId).catch(() => null);
    // A store that is gone (a private session ended, a container removed) has nothing to put back.
    if (cookies === null) continue;
    const { failed } = await applyChanges(planRestore(cookies, released, now));
    if (failed.length > 0) logError(`putting back the earlier choice cookies of ${parsed.site.registrableDomain} in store ${released.storeId}`, failed);
  }
  if (tab !== undefined) {
    const keptHere = change.released.find((released) => released.storeId === tab.storeId)?.names ?? [];
    if (change.stoppedWriting.includes(DO_NOT_TRACK_COOKIE) && !keptHere.includes(DO_NOT_TRACK_COOKIE)) {
      tabChanges.push(planDoNotTrack(tab.site, tab.cookies, false, choiceContext(tab.site, tab.cookies, tab.storeId, now)));
    }
  }
  return tabChanges;
}

/**
 * The context every plan for this site needs. Under Firefox first-party isolation every cookie of
 * the site carries the same first-party domain, and cookies we write must carry it too.
 */
export function choiceContext(site: SiteContext, cookies: readonly CookieRecord[], storeId: string, now: number): ChoiceContext {
  const isolated = cookies.find((cookie) => cookie.firstPartyDomain !== undefined && cookie.firstPartyDomain !== '')?.firstPartyDomain;
  return { now, storeId, hstcDomainMatch: hstcDomainMatch(cookies, site.host), ...(isolated === undefined ? {} : { firstPartyDomain: isolated }) };
}

/**
 * `{hubspot: false}` when the site's cookies show other trackers and nothing of HubSpot's: its
 * opt-out then leaves HubSpot's cookies unwritten. Nothing to say otherwise (HubSpot may simply
 * not have run yet on a first visit).
 */
function hubspotPresence(cookies: readonly CookieRecord[]): { hubspot?: false } {
  // HubSpot's visitor, legacy and choice cookies (the background carries no decoders to ask).
  const hubspotSeen = cookies.some((cookie) => { const group = resetGroupOf(cookie.name); return group === 'identity' || group === 'other-hubspot' || group === 'consent'; });
  const othersSeen = cookies.some((cookie) => { const vendor = vendorOfIdentityCookie(cookie.name); return vendor !== undefined && vendor !== 'hubspot'; });
  return !hubspotSeen && othersSeen ? { hubspot: false } : {};
}

/**
 * What a rule asks of the site's cookies now: HubSpot's choices (unless the site showed no
 * HubSpot when the visitor opted out) and every other blocked vendor's identity cookies removed,
 * each cookie once.
 */
export function planRuleEnforcement(rule: SiteRule, site: SiteContext, cookies: readonly CookieRecord[], ctx: ChoiceContext): CookieChanges {
  // A site opted out without HubSpot on it gets none of HubSpot's cookies written.
  const hubspot = rule.hubspot === false && !rule.doNotTrack ? NO_CHANGES : planEnforcement(rule, site, cookies, ctx);
  const planned = new Set(hubspot.remove);
  return { set: hubspot.set, remove: [...hubspot.remove, ...vendorCookiesToRemove(rule, cookies).filter((cookie) => !planned.has(cookie))] };
}

/**
 * A switch in the popup: the site's cookies are read first (to keep what was there), the rule is
 * saved, the network rules follow it, then what the rule now asks for is written and what it
 * stopped asking for is put back.
 */
async function changeChoice(tabId: number, changeFor: (before: readonly CookieRecord[]) => RuleEdit, now: number, switchedOff?: 'doNotTrack' | 'optOut'): Promise<ActionOutcome> {
  const { target, site } = await tabSite(tabId);
  const before = await readSiteCookies(site, target.storeId);
  const saved = await saveRule(site.registrableDomain, changeFor(before), now, { storeId: target.storeId, host: site.host, cookies: before });
  await syncNetworkRules();
  const cookies = await readSiteCookies(site, target.storeId);
  const ctx = choiceContext(site, cookies, target.storeId, now);
  const enforce = saved.rule === null ? NO_CHANGES : planRuleEnforcement(saved.rule, site, cookies, ctx);
  const restore = await restoreReleased(saved, now, { site, storeId: target.storeId, cookies });
  const outcome = await applyChanges(mergeChanges(enforce, ...restore, clearWrittenEarlier(saved, cookies, switchedOff)));
  await resetVerification(site.registrableDomain, target.storeId, now);
  return { ...outcome, rule: saved.rule };
}

/**
 * A switch turned off that showed on only because a cookie said so (no rule of the visitor's wrote
 * it: written by the site's banner, or left by a choice since removed, see core/choice-state.ts):
 * the cookies that say it go. A switch that turned off the visitor's own rule puts back what was
 * there instead (restoreReleased), and leaves it: the switch then shows it, written earlier.
 */
function clearWrittenEarlier(saved: RuleChange, cookies: readonly CookieRecord[], switchedOff: 'doNotTrack' | 'optOut' | undefined): CookieChanges {
  if (switchedOff === undefined) return NO_CHANGES;
  const name = switchedOff === 'doNotTrack' ? DO_NOT_TRACK_COOKIE : OPT_OUT_COOKIE;
  if (saved.wroteBefore.includes(name) || namesWrittenBy(saved.rule).includes(name)) return NO_CHANGES;
  return { set: [], remove: cookiesSayingChoice(cookies, switchedOff) };
}

export function setDoNotTrack(tabId: number, on: boolean, now: number): Promise<ActionOutcome> {
  return changeChoice(tabId, () => ({ doNotTrack: on }), now, on ? undefined : 'doNotTrack');
}

/** Opting out speaks for every vendor whose cookies the site shows (src/core/vendor-rules.ts). */
export function setOptOut(tabId: number, level: OptOutLevel, now: number): Promise<ActionOutcome> {
  return changeChoice(tabId, (before) => (level === 'off' ? { optOut: level } : { optOut: level, vendors: seenVendorChoices(before), ...hubspotPresence(before) }), now, level === 'off' ? 'optOut' : undefined);
}

/** A rule changed or removed on the options page, with no tab: what it stopped writing is put back where it was kept. */
export async function applyRuleChangeWithoutTab(change: RuleChange, now: number): Promise<void> {
  await restoreReleased(change, now);
}

/** The "strip HubSpot identity from links" choice for the tab's site (the redirect and the page script follow the stored choice). */
export async function setStripLinks(tabId: number, on: boolean, now: number): Promise<{ on: boolean }> {
  const { site } = await tabSite(tabId);
  const domain = site.registrableDomain;
  await updateStore((store) => ({ store: on ? putLinkStripping(store, domain, now) : deleteLinkStripping(store, domain), result: undefined }));
  // The redirect and the page script are in place (or gone) when the popup hears back.
  await syncNetworkRules();
  return { on };
}

/**
 * Reset to a new visitor: the planned cookies removed (an undo snapshot kept first), and, when
 * asked, the site's stored data cleared too (never undone), then the page reloaded.
 */
export async function reset(tabId: number, includeConsent: boolean, alsoRemove: readonly string[], now: number, clearData = false): Promise<ResetOutcome> {
  const { target, site } = await tabSite(tabId);
  const cookies = await readSiteCookies(site, target.storeId);
  // An organisation can lock a reset to the visitor-identity cookies. Only a reset asking for more
  // than those waits for a policy not read yet.
  const known = await policyNow();
  const waits = resetWaitsForPolicy(known.settled, includeConsent, alsoRemove) || (clearData && !known.settled);
  const locked = (waits ? await loadPolicy() : known.policy).lockResetScope;
  // A reset the organisation limits to the identity cookies clears no stored data either.
  const clearStoredDataToo = clearData && !locked;
  const plan = planReset(site, cookies, locked ? { includeConsent: false, alsoRemove: [] } : { includeConsent, alsoRemove });
  if (plan.remove.length === 0) {
    if (!clearStoredDataToo) return { removed: 0, failed: [], snapshotId: null, reloaded: false, storedData: 'not-asked', storedDataFailure: null };
    // No cookie to remove, but the stored data was asked for: clear it and reload.
    const failure = await clearStoredData(planStoredDataClear(site, cookies, browserFamily()));
    const stripped = stripIdentityParams(site.url);
    const reloaded = await reloadTab(tabId, stripped, stripped !== null && onlyFragmentChanges(site.url, stripped));
    return { removed: 0, failed: [], snapshotId: null, reloaded, ...storedDataOutcome(failure) };
  }

  // The undo snapshot is stored before anything is removed: when it cannot be (storage full,
  // settings from a newer version), the reset fails having removed nothing, instead of removing
  // cookies no Undo could bring back. A new reset of the same site replaces the previous snapshot.
  // Links to the site are stripped of HubSpot's identity from now on (the visitor can switch it off).
  const key = snapshotKey(site.registrableDomain, target.storeId);
  const snapshot = { id: `${now.toString(36)}-${Math.random().toString(36).slice(2, 10)}`, site: site.registrableDomain, storeId: target.storeId, takenAt: now, cookies: plan.remove };
  // Expired snapshots of any site go at the same time: nothing could restore them any more.
  const previous = await updateStore((store) => ({ store: putLinkStripping(putUndoSnapshot(pruneUndo(store, now), snapshot), site.registrableDomain, now), result: store.undo[key] }));

  // The open page still holds the old visitor id and may write it back before it reloads:
  // writes carrying it are removed on sight for a short while (see enforce.ts).
  quarantineIdentity(site.registrableDomain, target.storeId, plan.remove.filter((c) => IDENTITY_COOKIES.has(c.name)), now);

  const results = await Promise.all(plan.remove.map(async (cookie) => ({ cookie, failure: await removeCookie(removeDetailsFor(cookie)) })));
  const removed = results.filter((r) => r.failure === null).map((r) => r.cookie);
  const failed = results.flatMap((r) => (r.failure === null ? [] : [r.failure]));
  if (failed.length > 0) {
    // Undo restores what was removed: the snapshot keeps only those cookies; when nothing was
    // removed, the previous snapshot (if any) comes back. A smaller write, so it fits where the first did.
    await updateStore((store) => {
      if (removed.length > 0) return { store: putUndoSnapshot(store, { ...snapshot, cookies: removed }), result: undefined };
      if (previous !== undefined) return { store: putUndoSnapshot(store, previous), result: undefined };
      return { store: takeUndoSnapshot(store, snapshot.site, snapshot.storeId, now).store, result: undefined };
    });
  }
  // Stored data goes before the reload, so the reloaded page starts without it. The hosts are
  // those of the cookies read before the removal.
  const storedData = clearStoredDataToo ? storedDataOutcome(await clearStoredData(planStoredDataClear(site, cookies, browserFamily()))) : { storedData: 'not-asked' as const, storedDataFailure: null };
  const stripped = stripIdentityParams(site.url);
  const reloaded = removed.length > 0 || clearStoredDataToo ? await reloadTab(tabId, stripped, stripped !== null && onlyFragmentChanges(site.url, stripped)) : false;
  return { removed: removed.length, failed, snapshotId: removed.length > 0 ? snapshot.id : null, reloaded, ...storedData };
}

function storedDataOutcome(failure: string | null): Pick<ResetOutcome, 'storedData' | 'storedDataFailure'> {
  if (failure !== null) logError('clearing the site\'s stored data', failure);
  return failure === null ? { storedData: 'cleared', storedDataFailure: null } : { storedData: 'failed', storedDataFailure: failure };
}

// Snapshots taken out for an undo, so that a repeated undo is told from an unknown id: noted in
// memory inside the queued store step (a second click queued behind the first sees it at once)
// and in storage.session for a restarted worker. Bounded; evidence only.
const MAX_RESTORED_IDS = 20;
const restoredThisWorker = new Set<string>();

function noteRestored(snapshotId: string): void {
  restoredThisWorker.add(snapshotId);
  void readSession(RESTORED_SNAPSHOTS_KEY)
    .then((raw) => {
      const earlier = Array.isArray(raw) ? raw.filter((id): id is string => typeof id === 'string' && id !== snapshotId) : [];
      return writeSession(RESTORED_SNAPSHOTS_KEY, [...earlier, snapshotId].slice(-MAX_RESTORED_IDS));
    })
    .catch((error: unknown) => logError('noting a restored snapshot', error));
}

async function wasRestored(snapshotId: string): Promise<boolean> {
  if (restoredThisWorker.has(snapshotId)) return true;
  const raw = await readSession(RESTORED_SNAPSHOTS_KEY).catch(() => undefined);
  return Array.isArray(raw) && raw.includes(snapshotId);
}

export async function undo(tabId: number, snapshotId: string, now: number): Promise<UndoOutcome> {
  const { target, site } = await tabSite(tabId);
  const key = snapshotKey(site.registrableDomain, target.storeId);
  // Taking the snapshot out of the store is the first, queued step: a second click finds nothing.
  const snapshot = await updateStore((store) => {
    const found = store.undo[key];
    if (found === undefined || found.id !== snapshotId) return { store, result: null };
    noteRestored(found.id);
    const rest = { ...store.undo };
    delete rest[key];
    return { store: { ...store, undo: rest }, result: found };
  });
  if (snapshot === null) {
    return { restored: 0, failed: [], expired: 0, result: (await wasRestored(snapshotId)) ? 'already-restored' : 'unknown-snapshot' };
  }
  liftQuarantine(site.registrableDomain);

  const current = await readSiteCookies(site, target.storeId);
  const plan = planUndo(snapshot, current, now);
  const results = await Promise.all(plan.set.map(async (details, i) => ({ i, failure: await setCookie(details) })));
  const failed = results.flatMap((r) => (r.failure === null ? [] : [r.failure]));
  if (failed.length > 0) {
    // Keep what could not be restored, so the visitor can try again.
    const failedIds = new Set(results.filter((r) => r.failure !== null).map((r) => r.i));
    const remaining = plan.setFrom.filter((_, i) => failedIds.has(i));
    await updateStore((store) => ({ store: putUndoSnapshot(store, { ...snapshot, cookies: remaining }), result: undefined }));
  }
  // Cookies already back exactly as they were count as restored: the visitor has them again.
  return { restored: results.length - failed.length + plan.alreadyPresent.length, failed, expired: plan.expired.length, result: 'restored' };
}
