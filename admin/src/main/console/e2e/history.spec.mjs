// The policy, history and reports pages against the seeded tailnet: a policy change checked as it is typed,
// previewed, saved with a reason and seen in the versions, the audit timeline and the history diff; the access
// questions; reports downloaded as files; and an auditor's read-only editor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { openBrowser, loginWithApiKey, screenshot, assertAccessible, keys, seed, apiGet, baseUrl } from './browser.mjs';

const laptop = seed.nodes.find((n) => n.name === 'alice-laptop');
const REASON = 'e2e history: bob-server may reach alice@ on ssh';
const RULE = '{"action": "accept", "src": ["tag:server"], "dst": ["alice@:22"]}';

/** The policy in force with one more rule, and tests that it grants exactly port 22. */
function withServerToAlice(text) {
  const added = text.replace(/"acls":\s*\[/, `"acls": [\n    ${RULE},`);
  assert.notEqual(added, text, 'the seeded policy has an acls section');
  const last = added.lastIndexOf('}');
  return `${added.slice(0, last).trimEnd()},\n  "tests": [\n    {"src": "tag:server", "accept": ["${laptop.ipv4}:22"], "deny": ["${laptop.ipv4}:80"]},\n  ],\n}\n`;
}

/** One entry of a zip, inflated: found through the central directory, which holds the sizes the local headers may leave out. */
function zipEntry(bytes, name) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'the zip has an end of central directory');
  const count = bytes.readUInt16LE(end + 10);
  for (let i = 0, at = bytes.readUInt32LE(end + 16); i < count; i++) {
    const method = bytes.readUInt16LE(at + 10);
    const size = bytes.readUInt32LE(at + 20);
    const nameLength = bytes.readUInt16LE(at + 28);
    const skip = nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    if (bytes.subarray(at + 46, at + 46 + nameLength).toString('utf8') === name) {
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    at += 46 + skip;
  }
  throw new Error(`no ${name} in the zip`);
}

async function download(page, kind, format) {
  const form = page.getByRole('form', { name: kind });
  await form.getByLabel('Format').selectOption(format);
  const [file] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: /Download/ }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

test('a policy change: checked as it is typed, previewed, saved with a reason, and listed with its diff', async (t) => {
  const before = await apiGet('/api/v1/policy');
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.admin);
  await b.page.getByRole('link', { name: 'Policy' }).click();
  await b.page.getByText('Valid.').waitFor();
  const editor = b.page.getByRole('textbox', { name: 'Policy (HuJSON)' });
  assert.equal(await editor.inputValue(), before.policy, 'the editor holds the policy in force');
  assert.ok(await b.page.locator('cs-hujson-editor .comment').first().isVisible(), 'comments are highlighted');
  await assertAccessible(b.page, 'the policy page');
  await screenshot(b.page, 'history-policy');

  // Invalid text: the server's message, with the line it names, without anything saved.
  await editor.fill(before.policy.replace('"acls": [', '"acls": [,,'));
  await b.page.getByText('Not valid.').waitFor();
  b.expectProblem(/400 \(Bad Request\)/);
  const lines = before.policy.split('\n');
  const errorLine = lines.findIndex((l) => l.includes('"acls"')) + 1;
  await b.page.getByRole('button', { name: `Go to line ${errorLine}` }).waitFor();
  assert.ok(await b.page.getByRole('button', { name: 'Save…' }).isDisabled(), 'an invalid text cannot be saved');
  assert.equal((await apiGet('/api/v1/policy')).version, before.version, 'checking saved nothing');

  // A valid change: its tests pass, the preview lists what it opens, and only then may it be saved.
  const changed = withServerToAlice(before.policy);
  await editor.fill(changed);
  await b.page.getByText('Valid.').waitFor();
  const tests = b.page.getByRole('table', { name: "The policy's tests" });
  assert.equal(await tests.getByText('passed').count(), 2, 'both assertions of the test pass');
  assert.ok(await b.page.getByRole('button', { name: 'Save…' }).isDisabled(), 'no save before a preview');
  await b.page.getByRole('button', { name: 'Preview impact' }).click();
  const gained = b.page.getByRole('table', { name: 'Access gained' });
  await gained.waitFor();
  const row = gained.getByRole('row').filter({ hasText: 'alice-laptop' });
  assert.equal(await row.count(), 1, 'alice-laptop is listed as gained');
  assert.match(await row.innerText(), /tag:server[\s\S]*alice-laptop[\s\S]*22/);
  await b.page.getByText('No access is removed.').waitFor();
  await screenshot(b.page, 'history-policy-impact');

  await b.page.getByRole('button', { name: 'Save…' }).click();
  await b.page.getByRole('textbox', { name: /Reason/ }).fill(REASON);
  await b.page.getByRole('button', { name: 'Save policy' }).click();
  await b.page.getByText(`Policy version ${before.version + 1} is in force`).waitFor();
  const after = await apiGet('/api/v1/policy');
  assert.equal(after.version, before.version + 1);
  assert.equal(after.policy, changed, 'the text saved is the text previewed');

  const newest = b.page.getByRole('list', { name: 'Policy versions' }).getByRole('listitem').first();
  await newest.filter({ hasText: REASON }).waitFor();
  assert.match(await newest.innerText(), new RegExp(`v${after.version}[\\s\\S]*${REASON}`));
  await newest.locator('summary').click();
  const added = newest.locator('cs-unified-diff .added').filter({ hasText: 'alice@:22' });
  assert.equal(await added.count(), 1, 'the diff shows the new rule as an added line');
  await b.close();
});

