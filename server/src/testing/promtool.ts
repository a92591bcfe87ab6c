// The real promtool for the differential tests: where it is, its major version, a test that
// says so when it is absent, and the comparison of its verdicts with ours.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';

/** Inside a describe: when promtool is absent, adds a test saying so and returns true. */
export function skipWithoutPromtool(): boolean {
  if (existsSync(PROMTOOL)) return false;
  it(`promtool comparison not run: ${PROMTOOL} is absent (apt-get install prometheus, or set PROMTOOL)`, () => {
    assert.ok(!existsSync(PROMTOOL));
  });
  return true;
}

/** promtool's major version (Debian 12 ships 2.42; the checks follow 3.x). */
export function promtoolMajor(): number {
  const out = execFileSync(PROMTOOL, ['--version'], { encoding: 'utf8' });
  return Number(/version (\d+)\./.exec(out)?.[1] ?? 3);
}

export interface Agreement {
  compared: number;
  /** Cases promtool refused. */
  failing: number;
  /** Each case where promtool's verdict and ours differ, with both outputs. */
  differ: string[];
}

/**
 * Writes each case to `fileName` in a temporary folder, runs promtool with `args(file)`, and
 * compares its exit code with `ours(text, file)`: the messages of what we would fail on.
 */
export function agreeWithPromtool(
  cases: readonly string[], fileName: string, args: (file: string) => string[], ours: (text: string, file: string) => string[],
): Agreement {
  const dir = mkdtempSync(join(tmpdir(), 'promtool-'));
  const result: Agreement = { compared: 0, failing: 0, differ: [] };
  try {
    for (const text of cases) {
      const file = join(dir, fileName);
      writeFileSync(file, text);
      const run = spawnSync(PROMTOOL, args(file), { encoding: 'utf8', timeout: 30_000 });
      const found = ours(text, file);
      result.compared++;
      if (run.status !== 0) result.failing++;
      if ((run.status === 0) !== (found.length === 0)) {
        result.differ.push(`${text}\n  promtool: ${(run.stdout + run.stderr).trim()}\n  ours: ${found.join('; ')}`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
