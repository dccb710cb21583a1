// The rest of an entry's tools: another saved address in two keys, parking and resuming an
// entry, a card authorized through the card-payments port, the pricing trace, reordering
// the customer's last order, and the order list and detail with the order's history.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, focused, pickCaller, screenshot, setUp, signIn } from './harness.mjs';

test('addresses, park and resume, card, explain, order list and history', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await pickCaller(page, 'acquisti@ferretticostruzioni.example');
    assert.match(await page.locator('#ship-to').innerText(), /Cantiere Eur/);
    await page.keyboard.press('Alt+KeyA');
    await page.keyboard.press('Digit1');
    assert.equal(await page.locator('#ship-to-billing').isChecked(), true);
    await page.keyboard.press('Alt+KeyA');
    await page.keyboard.press('Digit2');
    await page.locator('#ship-to').waitFor();
    await page.keyboard.press('Alt+KeyL');
    await addLine(page, 'TONER-HP26X', '2');
    // Every shipping method with its charge, as the server prices it for this order.
    await page.waitForFunction(() => /€/.test(document.querySelector('#shipping-method option[value="express"]')?.textContent ?? ''));
    assert.match(await page.locator('#shipping-method option[value="pickup"]').innerText(), /€0\.00/);

    // Park it, then resume it from the parked list.
    await page.locator('#save-state[data-state="saved"]').waitFor();
    await page.keyboard.press('Alt+KeyK');
    await page.locator('#customer').waitFor({ state: 'detached' });
    await page.keyboard.press('Alt+KeyG');
    await page.locator('#parked-list button').first().waitFor();
    // Enter resumes the entry the list focused (not the caller field of the new entry).
    await page.waitForFunction(() => document.activeElement?.closest('#parked-list') != null);
    await screenshot(page, 'parked-list');
    await page.keyboard.press('Enter');
    await page.locator('#line-0').waitFor();
    assert.match(await page.locator('#customer').innerText(), /Ferretti/);

    // Card: the terminal authorizes the amount due; the console gets brand, last 4, token.
    await page.locator('#total-grand').waitFor();
    await page.locator('#payment-type').selectOption('card');
    await page.locator('#authorize-card:not([disabled])').waitFor();
    await page.keyboard.press('Alt+KeyT');
    await page.locator('#card-status').waitFor();
    assert.match(await page.locator('#card-status').innerText(), /visa •••• 4242/);
    await page.keyboard.press('Alt+KeyX');
    await page.locator('#pricing-trace').waitFor();
    await screenshot(page, 'card-and-trace');

    await page.keyboard.press('Control+Enter');
    await page.locator('#placed-number').waitFor();
    const number = await page.locator('#placed-number').innerText();
    const order = await server.api('GET', `/orders/${number}`);
    assert.equal(order.body.payment.card.last4, '4242');
    assert.equal(order.body.shipping_address.line1, 'Viale Europa 190');

    // The next call from the same customer: the last order is one key away.
    await page.keyboard.press('Alt+KeyH');
    await pickCaller(page, 'acquisti@ferretticostruzioni.example');
    await page.locator('#last-order').waitFor();
    assert.match(await page.locator('#last-order').innerText(), new RegExp(number));
    await page.keyboard.press('Alt+KeyR');
    await page.locator('#line-0').waitFor();
    assert.equal(await page.locator('#line-0-quantity').inputValue(), '2');
    assert.match(await page.locator('#line-0').innerText(), /TONER-HP26X/);

    await page.keyboard.press('Alt+KeyO');
    await focused(page, 'filter-number');
    await page.keyboard.type(number);
    await page.keyboard.press('Enter');
    await page.locator('#history li').first().waitFor();
    assert.match(await page.locator('#history').innerText(), /placed/);
    await screenshot(page, 'order-detail');
    const drafts = await server.api('GET', '/drafts');
    assert.equal(drafts.status, 200);
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
