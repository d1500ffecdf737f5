import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

/** What the browser smoke returns from inside Chromium. */
export interface BrowserReport {
  status: string;
  output: unknown;
  toolResult: unknown;
  events: number;
  exact: boolean;
  tokens: number;
}

/** Debian's chromium (installed by .ci/install-system-packages); CHROMIUM_PATH overrides it. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => candidate && existsSync(candidate));
  if (!found) throw new Error("No Chromium found: install Debian's chromium or set CHROMIUM_PATH.");
  return found;
}

/**
 * Bundles browser.mjs of the fresh project for the browser (esbuild, platform browser, no Node built-ins
 * allowed), then runs its FakeModel agent in headless Chromium. Returns the bundle's size and the report.
 */
export async function runInBrowser(dir: string): Promise<{ bundleBytes: number; report: BrowserReport }> {
  const outfile = join(dir, 'browser-bundle.js');
  await build({
    absWorkingDir: dir,
    entryPoints: ['browser.mjs'],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    minify: true,
    outfile,
    logLevel: 'silent',
  });
  const bundle = readFileSync(outfile, 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setContent('<!doctype html><title>dragoman</title>');
    await page.addScriptTag({ content: bundle });
    const report = (await page.evaluate('globalThis.dragomanSmoke()')) as BrowserReport;
    if (pageErrors.length > 0) throw new Error(`the page threw: ${pageErrors.join('; ')}`);
    return { bundleBytes: Buffer.byteLength(bundle), report };
  } finally {
    await browser.close();
  }
}
