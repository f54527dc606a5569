// Who explains a cookie: its decoder when Cookie Lens decodes the name, else the Open Cookie
// Database's facts about the name, else nobody. The one place this order is decided: the popup's
// rows (report.ts), the JSON of the command line and the exports (json.ts), the command line's
// tables (src/cli/format.ts) and its consent check (src/cli/audit.ts) all ask here.
import type { CookieFamily } from '../decode/types.ts';

export type Attributed<Facts> =
  | { readonly by: 'decoder'; readonly family: CookieFamily }
  | { readonly by: 'database'; readonly facts: Facts }
  | { readonly by: 'none' };

const NOBODY = { by: 'none' } as const;

/** `databaseFacts` is asked only for a name no decoder knows. */
export function attributeCookie<Facts>(family: CookieFamily | undefined, databaseFacts: () => Facts | undefined): Attributed<Facts> {
  if (family !== undefined) return { by: 'decoder', family };
  const facts = databaseFacts();
  return facts === undefined ? NOBODY : { by: 'database', facts };
}
