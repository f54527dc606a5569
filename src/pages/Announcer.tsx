// A polite live region: screen readers announce what an action did (reset done, undo done, a
// warning, a copy). Pages render one Announcer and hand `announce` down through AnnounceContext.
import { createContext } from 'preact';
import { useCallback, useContext, useState } from 'preact/hooks';

export function useAnnouncer(): { message: string; announce: (text: string) => void } {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated identical message announce again.
    setMessage('');
    setTimeout(() => setMessage(text), 30);
  }, []);
  return { message, announce };
}

/** The page's `announce`; without a provider, announcements go nowhere (never a crash). */
export const AnnounceContext = createContext<(text: string) => void>(() => undefined);

export function useAnnounce(): (text: string) => void {
  return useContext(AnnounceContext);
}

export function Announcer({ message }: { message: string }) {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-announcer>
      {message}
    </div>
  );
}
