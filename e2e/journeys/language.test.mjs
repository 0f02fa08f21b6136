// The interface in Urdu (right to left) and in Chinese, switched on a page, and a search in Chinese.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, signIn, shot } from '../lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Picks a language in the header's switcher on the current page and waits for the page to come back. */
async function switchTo(page, code) {
  await page.locator('form.language select').selectOption(code);
  await Promise.all([page.waitForNavigation(), page.locator('form.language button').click()]);
}

test('switching to Urdu turns the page right to left, and to Chinese searches 纺织', async () => {
  const { context, page } = await signIn(browser, 'pk.secretariat');
  await page.goto('/projects');
  await switchTo(page, 'ur');
  assert.equal(new URL(page.url()).pathname, '/projects', 'the switch comes back to the same page');
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ur');
  // Laid out right to left: the brand, first in the header, sits at the right edge.
  const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
  assert.equal(direction, 'rtl');
  const brand = await page.locator('header .brand').boundingBox();
  const width = page.viewportSize().width;
  assert.ok(brand.x > width / 2, `the brand is on the right in Urdu (x = ${brand.x} of ${width})`);
  await shot(page, 'urdu-right-to-left');

  // The choice stays with the account: a new session of the same person opens in Urdu.
  const again = await signIn(browser, 'pk.secretariat');
  assert.equal(await again.page.getAttribute('html', 'dir'), 'rtl', 'the account remembers Urdu');
  await again.context.close();

  await switchTo(page, 'zh');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await page.fill('#top-q', '纺织');
  await Promise.all([page.waitForNavigation(), page.press('#top-q', 'Enter')]);
  const hits = await page.locator('main').innerText();
  assert.match(hits, /Joint Diagnostic Study|textile|纺织/i, 'the textile study is found');
  assert.ok((await page.locator('main b').count()) > 0, 'the passages highlight the words found');
  await shot(page, 'chinese-search');
  await switchTo(page, 'en');
  await context.close();
});
