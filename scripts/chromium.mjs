// Debian Chromium and the flags that keep it quiet on this closed network (see
// ../shared/docs/real-components.md). One list for the VS Code test runner, the icon renderer and
// the webview tests.
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
