// Nothing typed is lost: the entry survives a page reload (the draft is on the server), a
// lost connection is shown and retried, and a server restart in the middle of an entry
// leaves it whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, pickCaller, screenshot, setUp, signIn } from './harness.mjs';

const saved = (page) => page.locator('#save-state[data-state="saved"]').waitFor();

test('an entry survives a reload, a lost connection and a server restart', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await pickCaller(page, '347 123 4567');
    await addLine(page, 'PEN-GEL-NE', '7');
    await addLine(page, 'QUAD-A5-Q5', '12');
    await page.locator('#notes').fill('citofono Rossi');
    await saved(page);

    await page.reload();
    await page.locator('#line-1').waitFor();
    assert.match(await page.locator('#customer').innerText(), /Mario Rossi/);
    assert.equal(await page.locator('#line-0-quantity').inputValue(), '7');
    assert.equal(await page.locator('#line-1-quantity').inputValue(), '12');
    assert.equal(await page.locator('#notes').inputValue(), 'citofono Rossi');

    // The server goes away while the clerk types: the console says so and keeps trying.
    await server.kill();
    await page.locator('#line-1-quantity').fill('15');
    await page.locator('#connection').waitFor();
    await screenshot(page, 'reload-connection-lost');
    await server.start();
    await page.locator('#connection').waitFor({ state: 'detached', timeout: 20000 });
    await saved(page);

    await page.reload();
    await page.locator('#line-1').waitFor();
    assert.equal(await page.locator('#line-1-quantity').inputValue(), '15');
    await page.locator('#total-grand').waitFor();
    await screenshot(page, 'reload-restored');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
