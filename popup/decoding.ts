// Everything that decodes and explains cookies, loaded as one lazy chunk: main.tsx starts loading
// it before asking the browser for the cookies, so it parses while the browser works, and the
// popup's start-up script stays small (docs/BENCHMARKS.md).
import { buildSiteReport, completeDecodes, pendingDecodes, viewCookie } from '../src/explain/report.ts';
import { buildExport, exportCsv } from '../src/explain/export.ts';
import { lookupNameFacts } from '../src/explain/name-facts.ts';

export const decoding = { buildSiteReport, completeDecodes, pendingDecodes, viewCookie, buildExport, exportCsv, lookupNameFacts };
export type Decoding = typeof decoding;
