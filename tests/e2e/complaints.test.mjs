// A phone call, "2 of 10 pens arrived broken", from both sides of the desk: the clerk places
// the order, opens a complaint on its pen line with quantity 2 from the order detail and
// forwards it to customer service with a note; the `service` user lands on the complaints
// queue (overdue first), opens the case, starts it, and resolves it with an outcome, after
// someone else has moved it meanwhile (the 409 keeps what was typed); then opens a general
// complaint from the queue. All from the keyboard.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLine, focused, pickCaller, plain, screenshot, setUp, signIn, startBrowser } from './harness.mjs';

test('a clerk opens and forwards a complaint; customer service starts and resolves it', async () => {
  const env = await setUp();
  const care = await startBrowser();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'clerk.en', 'clerk-demo');
    await pickCaller(page, '02 7601 2345');
    await addLine(page, 'PEN-GEL-BL', '10');
    await addLine(page, 'CARTA-A4-80', '5');
    await page.keyboard.press('Control+Enter');
    await page.locator('#placed-number').waitFor();
    const order = await page.locator('#placed-number').innerText();

    // The order detail: Alt+O, its number, Enter; Alt+N opens the complaint form on it.
    await page.keyboard.press('Alt+KeyO');
    await focused(page, 'filter-number');
    await page.keyboard.type(order);
    await page.keyboard.press('Enter');
    await page.locator('#order-title', { hasText: order }).waitFor();
    await page.keyboard.press('Alt+KeyN');
    await page.locator('#complaint-line-2').waitFor();
    await focused(page, 'complaint-reason');
    await page.keyboard.press('d'); // "damaged", the first reason with a d.
    assert.equal(await page.locator('#complaint-reason').inputValue(), 'damaged');
    await page.keyboard.press('Tab');
    await focused(page, 'complaint-line-1');
    await page.keyboard.type('2');
    await page.locator('#complaint-words-input').focus();
    await page.keyboard.type('2 of 10 pens arrived broken, the box was crushed.');
    await screenshot(page, 'complaints-open-form');
    // Twice: the form's Idempotency-Key and its busy guard make one complaint.
    await page.keyboard.press('Control+Enter');
    await page.keyboard.press('Control+Enter');

    await page.locator('#complaint-number').waitFor();
    const number = await page.locator('#complaint-number').innerText();
    assert.match(number, /^RCL-\d{4}-\d{6}$/);
    assert.match(plain(await page.locator('#complaint-readback').innerText()), new RegExp(`^(Your complaint number is|Il numero del suo reclamo è) ${number}; `));
    // The line concerned: position, item, quantity concerned, quantity ordered.
    assert.deepEqual(await page.locator('#complaint-lines tbody tr').evaluateAll((rows) => rows.map((row) => [...row.cells].map((cell) => cell.innerText.trim()))
      .map(([line, sku, , quantity, ordered]) => [line, sku, quantity, ordered])), [['1', 'PEN-GEL-BL', '2', '10']]);
    assert.equal(await page.locator('#complaint-status').getAttribute('data-status'), 'open');
    // A clerk holds complaints:write: comment, forward, resolve; not start or reject.
    assert.deepEqual(await page.locator('#complaint-steps button').evaluateAll((buttons) => buttons.map((button) => button.id)),
      ['step-comment', 'step-forward', 'step-resolve']);
    await screenshot(page, 'complaints-opened');

    await page.keyboard.press('Alt+KeyF');
    await focused(page, 'step-text');
    await page.keyboard.type('Regular customer; the courier crushed the box. Send two new pens?');
    await page.keyboard.press('Control+Enter');
    await page.locator('#complaint-status[data-status="forwarded"]').waitFor();
    await page.locator('#complaint-history li[data-action="forwarded"]').waitFor();
    await screenshot(page, 'complaints-forwarded');
    const listed = await server.api('GET', `/complaints?order_number=${order}`);
    assert.deepEqual(listed.body.entries.map((entry) => entry.number), [number]);

    // Customer service starts on its queue: overdue complaints first, marked in words.
    const agent = care.page;
    await signIn(agent, server.url, 'service', 'service-demo', '#complaints-title');
    const row = agent.locator(`#complaints tr[data-number="${number}"]`);
    await row.waitFor();
    const overdue = await agent.locator('#complaints tbody tr').evaluateAll((rows) => rows.map((entry) => entry.querySelector('.overdue-flag') !== null));
    assert.equal(overdue[0], true, 'the demo\'s overdue complaint leads the queue');
    assert.deepEqual(overdue, [...overdue].sort((a, b) => Number(b) - Number(a)), 'overdue ones first');
    await screenshot(agent, 'complaints-queue');

    // The filters: forwarded ones, then the order's number.
    await agent.locator('#complaint-filter-status').selectOption('forwarded');
    await agent.locator(`#complaints tr[data-number="${number}"]`).waitFor();
    await agent.locator('#complaint-filter-order').fill(order);
    await agent.locator('#complaint-filter-order').press('Enter');
    await agent.waitForFunction((want) => {
      const rows = document.querySelectorAll('#complaints tbody tr');
      return rows.length === 1 && rows[0].getAttribute('data-number') === want;
    }, number);
    await row.focus();
    await agent.keyboard.press('Enter');
    await agent.locator('#complaint-number', { hasText: number }).waitFor();
    assert.match(await agent.locator('#complaint-words').innerText(), /2 of 10 pens arrived broken/);

    // Start: Alt+S, Ctrl+Enter (no note needed); the complaint becomes the agent's.
    await agent.keyboard.press('Alt+KeyS');
    await focused(agent, 'step-text');
    await agent.keyboard.press('Control+Enter');
    await agent.locator('#complaint-status[data-status="in_progress"]').waitFor();
    assert.equal(await agent.locator('#complaint-owner').innerText(), 'service');
    await screenshot(agent, 'complaints-case');

    // The outcome is typed; meanwhile someone else moves the complaint to awaiting the customer.
    const outcome = 'Two new pens leave with today\'s courier; claim filed with the carrier.';
    await agent.keyboard.press('Alt+KeyR');
    await focused(agent, 'step-text');
    await agent.keyboard.type(outcome);
    const shown = Number(await agent.locator('#complaint-revision').innerText());
    const moved = await server.api('POST', `/complaints/${number}/await-customer`, { revision: shown, note: 'Photos of the box asked for.' });
    assert.equal(moved.status, 200);
    await agent.keyboard.press('Control+Enter');
    await agent.locator('#complaint-conflict').waitFor();
    await agent.locator('#complaint-status[data-status="awaiting_customer"]').waitFor();
    assert.equal(await agent.locator('#step-text').inputValue(), outcome);
    await screenshot(agent, 'complaints-conflict');

    // Decided again on the revision now shown: resolved with the kept outcome.
    await agent.keyboard.press('Control+Enter');
    await agent.locator('#complaint-status[data-status="resolved"]').waitFor();
    assert.equal(await agent.locator('#complaint-outcome').innerText(), outcome);
    assert.deepEqual(await agent.locator('#complaint-history li').evaluateAll((items) => items.map((item) => item.dataset.action)),
      ['opened', 'forwarded', 'started', 'awaiting_customer', 'resolved']);
    await screenshot(agent, 'complaints-resolved');

    const stored = await server.api('GET', `/complaints/${number}`);
    assert.equal(stored.body.status, 'resolved');
    assert.equal(stored.body.outcome, outcome);
    assert.deepEqual(stored.body.lines.map((line) => [line.line_no, line.quantity, line.sku]), [[1, 2, 'PEN-GEL-BL']]);
    assert.deepEqual(stored.body.history.map((event) => [event.action, event.actor]), [
      ['opened', 'clerk.en'], ['forwarded', 'clerk.en'], ['started', 'service'], ['awaiting_customer', 'key:demo'], ['resolved', 'service'],
    ]);

    // A general complaint, about no order, from the queue: Alt+B, Alt+N, reason, words, Ctrl+Enter.
    await agent.keyboard.press('Alt+KeyB');
    await agent.locator('#complaints-title').waitFor();
    await agent.keyboard.press('Alt+KeyN');
    await focused(agent, 'complaint-reason');
    await agent.keyboard.press('s'); // "servizio": the service.
    assert.equal(await agent.locator('#complaint-reason').inputValue(), 'service');
    await agent.locator('#complaint-words-input').focus();
    await agent.keyboard.type('Nobody answered the order line for an hour.');
    await agent.keyboard.press('Control+Enter');
    await agent.waitForFunction((first) => {
      const shown = document.getElementById('complaint-number')?.textContent ?? '';
      return shown.startsWith('RCL-') && shown !== first;
    }, number);
    const general = await agent.locator('#complaint-number').innerText();
    assert.notEqual(general, number);
    assert.equal((await server.api('GET', `/complaints/${general}`)).body.order_number, null);
    assert.equal(await agent.locator('#complaint-lines').count(), 0);
    assert.deepEqual([...env.errors, ...care.errors], []);
  } finally {
    await care.browser.close().catch(() => {});
    await env.close();
  }
});

// An overdue complaint escalates to the supervisor as an unacknowledged task does: it is on
// the escalations screen (Alt+J), and Enter opens its case.
test('an overdue complaint is on the supervisor\'s escalations screen', async () => {
  const env = await setUp();
  try {
    const { page, server } = env;
    await signIn(page, server.url, 'supervisor', 'supervisor-demo');
    await page.keyboard.press('Alt+KeyJ');
    const row = page.locator('#overdue-complaints tbody tr').first();
    await row.waitFor();
    const number = await row.getAttribute('data-number');
    assert.match(number, /^RCL-\d{4}-\d{6}$/);
    assert.match(await row.innerText(), /⚠/);
    await screenshot(page, 'complaints-escalated');

    await row.focus();
    await page.keyboard.press('Enter');
    await page.locator('#complaint-number', { hasText: number }).waitFor();
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});
