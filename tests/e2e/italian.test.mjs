// The Italian UI (the clerk's language, per user) shows Italian labels and Italian money
// formats; switching to English changes both and is stored on the user.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { focused, pickCaller, plain, screenshot, setUp, signIn } from './harness.mjs';

test('the Italian UI shows 1.234,56 €', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    const created = await server.api('POST', '/items', {
      sku: 'PROVA-MILLE', name: { it: 'Articolo di prova', en: 'Test article' }, unit_price: { minor: 123456 }, weight_grams: 100,
    });
    assert.equal(created.status, 201);
    await signIn(page, server.url, 'clerk', 'clerk-demo');
    assert.match(await page.locator('label[for="caller"]').innerText(), /^Cliente/);

    await pickCaller(page, '347 123 4567');
    await page.keyboard.type('PROVA-MILLE');
    await page.locator('#sku-results li').first().waitFor();
    assert.match(plain(await page.locator('#sku-results li').first().innerText()), /1\.234,56 €/);
    await page.keyboard.press('Enter');
    await focused(page, 'quantity');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await page.locator('#total-grand').waitFor();
    await page.waitForFunction(() => document.querySelector('#line-0 td.money')?.textContent !== '');
    assert.equal(plain(await page.locator('#line-0 td.money').first().innerText()), '1.234,56 €');
    await screenshot(page, 'italian-entry');

    await page.keyboard.press('Alt+KeyY');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForFunction(() => document.querySelector('#line-0 td.money')?.textContent?.startsWith('€'));
    assert.equal(plain(await page.locator('#line-0 td.money').first().innerText()), '€1,234.56');
    const session = await page.request.get(`${server.url}/api/v1/session`);
    assert.equal((await session.json()).user.locale, 'en');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
