// A polite live region: screen readers announce what an action did (reset done, undo done, a warning).
import { useCallback, useState } from 'preact/hooks';

export function useAnnouncer(): { message: string; announce: (text: string) => void } {
  const [message, setMessage] = useState('');
  const announce = useCallback((text: string) => {
    // Clearing first makes a repeated identical message announce again.
    setMessage('');
    setTimeout(() => setMessage(text), 30);
  }, []);
  return { message, announce };
}

export function Announcer({ message }: { message: string }) {
  return (
    <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
