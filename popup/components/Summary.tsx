// "What HubSpot knows about you here": the decoded visitor history in one glance.
import type { ComponentChildren } from 'preact';
import { useServices } from '../../src/pages/context.ts';
import type { HubspotSummary } from '../../src/explain/report.ts';
import { Timeline } from './Timeline.tsx';

function iso(ms: number): string | undefined {
  return Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : undefined;
}

export function Row({ field, label, children }: { field: string; label: string; children: ComponentChildren }) {
  return (
    <div class="summary-row" data-field={field}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function When({ ms, now }: { ms: number; now: number }) {
  const { format } = useServices();
  return (
    <time dateTime={iso(ms)} data-ms={String(ms)}>
      {format.date(ms)} <span class="relative">({format.relative(ms, now)})</span>
    </time>
  );
}

export function Summary({ summary, now }: { summary: HubspotSummary; now: number }) {
  const { t, format } = useServices();
  if (!summary.present) {
    return (
      <section class="summary empty" aria-labelledby="summary-title" data-summary="none">
        <h2 id="summary-title">{t('summary_title')}</h2>
        <p>{t('summary_none')}</p>
      </section>
    );
  }
  const consent = summary.consent;
  const consentText =
    consent !== null
      ? [
          t(consent.analytics === true ? 'consent_analytics_allowed' : 'consent_analytics_declined'),
          t(consent.advertisement === true ? 'consent_advertisement_allowed' : 'consent_advertisement_declined'),
          t(consent.functionality === true ? 'consent_functionality_allowed' : 'consent_functionality_declined'),
        ].join(' · ')
      : summary.legacyOptOut === true ? t('consent_legacy_declined')
      : summary.legacyOptOut === false ? t('consent_legacy_accepted')
      : t('consent_none');
  return (
    <section class="summary" aria-labelledby="summary-title" data-summary="hubspot">
      <h2 id="summary-title">{t('summary_title')}</h2>
      <dl>
        {summary.firstVisit !== undefined ? <Row field="firstVisit" label={t('summary_firstSeen')}><When ms={summary.firstVisit} now={now} /></Row> : null}
        {summary.sessionCount !== undefined ? (
          <Row field="sessionCount" label={t('summary_sessions')}><span data-value={String(summary.sessionCount)}>{format.number(summary.sessionCount)}</span></Row>
        ) : null}
        {summary.pageViews !== undefined ? (
          <Row field="pageViews" label={t('summary_pageViews')}>
            <span data-value={String(summary.pageViews)}>{format.number(summary.pageViews)}</span>
            {summary.sessionStale === true ? <span class="note"> {t('summary_sessionStale')}</span> : null}
          </Row>
        ) : null}
        {summary.previousVisit !== undefined && summary.sessionCount !== undefined && summary.sessionCount > 1 ? (
          <Row field="previousVisit" label={t('summary_lastSession')}><When ms={summary.previousVisit} now={now} /></Row>
        ) : null}
        {summary.currentVisit !== undefined ? <Row field="currentVisit" label={t('summary_thisSession')}><When ms={summary.currentVisit} now={now} /></Row> : null}
        {summary.visitorId !== undefined ? <Row field="visitorId" label={t('summary_visitorId')}><code dir="auto">{summary.visitorId}</code></Row> : null}
        <Row field="consent" label={t('summary_consent')}>{consentText}</Row>
        <Row field="doNotTrack" label={t('summary_doNotTrack')}>
          <span data-value={summary.doNotTrack}>
            {t(summary.doNotTrack === 'on' ? 'dnt_on' : summary.doNotTrack === 'not-honoured' ? 'dnt_notHonoured' : 'dnt_off')}
          </span>
        </Row>
        {summary.hstcCopies > 1 ? <Row field="copies" label={t('summary_copies')}>{t('summary_copiesText', [format.number(summary.hstcCopies)])}</Row> : null}
      </dl>
      <Timeline summary={summary} now={now} />
    </section>
  );
}
