// The inventory pages in a browser: find a machine, rename it with a reason (seen in the list, the API and its
// events), look at it before the rename with the time slider, approve a route, create a user and a pre-auth key
// (shown once, kept nowhere), the auditor's read-only view (and the server's refusal of a forced change), and the
// machines list on a phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, loginWithApiKey, screenshot, assertAccessible, apiGet, keys, seed, baseUrl } from './browser.mjs';

const node = (name) => seed.nodes.find((n) => n.name === name);

/** Confirms the reason dialog the console opens before every change. */
async function giveReason(page, reason, action) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason (recorded in the audit trail)').fill(reason);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function api(method, path, body) {
  const response = await fetch(`${baseUrl}${path}`, {
    method, headers: { Authorization: `Bearer ${keys.admin}`, 'Content-Type': 'application/json', 'X-Chronoscale-Reason': 'inventory spec: put back' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(response.status, 200, `${method} ${path}`);
  return response.json();
}

test('the admin finds a machine, renames it with a reason, sees it before the rename, and approves a route', async () => {
  const phone = node('alice-phone');
  const server = node('bob-server');
  const run = Date.now().toString(36);
  const b = await openBrowser();
  const { page } = b;
  try {
    await loginWithApiKey(page, keys.admin);
    await page.getByRole('heading', { name: 'Tailnet' }).waitFor();
    await page.getByText('machines online').waitFor();
    await assertAccessible(page, 'the home page');
    await screenshot(page, 'inventory-home');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Machines' }).click();
    await page.getByRole('link', { name: 'bob-server' }).waitFor();
    await assertAccessible(page, 'the machines list');
    await screenshot(page, 'inventory-machines');
    await page.getByLabel('Search (name, address, owner, tag)').fill(phone.ipv4);
    await page.getByText('1 of 3 machines').waitFor();
    await page.getByLabel('Search (name, address, owner, tag)').fill('phone');
    await page.getByText('1 of 3 machines').waitFor();
    assert.equal(await page.getByRole('link', { name: 'alice-laptop' }).count(), 0, 'the search hides the other machines');
    await page.getByRole('link', { name: 'alice-phone' }).click();
    await page.getByRole('heading', { name: 'alice-phone', level: 1 }).waitFor();

    // An instant before the rename, on the API's one-second grid.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const beforeRename = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000).toISOString().replace('.000Z', 'Z');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await page.getByLabel('New name').fill('inv-phone');
    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await giveReason(page, `inventory spec ${run}: the phone is the inventory phone now`, 'Rename');
    await page.getByRole('heading', { name: 'inv-phone', level: 1 }).waitFor();
    assert.equal((await apiGet(`/api/v1/node/${phone.id}`)).node.givenName, 'inv-phone', 'the API shows the new name');
    const events = page.getByRole('table', { name: /Events of inv-phone/ });
    await events.getByText(`inventory spec ${run}: the phone is the inventory phone now`).waitFor();
    await events.getByText('node.renamed').first().waitFor();
    await assertAccessible(page, 'a machine\'s page');
    await screenshot(page, 'inventory-machine');

    await page.getByRole('link', { name: '← All machines' }).click();
    await page.getByRole('link', { name: 'inv-phone' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'alice-phone' }).count(), 0);

    // The past: the address's ?at= views the list as it was, read only, and "Back to now" returns.
    await page.goto(`/console/machines?at=${encodeURIComponent(beforeRename)}`);
    await page.getByRole('link', { name: 'alice-phone' }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'inv-phone' }).count(), 0, 'the old name before the rename');
    await page.getByText(/Showing the machines as of .*read only/).waitFor();
    await page.getByRole('link', { name: 'alice-phone' }).click();
    await page.getByRole('heading', { name: 'alice-phone', level: 1 }).waitFor();
    assert.ok(page.url().includes('at='), 'links keep the instant');
    assert.equal(await page.getByRole('button', { name: 'Rename', exact: true }).count(), 0, 'no change in the past');
    await page.getByRole('button', { name: 'Back to now' }).click();
    await page.getByRole('heading', { name: 'inv-phone', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Rename', exact: true }).waitFor();

    // bob-server's route waits; approving it on its page serves it.
    await page.goto(`/console/machines/${server.id}`);
    await page.getByRole('heading', { name: 'bob-server', level: 1 }).waitFor();
    await page.getByText('waiting for approval').waitFor();
    await page.getByRole('button', { name: 'Approve 10.20.0.0/24' }).click();
    await giveReason(page, `inventory spec ${run}: the office subnet`, 'Approve routes');
    await page.getByText('approved, served').waitFor();
    assert.deepEqual((await apiGet(`/api/v1/node/${server.id}`)).node.approvedRoutes, ['10.20.0.0/24']);
    await page.getByRole('table', { name: /Events of bob-server/ }).getByText(`inventory spec ${run}: the office subnet`).waitFor();
    await b.close();
  } finally {
    await b.browser.close();
    // Later specs see the seeded tailnet's names and waiting route.
    await api('POST', `/api/v1/node/${phone.id}/rename/alice-phone`);
    await api('POST', `/api/v1/node/${server.id}/approve_routes`, { routes: [] });
  }
});

test('a new user and a pre-auth key for them: the key is shown once and kept nowhere', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  const { page } = b;
  await loginWithApiKey(page, keys.admin, '/console/users');
  await page.getByRole('link', { name: 'alice' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('inv-carol');
  await page.getByLabel('E-mail', { exact: true }).fill('carol@example.com');
  await page.getByRole('button', { name: 'Create user' }).click();
  await giveReason(page, 'inventory spec: carol joins', 'Create user');
  await page.getByRole('link', { name: 'inv-carol' }).waitFor();
  const carol = (await apiGet('/api/v1/user?name=inv-carol')).users[0];
  assert.equal(carol.email, 'carol@example.com');
  await assertAccessible(page, 'the users page');
  await screenshot(page, 'inventory-users');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pre-auth keys' }).click();
  await page.getByRole('heading', { name: 'Create a pre-auth key' }).waitFor();
  await page.getByRole('combobox', { name: 'User' }).selectOption({ label: 'inv-carol' });
  await page.getByLabel('Reusable').check();
  await page.getByRole('button', { name: 'Create key' }).click();
  await giveReason(page, 'inventory spec: carol\'s laptop', 'Create key');
  const secret = page.getByRole('region', { name: 'New pre-auth key' });
  const key = (await secret.getByRole('status', { name: 'The key' }).textContent()).trim();
  assert.match(key, /^hskey-auth-[A-Za-z0-9_-]{12}-[A-Za-z0-9_-]{64}$/, 'the whole key is shown');
  const prefix = key.split('-').slice(2, 3)[0];
  const listed = (await apiGet(`/api/v1/preauthkey?user=${carol.id}`)).preAuthKeys;
  assert.equal(listed.length, 1);
  assert.ok(listed[0].key.includes(prefix) && listed[0].reusable, 'the server lists the key made in the page');
  await page.getByRole('table', { name: 'Pre-auth keys' }).getByText(listed[0].key).waitFor();
  await assertAccessible(page, 'the pre-auth keys page');
  await screenshot(page, 'inventory-keys');

  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })
    + location.href + document.cookie);
  assert.ok(!kept.includes(key) && !kept.includes(key.slice(-64)), 'the key is in no storage and not in the address');
  assert.equal(await page.evaluate(() => document.cookie), '', 'the session cookie is not readable by the page');
  await page.reload();
  await page.getByRole('heading', { name: 'Create a pre-auth key' }).waitFor();
  await page.getByRole('table', { name: 'Pre-auth keys' }).getByText(listed[0].key).waitFor();
  assert.ok(!(await page.content()).includes(key.slice(-64)), 'after a reload the key is gone');
  assert.equal(await secret.count(), 0, 'the key\'s box is gone');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
  await page.getByRole('heading', { name: 'Create an API key' }).waitFor();
  await assertAccessible(page, 'the API keys page');
  await b.close();
});

