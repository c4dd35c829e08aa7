// axe-core in Chromium tests: the page as drawn, open shadow roots included (axe walks them
// itself), checked against WCAG 2.x A and AA and axe's best practices.
import axe from 'axe-core';

/** The impacts a test fails on: what keeps someone from using the page, not what slows them. */
const FAILING: ReadonlySet<string> = new Set(['serious', 'critical']);

export interface AxeCheckOptions {
  /** What to check: the whole document by default. */
  context?: axe.ElementContext;
  /** Rules left out, each with the reason in a comment where it is passed. */
  disable?: readonly string[];
}

/** One violation, as a line a reader can act on: rule, impact, where, and what to fix. */
export function describeViolation(violation: axe.Result): string {
  const nodes = violation.nodes.map((node) => {
    const target = node.target.map((part) => (Array.isArray(part) ? part.join(' >> ') : String(part))).join(' | ');
    const summary = (node.failureSummary ?? '').replace(/\s+/g, ' ').trim();
    return `    ${target}\n      ${summary}`;
  });
  return `${violation.id} (${violation.impact}): ${violation.help}\n${nodes.join('\n')}`;
}

/** The violations of serious or critical impact on the page (or `context`), after it has drawn. */
export async function seriousViolations(options: AxeCheckOptions = {}): Promise<axe.Result[]> {
  const rules = Object.fromEntries((options.disable ?? []).map((id) => [id, { enabled: false }]));
  const results = await axe.run(options.context ?? document, {
    rules,
    resultTypes: ['violations'],
    // Targets through shadow roots read as `host >> inner`, which the description prints.
    selectors: true,
  });
  return results.violations.filter((violation) => FAILING.has(violation.impact ?? ''));
}

/** Throws with a readable list when axe finds a violation of serious or critical impact. */
export async function expectNoSeriousViolations(options: AxeCheckOptions = {}): Promise<void> {
  const violations = await seriousViolations(options);
  if (violations.length === 0) return;
  const count = violations.reduce((sum, violation) => sum + violation.nodes.length, 0);
  throw new Error(
    `axe-core: ${violations.length} rules violated (serious or critical) at ${count} places\n` +
      violations.map(describeViolation).join('\n'),
  );
}
