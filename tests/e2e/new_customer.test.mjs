// A caller who is not a customer yet is created inline, from what was typed in the caller
// field; the server's field errors appear next to the field they name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { focused, screenshot, setUp, signIn } from './harness.mjs';

test('a new customer is created inline and becomes the caller', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await page.keyboard.type('333 987 6543');
    await page.keyboard.press('Alt+KeyN');
    await focused(page, 'new-customer-name');
    assert.equal(await page.locator('#new-customer-phone').inputValue(), '333 987 6543');
    await page.keyboard.type('Luca Bianchi');
    await page.locator('#new-customer-email').fill('luca@');
    await page.locator('#new-customer-line1').fill('Via Roma 1');
    await page.locator('#new-customer-postal_code').fill('20121');
    await page.locator('#new-customer-city').fill('Milano');
    await page.locator('#new-customer-region').fill('MI');
    await page.locator('#new-customer-city').press('Enter');

    await page.locator('#error-new-customer-email').waitFor();
    assert.match(await page.locator('#error-new-customer-email').innerText(), /e-mail/);
    await screenshot(page, 'new-customer-error');

    await page.locator('#new-customer-email').fill('luca.bianchi@posta.example');
    await page.locator('#new-customer-email').press('Enter');
    await page.locator('#customer').waitFor();
    assert.match(await page.locator('#customer').innerText(), /Luca Bianchi/);
    assert.equal(await page.locator('#bill-to option').count(), 1);
    await focused(page, 'sku');
    await screenshot(page, 'new-customer-picked');

    const found = await server.api('GET', '/customers?email=luca.bianchi%40posta.example');
    assert.equal(found.body.entries.length, 1);
    assert.equal(found.body.entries[0].phone_e164, '+393339876543');
    assert.equal(found.body.entries[0].addresses[0].address.city, 'Milano');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
