// The hand-off seen from both sides: a clerk places an express order in the console; it is
// released to the express desk at once (the demo's schedule, config/demo.toml); a fulfillment
// user finds it in the queue, claims it, prints the pick list, records the picks and ships it
// with carrier and tracking number, all from the keyboard; the clerk then sees it shipped.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, pickCaller, plain, screenshot, setUp, signIn, startBrowser } from './harness.mjs';

test('a fulfillment user claims, picks and ships; the clerk sees the order shipped', async () => {
  const env = await setUp();
  const warehouse = await startBrowser();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await pickCaller(page, 'ordini@tipografiamoderna.example');
    await addLine(page, 'TONER-HP26A', '2');
    await page.locator('#shipping-method').selectOption('express');
    await page.locator('#quote-promised').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.locator('#placed-number').waitFor();
    const number = await page.locator('#placed-number').innerText();
    assert.match(plain(await page.locator('#placed-promised').innerText()), /\d{4}$/);

    // The fulfillment user starts on the queue; the express desk is released at once.
    const desk = warehouse.page;
    await signIn(desk, server.url, 'fulfillment.en', 'fulfillment-demo', '#queue-title');
    await desk.locator('.department-tab[data-code="express"]').click();
    const row = desk.locator('#queue tr', { hasText: number });
    await row.waitFor({ timeout: 15000 });
    await row.focus();
    await desk.keyboard.press('Enter');
    await desk.locator('#task-title', { hasText: number }).waitFor();

    await desk.keyboard.press('Alt+KeyC');
    await desk.locator('#task-claimed-by', { hasText: 'fulfillment.en' }).waitFor();
    await desk.locator('#task-acknowledged', { hasText: 'fulfillment.en' }).waitFor();

    await desk.keyboard.press('Alt+KeyL');
    await desk.frameLocator('#pick-list-frame').locator('body', { hasText: 'TONER-HP26A' }).waitFor();
    await screenshot(desk, 'fulfillment-pick-list');
    await desk.keyboard.press('Alt+KeyB');
    await desk.locator('#task-title').waitFor();

    await desk.keyboard.press('Alt+KeyA');
    assert.equal(await desk.locator('input.picked').first().inputValue(), '2');
    await desk.keyboard.press('Alt+KeyS');
    await desk.keyboard.type('BRT');
    await desk.keyboard.press('Tab');
    await desk.keyboard.type('0123456789');
    await desk.keyboard.press('Enter');
    await desk.locator('#shipments', { hasText: '0123456789' }).waitFor();
    await screenshot(desk, 'fulfillment-shipped');

    // The clerk's order detail follows the task.
    await page.goto(`${server.url}/orders/${number}`);
    await page.locator('#order-status', { hasText: 'shipped' }).waitFor({ timeout: 10000 });
    assert.match(await page.locator('#order-tasks').innerText(), /BRT 0123456789/);
    const order = await server.api('GET', `/orders/${number}`);
    assert.equal(order.body.status, 'shipped');
    assert.deepEqual([...env.errors, ...warehouse.errors], []);
  } finally {
    await warehouse.browser.close().catch(() => {});
    await env.close();
  }
});
