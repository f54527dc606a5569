// "Blocked N requests since …" in a blocked vendor's block: how many of the site's requests to
// that vendor the blocking stopped. The report gives the figure only where the vendor is blocked
// and the browser reported stopped requests for the whole time given (src/explain/page-report.ts).
import { useServices } from '../../src/pages/context.ts';
import type { VendorReport } from '../../src/explain/page-report.ts';

export function VendorHolding({ vendor, now }: { vendor: VendorReport; now: number }) {
  const { format } = useServices();
  const counted = vendor.blockedRequests;
  if (counted === null) return null;
  return (
    <p class="help vendor-holding" data-vendor-holding={vendor.vendor} data-count={String(counted.count)}>
      {format.plural('vendorHolding_blocked', counted.count, [format.instant(counted.since, now)])}
    </p>
  );
}
