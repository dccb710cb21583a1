// A business customer's invoice from the receipt view: the receipt issued with the order, the
// invoice issued with one key (numbered in its own series), both listed on the order.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, pickCaller, screenshot, setUp, signIn } from './harness.mjs';

test('the receipt view issues the invoice of a customer with a VAT number', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await pickCaller(page, 'ordini@tipografiamoderna.example');
    await addLine(page, 'TONER-HP26A', '1');
    await page.locator('#total-grand').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.locator('#placed-number').waitFor();
    const number = await page.locator('#placed-number').innerText();
    const year = number.slice(0, 4);

    await page.keyboard.press('Alt+KeyI');
    await page.locator('#receipt-number', { hasText: `R-${year}-` }).waitFor();
    await page.keyboard.press('Alt+KeyF');
    await page.locator('#receipt-number', { hasText: `F-${year}-` }).waitFor();
    const invoice = await page.locator('#receipt-number').innerText();
    assert.match(invoice, new RegExp(`^F-${year}-\\d{6}$`));
    await page.frameLocator('#receipt-frame').locator('body', { hasText: invoice }).waitFor();
    assert.equal(await page.locator('#receipt-pdf').getAttribute('href'),
      `/api/v1/orders/${number}/receipt?format=pdf&kind=invoice`);
    await screenshot(page, 'invoice-view');

    // Asked again, the server answers the same invoice; the order lists both documents.
    const again = await server.api('POST', `/orders/${number}/invoice`, {});
    assert.equal(again.status, 200);
    assert.equal(again.body.number, invoice);
    await page.getByRole('button', { name: 'Back' }).click();
    await page.locator('#documents', { hasText: invoice }).waitFor();
    const order = await server.api('GET', `/orders/${number}`);
    assert.deepEqual(order.body.documents.map((document) => document.kind), ['receipt', 'invoice']);
    assert.match(await page.locator('#documents').innerText(), new RegExp(`R-${year}-\\d{6}`));
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
