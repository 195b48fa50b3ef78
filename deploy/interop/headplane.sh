#!/usr/bin/env bash
# Runs the real Headplane web UI (github.com/tale/headplane) against Chronoscale and drives it in a headless
# Chromium, as an administrator would: log in with an API key, read the machines, rename one, open the users and
# the access-control pages.
#
#   HEADPLANE_DIR=/path/to/built/headplane deploy/interop/headplane.sh
#
# HEADPLANE_DIR is a Headplane checkout that has been built (it has build/server/index.js and node_modules). This
# script fetches nothing from GitHub; to build one (checked with v0.6.3, Node 20 or 22, pnpm 10):
#
#   git clone --branch v0.6.3 --depth 1 <headplane repository> /tmp/headplane && cd /tmp/headplane
#   # v0.6.3 pins react-codemirror-merge 4.25.5, which the npm registry no longer serves:
#   sed -i 's/"react-codemirror-merge": "4.25.5"/"react-codemirror-merge": "4.25.8"/' package.json
#   npm i -g pnpm@10.4.0 && pnpm install --no-frozen-lockfile && pnpm run build
#
# Also needs curl, python3, node/npm and Chromium (CHROMIUM, default /usr/bin/chromium: `apt-get install
# chromium`). playwright-core is taken from PLAYWRIGHT_DIR (a folder whose node_modules has it) or installed with
# npm into the work dir. The nodes are stock clients when TAILSCALED and TAILSCALE name a tailscaled and its CLI
# (userspace networking, on loopback), otherwise two synthetic nodes of `chronoscale bench map`.
# Screenshots, logs and state stay in the work dir printed at the end.
set -euo pipefail

: "${HEADPLANE_DIR:?set HEADPLANE_DIR to a built Headplane (see the top of this script)}"
[ -f "$HEADPLANE_DIR/build/server/index.js" ] || { echo "no build/server/index.js in $HEADPLANE_DIR: build it first"; exit 1; }
here="$(cd "$(dirname "$0")/../.." && pwd)"
CHRONOSCALE="${CHRONOSCALE:-$here/chronoscale}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || { echo "no Chromium at $CHROMIUM (apt-get install chromium, or set CHROMIUM)"; exit 1; }
# Headplane wants its data_path in lower case.
work="/tmp/chronoscale-headplane-$(date +%s)-$$"
mkdir -p "$work"
failures=0
pids=()

pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

