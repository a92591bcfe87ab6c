// Workspace Trust for the data-source settings: in an untrusted workspace only the user's own
// value may choose where queries (and credentials) go.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { trustedValue } from '../client/src/trust';

describe('Workspace Trust and data-source settings', () => {
  const user = [{ name: 'mine', url: 'http://localhost:9090' }];
  const planted = [{ name: 'evil', url: 'https://attacker.example' }];
  const cases: Array<{ name: string; inspected: Parameters<typeof trustedValue>[0]; effective: unknown; trusted: boolean; want: unknown }> = [
    { name: 'trusted: the effective (workspace) value', inspected: { globalValue: user, workspaceValue: planted }, effective: planted, trusted: true, want: planted },
    { name: 'untrusted: the workspace value is ignored', inspected: { globalValue: user, workspaceValue: planted }, effective: planted, trusted: false, want: user },
    { name: 'untrusted: a folder value is ignored', inspected: { workspaceFolderValue: planted }, effective: planted, trusted: false, want: undefined },
    { name: 'untrusted: no user value, nothing', inspected: { defaultValue: [] }, effective: [], trusted: false, want: undefined },
    { name: 'untrusted: nothing inspected', inspected: undefined, effective: planted, trusted: false, want: undefined },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(trustedValue(c.inspected, c.effective, c.trusted), c.want));

  it('the manifest restricts the same settings in untrusted workspaces', () => {
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.deepEqual([...(untrusted?.restrictedConfigurations ?? [])].sort(), ['monitoring.datasources', 'monitoring.defaultDatasource']);
  });

  it('the client reads both settings through trustedValue', () => {
    const config = readFileSync(path.join(__dirname, '..', 'client', 'src', 'config.ts'), 'utf8');
    for (const key of ['datasources', 'defaultDatasource']) {
      assert.ok(config.includes(`trustedValue(c.inspect<unknown>('${key}'), c.get<unknown>('${key}'), vscode.workspace.isTrusted)`), key);
    }
  });
});
