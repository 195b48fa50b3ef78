// Logging in and out of the console: a wrong key is refused with the server's message, a good one opens the
// tailnet, the session lives only in an HttpOnly cookie, and logging out ends it on the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, loginWithApiKey, screenshot, assertAccessible, keys, baseUrl } from './browser.mjs';

test('a wrong API key is refused and nothing is logged in', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await b.page.goto('/console/');
  await assertAccessible(b.page, 'the login page');
  await screenshot(b.page, 'login');
  await b.page.getByLabel('API key').fill('hskey-api-notakey-notasecretatall');
  await b.page.getByRole('button', { name: 'Log in with an API key' }).click();
  await b.page.getByRole('alert').waitFor();
  b.expectProblem(/401/);
  assert.equal(await b.page.getByRole('button', { name: 'Log out' }).count(), 0);
  assert.deepEqual(await b.context.cookies(), []);
  await b.close();
});

test('the admin key opens the tailnet; the session is an HttpOnly cookie, and logout ends it', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.admin);
  await b.page.getByRole('heading', { name: 'Tailnet' }).waitFor();
  const cookies = await b.context.cookies();
  const session = cookies.find((c) => c.name === 'chronoscale_console');
  assert.ok(session, 'the session cookie is set');
  assert.equal(session.httpOnly, true);
  assert.equal(session.sameSite, 'Strict');
  assert.equal(await b.page.evaluate(() => document.cookie), '', 'no cookie readable by the page');
  const stored = await b.page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(keys.admin), 'the API key is not kept by the browser');
  assert.ok(!(await b.page.content()).includes(keys.admin), 'the API key is not in the page');

  await b.page.getByRole('button', { name: 'Log out' }).click();
  await b.page.getByLabel('API key').waitFor();
  const after = await fetch(`${baseUrl}/console/session`, { headers: { Cookie: `chronoscale_console=${session.value}` } });
  assert.equal(after.status, 401, 'the old cookie no longer opens a session');
  await b.close();
});
