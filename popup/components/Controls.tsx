// The visitor's three actions for this site: do-not-track, opt out (optionally blocking HubSpot's
// tracker), and reset to a new visitor with undo; plus whether the choice is holding.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { SiteSnapshot } from '../../src/protocol/client.ts';
import type { PageReport } from '../../src/explain/page-report.ts';
import type { FailedCookie, WireError } from '../../src/protocol/messages.ts';
import type { OptOutLevel } from '../../src/core/rules.ts';
import type { SwitchView } from '../../src/core/choice-state.ts';
import { useErrorText } from '../../src/pages/error-text.ts';
import { ResetPanel } from './ResetPanel.tsx';
import { storedDataDone } from './StoredDataOption.tsx';
import { GpcSwitch } from './GpcSwitch.tsx';
import { PortalDomainsNote } from './PortalDomainsNote.tsx';
import { Verification } from './Verification.tsx';
import { leakingText } from '../verification-text.ts';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function FailedList({ failed }: { failed: readonly FailedCookie[] }) {
  const { t, format } = useServices();
  if (failed.length === 0) return null;
  return (
    // No role=alert: the action's announcement already says how many failed.
    <div class="failed">
      <p>{format.plural('failed_intro', failed.length)}</p>
      <ul>
        {failed.map((f) => (
          <li key={`${f.domain}${f.path}${f.name}${String(f.partitioned)}`}>
            <code dir="auto">{f.name}</code> {f.domain}{f.path}{f.partitioned ? ` (${t('attr_partitioned')})` : ''}: <span class="reason" dir="auto">{f.reason}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Controls({ data, report, hubspotShown = true, announce, onChanged }: {
  data: SiteData;
  report: PageReport;
  /** False on a site with other trackers and no HubSpot: HubSpot's do-not-track switch is left out. */
  hubspotShown?: boolean;
  announce: (text: string) => void;
  onChanged: () => void;
}) {
  const { client, t, format } = useServices();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failed, setFailed] = useState<readonly FailedCookie[]>([]);
  const [resetOpen, setResetOpen] = useState(false);
  const [lastAction, setLastAction] = useState<string | null>(null);
  const [limitsOpen, setLimitsOpen] = useState(false);
  // Actions never disable the focused control (a disabled button drops the keyboard focus to the
  // page); while one runs, controls are aria-disabled and ignore presses. Controls that vanish
  // after an action (the reset panel, Undo) hand the focus to the Reset button.
  const resetButton = useRef<HTMLButtonElement>(null);
  const focusReset = (): void => resetButton.current?.focus();

  const rule = data.rule;
  const managed = rule?.managed === true;
  const optOut: OptOutLevel = rule?.optOut ?? 'off';
  // The switches show the real cookies beside the rule (src/core/choice-state.ts), with a line
  // where the two disagree.
  const switches = report.switches;
  const doNotTrack = switches.doNotTrack.checked;
  const undo = report.undo;
  const tabId = data.tab.tabId;
  const watched = rule !== null && data.verification?.watched === true ? data.verification : null;
  const requests = watched?.count.trackingRequests ?? 0;
  useLeakAnnouncement(requests, () => (watched !== null ? leakingText(watched, t, format, client.now()) : ''), announce);

  async function run(action: () => Promise<{ ok: true; failed: readonly FailedCookie[]; done: string } | { ok: false; error: WireError }>) {
    setBusy(true);
    setError(null);
    setFailed([]);
    try {
      const result = await action();
      if (result.ok) {
        setFailed(result.failed);
        setLastAction(result.done);
        announce(result.failed.length > 0 ? `${result.done} ${format.plural('failed_intro', result.failed.length)}` : result.done);
      } else {
        // Shown in a role=alert paragraph, which screen readers announce at once.
        setError(`${errorText(result.error)} (${result.error.detail})`);
      }
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  const linksStripped = data.stripLinks || optOut !== 'off';
  const toggleStripLinks = () =>
    run(async () => {
      const reply = await client.send('setStripLinks', { tabId, on: !data.stripLinks });
      return reply.ok ? { ok: true, failed: [], done: t(reply.value.on ? 'done_stripLinksOn' : 'done_stripLinksOff') } : reply;
    });
  const toggleDoNotTrack = () =>
    run(async () => {
      const reply = await client.send('setDoNotTrack', { tabId, on: !doNotTrack });
      return reply.ok ? { ok: true, failed: reply.value.failed, done: t(!doNotTrack ? 'done_dntOn' : 'done_dntOff') } : reply;
    });
  const setLevel = (level: OptOutLevel) =>
    run(async () => {
      const reply = await client.send('setOptOut', { tabId, level });
      return reply.ok ? { ok: true, failed: reply.value.failed, done: t(level === 'off' ? 'done_optOutOff' : 'done_optOutOn') } : reply;
    });
  const doUndo = (snapshotId: string) =>
    run(async () => {
      const reply = await client.send('undo', { tabId, snapshotId });
      if (!reply.ok) return reply;
      const v = reply.value;
      // Undo goes away once everything is back; cookies that could not be restored keep it.
      if (v.failed.length === 0) focusReset();
      const done = v.result === 'already-restored'
        ? t('done_undoAlready')
        : v.result === 'unknown-snapshot'
          ? t('done_undoUnknown')
          : format.plural('done_undo', v.restored) + (v.expired > 0 ? ` ${t('done_undoExpired', [String(v.expired)])}` : '');
      return { ok: true, failed: v.failed, done };
    });

  return (
    <section class="controls" aria-labelledby="controls-title">
      <h2 id="controls-title">{t('controls_title')}</h2>
      {managed ? <p class="managed-note">{t('controls_managed')}</p> : null}
      {hubspotShown || rule?.doNotTrack === true ? <div class="switch-row">
        <button type="button" role="switch" aria-checked={doNotTrack} disabled={managed || optOut !== 'off'} aria-disabled={busy ? 'true' : undefined} onClick={() => { if (!busy) void toggleDoNotTrack(); }} class="switch" aria-describedby="dnt-help">
          <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>
          <span class="switch-label">{t('control_doNotTrack')}</span>
        </button>
        <p id="dnt-help" class="help">{t(optOut !== 'off' ? 'control_doNotTrack_viaOptOut' : 'control_doNotTrack_help')}</p>
        <SwitchNoteLine view={switches.doNotTrack} choice="doNotTrack" />
      </div> : null}
      <div class="switch-row">
        <button type="button" role="switch" aria-checked={switches.optOut.checked} disabled={managed} aria-disabled={busy ? 'true' : undefined} onClick={() => { if (!busy) void setLevel(switches.optOut.checked ? 'off' : 'cookies'); }} class="switch" aria-describedby="optout-help">
          <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>
          <span class="switch-label">{t('control_optOut')}</span>
        </button>
        <p id="optout-help" class="help">{t('control_optOut_help')}</p>
        <SwitchNoteLine view={switches.optOut} choice="optOut" />
        {/* Closed by default: the controls below must stay in the popup's first screen. */}
        {hubspotShown ? (
          <details class="help" data-optout-limits onToggle={(e) => setLimitsOpen(e.currentTarget.open)}>
            <summary>{t('control_optOut_limits')}</summary>
            <p>{t('control_optOut_noBanner')}</p>
            {/* Read from the page only when asked for: opening the popup never wakes the worker for it. */}
            {limitsOpen ? <PortalDomainsNote tabId={tabId} /> : null}
          </details>
        ) : null}
        {optOut !== 'off' ? (
          <label class="check">
            <input type="checkbox" checked={optOut === 'block'} disabled={managed} aria-disabled={busy ? 'true' : undefined}
              onClick={(e) => { if (busy) e.preventDefault(); }} onChange={(e) => void setLevel(e.currentTarget.checked ? 'block' : 'cookies')} />
            {t('control_block')}
          </label>
        ) : null}
      </div>
      {/* GPC alone stops no tracking request: nothing to say "holding" about. */}
      {rule !== null && !report.gpc.only ? <Verification rule={rule} verification={data.verification} report={report} /> : null}
      <div class="reset-row">
        <button type="button" class="button" ref={resetButton} aria-disabled={busy ? 'true' : undefined} onClick={() => { if (!busy) setResetOpen(!resetOpen); }} aria-expanded={resetOpen} aria-controls="reset-panel">
          {t('control_reset')}
        </button>
        {undo !== null ? (
          <button type="button" class="button secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => { if (!busy) void doUndo(undo.id); }}>
            {t('control_undo')}
          </button>
        ) : null}
      </div>
      {undo !== null ? <p class="help">{format.plural('undo_available', undo.cookies.length)}</p> : null}
      <label class="check">
        <input type="checkbox" checked={linksStripped} disabled={optOut !== 'off'} aria-disabled={busy ? 'true' : undefined} aria-describedby="strip-help"
          onClick={(e) => { if (busy) e.preventDefault(); }} onChange={() => void toggleStripLinks()} />
        {t('control_stripLinks')}
      </label>
      <p id="strip-help" class="help">{t(optOut !== 'off' ? 'control_stripLinks_viaOptOut' : 'control_stripLinks_help')}</p>
      {/* Below the reset: opt-out and reset must stay in the popup's first screen. */}
      <GpcSwitch tabId={tabId} rule={rule} on={report.gpc.on} announce={announce} onChanged={onChanged} />
      {resetOpen ? (
        <ResetPanel
          report={report}
          tabId={tabId}
          busy={busy}
          onCancel={() => {
            setResetOpen(false);
            focusReset();
          }}
          onConfirm={(includeConsent, alsoRemove, clearStoredData) =>
            run(async () => {
              const reply = await client.send('reset', { tabId, includeConsent, alsoRemove, clearStoredData });
              if (!reply.ok) return reply;
              setResetOpen(false);
              focusReset();
              return { ok: true, failed: reply.value.failed, done: `${format.plural('done_reset', reply.value.removed)}${storedDataDone(t, reply.value)}` };
            })
          }
        />
      ) : null}
      {lastAction !== null ? <p class="last-action" data-last-action>{lastAction}</p> : null}
      {error !== null ? <p class="error" role="alert">{error}</p> : null}
      <FailedList failed={failed} />
    </section>
  );
}

/** Where the rule and the real cookies disagree, one line says which way (nothing when they agree). */
function SwitchNoteLine({ view, choice }: { view: SwitchView; choice: 'doNotTrack' | 'optOut' }) {
  const { t } = useServices();
  if (view.note === 'agrees') return null;
  const key = `${choice === 'doNotTrack' ? 'choiceState_dnt' : 'choiceState_optOut'}_${view.note === 'restoring' ? 'restoring' : 'writtenEarlier'}` as const;
  return <p class="help note" data-switch-note={`${choice}:${view.note}`}>{t(key)}</p>;
}

/**
 * Says so through the live region when the site sends more tracking requests while the popup is
 * open (the first render is covered by the verification line itself).
 */
function useLeakAnnouncement(requests: number, text: () => string, announce: (text: string) => void): void {
  const seen = useRef<number | null>(null);
  useEffect(() => {
    const before = seen.current;
    seen.current = requests;
    if (before !== null && requests > before) announce(text());
  }, [requests]);
}
