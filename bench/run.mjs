// `npm run bench`: runs every bench/*.bench.mjs in turn and prints their figures.
// Benchmarks measure side by side with a reference in the same run and report ratios;
// record the figures in BENCHMARKS.md with the date and the machine.
import { readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as path from 'node:path';

const dir = path.dirname(fileURLToPath(import.meta.url));
/** Names a bench is asked for by, when they differ from its file name. */
const ALIASES = { 'backend-completion': 'backendCompletion' };
const only = process.argv.slice(2).map((o) => ALIASES[o] ?? o);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

console.log(`# ${new Date().toISOString()} — ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
let failed = false;
for (const f of files) {
  console.log(`\n## ${f}`);
  try {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    await mod.run();
  } catch (e) {
    failed = true;
    console.log(`FAILED: ${e?.stack ?? e}`);
  }
}
process.exitCode = failed ? 1 : 0;
