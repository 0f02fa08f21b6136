// What every journey shares: Debian's Chromium driven by playwright-core, sign-in, screenshots, and axe-core.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The demo server the journeys run against (started by `e2e/run`). */
export const base = process.env.CORRIDOR_URL ?? 'http://127.0.0.1:8080';
/** Where each step's screenshot goes (the README names it). */
export const shots = process.env.CORRIDOR_SCREENSHOTS ?? path.resolve('..', 'target', 'e2e', 'screenshots');
mkdirSync(shots, { recursive: true });

/** The password of every demo account. */
export const password = 'corridor-demo';

/** Headless Chromium as this machine runs it: no sandbox as root, no background traffic to a closed network. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A browser context of its own (its own cookies) for one person. */
export async function person(browser, locale = 'en-GB') {
  const context = await browser.newContext({ baseURL: base, locale, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs `username` in through the login form and checks the header names them. */
export async function signIn(browser, username, locale) {
  const p = await person(browser, locale);
  await p.page.goto('/login');
  await p.page.fill('#username', username);
  await p.page.fill('#password', password);
  await Promise.all([p.page.waitForURL((u) => !u.pathname.startsWith('/login')), p.page.click('form.record button[type=submit]')]);
  assert.equal(await p.page.locator('header .who a[href="/account"]').count(), 1, `${username} is not signed in`);
  return p;
}

// Each journey file runs in a process of its own: its screenshots are named after it and numbered in order.
const journey = path.basename(process.argv[1] ?? 'journey', '.test.mjs');
let step = 0;
/** Saves a full-page screenshot named after the journey and its step. */
export async function shot(page, name) {
  step += 1;
  const file = path.join(shots, `${journey}-${String(step).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Submits the form that holds the button with this text, and waits for the page it leads to. */
export async function press(page, text) {
  const button = page.getByRole('button', { name: text, exact: true }).first();
  try {
    await Promise.all([page.waitForNavigation(), button.click()]);
  } catch (e) {
    const file = await shot(page, `failed-${text.replace(/\W+/g, '-')}`);
    throw new Error(`pressing “${text}” on ${page.url()} led nowhere (see ${file}): ${e.message}`);
  }
}

/** Serious and critical accessibility violations on the current page, as readable lines. */
export async function accessibilityProblems(page) {
  // Evaluated through the driver: the pages' content security policy lets no script tag run, axe's included.
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

/** Fails when the page answered with an error status. */
export function ok(response, what) {
  assert.ok(response && response.status() < 400, `${what}: HTTP ${response?.status()}`);
}
