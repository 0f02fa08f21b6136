// Meetings to a Record of Discussions signed by both co-chairs, with one browser context per party: Pakistan's
// secretariat drafts, convenes, records an outcome and writes the minutes; China's secretariat proposes a redline
// and completes its review; Pakistan accepts and agrees; each side's co-chair signs with a password. Then the
// demo's 5th meeting, whose minutes Pakistan has circulated, goes the same way to its signed record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, person, signIn, shot, press, ok, password } from '../lib.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a wrong password is refused with a message, and the right one signs in', async () => {
  const { context, page } = await person(browser);
  await page.goto('/login');
  await page.fill('#username', 'pk.secretariat');
  await page.fill('#password', 'not the password');
  await Promise.all([page.waitForNavigation(), page.click('form.record button[type=submit]')]);
  await assert.doesNotReject(page.getByRole('alert').waitFor());
  await shot(page, 'sign-in-refused');
  await page.fill('#password', password);
  await Promise.all([page.waitForNavigation(), page.click('form.record button[type=submit]')]);
  assert.match(await page.locator('header .who').innerText(), /pk\.secretariat|Pakistan/);
  await shot(page, 'signed-in');
  await context.close();
});

test('a new meeting is drafted, held, minuted and signed by both co-chairs', async () => {
  const pk = await signIn(browser, 'pk.secretariat');
  const cn = await signIn(browser, 'cn.secretariat');

  // Draft: a new meeting of the working group, its number and times, the two co-chairs.
  ok(await pk.page.goto('/meetings/new'), 'new meeting form');
  const form = pk.page.locator('main form.record');
  await form.locator('[name=body_id]').selectOption({ label: 'Joint Working Group on Industrial Cooperation' });
  await form.locator('[name=number]').fill('7');
  await form.locator('[name=modality]').selectOption('video');
  await form.locator('[name=video_link]').fill('https://video.example.org/jwg-7');
  await form.locator('[name=starts_at]').fill('2027-03-15T10:00');
  await form.locator('[name=ends_at]').fill('2027-03-15T12:30');
  const chairs = form.locator('[name=co_chair_ids]');
  const chairOptions = await chairs.locator('option').allInnerTexts();
  const wanted = chairOptions.filter((o) => /Khashih|Ying/.test(o));
  assert.equal(wanted.length, 2, `the co-chairs are offered: ${chairOptions.join(', ')}`);
  await chairs.selectOption(wanted.map((label) => ({ label })));
  await shot(pk.page, 'meeting-draft-form');
  await press(pk.page, 'Save');
  const meeting = new URL(pk.page.url()).pathname;
  assert.match(meeting, /^\/meetings\/[0-9a-f-]{36}$/, `saved to ${meeting}`);
  assert.match(await pk.page.locator('p.state strong').innerText(), /Draft/);
  await shot(pk.page, 'meeting-drafted');

  // An agenda item, then convene and open.
  ok(await pk.page.goto(`${meeting}/agenda/new`), 'agenda form');
  await pk.page.locator('main form.record [name=title]').fill('Progress of the special economic zones');
  await press(pk.page, 'Save');
  await press(pk.page, 'Convene');
  await press(pk.page, 'Open the session');
  assert.match(await pk.page.locator('p.state strong').innerText(), /In session/);

  // An outcome recorded at the meeting shows on the register.
  const outcome = 'Both sides will report each zone’s utility connections at the next meeting (browser journey).';
  ok(await pk.page.goto(`${meeting}/outcomes/new`), 'outcome form');
  await pk.page.locator('main form.record [name=text]').fill(outcome);
  await press(pk.page, 'Save');
  await shot(pk.page, 'outcome-recorded');
  ok(await pk.page.goto('/register'), 'register');
  await assert.doesNotReject(pk.page.getByRole('link', { name: outcome }).waitFor(), 'the outcome is on the register');
  await shot(pk.page, 'register-shows-outcome');

  // Conclude; the host writes the minutes and circulates them.
  await pk.page.goto(meeting);
  await press(pk.page, 'Conclude');
  const minutes = pk.page.locator('.minutes-item form.record').first();
  await minutes.locator('[name=text]').fill('The two sides reviewed the zones.');
  await minutes.locator('[name=text_zh]').fill('双方审议了各特区的进展。');
  await Promise.all([pk.page.waitForNavigation(), minutes.getByRole('button', { name: 'Save minutes' }).click()]);
  await press(pk.page, 'Circulate to the counterpart');
  await shot(pk.page, 'minutes-circulated');

  await reviewAgreeSign(meeting, pk, cn, 'new');
  await shot(cn.page, 'record-signed-both');
  await pk.context.close();
  await cn.context.close();
});

