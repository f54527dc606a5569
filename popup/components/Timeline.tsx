// A small picture of the visitor's history with the site: first visit, previous session,
// this session and its page views, on one time axis. SVG in currentColor, so both themes work.
import { useServices } from '../../src/pages/context.ts';
import type { HubspotSummary } from '../../src/explain/report.ts';

const WIDTH = 340;
const HEIGHT = 56;
const PAD = 12;
const AXIS_Y = 24;
const ROWS: readonly number[] = [48, 12];
const FONT_SIZE = 10;
// An upper estimate of a label's width in the 10px system font; labels are only laid out with it.
const CHAR_WIDTH = 6;

interface Point {
  readonly key: 'first' | 'previous' | 'current';
  readonly ms: number;
  readonly label: string;
}

interface PlacedLabel {
  readonly x: number;
  readonly y: number;
}

/**
 * Places each label centred under (or over) its point, moved sideways just enough to stay inside
 * the picture and clear of the labels before it: the lower row first, the upper row when the
 * lower is taken. Points of one day sit on top of each other; their labels still do not.
 */
function placeLabels(points: readonly { readonly x: number; readonly label: string }[]): PlacedLabel[] {
  const rowEnds: number[] = ROWS.map(() => -Infinity);
  return points.map(({ x, label }) => {
    const width = label.length * CHAR_WIDTH;
    const centred = Math.min(Math.max(x - width / 2, 0), WIDTH - width);
    let row = rowEnds.findIndex((end) => centred >= end + 6);
    if (row === -1) row = rowEnds.indexOf(Math.min(...rowEnds));
    const left = Math.min(Math.max(centred, (rowEnds[row] ?? -Infinity) + 6), WIDTH - width);
    rowEnds[row] = left + width;
    return { x: left, y: ROWS[row] ?? AXIS_Y * 2 };
  });
}

export function Timeline({ summary, now }: { summary: HubspotSummary; now: number }) {
  const { t, format } = useServices();
  const { firstVisit, previousVisit, currentVisit } = summary;
  if (firstVisit === undefined || currentVisit === undefined) return null;
  const start = Math.min(firstVisit, currentVisit);
  // The axis runs to now, and always spans at least a day so a first visit does not fill it.
  const span = Math.max(Math.max(now, currentVisit) - start, 86_400_000);
  const x = (ms: number): number => PAD + ((ms - start) / span) * (WIDTH - 2 * PAD);
  const points: Point[] = [{ key: 'first', ms: firstVisit, label: t('timeline_first') }];
  if (previousVisit !== undefined && previousVisit !== firstVisit) points.push({ key: 'previous', ms: previousVisit, label: t('timeline_previous') });
  if (currentVisit !== firstVisit) points.push({ key: 'current', ms: currentVisit, label: t('timeline_current') });
  const labels = placeLabels(points.map((p) => ({ x: x(p.ms), label: p.label })));
  const description = t('timeline_description', [
    format.day(firstVisit),
    format.number(summary.sessionCount ?? 1),
    format.number(summary.pageViews ?? 0),
  ]);
  // The picture's own name lists its points with their dates; the caption below sums it up.
  const pictureName = points.map((p) => `${p.label}: ${format.date(p.ms)}`).join(', ');
  return (
    <figure class="timeline" data-timeline>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={pictureName} width="100%">
        <line x1={PAD} y1={AXIS_Y} x2={WIDTH - PAD} y2={AXIS_Y} stroke="currentColor" stroke-opacity="0.35" stroke-width="2" />
        {points.map((p, i) => (
          <g key={p.key} data-point={p.key} data-ms={String(p.ms)}>
            <circle cx={x(p.ms)} cy={AXIS_Y} r={p.key === 'current' ? 6 : 4.5} fill={p.key === 'current' ? 'var(--accent)' : 'currentColor'} />
            <text x={labels[i]?.x ?? 0} y={labels[i]?.y ?? AXIS_Y * 2} font-size={FONT_SIZE} fill="currentColor">{p.label}</text>
          </g>
        ))}
        {summary.pageViews !== undefined
          ? Array.from({ length: Math.min(summary.pageViews, 12) }, (_, i) => (
              <rect key={`pv${i}`} x={Math.min(x(currentVisit) + 9 + i * 4, WIDTH - 4)} y={AXIS_Y - 5} width={2.5} height={10} fill="var(--accent)" />
            ))
          : null}
      </svg>
      <figcaption>{description}</figcaption>
    </figure>
  );
}
