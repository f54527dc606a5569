// "Blocked N requests since …" in a blocked vendor's block: how many of the site's requests to
// that vendor the blocking stopped, only where the vendor is blocked and the browser reported
// stopped requests for the whole time given (src/core/verification.ts vendorBlockedCount).
import { useServices } from '../../src/pages/context.ts';
import { vendorBlocked, type SiteRule } from '../../src/core/rules.ts';
import { vendorBlockedCount, type HoldingView } from '../../src/core/verification.ts';

export function VendorHolding({ vendor, rule, verification, now }: {
  vendor: string;
  rule: SiteRule | null;
  verification: HoldingView | null;
  now: number;
}) {
  const { format } = useServices();
  if (rule === null || !vendorBlocked(rule, vendor)) return null;
  const counted = vendorBlockedCount(verification, vendor);
  if (counted === null) return null;
  return (
    <p class="help vendor-holding" data-vendor-holding={vendor} data-count={String(counted.count)}>
      {format.plural('vendorHolding_blocked', counted.count, [format.instant(counted.since, now)])}
    </p>
  );
}
