// axe-core on the main pages, signed out and signed in, in English and in Urdu: no serious or critical violation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, person, signIn, accessibilityProblems, ok } from '../lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const pages = ['/', '/meetings', '/register', '/instruments', '/projects', '/studies', '/exchanges', '/impact',
  '/organisations', '/search?q=Rashakai', '/alerts', '/inbox', '/account'];

test('the sign-in page has no serious accessibility problem', async () => {
  const { context, page } = await person(browser);
  ok(await page.goto('/login'), '/login');
  assert.deepEqual(await accessibilityProblems(page), []);
  await context.close();
});

// Accounts that no other journey switches to another language, so the browser's language decides.
for (const [locale, username] of [['en-GB', 'cn.secretariat'], ['ur-PK', 'pk.admin']]) {
  test(`the main pages have no serious accessibility problem (${locale})`, async () => {
    const { context, page } = await signIn(browser, username, locale);
    const problems = [];
    const meetings = [];
    for (const path of pages) {
      ok(await page.goto(path), path);
      for (const p of await accessibilityProblems(page)) problems.push(`${path}: ${p}`);
      if (path === '/meetings') {
        meetings.push(...(await page.locator('main table a[href^="/meetings/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))));
      }
    }
    // A record page: the first meeting listed.
    if (meetings.length > 0) {
      ok(await page.goto(meetings[0]), meetings[0]);
      for (const p of await accessibilityProblems(page)) problems.push(`${meetings[0]}: ${p}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}
