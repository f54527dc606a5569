import type { CookieFamily } from '../types.ts';

export const hubspotFamilies: readonly CookieFamily[] = [];
