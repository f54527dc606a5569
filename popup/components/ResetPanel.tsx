// The reset preview: exactly which cookies will go, what stays and why, and what a reset cannot do.
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { SiteSnapshot } from '../../src/protocol/client.ts';
import type { SiteReport } from '../../src/explain/report.ts';
import { planReset } from '../../src/core/plans.ts';
import { resetGroupOf } from '../../src/core/hubspot-sets.ts';
import { identityInAddress } from '../../src/core/url-identity.ts';
import { cookieIdentity, type CookieRecord } from '../../src/model/cookie.ts';
import { TRACKER_VENDORS, vendorOfIdentityCookie } from '../../src/core/vendors.ts';
import { useVendorName } from './VendorSummaries.tsx';
import { StoredDataOption } from './StoredDataOption.tsx';
import { PortalDomainsNote } from './PortalDomainsNote.tsx';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

/** What a reset removes, by vendor in the facts table's order; cookies of no vendor (ticked, consent) last. */
function byVendor(cookies: readonly CookieRecord[]): Array<{ vendor: string | null; cookies: CookieRecord[] }> {
  const groups = new Map<string | null, CookieRecord[]>();
  for (const cookie of cookies) {
    const vendor = vendorOfIdentityCookie(cookie.name) ?? null;
    const list = groups.get(vendor) ?? [];
    list.push(cookie);
    groups.set(vendor, list);
  }
  const order: Array<string | null> = [...TRACKER_VENDORS.map((vendor) => vendor.id), null];
  return order.flatMap((vendor) => {
    const list = groups.get(vendor);
    return list === undefined ? [] : [{ vendor, cookies: list }];
  });
}

function where(cookie: CookieRecord): string {
  const part = cookie.partitionKey !== undefined ? ` ⟂ ${cookie.partitionKey.topLevelSite}` : '';
  return `${cookie.domain}${cookie.path}${part}`;
}

export function ResetPanel({ data, report, busy, onCancel, onConfirm }: {
  data: SiteData;
  report: SiteReport;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (includeConsent: boolean, alsoRemove: readonly string[], clearStoredData: boolean) => void;
}) {
  const { t, format } = useServices();
  const vendorName = useVendorName();
  const [includeConsent, setIncludeConsent] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [clearStoredData, setClearStoredData] = useState(false);
  const plan = useMemo(
    () => planReset(data.site, data.cookies, { includeConsent, alsoRemove: [...ticked] }),
    [data, includeConsent, ticked],
  );
  const locked = data.resetLocked;
  const hasConsent = !locked && data.cookies.some((c) => resetGroupOf(c.name) === 'consent');
  const optional = locked ? [] : plan.keep.filter((k) => k.group !== 'consent');
  const tickedKept = data.cookies.filter((c) => ticked.has(cookieIdentity(c)));
  const toggle = (id: string) => {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
  };
  const dntOn = report.summary.doNotTrack === 'on';
  const address = useMemo(() => identityInAddress(data.site.url), [data.site.url]);
  return (
    <section id="reset-panel" class="reset-panel" aria-labelledby="reset-title">
      <h3 id="reset-title">{t('reset_title')}</h3>
      {plan.remove.length === 0 ? <p>{t('reset_nothing')}</p> : <p>{format.plural('reset_willRemove', plan.remove.length)}</p>}
      <ul class="reset-list" aria-label={t('reset_listLabel')}>
        {byVendor(plan.remove).map((group) => (
          <li key={group.vendor ?? ''} class="reset-vendor" data-reset-vendor={group.vendor ?? 'other'}>
            <h4>{group.vendor === null ? t('reset_vendorOther') : vendorName(group.vendor)}</h4>
            <ul>
              {group.cookies.map((cookie) => (
                <li key={cookieIdentity(cookie)} data-reset-cookie={cookie.name}>
                  <code dir="auto">{cookie.name}</code> <span class="where">{where(cookie)}</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {hasConsent ? (
        <label class="check">
          <input type="checkbox" checked={includeConsent} onChange={(e) => setIncludeConsent(e.currentTarget.checked)} />
          {t('reset_includeConsent')}
        </label>
      ) : null}
      {optional.length + tickedKept.length > 0 ? (
        <details class="reset-optional">
          <summary>{t('reset_othersTitle', [String(optional.length)])}</summary>
          <p class="help">{t('reset_othersHelp')}</p>
          <ul>
            {[...optional.map((k) => k.cookie), ...tickedKept.filter((c) => !optional.some((k) => k.cookie === c))].map((cookie) => {
              const id = cookieIdentity(cookie);
              return (
                <li key={id}>
                  <label class="check">
                    <input type="checkbox" checked={ticked.has(id)} onChange={() => toggle(id)} />
                    <code dir="auto">{cookie.name}</code> <span class="where">{where(cookie)}</span>
                  </label>
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      {locked ? null : <StoredDataOption site={data.site} cookies={data.cookies} checked={clearStoredData} onChange={setClearStoredData} />}
      {address !== null ? (
        <p data-reset-address>
          {t('reset_address', [address.removed.map((r) => `${r.name} (${t(r.part === 'query' ? 'reset_addressQuery' : 'reset_addressFragment')})`).join(', ')])}
        </p>
      ) : null}
      {locked ? <p class="help">{t('reset_locked')}</p> : null}
      <p class="honest">{t('reset_limits')} {dntOn ? '' : t('reset_fingerprint')}</p>
      <p class="honest">{t('reset_otherDomains')}</p>
      <PortalDomainsNote tabId={data.tab.tabId} />
      <div class="reset-actions">
        {/* Not disabled while busy: that would drop the keyboard focus (see Controls). */}
        <button type="button" class="button danger" disabled={plan.remove.length === 0 && !clearStoredData} aria-disabled={busy ? 'true' : undefined}
          onClick={() => { if (!busy) onConfirm(includeConsent, [...ticked], clearStoredData); }}>
          {t('reset_confirm')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>{t('reset_cancel')}</button>
      </div>
    </section>
  );
}
