// Whether the visitor's choice is holding: tracking requests seen since, and cookie refreshes.
import { useServices } from '../context.ts';
import type { SiteRule } from '../../src/core/rules.ts';
import type { Verification as VerificationData } from '../../src/core/verification.ts';
import type { SiteReport } from '../../src/explain/report.ts';
import type { Translator } from '../../src/i18n/messages.ts';
import type { Formatter } from '../format.ts';

/** "Not holding: 3 tracking requests to track.hubspot.com since your choice, the last 2 minutes ago." */
export function leakingText(verification: VerificationData, t: Translator, format: Formatter, now: number): string {
  return t('verify_leaking', [format.number(verification.trackingRequests), verification.lastRequestHost ?? '', format.relative(verification.lastRequestAt ?? now, now)]);
}

export function Verification({ rule, verification }: { rule: SiteRule; verification: VerificationData | null; report: SiteReport }) {
  const { t, format, client } = useServices();
  const now = client.now();
  const since = verification?.since ?? rule.since;
  const requests = verification?.trackingRequests ?? 0;
  const holding = requests === 0;
  const refreshed = [verification?.hstcRefreshedAt, verification?.hsscRefreshedAt].filter((x): x is number => x !== undefined);
  const lastRefresh = refreshed.length > 0 ? Math.max(...refreshed) : undefined;
  return (
    <div class={`verification ${holding ? 'ok' : 'warning'}`} data-verification={holding ? 'holding' : 'leaking'} data-requests={String(requests)} role={holding ? undefined : 'alert'}>
      <p>
        <span class="icon" aria-hidden="true">{holding ? '✓' : '!'}</span>{' '}
        {holding || verification === null ? t('verify_holding', [format.relative(since, now)]) : leakingText(verification, t, format, now)}
      </p>
      {lastRefresh !== undefined ? (
        <p class="help">
          {t(rule.optOut !== 'off' ? 'verify_refreshedRemoved' : 'verify_refreshedDnt', [format.relative(lastRefresh, now)])}
        </p>
      ) : null}
    </div>
  );
}
