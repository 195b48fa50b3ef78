#!/usr/bin/env bash
# Device approval with stock Tailscale clients: a server with node.approval: manual, one client joining with a
# pre-approved key and one with a plain key. The second waits ("needs machine approval") and the first does not see
# it; `nodes approve` lets it in, and both then see each other. Then a third is refused and stays out.
#
#   TAILSCALED=/path/to/tailscaled TAILSCALE=/path/to/tailscale deploy/interop/device-approval.sh
#
# tailscaled runs with userspace networking and --no-logs-no-support, on loopback. Logs and state stay in the work
# dir printed at the end.
set -euo pipefail

: "${TAILSCALED:?set TAILSCALED to a tailscaled binary}"
: "${TAILSCALE:?set TAILSCALE to the tailscale CLI}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
CHRONOSCALE="${CHRONOSCALE:-$here/chronoscale}"
work="/tmp/chronoscale-approval-$(date +%s)-$$"
mkdir -p "$work"

# shellcheck source=deploy/interop/lib.sh
. "$here/deploy/interop/lib.sh"

# Retries a check for up to 30 s: map changes reach a client within a batch delay, not at once.
eventually() { # description command...
    local what=$1
    shift
    for _ in $(seq 60); do
        "$@" > /dev/null 2>&1 && { pass "$what"; return 0; }
        sleep 0.5
    done
    fail "$what"
}

echo "== server: chronoscale serve, node.approval: manual"
port="$(free_port)"
cat > "$work/chronoscale.yaml" <<EOF
server_url: http://127.0.0.1:$port
listen_addr: 127.0.0.1:$port
metrics_listen_addr: ""
data_dir: $work/data
node:
  approval: manual
derp:
  server:
    enabled: true
    stun_listen_addr: 127.0.0.1:0
EOF
"$CHRONOSCALE" serve -c "$work/chronoscale.yaml" > "$work/server.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$port/health" 120 || { echo "server did not start"; cat "$work/server.log"; exit 1; }
cs() { "$CHRONOSCALE" "$@" -c "$work/chronoscale.yaml"; }

cs users create alice -e alice@example.com > /dev/null
approved_key="$(cs preauthkeys create -u alice --reusable --pre-approved -e 1h | tail -n 1)"
plain_key="$(cs preauthkeys create -u alice --reusable -e 1h | tail -n 1)"
cs preauthkeys list -u alice

daemon() { # name
    mkdir -p "$work/$1"
    "$TAILSCALED" --tun=userspace-networking --no-logs-no-support --statedir="$work/$1" \
        --socket="$work/$1/sock" --port=0 > "$work/$1/daemon.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do [ -S "$work/$1/sock" ] && return; sleep 0.2; done
}
ts() { # name args...
    local name=$1
    shift
    "$TAILSCALE" --socket="$work/$name/sock" "$@"
}
backend() { ts "$1" status --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["BackendState"])'; }
peers() { ts "$1" status --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(sorted(p["HostName"] for p in (d.get("Peer") or {}).values())))'; }
is_backend() { [ "$(backend "$1")" = "$2" ]; }
has_peers() { [ "$(peers "$1")" = "$2" ]; }

echo "== clients"
daemon office-pc
ts office-pc up --login-server "http://127.0.0.1:$port" --authkey "$approved_key" --hostname office-pc --timeout 60s
daemon new-phone
# The client registers, then waits for the administrator: `up` returns only once it runs, so it is not waited for.
ts new-phone up --login-server "http://127.0.0.1:$port" --authkey "$plain_key" --hostname new-phone --timeout 60s \
    > "$work/new-phone/up.log" 2>&1 &
pids+=($!)
eventually "new-phone is registered and waits for approval (NeedsMachineAuth)" is_backend new-phone NeedsMachineAuth
echo "-- tailscale status of new-phone:"
ts new-phone status || true
cs nodes list
cs nodes list --pending
has_peers office-pc "" && pass "office-pc sees no peer while new-phone waits" || fail "office-pc sees $(peers office-pc)"

echo "== nodes approve"
phone_id="$(cs nodes list --pending -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
cs nodes approve -i "$phone_id" --reason "asset tag checked"
eventually "new-phone runs once approved" is_backend new-phone Running
eventually "office-pc sees new-phone" has_peers office-pc new-phone
eventually "new-phone sees office-pc" has_peers new-phone office-pc
ts new-phone ping -c 1 --timeout 10s office-pc && pass "new-phone reaches office-pc" || fail "no ping from new-phone"
cs nodes approve -i "$phone_id" && fail "a second approval was accepted" || pass "a second approval is refused"

echo "== nodes refuse"
daemon stranger
ts stranger up --login-server "http://127.0.0.1:$port" --authkey "$plain_key" --hostname stranger --timeout 60s \
    > "$work/stranger/up.log" 2>&1 &
pids+=($!)
eventually "stranger waits for approval" is_backend stranger NeedsMachineAuth
stranger_id="$(cs nodes list --pending -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"
cs nodes refuse -i "$stranger_id" --reason "unknown device"
cs nodes approve -i "$stranger_id" && fail "a refused node was approved" || pass "a refused node stays refused"
sleep 3
is_backend stranger NeedsMachineAuth && pass "stranger still waits" || fail "stranger is $(backend stranger)"
has_peers office-pc new-phone && pass "office-pc still sees only new-phone" || fail "office-pc sees $(peers office-pc)"
cs nodes list

echo "== audit"
cs audit log --action node. -o json | python3 -c '
import json,sys
d=json.load(sys.stdin)
for r in (d["records"] if isinstance(d, dict) else d):
    if r["action"] in ("node.approved", "node.approval_refused"):
        print(r["action"], r["actor"]["type"], r["target"]["id"], r.get("details", {}).get("reason"))'

[ "$failures" = 0 ] && echo "all checks passed" || { echo "$failures check(s) failed"; exit 1; }
