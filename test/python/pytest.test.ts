// Runs the pytest suite of python/ (statescope_export, statescope_notebook), so that `npm test` covers it.
import { expect, it } from 'vitest';
import { describeWithPython, runPython } from './python.js';

describeWithPython('python/tests (pytest, Debian python3)', () => {
  it('passes', async () => {
    const { code, output } = await runPython(['-m', 'pytest', 'python/tests', '-q'], 120_000);
    expect(code, output).toBe(0);
    expect(output).toMatch(/\d+ passed/);
  }, 150_000);
});
