// The sentences of the "is my choice holding?" line. The count always comes from the record,
// through a placeholder, never from the sentence (test/unit/core/verification.test.ts).
import type { HoldingView } from '../src/core/verification.ts';
import type { Translator } from '../src/i18n/messages.ts';
import type { Formatter } from '../src/pages/format.ts';

export type WatchedView = Extract<HoldingView, { watched: true }>;

/** "Not holding: 3 tracking requests to track.hubspot.com since your choice, the last 2 minutes ago." */
export function leakingText(view: WatchedView, t: Translator, format: Formatter, now: number): string {
  const { count } = view;
  const requests = format.number(count.trackingRequests);
  const host = count.lastRequestHost ?? '';
  const last = format.relative(count.lastRequestAt ?? now, now);
  return view.sinceChoice
    ? t('verify_leaking', [requests, host, last])
    : t('verify_leakingSinceCounting', [requests, host, format.relative(count.since, now), last]);
}

/** "Holding: 0 tracking requests since you chose this (3 weeks ago)." */
export function holdingText(view: WatchedView, t: Translator, format: Formatter, now: number): string {
  const args = [format.number(view.count.trackingRequests), format.relative(view.count.since, now)];
  return t(view.sinceChoice ? 'verify_holding' : 'verify_holdingSinceCounting', args);
}
