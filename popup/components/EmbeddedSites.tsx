// Cookies of third-party frames on the page ("set by embedded sites"), listed apart from the site's own.
import { useMemo } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { EmbeddedSite } from '../../src/protocol/client.ts';
import type { SiteContext } from '../../src/core/site.ts';
import { CookieList } from './CookieList.tsx';
import { viewCookie } from '../../src/explain/report.ts';
import { lookupNameFacts } from '../../src/explain/name-facts.ts';

const NONE = new Map();

export function EmbeddedSites({ embedded, site, now }: { embedded: readonly EmbeddedSite[]; site: SiteContext; now: number }) {
  const { t } = useServices();
  const groups = useMemo(
    () => embedded.filter((e) => e.cookies.length > 0).map((e) => ({ host: e.host, views: e.cookies.map((c) => viewCookie(c, 'embedded', { now, host: e.host }, lookupNameFacts)) })),
    [embedded, now],
  );
  if (groups.length === 0) return null;
  return (
    <section class="embedded" aria-labelledby="embedded-title" data-embedded>
      <h2 id="embedded-title">{t('embedded_title')}</h2>
      <p class="help">{t('embedded_help', [site.registrableDomain])}</p>
      {groups.map((g) => (
        <div key={g.host} data-embedded-host={g.host}>
          <h3>{g.host}</h3>
          <CookieList views={g.views} completed={NONE} now={now} title={g.host} />
        </div>
      ))}
    </section>
  );
}
