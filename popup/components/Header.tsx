// The site and the cookie store the popup is about.
import { useServices } from '../../src/pages/context.ts';
import type { SiteSnapshot } from '../../src/protocol/client.ts';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function Header({ data }: { data: SiteData }) {
  const { t } = useServices();
  const store = data.tab.containerName !== undefined
    ? t('store_container', [data.tab.containerName])
    : data.tab.incognito ? t('store_private') : null;
  return (
    <header class="site-header">
      <h1 class="site-name">{data.site.registrableDomain}</h1>
      <p class="site-host">
        {data.site.host !== data.site.registrableDomain ? <span>{data.site.host}</span> : null}
        {store !== null ? <span class="store-badge" data-store={data.tab.storeId}>{store}</span> : null}
      </p>
    </header>
  );
}
