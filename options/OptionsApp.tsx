// Every site with a rule: change or remove each, export and import the rules as a file, and see
// anything from the stored settings that could not be read (kept aside, never thrown away).
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useServices } from '../src/pages/context.ts';
import type { SettingsSnapshot } from '../src/protocol/client.ts';
import { ruleVendorChoices, type OptOutLevel, type SiteRule } from '../src/core/rules.ts';
import { gpcOn } from '../src/core/page-scripts.ts';
import { vendorName } from '../src/pages/names.ts';
import { linkStrippingChoices } from '../src/core/url-identity.ts';
import { useErrorText } from '../src/pages/error-text.ts';
import { Announcer, useAnnouncer } from '../src/pages/Announcer.tsx';
import { choiceSwitches, cookieStoreKind, type StoreChoiceCookies, type SwitchView } from '../src/core/choice-state.ts';
import type { MessageKey } from '../src/i18n/messages.ts';
import { CleanUpList } from './CleanUpList.tsx';

export function OptionsApp() {
  const { client, t, format } = useServices();
  const [settings, setSettings] = useState<SettingsSnapshot | null>(null);
  // What the ruled sites' choice cookies say now, per store: read by the background (no tab here).
  const [cookiesNow, setCookiesNow] = useState<readonly StoreChoiceCookies[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const errorText = useErrorText();
  const announcer = useAnnouncer();

  const reload = useCallback(() => {
    void client.loadSettings().then(setSettings);
    void client.send('choiceCookies', {}).then((reply) => setCookiesNow(reply.ok ? reply.value.states : null));
  }, [client]);
  useEffect(() => {
    reload();
    return client.watch(reload);
  }, [client, reload]);
  useEffect(() => {
    if (settings !== null) document.body.dataset.ready = '1';
  }, [settings]);

  const say = (kind: 'ok' | 'error', text: string) => {
    setMessage({ kind, text });
    // An error shows in a role=alert paragraph, announced at once; only news goes to the polite region.
    if (kind === 'ok') announcer.announce(text);
  };

  async function update(rule: SiteRule, change: { doNotTrack?: boolean; optOut?: OptOutLevel }) {
    const reply = await client.send('updateRule', { site: rule.site, doNotTrack: change.doNotTrack ?? rule.doNotTrack, optOut: change.optOut ?? rule.optOut });
    if (reply.ok) say('ok', t('options_saved', [rule.site]));
    else say('error', errorText(reply.error));
    reload();
  }
  async function remove(site: string) {
    const reply = await client.send('removeRule', { site });
    if (reply.ok) say('ok', t('options_removed', [site]));
    else say('error', errorText(reply.error));
    reload();
  }
  async function stopStripping(site: string) {
    const reply = await client.send('removeLinkStripping', { site });
    if (reply.ok) say('ok', t('options_strippingStopped', [site]));
    else say('error', errorText(reply.error));
    reload();
  }
  async function exportFile() {
    const reply = await client.send('exportRules', {});
    if (reply.ok) client.download(`cookie-lens-rules-${new Date(client.now()).toISOString().slice(0, 10)}.json`, 'application/json', reply.value.text);
    else say('error', errorText(reply.error));
  }
  async function importFile(file: File) {
    const text = await file.text();
    const reply = await client.send('importRules', { text });
    if (reply.ok) say('ok', format.plural('options_imported', reply.value.imported));
    else say('error', `${errorText(reply.error)} ${reply.error.detail}`);
    reload();
  }

  const rules = [...(settings?.rules ?? [])].sort((a, b) => a.site.localeCompare(b.site));
  const setAside = settings?.store?.setAside ?? [];
  const stripped = linkStrippingChoices(settings?.store?.stripLinks ?? {}, rules);
  return (
    <>
      <Announcer message={announcer.message} />
      <h1>{t('options_title')}</h1>
      {settings?.problem != null ? <p class="error" role="alert">{t('state_settings_body')} ({settings.problem})</p> : null}
      {message !== null ? (
        <p class={message.kind === 'ok' ? 'ok' : 'error'} role={message.kind === 'error' ? 'alert' : undefined} data-message={message.kind}>
          <span aria-hidden="true">{message.kind === 'ok' ? '✓ ' : '⚠ '}</span>{message.text}
        </p>
      ) : null}
      <section aria-labelledby="rules-title">
        <h2 id="rules-title">{t('options_rules')}</h2>
        {rules.length === 0 ? <p>{t('options_noRules')}</p> : (
          <table class="rules">
            <thead>
              <tr><th scope="col">{t('options_site')}</th><th scope="col">{t('control_doNotTrack')}</th><th scope="col">{t('control_optOut')}</th><th scope="col">{t('options_cookiesNow')}</th><th scope="col">{t('options_since')}</th><th scope="col"><span class="visually-hidden">{t('options_actions')}</span></th></tr>
            </thead>
            <tbody>
              {rules.map((rule) => <RuleRow key={rule.site} rule={rule} cookiesNow={cookiesNow?.filter((state) => state.site === rule.site) ?? null} onUpdate={update} onRemove={remove} />)}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="strip-title" data-strip-links>
        <h2 id="strip-title">{t('options_stripLinks')}</h2>
        <p>{t('options_stripLinksHelp')}</p>
        {stripped.length === 0 ? <p>{t('options_noStripLinks')}</p> : (
          <table class="rules">
            <thead>
              <tr><th scope="col">{t('options_site')}</th><th scope="col">{t('options_since')}</th><th scope="col"><span class="visually-hidden">{t('options_actions')}</span></th></tr>
            </thead>
            <tbody>
              {stripped.map((choice) => (
                <tr key={choice.site} data-strip-site={choice.site}>
                  <th scope="row">{choice.site}{choice.alsoByOptOut ? <p class="help">{t('options_stripLinksByOptOut')}</p> : null}</th>
                  <td>{format.day(choice.since)}</td>
                  <td><button type="button" class="link" aria-label={t('options_stopStrippingFor', [choice.site])} onClick={() => void stopStripping(choice.site)}>{t('options_stopStripping')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <CleanUpList say={say} />
      <section aria-labelledby="file-title">
        <h2 id="file-title">{t('options_file')}</h2>
        <p>{t('options_fileHelp')}</p>
        <div class="file-actions">
          <button type="button" class="button" onClick={() => void exportFile()}>{t('options_export')}</button>
          <label class="button secondary file-label">
            {t('options_import')}
            <input type="file" accept="application/json,.json" class="visually-hidden" onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              e.currentTarget.value = '';
              if (file !== undefined) void importFile(file);
            }} />
          </label>
        </div>
      </section>
      {setAside.length > 0 ? (
        <section aria-labelledby="aside-title" data-set-aside>
          <h2 id="aside-title">{t('options_setAside')}</h2>
          <p>{t('options_setAsideHelp')}</p>
          <ul>
            {setAside.map((entry, i) => (
              <li key={i}>
                <code dir="auto">{entry.raw}</code> — <bdi>{entry.from}</bdi>: <bdi>{entry.detail}</bdi>{' '}
                <button type="button" class="link" onClick={() => void client.send('discardSetAside', { index: i }).then(reload)}>{t('options_discard')}</button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function RuleRow({ rule, cookiesNow, onUpdate, onRemove }: { rule: SiteRule; cookiesNow: readonly StoreChoiceCookies[] | null; onUpdate: (rule: SiteRule, change: { doNotTrack?: boolean; optOut?: OptOutLevel }) => Promise<void>; onRemove: (site: string) => Promise<void> }) {
  const { t, format } = useServices();
  const managed = rule.managed === true;
  return (
    <tr data-rule={rule.site} data-managed={managed ? '' : undefined}>
      <th scope="row">{rule.site}{managed ? <span class="tag"> {t('options_managed')}</span> : null}<RuleExtras rule={rule} /></th>
      <td>
        <input type="checkbox" aria-label={t('options_dntFor', [rule.site])} checked={rule.doNotTrack} disabled={managed} onChange={(e) => void onUpdate(rule, { doNotTrack: e.currentTarget.checked })} />
      </td>
      <td>
        <select aria-label={t('options_levelFor', [rule.site])} value={rule.optOut} disabled={managed} onChange={(e) => {
          const value = e.currentTarget.value;
          if (value === 'off' || value === 'cookies' || value === 'block') void onUpdate(rule, { optOut: value });
        }}>
          <option value="off">{t('level_off')}</option>
          <option value="cookies">{t('level_cookies')}</option>
          <option value="block">{t('level_block')}</option>
        </select>
      </td>
      <td data-cookies-now={rule.site}>{cookiesNow?.map((state) => <CookiesNowLine key={state.storeId} rule={rule} state={state} />)}</td>
      <td>{format.day(rule.since)}</td>
      <td>{managed ? null : <button type="button" class="link" aria-label={t('options_removeFor', [rule.site])} onClick={() => void onRemove(rule.site)}>{t('options_remove')}</button>}</td>
    </tr>
  );
}

/** What else the rule does on its site: trackers' own switches and Global Privacy Control. */
function RuleExtras({ rule }: { rule: SiteRule }) {
  const { t } = useServices();
  const { blocked, allowed } = ruleVendorChoices(rule);
  const names = (vendors: readonly string[]): string => vendors.map((vendor) => vendorName(vendor, t)).join(', ');
  const gpc = gpcOn(rule) ? 'on' : rule.gpc === false && rule.optOut !== 'off' ? 'off' : null;
  return (
    <>
      {blocked.length > 0 ? <p class="help" data-rule-blocked={blocked.join(' ')}>{t('options_vendorsBlocked', [names(blocked)])}</p> : null}
      {allowed.length > 0 ? <p class="help" data-rule-allowed={allowed.join(' ')}>{t('options_vendorsAllowed', [names(allowed)])}</p> : null}
      {gpc !== null ? <p class="help" data-rule-gpc={gpc}>{t(gpc === 'on' ? 'options_gpcOn' : 'options_gpcOff')}</p> : null}
    </>
  );
}

const NOTE_KEY_PART = { agrees: 'on', restoring: 'restoring', 'written-earlier': 'writtenEarlier' } as const;

function cookiesNowKey(choice: 'dnt' | 'optOut', view: SwitchView): MessageKey {
  return `cookiesNow_${choice}_${view.checked ? NOTE_KEY_PART[view.note] : 'off'}`;
}

/** One store's line: what the site's do-not-track and consent cookies say there, beside the rule. */
function CookiesNowLine({ rule, state }: { rule: SiteRule; state: StoreChoiceCookies }) {
  const { t } = useServices();
  const views = choiceSwitches(rule, state);
  const kind = cookieStoreKind(state.storeId);
  const store = kind === 'container' ? t('cookiesNow_store_container', [state.storeId]) : kind === 'other' ? t('cookiesNow_store_other', [state.storeId]) : t(kind === 'default' ? 'cookiesNow_store_default' : 'cookiesNow_store_private');
  return (
    <p class="help" data-store={state.storeId} data-dnt={views.doNotTrack.checked ? views.doNotTrack.note : 'off'} data-opt-out={views.optOut.checked ? views.optOut.note : 'off'}>
      {store}: {t(cookiesNowKey('dnt', views.doNotTrack))} · {t(cookiesNowKey('optOut', views.optOut))}
    </p>
  );
}
