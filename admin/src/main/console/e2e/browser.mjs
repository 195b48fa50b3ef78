// What every end-to-end spec shares: a headless Debian Chromium driven by playwright-core, the server the test
// suite started (E2E_BASE_URL), its seeded tailnet (E2E_SEED_FILE), and screenshots saved as artefacts.
//
// Environment, set by app/src/test/.../ConsoleBrowserTest.java (or by hand against a server of your own):
//   E2E_BASE_URL        the server, e.g. http://127.0.0.1:8080
//   E2E_ADMIN_KEY       an API key with the admin role
//   E2E_AUDITOR_KEY     an API key with the auditor role
//   E2E_NETWORK_ADMIN_KEY  an API key with the network-admin role
//   E2E_SEED_FILE       JSON describing the seeded tailnet (users, nodes, instants), see ConsoleBrowserTest
//   E2E_SCREENSHOTS     where screenshots go (created when missing)
//   CHROMIUM            the browser (default /usr/bin/chromium)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';

export const baseUrl = required('E2E_BASE_URL').replace(/\/$/, '');
export const keys = {
  admin: process.env.E2E_ADMIN_KEY ?? '',
  auditor: process.env.E2E_AUDITOR_KEY ?? '',
  networkAdmin: process.env.E2E_NETWORK_ADMIN_KEY ?? '',
};
export const seed = process.env.E2E_SEED_FILE ? JSON.parse(readFileSync(process.env.E2E_SEED_FILE, 'utf8')) : {};
const screenshots = process.env.E2E_SCREENSHOTS ?? 'target/e2e-screenshots';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the e2e specs run against a server (see e2e/browser.mjs)`);
  return value;
}

/**
 * A fresh browser with one page. Every script error and failed request the page reports is collected in
 * `problems`; `close()` fails the test if there were any the spec did not expect.
 */
export async function openBrowser({ viewport = { width: 1280, height: 860 } } = {}) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Asking for the session before logging in is answered 401 by design; Chromium logs every 4xx load.
    const noSessionYet = message.location().url.endsWith('/console/session') && message.text().includes('401');
    if (message.type() === 'error' && !noSessionYet) problems.push(`console error: ${message.text()}`);
  });
  return {
    browser, context, page, problems,
    /** Lets the spec say which problems it caused on purpose (e.g. a refused request's console line). */
    expectProblem(pattern) {
      const index = problems.findIndex((p) => pattern.test(p));
      if (index >= 0) problems.splice(index, 1);
    },
    async close() {
      await browser.close();
      assert.deepEqual(problems, [], 'the console reported errors');
    },
  };
}

/** Logs in through the console's own login page with an API key; returns when the tailnet page shows. */
export async function loginWithApiKey(page, key, path = '/console/') {
  await page.goto(path);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Log in with an API key' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** Saves a full-page screenshot as <name>.png in E2E_SCREENSHOTS. */
export async function screenshot(page, name) {
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

/** Runs axe-core in the page; fails on serious or critical accessibility violations. */
export async function assertAccessible(page, label) {
  const require = createRequire(import.meta.url);
  // Evaluated over the DevTools protocol, not as a <script>: the console's CSP rightly refuses inline scripts.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  });
  assert.deepEqual(result, [], `accessibility violations on ${label}`);
}

/** The server's REST API with an API key, for a spec's own checks (what the CLI would show). */
export async function apiGet(path, key = keys.admin) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${key}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}
