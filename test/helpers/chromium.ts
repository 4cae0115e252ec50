// Headless Chromium for the tests that open pages (test/browser, the bundler test), through
// playwright-core: /usr/bin/chromium, or the one CHROMIUM names.
import * as fs from "node:fs";
import { BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic"];

/** Why Chromium cannot be run here, or undefined when it can. */
export const chromiumMissing = fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium, or CHROMIUM=path)`;

/** A headless Chromium with its profile in `profile` (a folder the caller removes). */
export function launchChromium(profile: string, viewport = { width: 1100, height: 900 }): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
}
