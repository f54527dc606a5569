// How the pages name a vendor and a cookie category, in the visitor's language: shared by the
// popup's rows and summaries and the side panel's activity log.
import type { Category } from '../decode/types.ts';
import { messageKeyPart, type MessageKey, type Translator } from '../i18n/messages.ts';

const CATEGORY_TITLES: ReadonlyMap<Category | null, MessageKey> = new Map<Category | null, MessageKey>([
  ['analytics', 'category_analytics'],
  ['advertising', 'category_advertising'],
  ['functional', 'category_functional'],
  ['necessary', 'category_necessary'],
  [null, 'category_unknown'],
]);

/** The vendor as the pages name it: translated when the locale has a name for it. */
export function vendorName(vendor: string | null, t: Translator): string {
  return vendor === null ? t('vendor_unknown') : (t.dynamic(`vendor_${messageKeyPart(vendor)}`) ?? vendor);
}

export function categoryName(category: Category | null, t: Translator): string {
  return t(CATEGORY_TITLES.get(category) ?? 'category_unknown');
}

