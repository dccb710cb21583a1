// A counter order paid in cash: pick-up, the amount tendered, the change from the server's
// quote, and the printable receipt: the server's rendering of the numbered receipt issued with
// the order, and its PDF.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, pickCaller, plain, screenshot, setUp, signIn } from './harness.mjs';

test('a counter order paid in cash shows the change and a receipt', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await page.keyboard.press('Alt+Digit2');
    assert.equal(await page.locator('#channel-counter').isChecked(), true);
    assert.equal(await page.locator('#shipping-method').inputValue(), 'pickup');
    assert.equal(await page.locator('#payment-type').inputValue(), 'cash');

    await pickCaller(page, '347 123 4567');
    await addLine(page, 'PEN-STILO', '2');
    await page.locator('#total-grand').waitFor();

    await page.keyboard.press('Alt+KeyT');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'tendered');
    await page.keyboard.type('50');
    await page.locator('#total-change').waitFor();
    const change = plain(await page.locator('#total-change').innerText());
    await screenshot(page, 'counter-cash-entry');

    await page.keyboard.press('Control+Enter');
    await page.locator('#placed-number').waitFor();
    const number = await page.locator('#placed-number').innerText();
    const order = await server.api('GET', `/orders/${number}`);
    assert.equal(order.body.channel, 'counter');
    assert.equal(order.body.payment.type, 'cash');
    assert.equal(order.body.totals.tendered.minor, 5000);
    // What the console showed is the server's change, formatted.
    const expected = `€${(order.body.totals.change.minor / 100).toFixed(2)}`;
    assert.equal(change, expected);
    assert.equal(plain(await page.locator('#placed-change').innerText()), expected);

    await page.keyboard.press('Alt+KeyI');
    await page.locator('#receipt-paper').waitFor();
    assert.equal(plain(await page.locator('#receipt-change').innerText()), expected);
    // The receipt issued with the order, numbered in its business year's receipt series.
    const receipt = order.body.documents.find((document) => document.kind === 'receipt');
    assert.match(receipt.number, new RegExp(`^R-${number.slice(0, 4)}-\\d{6}$`));
    await page.locator('#receipt-number', { hasText: receipt.number }).waitFor();
    // The frame shows the server's HTML rendering of that receipt.
    await page.frameLocator('#receipt-frame').locator('body', { hasText: receipt.number }).waitFor();
    // The PDF link answers a PDF, with the session's cookie like the console's own requests.
    const pdf = await page.request.get(new URL(await page.locator('#receipt-pdf').getAttribute('href'), server.url).toString());
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    assert.equal(pdf.headers()['content-disposition'], `inline; filename="${receipt.number}.pdf"`);
    assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    await screenshot(page, 'counter-receipt-80mm');
    await page.getByLabel('A4 sheet').check();
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'counter-receipt-a4-print');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
