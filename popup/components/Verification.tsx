// Whether the visitor's choice is holding: tracking requests seen since, and cookie refreshes.
// Figures only for the time Cookie Lens watched (src/core/verification.ts).
import { useServices } from '../../src/pages/context.ts';
import type { SiteRule } from '../../src/core/rules.ts';
import type { HoldingView } from '../../src/core/verification.ts';
import type { SiteReport } from '../../src/explain/report.ts';
import { holdingText, leakingText } from '../verification-text.ts';


export function Verification({ rule, verification }: { rule: SiteRule; verification: HoldingView | null; report: SiteReport }) {
  const { t, format, client } = useServices();
  const now = client.now();
  if (verification === null || !verification.watched) {
    return (
      <div class="verification" data-verification="not-watched">
        <p>
          <span class="icon" aria-hidden="true">?</span> {t('verify_notWatched')}
        </p>
      </div>
    );
  }
  const { count } = verification;
  const holding = count.trackingRequests === 0;
  const refreshed = [count.hstcRefreshedAt, count.hsscRefreshedAt].filter((x): x is number => x !== undefined);
  const lastRefresh = refreshed.length > 0 ? Math.max(...refreshed) : undefined;
  return (
    <div class={`verification ${holding ? 'ok' : 'warning'}`} data-verification={holding ? 'holding' : 'leaking'} data-requests={String(count.trackingRequests)} role={holding ? undefined : 'alert'}>
      <p>
        <span class="icon" aria-hidden="true">{holding ? '✓' : '!'}</span>{' '}
        {holding ? holdingText(verification, t, format, now) : leakingText(verification, t, format, now)}
      </p>
      {lastRefresh !== undefined ? (
        <p class="help">
          {t(rule.optOut !== 'off' ? 'verify_refreshedRemoved' : 'verify_refreshedDnt', [format.relative(lastRefresh, now)])}
        </p>
      ) : null}
    </div>
  );
}
