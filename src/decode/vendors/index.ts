import type { CookieFamily } from '../types.ts';

export const vendorFamilies: readonly CookieFamily[] = [];
