// Signing in: a wrong password is refused at the password field, the right one opens the
// order entry in the user's language, and signing out returns to the sign-in form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, setUp } from './harness.mjs';

test('a clerk signs in, sees the order entry, and signs out', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await page.goto(`${server.url}/`);
    await page.locator('#username').fill('clerk.en');
    await page.locator('#password').fill('wrong');
    await page.locator('#password').press('Enter');
    await page.locator('#sign-in-error').waitFor();
    await screenshot(page, 'login-refused');

    await page.locator('#password').fill('clerk-demo');
    await page.locator('#password').press('Enter');
    await page.locator('#caller').waitFor();
    assert.match(await page.locator('#user').innerText(), /clerk/);
    assert.equal(await page.locator('label[for="caller"]').innerText().then((text) => text.startsWith('Caller')), true);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'caller');
    await screenshot(page, 'login-entry');

    // The console is served by the binary with a strict policy and no inline script.
    const response = await page.request.get(`${server.url}/orders`);
    assert.equal(response.status(), 200);
    assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
    assert.equal(response.headers()['x-frame-options'], 'DENY');

    await page.locator('#sign-out').click();
    await page.locator('#username').waitFor();
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});

// Customer service works complaints: its console opens on the complaints queue, offers no
// order entry to save drafts into, keeps the order list a key away, and shows no error.
test('customer service signs in to its complaints queue, not to an entry it cannot save', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await page.goto(`${server.url}/`);
    await page.locator('#username').fill('service');
    await page.locator('#password').fill('service-demo');
    await page.locator('#password').press('Enter');
    await page.locator('#complaints-title').waitFor();
    await page.locator('#complaints tbody tr').first().waitFor();
    assert.match(await page.locator('#user').innerText(), /customer_service/);
    assert.equal(await page.locator('#caller').count(), 0);
    assert.equal(await page.locator('nav[aria-label="console"] a[href="/"]').count(), 0);
    assert.equal(await page.locator('#nav-complaints[aria-current="page"]').count(), 1);

    // The order list is a key away; the home key leads back to the queue; nothing tries to
    // save a draft.
    await page.keyboard.press('Alt+O');
    await page.locator('#filter-number').waitFor();
    await page.keyboard.press('Alt+H');
    await page.locator('#complaints-title').waitFor();
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Alt+Z');
    await page.locator('#complaints-title').waitFor();
    await screenshot(page, 'login-customer-service');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
