// Consent against reality: a category the visitor declined, yet a cookie of it is present or was refreshed.
import type { CookieView } from '../../src/explain/report.ts';

export function ConsentWarnings(_props: { views: readonly CookieView[]; now: number }) {
  return null;
}
