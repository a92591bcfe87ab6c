// Passwords and bearer tokens of data sources: kept in the editor's SecretStorage (never in
// settings, never logged) under `monitoring.datasource.<name>.password|token`, and handed to the
// language server (`monitoring/credentials`, memory only) at start and whenever they change.
import * as vscode from 'vscode';
import { readDatasources, type DataSourceSettings } from '../config';

export type SecretKind = 'password' | 'token';

export interface Credentials {
  password?: string;
  token?: string;
}

export interface Notifier {
  sendNotification(method: string, params: unknown): Promise<void>;
}

const PREFIX = 'monitoring.datasource.';

export function secretKey(datasource: string, kind: SecretKind): string {
  return `${PREFIX}${datasource}.${kind}`;
}

export class DatasourceSecrets implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];

  /** `afterChange`: called once the server has the changed secrets (e.g. to check the data source again). */
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly server: Notifier,
    afterChange: () => void = () => {},
  ) {
    this.subscriptions.push(
      secrets.onDidChange((e) => {
        if (e.key.startsWith(PREFIX)) void this.send().then(afterChange);
      }),
    );
  }

  /** Every configured data source's stored secrets. */
  async collect(): Promise<Record<string, Credentials>> {
    const out: Record<string, Credentials> = {};
    for (const d of readDatasources()) {
      const [password, token] = await Promise.all([this.secrets.get(secretKey(d.name, 'password')), this.secrets.get(secretKey(d.name, 'token'))]);
      if (password !== undefined || token !== undefined) out[d.name] = { ...(password !== undefined ? { password } : {}), ...(token !== undefined ? { token } : {}) };
    }
    return out;
  }

  /** Sends `monitoring/credentials` (the whole set: the server replaces what it had). */
  async send(): Promise<void> {
    try {
      await this.server.sendNotification('monitoring/credentials', { credentials: await this.collect() });
    } catch {
      // The server is not running (stopped or restarting): it gets them when it is back.
    }
  }

  /** `monitoring.setDatasourceCredentials`. */
  async set(): Promise<void> {
    const d = await pickDatasource('Set the password or token of');
    if (!d) return;
    const kind = await kindFor(d);
    if (!kind) return;
    const value = await vscode.window.showInputBox({
      title: `${kind === 'password' ? 'Password' : 'Bearer token'} for ${d.name}`,
      prompt: kind === 'password' ? `Basic authentication password${d.auth?.username ? ` of ${d.auth.username}` : ''} at ${d.url}` : `Sent as "Authorization: Bearer …" to ${d.url}`,
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return;
    await this.secrets.store(secretKey(d.name, kind), value);
    void vscode.window.showInformationMessage(`Stored the ${kind === 'password' ? 'password' : 'token'} of ${d.name} in the secret storage.`);
  }

  /** `monitoring.clearDatasourceCredentials`: forgets both secrets of a data source. */
  async clear(): Promise<void> {
    const d = await pickDatasource('Forget the password and token of');
    if (!d) return;
    await Promise.all([this.secrets.delete(secretKey(d.name, 'password')), this.secrets.delete(secretKey(d.name, 'token'))]);
    void vscode.window.showInformationMessage(`Removed the stored password and token of ${d.name}.`);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}

async function pickDatasource(title: string): Promise<DataSourceSettings | undefined> {
  const list = readDatasources();
  if (list.length === 0) {
    const add = 'Add data source';
    if ((await vscode.window.showWarningMessage('No data source is configured (monitoring.datasources).', add)) === add) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'monitoring.datasources');
    }
    return undefined;
  }
  if (list.length === 1) return list[0];
  const pick = await vscode.window.showQuickPick(
    list.map((d) => ({ label: d.name, description: d.url, detail: d.auth?.kind && d.auth.kind !== 'none' ? `${d.auth.kind} authentication` : undefined, d })),
    { title: `${title} data source` },
  );
  return pick?.d;
}

/** Basic auth takes a password, bearer a token; without an auth kind the user says which. */
async function kindFor(d: DataSourceSettings): Promise<SecretKind | undefined> {
  if (d.auth?.kind === 'basic') return 'password';
  if (d.auth?.kind === 'bearer') return 'token';
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Password', description: 'HTTP basic authentication (set auth.kind "basic" and auth.username)', secret: 'password' as const },
      { label: 'Bearer token', description: 'Authorization: Bearer (set auth.kind "bearer")', secret: 'token' as const },
    ],
    { title: `${d.name} has no auth.kind in monitoring.datasources: what do you want to store?` },
  );
  return pick?.secret;
}