test('the audit timeline lists the policy changes newest first, a filter narrows it, and new records arrive live', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.admin, '/console/audit');
  const records = b.page.getByRole('list', { name: 'Audit records' }).getByRole('listitem');
  await records.first().waitFor();
  assert.ok(await records.filter({ hasText: 'node.registered' }).count() > 0, 'node records are listed without a filter');

  await b.page.getByLabel('Action').fill('policy.');
  await b.page.getByRole('button', { name: 'Filter' }).click();
  const policyRecords = (await apiGet('/api/v1/audit/log?action=policy.&limit=1000')).records;
  await b.page.getByText(`${policyRecords.length} records, newest first`).waitFor();
  const texts = await records.allInnerTexts();
  assert.equal(texts.length, policyRecords.length, 'as many as the API lists');
  assert.ok(texts.every((t) => t.includes('policy.updated')), 'only policy records');
  assert.match(texts.at(-1), /policy version 1/, 'oldest last');
  assert.match(b.page.url(), /action=policy\./, 'the filter is in the address');
  await records.last().locator('summary').click();
  const json = JSON.parse(await records.last().locator('pre').innerText());
  assert.equal(json.chain.position, policyRecords[0].chain.position, 'each record expands to its JSON');
  await assertAccessible(b.page, 'the audit timeline');
  await screenshot(b.page, 'history-audit');

  // A change made elsewhere appears at the top without a reload; one the filter does not match does not.
  await b.page.getByLabel('Action').fill('user.');
  await b.page.getByRole('button', { name: 'Filter' }).click();
  await records.first().filter({ hasText: 'user.created' }).waitFor();
  const name = `history-live-${Date.now()}`;
  const response = await fetch(`${baseUrl}/api/v1/user`, {
    method: 'POST', body: JSON.stringify({ name }),
    headers: { Authorization: `Bearer ${keys.admin}`, 'Content-Type': 'application/json', 'X-Chronoscale-Reason': 'e2e live' },
  });
  assert.equal(response.status, 200);
  await records.first().filter({ hasText: name }).waitFor();
  assert.match(await records.first().innerText(), /user\.created[\s\S]*e2e live/);
  await b.page.getByText('1 new since the page opened.').waitFor();
  assert.equal(await records.filter({ hasText: 'policy.updated' }).count(), 0);
  await b.close();
});

test('the access page answers what bob-server can reach and who can reach it', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.admin, '/console/access');
  await b.page.getByRole('table', { name: 'All access' }).waitFor();
  await b.page.getByRole('combobox', { name: 'Question' }).selectOption('to');
  await b.page.getByLabel(/Node, user, group/).fill('bob-server');
  await b.page.getByRole('button', { name: 'Ask' }).click();
  const table = b.page.getByRole('table', { name: 'Who can reach bob-server' });
  await table.waitFor();
  const expected = await apiGet(`/api/v1/history/access?at=${new Date().toISOString()}&dst=bob-server`);
  assert.ok(expected.rows.length > 0, 'the seeded policy lets alice reach bob-server');
  assert.equal(await table.locator('tbody tr').count(), expected.rows.length);
  assert.match(await table.innerText(), /alice@[\s\S]*bob-server/);
  await b.page.getByRole('table', { name: /Ports each source/ }).waitFor();

  await b.page.getByRole('combobox', { name: 'Question' }).selectOption('from');
  await b.page.getByRole('button', { name: 'Ask' }).click();
  await b.page.getByRole('heading', { name: 'What bob-server can reach' }).waitFor();
  const reach = await apiGet(`/api/v1/history/access?at=${new Date().toISOString()}&src=bob-server`);
  const answer = b.page.getByRole('table', { name: 'What bob-server can reach' });
  if (reach.rows.length === 0) await b.page.getByText('Nothing: no rule grants this access.').waitFor();
  else assert.equal(await answer.locator('tbody tr').count(), reach.rows.length);
  await assertAccessible(b.page, 'the access page');
  await screenshot(b.page, 'history-access');
  await b.close();
});

