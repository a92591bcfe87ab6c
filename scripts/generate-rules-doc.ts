// Writes docs/rules.md from the rule registry, so the documentation cannot drift from the code.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderRulesDoc } from '../server/src/lint/registry';

writeFileSync(path.join(path.dirname(__filename), '../docs/rules.md'), renderRulesDoc());
