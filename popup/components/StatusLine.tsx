// One short line at the top of the popup: what the visitor chose for this site and whether it
// holds, so the state is clear before any control or detail. Says only what was seen: "holds" is
// never claimed without a choice in force, requests are counted only for the time Cookie Lens
// watched (src/core/verification.ts), and with no count at all it says so instead of a 0.
import { useServices } from '../../src/pages/context.ts';
import type { SiteRule } from '../../src/core/rules.ts';
import type { HoldingView } from '../../src/core/verification.ts';

export function StatusLine({ rule, verification }: { rule: SiteRule | null; verification: HoldingView | null }) {
  const { t, format } = useServices();
  if (rule === null) return <p class="status-line" data-status="none">{t('status_none')}</p>;
  const choice = t(rule.optOut !== 'off' ? 'status_optOut' : 'status_dnt');
  if (verification === null || !verification.watched) {
    return (
      <p class="status-line" data-status="not-watched">
        <span class="icon" aria-hidden="true">?</span> {choice} {t('status_notWatched')}
      </p>
    );
  }
  const requests = verification.count.trackingRequests;
  const held = requests === 0
    ? t(verification.sinceChoice ? 'status_holding' : 'status_holdingSinceCounting')
    : format.plural(verification.sinceChoice ? 'status_leaking' : 'status_leakingSinceCounting', requests);
  return (
    <p class={`status-line ${requests === 0 ? 'ok' : 'warning'}`} data-status={requests === 0 ? 'holding' : 'leaking'}>
      <span class="icon" aria-hidden="true">{requests === 0 ? '✓' : '!'}</span> {choice} {held}
    </p>
  );
}
