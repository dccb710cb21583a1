// The server's validation errors appear next to the field they name: a line's quantity,
// and cash that does not cover the amount due; placing is refused and nothing is stored.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, focused, pickCaller, screenshot, setUp, signIn } from './harness.mjs';

test('validation errors are shown at the field they name', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await pickCaller(page, '347 123 4567');
    await addLine(page, 'PEN-STILO', '1');
    await addLine(page, 'GOMMA', '0');

    await page.locator('#error-line-1-quantity').waitFor();
    assert.match(await page.locator('#error-line-1-quantity').innerText(), /1\.\.9999/);
    assert.equal(await page.locator('#error-line-0-quantity').count(), 0);

    await page.keyboard.press('Control+Enter');
    await focused(page, 'line-1-quantity');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('3');
    await page.locator('#error-line-1-quantity').waitFor({ state: 'detached' });

    await page.keyboard.press('Alt+Digit2'); // Counter: cash.
    await page.locator('#tendered').waitFor();
    await page.keyboard.press('Alt+KeyT');
    await focused(page, 'tendered');
    await page.keyboard.type('1');
    await page.locator('#error-payment').waitFor();
    assert.match(await page.locator('#error-payment').innerText(), /less than the amount due/);
    await screenshot(page, 'validation-errors');

    await page.keyboard.press('Control+Enter');
    await page.locator('#problems').waitFor();
    assert.equal(await page.locator('#placed-number').count(), 0);
    const orders = await server.api('GET', '/orders');
    assert.equal(orders.body.entries.length, 0);
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
