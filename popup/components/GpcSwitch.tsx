// "Send Global Privacy Control to this site": the Sec-GPC header and navigator.globalPrivacyControl
// for the site (on with opt-out unless switched off here; the site report says which).
import { useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { SiteRule } from '../../src/core/rules.ts';
import { messageKeyPart } from '../../src/i18n/messages.ts';

export function GpcSwitch({ tabId, rule, on, announce, onChanged }: {
  tabId: number;
  rule: SiteRule | null;
  /** Sent to the site now (PageReport.gpc). */
  on: boolean;
  announce: (text: string) => void;
  onChanged: () => void;
}) {
  const { client, t } = useServices();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const viaOptOut = rule !== null && rule.optOut !== 'off' && on;
  const toggle = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const reply = await client.send('setGpc', { tabId, on: !on });
      if (reply.ok) announce(t(!on ? 'done_gpcOn' : 'done_gpcOff'));
      else setError(`${t.dynamic(`error_${messageKeyPart(reply.error.code)}`) ?? t('error_internal')} (${reply.error.detail})`);
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  return (
    <div class="switch-row" data-gpc>
      <button type="button" role="switch" aria-checked={on} disabled={rule?.managed === true} aria-disabled={busy ? 'true' : undefined} class="switch"
        aria-describedby="gpc-help" onClick={() => { if (!busy) void toggle(); }}>
        <span class="switch-track" aria-hidden="true"><span class="switch-thumb" /></span>
        <span class="switch-label">{t('gpc_switch')}</span>
      </button>
      <p id="gpc-help" class="help">{viaOptOut ? `${t('gpc_viaOptOut')} ${t('gpc_help')}` : t('gpc_help')}</p>
      {error !== null ? <p class="error" role="alert">{error}</p> : null}
    </div>
  );
}
