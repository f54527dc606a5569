// The options page's list of sites cleaned up when their last tab closes: what goes, since when,
// and "Stop cleaning up" (not for the organisation's sites). Choosing one is done in the site's popup.
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useServices } from '../src/pages/context.ts';
import type { CleanUpChoice } from '../src/core/cleanup.ts';
import { useErrorText } from '../src/pages/error-text.ts';

export function CleanUpList({ say }: { say: (kind: 'ok' | 'error', text: string) => void }) {
  const { client, t, format } = useServices();
  const errorText = useErrorText();
  const [choices, setChoices] = useState<readonly CleanUpChoice[] | null>(null);
  const reload = useCallback(() => {
    void client.loadCleanUp?.().then((read) => setChoices(Object.values(read.choices).sort((a, b) => a.site.localeCompare(b.site))));
  }, [client]);
  useEffect(() => {
    reload();
    return client.watch(reload);
  }, [client, reload]);

  async function stop(site: string) {
    const reply = await client.send('removeCleanUp', { site });
    if (reply.ok) say('ok', t('cleanup_stopped', [site]));
    else say('error', errorText(reply.error));
    reload();
  }

  if (choices === null) return null;
  return (
    <section aria-labelledby="cleanup-title" data-cleanup-sites>
      <h2 id="cleanup-title">{t('cleanup_optionsTitle')}</h2>
      <p>{t('cleanup_optionsHelp')}</p>
      {choices.length === 0 ? <p>{t('cleanup_optionsNone')}</p> : (
        <table class="rules">
          <thead>
            <tr><th scope="col">{t('options_site')}</th><th scope="col">{t('cleanup_optionsWhat')}</th><th scope="col">{t('options_since')}</th><th scope="col"><span class="visually-hidden">{t('options_actions')}</span></th></tr>
          </thead>
          <tbody>
            {choices.map((choice) => {
              const managed = choice.managed === true;
              return (
                <tr key={choice.site} data-cleanup-site={choice.site} data-managed={managed ? '' : undefined}>
                  <th scope="row">{choice.site}{managed ? <span class="tag"> {t('options_managed')}</span> : null}</th>
                  <td>{t(choice.scope === 'all' ? 'cleanup_optionsAll' : 'cleanup_optionsTracking')}</td>
                  <td>{managed ? '' : format.day(choice.since)}</td>
                  <td>{managed ? null : <button type="button" class="link" aria-label={t('cleanup_stopFor', [choice.site])} onClick={() => void stop(choice.site)}>{t('cleanup_stop')}</button>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
