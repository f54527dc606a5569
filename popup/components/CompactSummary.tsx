// Keeps the decoded summary short so the controls below it stay in the first screen of a 600 px
// popup: its first lines show, the rest opens with "Show all details". Everything stays in the
// page (screen readers read it all); a focus landing in the hidden part opens it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useServices } from '../../src/pages/context.ts';

export function CompactSummary({ children }: { children: ComponentChildren }) {
  const { t } = useServices();
  const [expanded, setExpanded] = useState(false);
  // The toggle only when there is more to show; checked after the first paint, so measuring the
  // layout never delays the popup's first render.
  const [overflows, setOverflows] = useState(false);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = body.current;
    if (element !== null && !expanded) setOverflows(element.scrollHeight > element.clientHeight + 1);
  });
  return (
    <div class="compact-summary">
      <div ref={body} id="summary-body" class={expanded ? 'summary-body' : 'summary-body collapsed'} onFocusIn={() => setExpanded(true)}>
        {children}
      </div>
      {overflows || expanded ? (
        <button type="button" class="link summary-toggle" aria-expanded={expanded} aria-controls="summary-body" onClick={() => setExpanded(!expanded)}>
          {t(expanded ? 'summary_less' : 'summary_more')}
        </button>
      ) : null}
    </div>
  );
}
