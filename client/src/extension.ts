// Placeholder until the language client lands (issue: language server and VS Code client).
export function activate(): void {}
export function deactivate(): void {}
