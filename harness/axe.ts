// axe-core in an extension page or a demo page, with every rule it runs by default.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './paths.ts';

const AXE_SOURCE = readFileSync(join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: string; readonly summary: string }[];
}

export interface AxeResult {
  readonly violations: readonly AxeFinding[];
  /**
   * Whether the colour-contrast rule ran and passed on the page's text: a theme whose colours
   * axe could not work out must not pass by default.
   */
  readonly contrastPassed: boolean;
}

/** Runs axe-core in the page and returns its violations. */
export async function runAxe(page: Page): Promise<AxeResult> {
  // The extension's CSP allows no inline script, so axe is evaluated through the debugger
  // protocol rather than added as a <script> element.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    interface AxeRule { id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }
    const axe: unknown = Reflect.get(window, 'axe');
    const run: unknown = typeof axe === 'object' && axe !== null ? Reflect.get(axe, 'run') : undefined;
    if (typeof run !== 'function') throw new Error('axe-core did not load');
    const result: { violations: AxeRule[]; passes: AxeRule[] } = await run.call(axe, document, { resultTypes: ['violations'] });
    return {
      contrastPassed: result.passes.some((rule) => rule.id === 'color-contrast'),
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? null,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
      })),
    };
  });
}
