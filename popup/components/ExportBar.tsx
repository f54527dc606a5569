// Export of the site's decoded report (JSON, CSV) and the way to the options page.
import { useServices } from '../../src/pages/context.ts';
import type { SiteSnapshot } from '../../src/protocol/client.ts';
import type { SiteReport } from '../../src/explain/report.ts';
import { buildExport, exportCsv } from '../../src/explain/export.ts';
import { toCookieEditorJson, toCookieHeader, toNetscape } from '../../src/core/cookie-files.ts';
import { useAnnounce } from '../../src/pages/Announcer.tsx';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function ExportBar({ data, report, now }: { data: SiteData; report: SiteReport; now: number }) {
  const { client, t } = useServices();
  const announce = useAnnounce();
  const build = () => buildExport(data.site, report.views, report.summary, now, t);
  const stamp = new Date(now).toISOString().slice(0, 10);
  return (
    <footer class="export-bar">
      <button type="button" class="link" onClick={() => client.download(`cookie-lens-${data.site.registrableDomain}-${stamp}.json`, 'application/json', JSON.stringify(build(), null, 2))}>
        {t('export_json')}
      </button>
      <button type="button" class="link" onClick={() => client.download(`cookie-lens-${data.site.registrableDomain}-${stamp}.csv`, 'text/csv', exportCsv(build()))}>
        {t('export_csv')}
      </button>
      <button type="button" class="link" data-export="cookie-editor" onClick={() => client.download(`cookies-${data.site.registrableDomain}-${stamp}.json`, 'application/json', toCookieEditorJson(data.cookies))}>
        {t('export_cookieEditor')}
      </button>
      <button type="button" class="link" data-export="netscape" onClick={() => client.download(`cookies-${data.site.registrableDomain}-${stamp}.txt`, 'text/plain', toNetscape(data.cookies))}>
        {t('export_netscape')}
      </button>
      <button type="button" class="link" data-export="header" onClick={() => {
        void client.copyText(toCookieHeader(data.cookies)).then((ok) => announce(ok ? t('export_headerCopied') : t('copy_failed')));
      }}>
        {t('export_header')}
      </button>
      <button type="button" class="link" onClick={() => client.openOptions()}>{t('open_options')}</button>
    </footer>
  );
}
