// Pages where there is nothing to show, each saying why and what the visitor can do.
import { useServices } from '../../src/pages/context.ts';
import type { MessageKey } from '../../src/i18n/messages.ts';

type Kind = 'no-tab' | 'unsupported-page' | 'no-permission' | 'error' | 'settings';

const TEXT: Record<Kind, { title: MessageKey; body: MessageKey }> = {
  'no-tab': { title: 'state_noTab_title', body: 'state_noTab_body' },
  'unsupported-page': { title: 'state_unsupported_title', body: 'state_unsupported_body' },
  'no-permission': { title: 'state_noPermission_title', body: 'state_noPermission_body' },
  error: { title: 'state_error_title', body: 'state_error_body' },
  settings: { title: 'state_settings_title', body: 'state_settings_body' },
};

export function StatePage({ kind, detail, onRetry }: { kind: Kind; detail: string; onRetry?: () => void }) {
  const { t, client } = useServices();
  const text = TEXT[kind];
  return (
    <section class={`state state-${kind}`} data-state={kind} role={kind === 'error' || kind === 'settings' ? 'alert' : undefined}>
      <h1>{t(text.title)}</h1>
      <p>{t(text.body)}</p>
      {detail !== '' ? <p class="detail">{detail}</p> : null}
      {kind === 'no-permission' ? (
        <button type="button" class="button" onClick={() => void client.requestHostAccess().then((granted) => { if (granted) onRetry?.(); })}>
          {t('state_noPermission_allow')}
        </button>
      ) : null}
    </section>
  );
}
