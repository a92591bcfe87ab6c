// The reference corpus copied into test-fixtures/corpus, read the same way by every test.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

// __filename, not __dirname: tsx gives ESM importers (the benchmarks) a wrong __dirname.
export const CORPUS_DIR = path.join(path.dirname(__filename), '../../../test-fixtures/corpus');

/** One JSON object per non-blank line of a corpus file (path relative to the corpus folder). */
export function readCorpusJsonl<T>(rel: string): T[] {
  return readFileSync(path.join(CORPUS_DIR, rel), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}
