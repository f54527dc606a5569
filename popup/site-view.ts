// The lazily loaded half of the popup: the site view with every decoder and explanation. main.tsx
// starts loading it before asking the browser for the cookies, so it parses while the browser
// works and the start-up script stays small (docs/BENCHMARKS.md).
import { SitePage } from './SitePage.tsx';

export const siteView = { SitePage };
export type SiteView = typeof siteView;