/** The counterpart proposes other wording and completes its review, the host accepts and agrees, both co-chairs
 * sign in contexts of their own, and both sides then see the same signed record. */
async function reviewAgreeSign(meeting, pk, cn, name) {
  // The counterpart proposes other wording and completes its review.
  await cn.page.goto(meeting);
  const redline = cn.page.locator('.minutes-item form.record').first();
  await redline.locator('[name=proposed_text]').fill('The co-chairs of both sides reviewed the zones.');
  await Promise.all([cn.page.waitForNavigation(), redline.getByRole('button', { name: 'Propose redline' }).click()]);
  await press(cn.page, 'Our review is complete');
  await shot(cn.page, `${name}-counterpart-redline`);

  // The host accepts the redline and agrees the minutes.
  await pk.page.goto(meeting);
  assert.match(await pk.page.locator('ul.redlines').innerText(), /The co-chairs of both sides reviewed the zones\./);
  await press(pk.page, 'Accept');
  await press(pk.page, 'Agree the minutes');
  assert.match(await pk.page.locator('p.state strong').innerText(), /Minutes agreed/);

  // Each co-chair signs in their own context with their password.
  for (const chair of ['pk.cochair', 'cn.cochair']) {
    const c = await signIn(browser, chair);
    await c.page.goto(meeting);
    await c.page.fill('#sign-pw', password);
    await press(c.page, 'Sign as co-chair');
    await shot(c.page, `${name}-signed-by-${chair.replace('.', '-')}`);
    await c.context.close();
  }

  // Both sides see the same signed record.
  for (const side of [pk, cn]) {
    await side.page.goto(meeting);
    assert.match(await side.page.locator('p.state strong').innerText(), /Minutes signed/);
    assert.equal(await side.page.locator('ul.signatures li').count(), 2);
    const record = await side.page.request.get(`${meeting}/record.json`);
    assert.equal(record.status(), 200);
    const json = await record.json();
    assert.equal(json.signatures.length, 2, 'the downloaded record carries both signatures');
  }
}

test('both sides see the 5th meeting’s Record of Discussions signed by both co-chairs', async () => {
  for (const username of ['pk.secretariat', 'cn.secretariat']) {
    const side = await signIn(browser, username);
    ok(await side.page.goto('/meetings'), 'meetings');
    await Promise.all([side.page.waitForNavigation(), side.page.getByRole('link', { name: '5th meeting', exact: true }).click()]);
    const meeting = new URL(side.page.url()).pathname;
    assert.match(await side.page.locator('p.state strong').innerText(), /Minutes signed/);
    const signatures = await side.page.locator('ul.signatures li').allInnerTexts();
    assert.equal(signatures.length, 2, signatures.join(' | '));
    assert.ok(signatures.some((s) => /Pakistan/.test(s)) && signatures.some((s) => /China/.test(s)), signatures.join(' | '));
    // The minutes in both languages, side by side.
    assert.ok((await side.page.locator('.minutes-item p[lang=zh]').count()) > 0, 'the Chinese minutes are shown');
    const record = await side.page.request.get(`${meeting}/record.json`);
    assert.equal((await record.json()).signatures.length, 2);
    const pdf = await side.page.request.get(`${meeting}/record.pdf`);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    await shot(side.page, `fifth-meeting-signed-${username.replace('.', '-')}`);
    await side.context.close();
  }
});
