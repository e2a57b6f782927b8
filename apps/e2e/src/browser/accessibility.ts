import type { Browser, Page } from 'playwright-core';

const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on what `page` shows, in a scripted copy of it: the console itself works without JavaScript, so
 * the pages under test have scripts off. Returns the serious and critical violations.
 */
export async function seriousAccessibilityViolations(browser: Browser, page: Page): Promise<AxeViolation[]> {
  const html = await page.content();
  const context = await browser.newContext({ javaScriptEnabled: true, bypassCSP: true });
  try {
    const copy = await context.newPage();
    await copy.setContent(html);
    await copy.addScriptTag({ path: AXE_SCRIPT });
    const violations = await copy.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: RawViolation[] }> } }).axe;
      const result = await axe.run();
      return result.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
    });
    return violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
  } finally {
    await context.close();
  }
}

interface RawViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}
