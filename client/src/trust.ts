// Workspace Trust for settings that choose where requests go. A workspace the user has not
// trusted could name any server (and have the user's credentials sent to it), so there only the
// user's own (global) value counts; workspace and folder values are ignored. Pure: no vscode import.

/** The shape of `WorkspaceConfiguration.inspect(key)`, as far as it matters here. */
export interface InspectedSetting<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

/** The value to use: the effective one when trusted, else the user's own value (or none). */
export function trustedValue<T>(inspected: InspectedSetting<T> | undefined, effective: T | undefined, trusted: boolean): T | undefined {
  return trusted ? effective : inspected?.globalValue;
}