test('the history diff between before policy version 2 and now shows the policy change', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.admin, `/console/history?from=${encodeURIComponent(seed.beforePolicyV2)}`);
  const diff = b.page.getByRole('region', { name: 'Policy diff' });
  await diff.waitFor();
  assert.match(await diff.innerText(), /\+.*tag:server:22,443/);
  assert.match(await diff.innerText(), /-.*version 1/);
  await b.page.getByText(/policy version 2/).first().waitFor();
  const gained = b.page.getByRole('table', { name: 'Access gained' });
  assert.match(await gained.innerText(), /alice@[\s\S]*bob-server[\s\S]*22,443/, 'port 443 was opened to alice');
  await assertAccessible(b.page, 'the history diff');
  await screenshot(b.page, 'history-diff');
  await b.close();
});

test('reports download as files: an access review as CSV (a zip) and as PDF; both are listed', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.admin, '/console/reports');
  await b.page.getByRole('heading', { name: 'Generate', exact: true }).waitFor();

  const csv = await download(b.page, 'Access review', 'csv');
  assert.match(csv.name, /^chronoscale-access-review-\d{8}T\d{6}Z\.zip$/);
  assert.equal(csv.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip archive');
  assert.equal(zipEntry(csv.bytes, 'report.csv').split('\r\n')[0], 'field,value', 'the CSV header line');
  assert.match(zipEntry(csv.bytes, 'access-by-node.csv').split('\r\n')[0], /,/);

  const pdf = await download(b.page, 'Access review', 'pdf');
  assert.match(pdf.name, /^chronoscale-access-review-\d{8}T\d{6}Z\.pdf$/);
  assert.equal(pdf.bytes.subarray(0, 5).toString('latin1'), '%PDF-');

  const listed = (await apiGet('/api/v1/reports')).reports.filter((r) => r.kind === 'access-review');
  assert.deepEqual(listed.slice(-2).map((r) => r.format), ['csv', 'pdf']);
  const table = b.page.getByRole('table', { name: 'Reports generated' });
  await table.getByRole('row').filter({ hasText: 'pdf' }).first().waitFor();
  await assertAccessible(b.page, 'the reports page');
  await screenshot(b.page, 'history-reports');
  await b.close();
});

test('an auditor may generate a report but sees the policy editor read only', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.auditor, '/console/policy');
  const editor = b.page.getByRole('textbox', { name: 'Policy (HuJSON)' });
  await editor.waitFor();
  assert.equal(await editor.getAttribute('readonly'), '', 'the editor is read only');
  await b.page.getByText('Your role may read the policy but not change it').waitFor();
  assert.equal(await b.page.getByRole('button', { name: 'Save…' }).count(), 0, 'no save for an auditor');
  assert.equal(await b.page.getByRole('button', { name: 'Preview impact' }).count(), 0);
  const policy = (await apiGet('/api/v1/policy')).policy;
  await editor.press('End');
  await editor.pressSequentially('x');
  assert.equal(await editor.inputValue(), policy, 'typing changes nothing');

  await b.page.getByRole('link', { name: 'Reports' }).click();
  const keysReport = await download(b.page, 'Keys', 'json');
  const document = JSON.parse(keysReport.bytes.toString('utf8'));
  assert.equal(document.report.kind, 'keys');
  const last = (await apiGet('/api/v1/reports')).reports.at(-1);
  assert.equal(last.kind, 'keys');
  assert.match(last.actor, /^API_KEY /);
  await b.close();
});

test('in the past the policy page shows the version then in force, read only, and the versions up to then', async (t) => {
  const b = await openBrowser();
  t.after(() => b.browser.close());
  await loginWithApiKey(b.page, keys.admin, `/console/policy?at=${encodeURIComponent(seed.beforePolicyV2)}`);
  await b.page.getByText(/^The policy in force at /).waitFor();
  // The policy and its versions are read together: once the versions show, so does the text.
  const versions = b.page.getByRole('list', { name: 'Policy versions' }).getByRole('listitem');
  await versions.first().filter({ hasText: 'policy version 1' }).waitFor();
  const editor = b.page.getByRole('textbox', { name: 'Policy (HuJSON)' });
  assert.match(await editor.inputValue(), /version 1/);
  assert.equal(await editor.getAttribute('readonly'), '');
  assert.equal(await b.page.getByRole('button', { name: 'Save…' }).count(), 0, 'no change offered in the past');
  assert.equal(await versions.filter({ hasText: 'policy version 2' }).count(), 0, 'version 2 came later');
  await b.close();
});
