// What every end-to-end test needs: a real commesso server on a temporary SQLite database
// (`serve --demo`, so the demo users and catalog exist), a real browser (Debian's chromium,
// driven by playwright-core; no browser is downloaded), sign-in, screenshots kept as
// artifacts, and a keyboard that counts keystrokes.
//
// CTest passes COMMESSO_BIN (the server binary), COMMESSO_WEB_ROOT (the built console) and
// COMMESSO_E2E_ARTIFACTS (where screenshots go); tests/e2e/README.md says how to run by hand.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const requireFromWeb = createRequire(path.join(root, 'web', 'package.json'));
const { chromium } = requireFromWeb('playwright-core');

const bin = process.env.COMMESSO_BIN ?? path.join(root, 'build/debug/src/cli/commesso');
const webRoot = process.env.COMMESSO_WEB_ROOT ?? path.join(root, 'web/dist');
export const artifacts = process.env.COMMESSO_E2E_ARTIFACTS ?? path.join(root, 'build/debug/e2e-artifacts');
const browserPath = process.env.COMMESSO_CHROMIUM ?? '/usr/bin/chromium';

// The demo API key (docs/api.md): the tests use it to arrange data and to check results
// behind the console's back, never to drive the console.
export const DEMO_KEY = 'cmso_demo_0123456789abcdef0123456789abcdef';

function startProcess(db, listen) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ['serve', '--demo', '--db', db, '--listen', listen, '--web-root', webRoot], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0' },
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 30000);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Console:\s+(http:\/\/\S+?)\/\s/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1] });
      }
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
      if (err.length > 200000) err = err.slice(-100000);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}\n${err.slice(-4000)}`));
    });
  });
}

function stopProcess(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

// A server on a fresh database and a free port. restart() stops it and starts it again on
// the same database and port, as after a crash or an upgrade.
export async function startServer() {
  if (!existsSync(path.join(webRoot, 'index.html'))) {
    throw new Error(`${webRoot}/index.html is missing: build the console first (make build)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'commesso-e2e-'));
  const db = path.join(dir, 'commesso.db');
  let running = await startProcess(db, '127.0.0.1:0');
  const url = running.url;
  const port = new URL(url).port;
  return {
    url,
    async stop() {
      await stopProcess(running.child);
      rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      await stopProcess(running.child);
      running = await startProcess(db, `127.0.0.1:${port}`);
    },
    async kill() {
      await stopProcess(running.child);
    },
    async start() {
      running = await startProcess(db, `127.0.0.1:${port}`);
    },
    // The API as a program sees it, with the demo key.
    async api(method, route, body) {
      const headers = { Authorization: `Bearer ${DEMO_KEY}` };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        headers['Idempotency-Key'] = `e2e-${Date.now()}-${Math.random()}`;
      }
      const response = await fetch(`${url}/api/v1${route}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

export async function startBrowser() {
  const browser = await chromium.launch({
    executablePath: browserPath,
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    // The browser logs every 4xx answer (401 before sign-in, 422 on a quote being typed):
    // those are the API speaking, not the console failing.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(message.text());
    }
  });
  return { browser, context, page, errors };
}

// Everything a test needs, torn down by close() whatever happened.
export async function setUp() {
  const server = await startServer();
  const { browser, context, page, errors } = await startBrowser();
  return {
    server,
    browser,
    context,
    page,
    errors,
    async close() {
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

// Signs in and waits for the first screen: order entry, or `ready` for the roles that start
// elsewhere (the fulfillment role starts on its queue: '#queue-title').
export async function signIn(page, url, username, password, ready = null) {
  await page.goto(`${url}/`);
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.locator('#password').press('Enter');
  if (ready) {
    await page.locator(ready).waitFor();
    return;
  }
  await page.locator('#caller').waitFor();
  await page.locator('#save-state[data-state="saved"]').waitFor();
}

export async function screenshot(page, name) {
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

// The keyboard with a count: each character typed and each key or chord pressed is one.
export function countingKeyboard(page) {
  let count = 0;
  return {
    async type(text) {
      count += [...text].length;
      await page.keyboard.type(text);
    },
    async press(key) {
      count += 1;
      await page.keyboard.press(key);
    },
    get count() {
      return count;
    },
  };
}

// Text as people read it: no-break spaces as plain spaces.
export function plain(text) {
  return (text ?? '').replace(/[\u00a0\u202f]/g, ' ').trim();
}

export const focused = (page, id) => page.waitForFunction((want) => document.activeElement?.id === want, id);

// The caller's phone, e-mail or name typed into the caller field; Enter picks the match.
export async function pickCaller(page, text, keyboard = page.keyboard) {
  await page.locator('#caller').focus();
  await keyboard.type(text);
  await keyboard.press('Enter');
  await focused(page, 'sku');
}

// One line as a clerk adds it: SKU or name words, Enter, quantity, Enter.
export async function addLine(page, query, quantity, keyboard = page.keyboard) {
  const lines = await page.locator('.lines-table tbody tr').count();
  await keyboard.type(query);
  await keyboard.press('Enter');
  await focused(page, 'quantity');
  await keyboard.type(quantity);
  await keyboard.press('Enter');
  await focused(page, 'sku');
  await page.locator(`#line-${lines}`).waitFor();
}
