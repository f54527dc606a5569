// "Also clear this site's stored data", the reset preview's optional tick: which hosts and kinds of
// storage the browser will clear, what it cannot clear, and that Undo does not bring it back.
import { useServices } from '../../src/pages/context.ts';
import type { StoredDataKind } from '../../src/core/site-data.ts';
import type { StoredDataReport } from '../../src/explain/page-report.ts';
import type { Translator } from '../../src/i18n/messages.ts';
import type { ResetOutcome } from '../../src/protocol/messages.ts';

export function StoredDataOption({ plan, checked, onChange }: {
  plan: StoredDataReport;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const { t } = useServices();
  const kindName = (kind: StoredDataKind): string => t(`storedData_kind_${kind}`);
  const { cannot } = plan;
  return (
    <div class="stored-data" data-stored-data>
      <label class="check">
        <input type="checkbox" checked={checked} aria-describedby="stored-data-help" onChange={(e) => onChange(e.currentTarget.checked)} />
        {t('storedData_tick')}
      </label>
      <div id="stored-data-help" class="help">
        <p>{t('storedData_help', [plan.hosts.join(', '), plan.kinds.map(kindName).join(', ')])}</p>
        {cannot.length > 0 ? <p data-stored-data-cannot>{t('storedData_cannot', [cannot.map(kindName).join(', ')])}</p> : null}
        <p class="honest">{t('storedData_noUndo')}</p>
      </div>
    </div>
  );
}

/** What became of the site's stored data in a reset, as a sentence after the reset's own (nothing when not asked). */
export function storedDataDone(t: Translator, outcome: ResetOutcome): string {
  if (outcome.storedData === 'not-asked') return '';
  return ` ${outcome.storedData === 'cleared' ? t('storedData_cleared') : t('storedData_failed', [outcome.storedDataFailure ?? ''])}`;
}
