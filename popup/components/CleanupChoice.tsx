// "Clean up when I close its last tab" for this site: the choice (tracking cookies only, or all of
// them), and what the last clean-up removed with its Undo. Read after the first render, so it
// never delays the popup; the background does the clean-up (src/background/cleanup.ts).
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { SiteSnapshot } from '../../src/protocol/client.ts';
import type { FailedCookie } from '../../src/protocol/messages.ts';
import type { CleanUpScope, SiteCleanUp } from '../../src/core/cleanup.ts';
import { FailedList } from './Controls.tsx';
import { useErrorText } from '../../src/pages/error-text.ts';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function CleanupChoice({ data, announce, onChanged }: { data: SiteData; announce: (text: string) => void; onChanged: () => void }) {
  const { client, t, format } = useServices();
  const errorText = useErrorText();
  const [state, setState] = useState<SiteCleanUp | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [failed, setFailed] = useState<readonly FailedCookie[]>([]);
  // Read again with every reload of the site (the page's watch fires on any settings change).
  useEffect(() => {
    let live = true;
    void client.loadSiteCleanUp?.(data.site.registrableDomain, data.tab.storeId).then((read) => {
      if (live) setState(read);
    });
    return () => {
      live = false;
    };
  }, [client, data]);
  if (state === null) return null;

  const site = data.site.registrableDomain;
  const { choice, notice } = state;
  const managed = choice?.managed === true;
  const now = client.now();

  async function choose(scope: CleanUpScope | 'off') {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const reply = await client.send('setCleanUp', { tabId: data.tab.tabId, scope });
      if (reply.ok) announce(t(reply.value.choice === null ? 'cleanup_doneOff' : 'cleanup_doneOn'));
      else setError(`${errorText(reply.error)} (${reply.error.detail})`);
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  async function undo(snapshotId: string) {
    if (busy) return;
    setBusy(true);
    setError(null);
    setFailed([]);
    try {
      const reply = await client.send('undo', { tabId: data.tab.tabId, snapshotId });
      if (!reply.ok) {
        setError(`${errorText(reply.error)} (${reply.error.detail})`);
        return;
      }
      const v = reply.value;
      setFailed(v.failed);
      announce(v.result === 'restored' ? format.plural('done_undo', v.restored) : t(v.result === 'already-restored' ? 'done_undoAlready' : 'done_undoUnknown'));
    } finally {
      setBusy(false);
      onChanged();
    }
  }

  return (
    <section class="cleanup" aria-labelledby="cleanup-title" data-cleanup>
      <h2 id="cleanup-title">{t('cleanup_title')}</h2>
      {notice !== null ? (
        <div class="cleanup-notice">
          <p data-cleanup-notice>{format.plural(notice.when === 'browser-start' ? 'cleanup_noticeAtStart' : 'cleanup_notice', notice.removed, [format.relative(notice.at, now)])}</p>
          <button type="button" class="button secondary" aria-disabled={busy ? 'true' : undefined} onClick={() => void undo(notice.snapshotId)}>
            {t('cleanup_undo')}
          </button>
        </div>
      ) : null}
      <label class="check">
        <input type="checkbox" checked={choice !== null} disabled={managed} aria-disabled={busy ? 'true' : undefined} aria-describedby="cleanup-help"
          onClick={(e) => { if (busy) e.preventDefault(); }} onChange={(e) => void choose(e.currentTarget.checked ? 'tracking' : 'off')} />
        {t('cleanup_switch')}
      </label>
      {choice !== null && !managed ? (
        <fieldset class="cleanup-scope">
          <legend>{t('cleanup_scopeLegend')}</legend>
          {(['tracking', 'all'] as const).map((scope) => (
            <label class="check" key={scope}>
              <input type="radio" name="cleanup-scope" value={scope} checked={choice.scope === scope} aria-disabled={busy ? 'true' : undefined}
                onClick={(e) => { if (busy) e.preventDefault(); }} onChange={() => void choose(scope)} />
              {t(scope === 'tracking' ? 'cleanup_scopeTracking' : 'cleanup_scopeAll')}
            </label>
          ))}
        </fieldset>
      ) : null}
      <p id="cleanup-help" class="help">{managed ? t('cleanup_managed') : t('cleanup_help', [site])}</p>
      {error !== null ? <p class="error" role="alert">{error}</p> : null}
      <FailedList failed={failed} />
    </section>
  );
}
