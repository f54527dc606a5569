// Cookies of third-party frames on the page ("set by embedded sites"), listed apart from the site's own.
import { useServices } from '../../src/pages/context.ts';
import type { SiteContext } from '../../src/core/site.ts';
import type { EmbeddedReport } from '../../src/explain/page-report.ts';
import { CookieList } from './CookieList.tsx';

export function EmbeddedSites({ embedded: groups, site, now }: { embedded: readonly EmbeddedReport[]; site: SiteContext; now: number }) {
  const { t } = useServices();
  if (groups.length === 0) return null;
  return (
    <section class="embedded" aria-labelledby="embedded-title" data-embedded>
      <h2 id="embedded-title">{t('embedded_title')}</h2>
      <p class="help">{t('embedded_help', [site.registrableDomain])}</p>
      {groups.map((g) => (
        <div key={g.host} data-embedded-host={g.host}>
          <h3>{g.host}</h3>
          <CookieList views={g.views} now={now} title={g.host} />
        </div>
      ))}
    </section>
  );
}