cleanup() {
    if [ ${#pids[@]} -gt 0 ]; then
        kill "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
    echo "screenshots, logs and state: $work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # url seconds
    for _ in $(seq "$2"); do
        curl -sf -o /dev/null "$1" && return 0
        sleep 1
    done
    return 1
}

echo "== server: chronoscale serve"
port="$(free_port)"
cat > "$work/chronoscale.yaml" <<EOF
server_url: http://127.0.0.1:$port
listen_addr: 127.0.0.1:$port
metrics_listen_addr: ""
data_dir: $work/data
derp:
  server:
    enabled: true
    stun_listen_addr: 127.0.0.1:0
EOF
export CHRONOSCALE_CONFIG="$work/chronoscale.yaml"
"$CHRONOSCALE" serve -c "$work/chronoscale.yaml" > "$work/server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/health" 120 || { echo "server did not start"; cat "$work/server.log"; exit 1; }
cs() { "$CHRONOSCALE" "$@" -c "$work/chronoscale.yaml"; }
curl -s "http://127.0.0.1:$port/version"; echo

cs users create alice -d "Alice Example" -e alice@example.com > /dev/null
api_key="$(cs apikeys create -e 1d | tail -n 1)"
auth_key="$(cs preauthkeys create -u alice --reusable -e 1h | tail -n 1)"
cat > "$work/policy.hujson" <<'EOF'
{
  "groups": { "group:admins": ["alice@"] },
  "acls": [
    { "action": "accept", "src": ["group:admins"], "dst": ["*:*"] }
  ]
}
EOF
cs policy set -f "$work/policy.hujson" > /dev/null

echo "== nodes"
if [ -n "${TAILSCALED:-}" ] && [ -n "${TAILSCALE:-}" ]; then
    for name in laptop-one laptop-two; do
        mkdir -p "$work/$name"
        "$TAILSCALED" --tun=userspace-networking --no-logs-no-support --statedir="$work/$name" \
            --socket="$work/$name/sock" --port=0 > "$work/$name/daemon.log" 2>&1 &
        pids+=($!)
        for _ in $(seq 50); do [ -S "$work/$name/sock" ] && break; sleep 0.2; done
        "$TAILSCALE" --socket="$work/$name/sock" up --login-server "http://127.0.0.1:$port" --authkey "$auth_key" \
            --hostname "$name" --timeout 60s
    done
else
    "$CHRONOSCALE" bench map --server "http://127.0.0.1:$port" --authkey "$auth_key" --nodes 2 --timeout 60 > "$work/bench.txt" 2>&1 \
        || { cat "$work/bench.txt"; fail "bench map could not join two nodes"; }
fi
cs nodes list
cs nodes list -o json > "$work/nodes.json"
[ "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/nodes.json")" = 2 ] \
    && pass "two nodes registered" || fail "not two nodes registered"

echo "== Headplane"
hp_port="$(free_port)"
mkdir -p "$work/headplane"
cat > "$work/headplane.yaml" <<EOF
server:
  host: 127.0.0.1
  port: $hp_port
  base_url: http://127.0.0.1:$hp_port
  cookie_secret: $(python3 -c 'import secrets; print(secrets.token_hex(16))')
  cookie_secure: false
  data_path: $work/headplane
headscale:
  url: http://127.0.0.1:$port
  config_strict: false
EOF
(cd "$HEADPLANE_DIR" && HEADPLANE_CONFIG_PATH="$work/headplane.yaml" exec node build/server/index.js) \
    > "$work/headplane.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$hp_port/admin/healthz" 60 || { echo "Headplane did not start"; cat "$work/headplane.log"; exit 1; }
pass "Headplane is up on 127.0.0.1:$hp_port (config file mode off)"

if [ -n "${PLAYWRIGHT_DIR:-}" ]; then
    export NODE_PATH="$PLAYWRIGHT_DIR/node_modules"
else
    (cd "$work" && npm init -y > /dev/null && npm i --silent playwright-core > "$work/npm.log" 2>&1) \
        || { cat "$work/npm.log"; echo "could not install playwright-core"; exit 1; }
    export NODE_PATH="$work/node_modules"
fi

renamed="renamed-by-headplane"
cat > "$work/drive.cjs" <<'EOF'
// Drives Headplane in Chromium; prints PASS/FAIL lines and saves a screenshot of each page.
const { chromium } = require('playwright-core');
const [base, apiKey, nodesFile, newName, shots, chromiumPath] = process.argv.slice(2);
// `chronoscale nodes list -o json` writes Headscale's CLI names (given_name, ip_addresses).
const nodes = JSON.parse(require('fs').readFileSync(nodesFile, 'utf8'))
  .map((n) => ({ givenName: n.given_name, v4: n.ip_addresses.find((a) => a.includes('.')) }));
const pass = (m) => console.log(`PASS  ${m}`);
const fail = (m) => console.log(`FAIL  ${m}`);

async function step(name, body) {
  try { await body(); } catch (e) { fail(`${name}: ${String(e.message).split('\n')[0]}`); }
}

(async () => {
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors = [];
  const ownBugs = {};
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));

  await step('login', async () => {
    await page.goto(`${base}/admin/login`);
    await page.fill('input[name="api_key"]', apiKey);
    await page.screenshot({ path: `${shots}/01-login.png` });
    await page.click('button[type="submit"]');
    await page.waitForURL(/\/admin\/machines/, { timeout: 20000 });
    pass('logged in with the API key: Headplane opened the machines page');
  });

  await step('machines', async () => {
    await page.screenshot({ path: `${shots}/02-machines.png`, fullPage: true });
    for (const n of nodes) {
      await page.getByText(n.givenName, { exact: true }).first().waitFor({ timeout: 15000 });
      const row = page.locator('tr', { hasText: n.givenName }).first();
      const text = await row.innerText();
      if (text.includes(n.v4)) pass(`machines page lists ${n.givenName} with ${n.v4}`);
      else fail(`machines page row of ${n.givenName} does not show ${n.v4}: ${text.replace(/\s+/g, ' ')}`);
    }
    await page.screenshot({ path: `${shots}/02-machines.png`, fullPage: true });
  });

  await step('rename', async () => {
    const target = nodes[0].givenName;
    const row = page.locator('tr', { hasText: target }).first();
    await row.getByRole('button', { name: 'Machine Options' }).click();
    await page.getByRole('menuitem', { name: 'Edit machine name' }).click();
    const input = page.locator('input[name="name"]');
    await input.fill(newName);
    await page.screenshot({ path: `${shots}/03-rename-dialog.png` });
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText(newName, { exact: true }).first().waitFor({ timeout: 15000 });
    pass(`renamed ${target} to ${newName} in Headplane; the machines page shows the new name`);
    await page.screenshot({ path: `${shots}/04-machines-renamed.png`, fullPage: true });
  });

  await step('machine page', async () => {
    await page.locator('a', { hasText: newName }).first().click();
    await page.waitForURL(/\/admin\/machines\/\d+/, { timeout: 15000 });
    await page.getByText(nodes[0].v4).first().waitFor({ timeout: 15000 });
    pass(`the machine page of ${newName} opens with its address`);
    await page.screenshot({ path: `${shots}/05-machine.png`, fullPage: true });
  });

  await step('users', async () => {
    await page.goto(`${base}/admin/users`);
    await page.getByText('alice', { exact: false }).first().waitFor({ timeout: 15000 });
    pass('users page lists alice');
    // Headplane 0.6.x renders the role of a user without OIDC as <p><p>Unmanaged</p></p>; the browser's parser
    // splits the nested paragraph, so React reports a hydration mismatch (#418) that no server answer causes.
    const html = await (await page.request.get(`${base}/admin/users`)).text();
    ownBugs.usersNestedParagraph = html.includes('<p><p class="opacity-50">Unmanaged</p></p>');
    await page.screenshot({ path: `${shots}/06-users.png`, fullPage: true });
  });

  await step('access controls', async () => {
    await page.goto(`${base}/admin/acls`);
    await page.getByText('group:admins').first().waitFor({ timeout: 15000 });
    pass('access-control page shows the policy in force (group:admins)');
    await page.screenshot({ path: `${shots}/07-acls.png`, fullPage: true });
  });

  const known = (e) => ownBugs.usersNestedParagraph && /\/admin\/users: Minified React error #418/.test(e);
  for (const e of errors.filter(known)) {
    console.log(`NOTE  Headplane's own hydration mismatch (nested <p> in its users table, not from the server): ${e.slice(0, 90)}`);
  }
  const others = errors.filter((e) => !known(e));
  if (others.length === 0) pass('no other script error in the pages');
  else fail(`script errors in the pages: ${others.join(' | ')}`);
  await browser.close();
})().catch((e) => { fail(`browser: ${e.message}`); process.exit(0); });
EOF

