import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { WORKSPACE_ROOT } from '../system/start-system';

/** Debian's package first (`apt-get install chromium`), then the usual names elsewhere. */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export const SCREENSHOT_DIR = path.join(WORKSPACE_ROOT, 'tmp', 'console-screenshots');

/** The installed Chromium, or undefined when none is; the browser suites skip then, saying so. */
export function findChromium(): string | undefined {
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

export function launchChromium(executablePath: string): Promise<Browser> {
  // The CI machine runs as root, where Chromium's own sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
}

/** A fresh browser profile: no cookies, scripts off like a user who blocks them, axe injected despite the CSP. */
export function newConsoleContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, javaScriptEnabled: false, bypassCSP: true });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Signs in through the development form, as a person would: fill in the user id, choose the role, submit. */
export async function signInForDevelopment(
  page: Page,
  userId: string,
  role: 'support' | 'operator',
): Promise<void> {
  await page.getByLabel('User id').fill(userId);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Sign in for development' }).click();
}
