// A <details> whose content is made the first time it opens, then kept (closing it again keeps
// what was typed). Closed, it costs a page's first render only its summary: the popup opens with
// two such parts (add a cookie, import cookies) that most openings never look at.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export function LazyDetails({ class: className, summary, children }: {
  class: string;
  summary: ComponentChildren;
  /** The content, made on the first opening. */
  children: () => ComponentChildren;
}) {
  const [opened, setOpened] = useState(false);
  return (
    <details class={className} onToggle={(e) => { if (e.currentTarget.open) setOpened(true); }}>
      <summary>{summary}</summary>
      {opened ? children() : null}
    </details>
  );
}