test('the auditor sees no change controls, and a change forced from the page is refused and changes nothing', async (t) => {
  const laptop = node('alice-laptop');
  const b = await openBrowser();
  t.after(() => b.browser.close());
  const { page } = b;
  await loginWithApiKey(page, keys.auditor, '/console/machines');
  await page.getByRole('link', { name: 'alice-laptop' }).click();
  await page.getByRole('heading', { name: 'alice-laptop', level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Peers' }).waitFor();
  for (const control of ['Rename', 'Set tags', 'Expire key', 'Delete machine', 'Change owner']) {
    assert.equal(await page.getByRole('button', { name: control, exact: true }).count(), 0, `no ${control} for an auditor`);
  }
  await assertAccessible(page, 'a machine\'s page for the auditor');
  await screenshot(page, 'inventory-auditor');
  await page.goto(`/console/machines/${node('bob-server').id}`);
  await page.getByText('waiting for approval').waitFor();
  assert.equal(await page.getByRole('button', { name: /Approve/ }).count(), 0, 'no route approval for an auditor');
  await page.goto('/console/users');
  await page.getByRole('link', { name: 'alice' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create user' }).count(), 0);
  await page.goto('/console/keys');
  await page.getByRole('table', { name: 'Pre-auth keys' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Create key' }).count(), 0);

  const status = await page.evaluate(async (id) => {
    const session = await (await fetch('/console/session')).json();
    const response = await fetch(`/api/v1/node/${id}/rename/forced-by-auditor`, {
      method: 'POST', headers: { 'X-CSRF-Token': session.csrfToken, 'X-Chronoscale-Reason': 'forced' },
    });
    return response.status;
  }, laptop.id);
  b.expectProblem(/403/);
  assert.equal(status, 403, 'the server refuses the auditor\'s rename');
  assert.equal((await apiGet(`/api/v1/node/${laptop.id}`)).node.givenName, 'alice-laptop', 'nothing changed');
  await b.close();
});

test('on a phone the machines list fits the screen', async (t) => {
  const b = await openBrowser({ viewport: { width: 390, height: 844 } });
  t.after(() => b.browser.close());
  const { page } = b;
  await loginWithApiKey(page, keys.admin, '/console/machines');
  await page.getByRole('link', { name: 'alice-laptop' }).waitFor();
  const widths = await page.evaluate(() => ({ document: document.documentElement.scrollWidth, screen: window.innerWidth }));
  assert.ok(widths.document <= widths.screen, `the document (${widths.document}px) is no wider than the screen (${widths.screen}px)`);
  await assertAccessible(page, 'the machines list on a phone');
  await screenshot(page, 'inventory-machines-phone');
  await b.close();
});
