// One short line at the top of the popup: what the visitor chose for this site and whether it
// holds, so the state is clear before any control or detail. Says only what was seen: "holds" is
// never claimed without a choice in force, and requests are counted only since that choice.
import { useServices } from '../context.ts';
import type { SiteRule } from '../../src/core/rules.ts';
import type { Verification } from '../../src/core/verification.ts';

export function StatusLine({ rule, verification }: { rule: SiteRule | null; verification: Verification | null }) {
  const { t, format } = useServices();
  if (rule === null) return <p class="status-line" data-status="none">{t('status_none')}</p>;
  const requests = verification?.trackingRequests ?? 0;
  const choice = t(rule.optOut !== 'off' ? 'status_optOut' : 'status_dnt');
  const held = requests === 0 ? t('status_holding') : format.plural('status_leaking', requests);
  return (
    <p class={`status-line ${requests === 0 ? 'ok' : 'warning'}`} data-status={requests === 0 ? 'holding' : 'leaking'}>
      <span class="icon" aria-hidden="true">{requests === 0 ? '✓' : '!'}</span> {choice} {held}
    </p>
  );
}
