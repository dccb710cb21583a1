// Mail mode: a batch of envelopes; after each order the form resets for the next one with
// the channel and the payment type kept, and the focus back on the caller.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, focused, pickCaller, screenshot, setUp, signIn } from './harness.mjs';

test('a mail batch of three orders keeps channel and payment type', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await page.keyboard.press('Alt+Digit3');
    await page.locator('#payment-type').selectOption('bank_transfer');

    const envelopes = [
      ['segreteria@studiobianchi.example', 'PEN-SFERA-BL', '20'],
      ['347 123 4567', 'QUAD-A4-R', '4'],
      ['ordini@tipografiamoderna.example', 'CARTA-A4-80', '10'],
    ];
    for (const [index, [caller, sku, quantity]] of envelopes.entries()) {
      await focused(page, 'caller');
      assert.equal(await page.locator('#channel-mail').isChecked(), true);
      assert.equal(await page.locator('#payment-type').inputValue(), 'bank_transfer');
      await pickCaller(page, caller);
      await addLine(page, sku, quantity);
      await page.locator('#total-grand').waitFor();
      await page.keyboard.press('Control+Enter');
      await page.locator(`#batch li:nth-child(${index + 1})`).waitFor();
    }
    await focused(page, 'caller');
    await screenshot(page, 'mail-batch');

    const orders = await server.api('GET', '/orders?channel=mail');
    assert.equal(orders.body.entries.length, 3);
    for (const order of orders.body.entries) assert.equal(order.payment.type, 'bank_transfer');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
