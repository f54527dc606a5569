// The other domains of the site's HubSpot portal, named where a reset or opt-out cannot reach them.
// Read from the page when shown (the background runs a script in the page's own world once), so it
// says only what this page shows: the domains it told HubSpot's tracker about, and the sites its
// links carry the visitor's HubSpot identity to.
import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { PortalDomains } from '../../src/core/portal-domains.ts';

export function PortalDomainsNote({ tabId }: { tabId: number }) {
  const { client, t } = useServices();
  const [domains, setDomains] = useState<PortalDomains | null>(null);
  useEffect(() => {
    let shown = true;
    void client.send('portalDomains', { tabId }).then((reply) => {
      if (shown && reply.ok) setDomains(reply.value);
    });
    return () => {
      shown = false;
    };
  }, [tabId]);
  if (domains === null || (domains.toldTracker.length === 0 && domains.linkedWithIdentity.length === 0)) return null;
  return (
    <div class="honest" data-portal-domains>
      {domains.toldTracker.length > 0 ? <p data-portal-source="queue">{t('portalDomains_toldTracker', [domains.toldTracker.join(', ')])}</p> : null}
      {domains.linkedWithIdentity.length > 0 ? <p data-portal-source="links">{t('portalDomains_linked', [domains.linkedWithIdentity.join(', ')])}</p> : null}
      <p>{t('portalDomains_limit')}</p>
    </div>
  );
}
