// Shared by the rule-file tests: fixture paths, and whether the PromQL parser is real yet.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..', '..', '..');
export const CORPUS = join(REPO, 'test-fixtures', 'corpus');
export const LINT_FIXTURES = join(REPO, 'test-fixtures', 'lint', 'rules');

/** The PromQL parser was a stub while this linter was written; AST-based tests wait for it. */
export const PARSER_READY = !readFileSync(join(REPO, 'server', 'src', 'promql', 'parse.ts'), 'utf8').includes('STUB');
