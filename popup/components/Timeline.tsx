// A small picture of the visitor's history with the site: first visit, previous session,
// this session and its page views, on one time axis. SVG in currentColor, so both themes work.
import { useServices } from '../context.ts';
import type { HubspotSummary } from '../../src/explain/report.ts';

const WIDTH = 340;
const HEIGHT = 56;
const PAD = 12;

export function Timeline({ summary, now }: { summary: HubspotSummary; now: number }) {
  const { t, format } = useServices();
  const { firstVisit, previousVisit, currentVisit } = summary;
  if (firstVisit === undefined || currentVisit === undefined) return null;
  const start = Math.min(firstVisit, currentVisit);
  // The axis runs to now, and always spans at least a day so a first visit does not fill it.
  const span = Math.max(Math.max(now, currentVisit) - start, 86_400_000);
  const x = (ms: number): number => PAD + ((ms - start) / span) * (WIDTH - 2 * PAD);
  // Points closer than a label's width share the earlier point's label slot.
  const points: { key: string; ms: number; label: string }[] = [
    { key: 'first', ms: firstVisit, label: t('timeline_first') },
    ...(previousVisit !== undefined && previousVisit !== firstVisit ? [{ key: 'previous', ms: previousVisit, label: t('timeline_previous') }] : []),
    ...(currentVisit !== firstVisit ? [{ key: 'current', ms: currentVisit, label: t('timeline_current') }] : []),
  ];
  const description = t('timeline_description', [
    format.day(firstVisit),
    format.number(summary.sessionCount ?? 1),
    format.number(summary.pageViews ?? 0),
  ]);
  return (
    <figure class="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={description} width="100%">
        <line x1={PAD} y1={24} x2={WIDTH - PAD} y2={24} stroke="currentColor" stroke-opacity="0.35" stroke-width="2" />
        {points.map((p, i) => (
          <g key={p.key} data-point={p.key}>
            <circle cx={x(p.ms)} cy={24} r={p.key === 'current' ? 6 : 4.5} fill={p.key === 'current' ? 'var(--accent)' : 'currentColor'} />
            <text x={x(p.ms)} y={i % 2 === 0 ? 48 : 12} text-anchor={i === 0 ? 'start' : x(p.ms) > WIDTH - 60 ? 'end' : 'middle'} font-size="10" fill="currentColor">
              {p.label}
            </text>
          </g>
        ))}
        {summary.pageViews !== undefined
          ? Array.from({ length: Math.min(summary.pageViews, 12) }, (_, i) => (
              <rect key={`pv${i}`} x={Math.min(x(currentVisit) + 9 + i * 4, WIDTH - 4)} y={19} width={2.5} height={10} fill="var(--accent)" />
            ))
          : null}
      </svg>
      <figcaption>{description}</figcaption>
    </figure>
  );
}
