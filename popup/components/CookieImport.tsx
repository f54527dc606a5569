// Cookies in: a Cookie-Editor JSON or a Netscape cookies.txt, pasted or chosen as a file, shown as a
// preview (what will be written, what will not and why) before anything changes, and undoable.
// Pasting is offered beside the file: a file chooser closes the toolbar popup in some browsers.
import { useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';
import type { SiteSnapshot } from '../../src/protocol/client.ts';
import type { FailedCookie } from '../../src/protocol/messages.ts';
import { parseCookieFile } from '../../src/core/cookie-files.ts';
import { planImport, type ImportPlan } from '../../src/core/import-plan.ts';
import { FailedList } from './Controls.tsx';
import { useErrorText } from '../../src/pages/error-text.ts';
import { LazyDetails } from '../../src/pages/LazyDetails.tsx';

type SiteData = Extract<SiteSnapshot, { kind: 'site' }>;

export function CookieImport({ data, announce, onChanged }: { data: SiteData; announce: (text: string) => void; onChanged: () => void }) {
  const { client, t, format } = useServices();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ readonly text: string; readonly plan: ImportPlan } | null>(null);
  const [failed, setFailed] = useState<readonly FailedCookie[]>([]);
  const [undoable, setUndoable] = useState(false);
  const [busy, setBusy] = useState(false);

  const look = (fileText: string): void => {
    setFailed([]);
    const parsed = parseCookieFile(fileText);
    if (!parsed.ok) {
      // One line: nothing is used from a file that is not right as a whole.
      setPreview(null);
      setProblem(t('import_invalid', [parsed.reason]));
      return;
    }
    setProblem(null);
    setPreview({ text: fileText, plan: planImport(data.site, data.tab.storeId, parsed.cookies, data.cookies, client.now()) });
  };

  const run = (action: () => Promise<string | null>): void => {
    if (busy) return;
    setBusy(true);
    void action().then((done) => {
      setBusy(false);
      if (done !== null) announce(done);
      onChanged();
    });
  };

  const confirm = (fileText: string): void => run(async () => {
    const reply = await client.send('importCookies', { tabId: data.tab.tabId, text: fileText });
    setPreview(null);
    if (!reply.ok) {
      setProblem(`${errorText(reply.error)} (${reply.error.detail})`);
      return null;
    }
    setText('');
    setFailed(reply.value.failed);
    setUndoable(true);
    const done = format.plural('import_done', reply.value.written);
    return reply.value.failed.length > 0 ? `${done} ${format.plural('failed_intro', reply.value.failed.length)}` : done;
  });

  const undo = (): void => run(async () => {
    const reply = await client.send('undoImport', { tabId: data.tab.tabId });
    setUndoable(false);
    if (!reply.ok) {
      setProblem(`${errorText(reply.error)} (${reply.error.detail})`);
      return null;
    }
    setFailed(reply.value.failed);
    return reply.value.nothing ? t('import_undoNothing') : t('import_undone');
  });

  return (
    <LazyDetails class="cookie-import" summary={t('import_title')}>
      {() => (
        <>
        <p class="help">{t('import_help', [data.site.registrableDomain])}</p>
        <label class="import-paste">
          {t('import_pasteLabel')}
          <textarea rows={3} value={text} spellcheck={false} onInput={(e) => setText(e.currentTarget.value)} />
        </label>
        <div class="import-actions">
          <button type="button" class="button secondary" onClick={() => look(text)}>{t('import_preview')}</button>
          <label class="import-file">
            {t('import_fileLabel')}{' '}
            <input type="file" accept=".json,.txt,application/json,text/plain" onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file !== undefined) void file.text().then((fileText) => { setText(fileText); look(fileText); });
            }} />
          </label>
        </div>
        {problem !== null ? <p class="error" role="alert" data-import-problem>{problem}</p> : null}
        {preview !== null ? (
          <div class="import-preview" data-import-preview>
            <p>{format.plural('import_willWrite', preview.plan.write.length)}{preview.plan.replaced.length > 0 ? ` ${format.plural('import_willReplace', preview.plan.replaced.length)}` : ''}</p>
            {preview.plan.write.length > 0 ? (
              <ul class="reset-list">
                {preview.plan.write.map((cookie) => <li key={`${cookie.domain}${cookie.path}${cookie.name}`} data-import-cookie={cookie.name}><code dir="auto">{cookie.name}</code> <span class="where">{cookie.domain}{cookie.path}</span></li>)}
              </ul>
            ) : null}
            {preview.plan.refused.length > 0 ? (
              <>
                <p>{format.plural('import_willSkip', preview.plan.refused.length)}</p>
                <ul class="reset-list">
                  {preview.plan.refused.map(({ cookie, reason }, i) => (
                    <li key={i} data-import-refused={cookie.name}><code dir="auto">{cookie.name}</code> <span class="where">{cookie.domain}{cookie.path}</span>: {t(`import_refused_${reason === 'other-site' ? 'otherSite' : reason}`)}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <div class="reset-actions">
              <button type="button" class="button" disabled={preview.plan.write.length === 0} aria-disabled={busy ? 'true' : undefined} onClick={() => confirm(preview.text)}>
                {format.plural('import_confirm', preview.plan.write.length)}
              </button>
              <button type="button" class="button secondary" onClick={() => setPreview(null)}>{t('reset_cancel')}</button>
            </div>
          </div>
        ) : null}
        {undoable ? <button type="button" class="button secondary" aria-disabled={busy ? 'true' : undefined} onClick={undo}>{t('import_undo')}</button> : null}
        <FailedList failed={failed} />
        </>
      )}
    </LazyDetails>
  );
}
