/** Finds a Chromium or Chrome and launches it the way this offline machine allows. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];

function findChromium(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  const found = CANDIDATES.find((p) => fs.existsSync(p));
  if (found) return found;
  throw new Error(
    'No Chromium or Chrome found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`), ' +
      'or set CHROME_PATH to a Chrome/Chromium binary. Looked in: ' +
      CANDIDATES.join(', '),
  );
}

/** Flags that keep Chromium from reaching for the network this machine does not have. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launchChromium(): Promise<{ browser: Browser; cleanup: () => Promise<void> }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'companion-chromium-'));
  const browser = await chromium.launch({
    executablePath: findChromium(),
    // Playwright gives launch() a fresh temporary profile of its own.
    args: CHROMIUM_ARGS,
    env: { ...process.env, HOME: home },
    timeout: 60_000,
  });
  return {
    browser,
    cleanup: async () => {
      await browser.close().catch(() => undefined);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
