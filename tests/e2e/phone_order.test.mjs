// A 3-line phone order for an existing customer, from the caller's number to the customer's
// confirmation, with the keyboard only; it measures the keystrokes and the scripted seconds.
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { addLine, artifacts, countingKeyboard, focused, pickCaller, screenshot, setUp, signIn } from './harness.mjs';

test('a 3-line phone order is taken with the keyboard only and placed once', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await focused(page, 'caller');
    const keyboard = countingKeyboard(page);
    const started = performance.now();

    // The caller's number as they say it; Enter picks the match.
    await pickCaller(page, '02 7601 2345', keyboard);
    assert.match(await page.locator('#customer').innerText(), /Studio Legale Bianchi/);

    // Three lines: SKU or words of the name, Enter, quantity, Enter.
    for (const [query, quantity] of [['PEN-GEL-BL', '10'], ['CARTA-A4-80', '5'], ['stapler desktop', '2']]) {
      await addLine(page, query, quantity, keyboard);
    }
    await page.locator('#total-grand').waitFor();
    await screenshot(page, 'phone-order-entry');

    await keyboard.press('Control+Enter');
    await page.locator('#placed-number').waitFor();
    const number = await page.locator('#placed-number').innerText();
    assert.match(await page.locator('#readback').innerText(), new RegExp(number));
    await keyboard.press('Alt+KeyV');
    await page.locator('#confirmed').waitFor();
    const seconds = (performance.now() - started) / 1000;
    await screenshot(page, 'phone-order-placed');

    const order = await server.api('GET', `/orders/${number}`);
    assert.equal(order.status, 200);
    assert.equal(order.body.channel, 'phone');
    assert.deepEqual(order.body.lines.map((line) => [line.item.sku, line.quantity]), [
      ['PEN-GEL-BL', 10], ['CARTA-A4-80', 5], ['CUCITRICE-TAVOLO', 2],
    ]);
    assert.equal(order.body.placed_by, 'clerk.en');
    assert.equal(order.body.confirmations.length, 1);
    assert.equal(order.body.confirmations[0].revision, order.body.revision);
    assert.equal(order.body.confirmations[0].principal, 'clerk.en');

    const measure = { keystrokes: keyboard.count, seconds: Number(seconds.toFixed(2)) };
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(path.join(artifacts, 'phone-order-measure.json'), `${JSON.stringify(measure)}\n`);
    console.log(`phone order: ${measure.keystrokes} keystrokes, ${measure.seconds} s scripted`);
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});

test('a clerk who types ahead of the suggestions loses nothing', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    // No waiting for any answer: every Enter comes before its suggestions arrive.
    await page.keyboard.type('347 123 4567');
    await page.keyboard.press('Enter');
    await page.keyboard.type('PEN-GEL-RO');
    await page.keyboard.press('Enter');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await page.locator('#line-0').waitFor();
    await page.keyboard.type('GOMMA');
    await page.keyboard.press('Enter');
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await page.locator('#line-1').waitFor();

    assert.match(await page.locator('#customer').innerText(), /Mario Rossi/);
    assert.match(await page.locator('#line-0').innerText(), /PEN-GEL-RO/);
    assert.equal(await page.locator('#line-0-quantity').inputValue(), '3');
    assert.match(await page.locator('#line-1').innerText(), /GOMMA/);
    assert.equal(await page.locator('#line-1-quantity').inputValue(), '12');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
