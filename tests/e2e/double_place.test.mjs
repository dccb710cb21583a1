// The place shortcut pressed twice, and a retry after the network lost the first answer,
// make one order: the key is the draft's placement_key, made when the entry started.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, pickCaller, setUp, signIn } from './harness.mjs';

test('a double press of the place shortcut and a lost answer make one order', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await pickCaller(page, 'ordini@tipografiamoderna.example');
    await addLine(page, 'TONER-HP26A', '2');
    await page.locator('#total-grand').waitFor();

    // The first placement reaches the server, but its answer is lost on the way back.
    let posts = 0;
    await page.route('**/api/v1/orders', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts += 1;
      if (posts === 1) {
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await Promise.all([page.keyboard.press('Control+Enter'), page.keyboard.press('Control+Enter')]);
    await page.keyboard.press('Control+Enter');
    await page.locator('#placed-number').waitFor({ timeout: 20000 });
    assert.ok(posts >= 2, 'the console retried after the lost answer');

    const customers = await server.api('GET', '/customers?email=ordini%40tipografiamoderna.example');
    const orders = await server.api('GET', `/orders?customer_id=${customers.body.entries[0].id}`);
    assert.equal(orders.body.entries.length, 1);
    assert.equal(orders.body.entries[0].number, await page.locator('#placed-number').innerText());
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
