// The reset preview: exactly which cookies will go, what stays and why, and what a reset cannot do.
import { useMemo, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import { previewReset, type PageReport } from '../../src/explain/page-report.ts';
import type { CookieRecord } from '../../src/model/cookie.ts';
import { useVendorName } from './VendorSummaries.tsx';
import { StoredDataOption } from './StoredDataOption.tsx';
import { PortalDomainsNote } from './PortalDomainsNote.tsx';

function where(cookie: CookieRecord): string {
  const part = cookie.partitionKey !== undefined ? ` ⟂ ${cookie.partitionKey.topLevelSite}` : '';
  return `${cookie.domain}${cookie.path}${part}`;
}

export function ResetPanel({ report, tabId, busy, onCancel, onConfirm }: {
  report: PageReport;
  tabId: number;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (includeConsent: boolean, alsoRemove: readonly string[], clearStoredData: boolean) => void;
}) {
  const { t, format } = useServices();
  const vendorName = useVendorName();
  const [includeConsent, setIncludeConsent] = useState(false);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [clearStoredData, setClearStoredData] = useState(false);
  const reset = report.reset();
  const preview = useMemo(() => previewReset(reset, includeConsent, ticked), [reset, includeConsent, ticked]);
  const { locked, hasConsent, address } = reset;
  const toggle = (id: string) => {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
  };
  const dntOn = report.summary.doNotTrack === 'on';
  return (
    <section id="reset-panel" class="reset-panel" aria-labelledby="reset-title">
      <h3 id="reset-title">{t('reset_title')}</h3>
      {preview.removeCount === 0 ? <p>{t('reset_nothing')}</p> : <p>{format.plural('reset_willRemove', preview.removeCount)}</p>}
      <ul class="reset-list" aria-label={t('reset_listLabel')}>
        {preview.remove.map((group) => (
          <li key={group.vendor ?? ''} class="reset-vendor" data-reset-vendor={group.vendor ?? 'other'}>
            <h4>{group.vendor === null ? t('reset_vendorOther') : vendorName(group.vendor)}</h4>
            <ul>
              {group.entries.map(({ cookie, id }) => (
                <li key={id} data-reset-cookie={cookie.name}>
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
      {preview.optional.length > 0 ? (
        <details class="reset-optional">
          <summary>{t('reset_othersTitle', [String(preview.optionalCount)])}</summary>
          <p class="help">{t('reset_othersHelp')}</p>
          <ul>
            {preview.optional.map(({ cookie, id }) => {
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
      {reset.storedData === null ? null : <StoredDataOption plan={reset.storedData} checked={clearStoredData} onChange={setClearStoredData} />}
      {address !== null ? (
        <p data-reset-address>
          {t('reset_address', [address.removed.map((r) => `${r.name} (${t(r.part === 'query' ? 'reset_addressQuery' : 'reset_addressFragment')})`).join(', ')])}
        </p>
      ) : null}
      {locked ? <p class="help">{t('reset_locked')}</p> : null}
      <p class="honest">{t('reset_limits')} {dntOn ? '' : t('reset_fingerprint')}</p>
      <p class="honest">{t('reset_otherDomains')}</p>
      <PortalDomainsNote tabId={tabId} />
      <div class="reset-actions">
        {/* Not disabled while busy: that would drop the keyboard focus (see Controls). */}
        <button type="button" class="button danger" disabled={preview.removeCount === 0 && !clearStoredData} aria-disabled={busy ? 'true' : undefined}
          onClick={() => { if (!busy) onConfirm(includeConsent, [...ticked], clearStoredData); }}>
          {t('reset_confirm')}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>{t('reset_cancel')}</button>
      </div>
    </section>
  );
}
