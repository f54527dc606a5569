// Editing a cookie (its value and expiry) in its details, and adding one for the site. The
// background writes (message `writeCookie`); an edited cookie's old copy goes into the site's undo
// snapshot, so the popup's Undo restores it. The browser's refusal is shown as one line.
import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { CookieRecord } from '../../src/model/cookie.ts';
import type { CookieInput, WriteCookieOutcome } from '../../src/protocol/messages.ts';
import { useServices } from '../../src/pages/context.ts';
import { useAnnounce } from '../../src/pages/Announcer.tsx';
import { LazyDetails } from '../../src/pages/LazyDetails.tsx';

/** What the forms need from the site page: the tab to write to and a way to read the site again. */
export interface EditTarget {
  readonly tabId: number;
  /** The site's host, the default domain of an added cookie. */
  readonly host: string;
  readonly onChanged: () => void;
}

export const EditContext = createContext<EditTarget | null>(null);

/** `datetime-local` text for an expiry in seconds (local time); empty for a session cookie. */
function localInputValue(expirationDate: number | undefined): string {
  if (expirationDate === undefined) return '';
  const date = new Date(expirationDate * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Seconds since the epoch from `datetime-local` text; undefined (a session cookie) when empty or not a date. */
function expiryFromInput(text: string): number | undefined {
  if (text === '') return undefined;
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

function useWrite(): { busy: boolean; error: string | null; write: (cookie: CookieInput, done: string) => void } {
  const { client, t } = useServices();
  const target = useContext(EditContext);
  const announce = useAnnounce();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const write = (cookie: CookieInput, done: string): void => {
    if (target === null) return;
    setBusy(true);
    setError(null);
    void client.send('writeCookie', { tabId: target.tabId, cookie }).then((reply) => {
      setBusy(false);
      const outcome: WriteCookieOutcome | null = reply.ok ? reply.value : null;
      const problem = !reply.ok ? t('edit_error', [reply.error.detail])
        : outcome?.refused === 'other-site' ? t('edit_refused_otherSite')
        : outcome?.refused === 'expired' ? t('edit_refused_expired')
        : outcome?.refused === 'host-prefix' ? t('edit_refused_hostPrefix')
        : outcome?.refused === 'secure-prefix' ? t('edit_refused_securePrefix')
        : outcome?.failure != null ? t('edit_refused_browser', [outcome.failure.replace(/\s+/g, ' ')])
        : outcome?.written === true ? null : t('edit_error', ['']);
      if (problem !== null) {
        setError(problem);
        announce(problem);
        return;
      }
      announce(done);
      target.onChanged();
    });
  };
  return { busy, error, write };
}

/** The edit form inside a cookie's details. Partitioned cookies are not editable here: a write cannot name their partition. */
export function EditCookieForm({ cookie }: { cookie: CookieRecord }) {
  const { t } = useServices();
  const target = useContext(EditContext);
  const [value, setValue] = useState(cookie.value);
  const [expiry, setExpiry] = useState(localInputValue(cookie.expirationDate));
  const { busy, error, write } = useWrite();
  if (target === null || cookie.partitionKey !== undefined) return null;
  const submit = (event: Event): void => {
    event.preventDefault();
    const expirationDate = expiryFromInput(expiry);
    const { name, domain, hostOnly, path, secure, httpOnly, sameSite } = cookie;
    write({ name, value, domain, hostOnly, path, secure, httpOnly, sameSite, ...(expirationDate === undefined ? {} : { expirationDate }) }, t('edit_done', [cookie.name]));
  };
  return (
    <form class="cookie-edit" data-edit={cookie.name} onSubmit={submit}>
      <label>{t('edit_value')}<textarea rows={2} value={value} onInput={(e) => setValue(e.currentTarget.value)} /></label>
      <label>{t('edit_expires')}<input type="datetime-local" value={expiry} onInput={(e) => setExpiry(e.currentTarget.value)} /></label>
      <p class="help">{t('edit_expiresHelp')}</p>
      <button type="submit" disabled={busy}>{t('edit_save', [cookie.name])}</button>
      {error !== null ? <p role="alert" class="error" data-edit-error="">{error}</p> : null}
    </form>
  );
}

/** "Add a cookie" for the site, below the list. */
export function AddCookieForm() {
  const { t } = useServices();
  const target = useContext(EditContext);
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [domain, setDomain] = useState('');
  const [path, setPath] = useState('/');
  const [expiry, setExpiry] = useState('');
  const [secure, setSecure] = useState(true);
  const [httpOnly, setHttpOnly] = useState(false);
  const { busy, error, write } = useWrite();
  if (target === null) return null;
  const submit = (event: Event): void => {
    event.preventDefault();
    const expirationDate = expiryFromInput(expiry);
    const trimmed = domain.trim();
    // No Domain: a host-only cookie of the page's host. A Domain: `.domain`, as the browser stores it.
    const cookieDomain = trimmed === '' ? target.host : `.${trimmed.replace(/^\./, '')}`;
    write({
      name: name.trim(), value, domain: cookieDomain, hostOnly: trimmed === '', path: path === '' ? '/' : path, secure, httpOnly, sameSite: 'lax',
      ...(expirationDate === undefined ? {} : { expirationDate }),
    }, t('add_done', [name.trim()]));
  };
  return (
    <LazyDetails class="cookie-add" summary={t('add_heading')}>
      {() => (
        <form data-add="" onSubmit={submit}>
          <label>{t('add_name')}<input type="text" required value={name} onInput={(e) => setName(e.currentTarget.value)} /></label>
          <label>{t('edit_value')}<input type="text" value={value} onInput={(e) => setValue(e.currentTarget.value)} /></label>
          <label>{t('add_domain')}<input type="text" value={domain} placeholder={target.host} onInput={(e) => setDomain(e.currentTarget.value)} /></label>
          <p class="help">{t('add_domainHelp')}</p>
          <label>{t('add_path')}<input type="text" value={path} onInput={(e) => setPath(e.currentTarget.value)} /></label>
          <label>{t('edit_expires')}<input type="datetime-local" value={expiry} onInput={(e) => setExpiry(e.currentTarget.value)} /></label>
          <label class="check"><input type="checkbox" checked={secure} onChange={(e) => setSecure(e.currentTarget.checked)} /> {t('attr_secure')}</label>
          <label class="check"><input type="checkbox" checked={httpOnly} onChange={(e) => setHttpOnly(e.currentTarget.checked)} /> {t('attr_httpOnly')}</label>
          <button type="submit" disabled={busy || name.trim() === ''}>{t('add_submit')}</button>
          {error !== null ? <p role="alert" class="error" data-add-error="">{error}</p> : null}
        </form>
      )}
    </LazyDetails>
  );
}