echo "== browser: Headplane in headless Chromium"
node "$work/drive.cjs" "http://127.0.0.1:$hp_port" "$api_key" "$work/nodes.json" "$renamed" "$work" "$CHROMIUM" \
    | tee "$work/browser.txt"
failures=$((failures + $(grep -c '^FAIL' "$work/browser.txt" || true)))
grep -q '^PASS  logged in' "$work/browser.txt" || fail "the browser run did not get past the login"

cs nodes list | tee "$work/nodes-after.txt"
grep -q "$renamed" "$work/nodes-after.txt" && pass "chronoscale nodes list shows the name given in Headplane" \
    || fail "chronoscale nodes list does not show $renamed"
# Headplane 0.6.x picks its API by hashing Headscale's /swagger/v1/openapiv2.json, which Chronoscale does not
# serve; without it Headplane takes the newest API it knows, 0.28.0, the one Chronoscale speaks.
grep -q "defaulting to version 0.28.0" "$work/headplane.log" \
    && pass "Headplane uses the Headscale 0.28.0 API (no OpenAPI spec to hash, so its newest)" \
    || echo "NOTE  Headplane did not log 'defaulting to version 0.28.0': $(grep -m1 'version' "$work/headplane.log" || true)"
ls "$work"/*.png

echo
if [ $failures -eq 0 ]; then
    echo "ALL PASSED"
else
    echo "$failures FAILED"
    exit 1
fi
