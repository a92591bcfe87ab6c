// Renders images/icon.svg to images/icon.png (128×128, transparent corners) in headless Chromium,
// so the committed PNG can be regenerated from its source:  node scripts/render-icon.mjs
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from './vscode-harness.mjs';

const svg = readFileSync(join(ROOT, 'images', 'icon.svg'), 'utf8');
const png = join(ROOT, 'images', 'icon.png');
const profile = mkdtempSync(join(tmpdir(), 'mac-icon-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 128, height: 128 },
  deviceScaleFactor: 1,
});
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent(`<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block}</style>${svg}`);
  await page.screenshot({ path: png, omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  console.log(`wrote ${png}`);
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
