#!/usr/bin/env bash
# Moves a real Headscale tailnet to Chronoscale and checks that its stock clients follow with no action on the
# device. The Headscale side is shared/fixtures/headscale-0.26.1: a database made by Headscale 0.26.1 with three
# stock tailscaled 1.82.5, its Noise key, and each client's saved state (ControlURL http://127.0.0.1:55183).
#
#   TAILSCALED=/path/tailscaled TAILSCALE=/path/tailscale deploy/interop/from-headscale.sh
#
# Needs curl and python3; the Tailscale binaries are yours to bring (this script builds nothing of theirs).
# tailscaled runs with userspace networking and --no-logs-no-support, on loopback. The steps, each printed with
# its outcome:
#   1. `chronoscale import headscale --dry-run` reports the whole tailnet and changes nothing;
#   2. the import, with Headscale's server_url and noise key;
#   3. the three clients start on copies of their Headscale state: each comes up Running with its old addresses
#      and no login, and lists the others;
#   4. `tailscale ping` between two of them;
#   5. a change made on Chronoscale (a rename) reaches the clients;
#   6. a pre-auth key Headscale handed out registers a fourth client; a spent one is refused.
set -euo pipefail

: "${TAILSCALED:?set TAILSCALED to a stock tailscaled binary}"
: "${TAILSCALE:?set TAILSCALE to a stock tailscale CLI binary}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
CHRONOSCALE="${CHRONOSCALE:-$here/chronoscale}"
fixture="${HEADSCALE_FIXTURE:-$here/../shared/fixtures/headscale-0.26.1}"
[ -f "$fixture/db.sqlite" ] || { echo "no Headscale fixture at $fixture (set HEADSCALE_FIXTURE)"; exit 1; }
work="$(mktemp -d /tmp/chronoscale-from-headscale.XXXXXX)"
port=55183   # the clients' saved ControlURL names it

# shellcheck source=deploy/interop/lib.sh
. "$here/deploy/interop/lib.sh"

if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "something already listens on 127.0.0.1:$port, which the clients' state points at"
    exit 1
fi

echo "== server: chronoscale serve with Headscale's server_url and Noise key"
cp "$fixture/noise_private.key" "$work/noise_private.key"
chmod 600 "$work/noise_private.key"
cat > "$work/chronoscale.yaml" <<EOF
server_url: http://127.0.0.1:$port
listen_addr: 127.0.0.1:$port
metrics_listen_addr: ""
data_dir: $work/data
noise:
  private_key_path: $work/noise_private.key
derp:
  server:
    enabled: true
    stun_listen_addr: 127.0.0.1:0
EOF
export CHRONOSCALE_CONFIG="$work/chronoscale.yaml"
"$CHRONOSCALE" serve -c "$work/chronoscale.yaml" > "$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
    curl -sf "http://127.0.0.1:$port/health" > /dev/null && break
    sleep 1
done
curl -sf "http://127.0.0.1:$port/health" > /dev/null || { echo "server did not start"; cat "$work/server.log"; exit 1; }
cs() { "$CHRONOSCALE" "$@" -c "$work/chronoscale.yaml"; }

echo "== 1. dry run"
cs import headscale --from "sqlite:$fixture/db.sqlite" --dry-run | tee "$work/dry-run.txt"
grep -q "Would import .*3 users, 3 nodes, 6 pre-auth keys, 1 API keys, the policy." "$work/dry-run.txt" \
    && pass "dry run: the whole tailnet would be carried" || fail "dry run did not report the tailnet"
[ "$(cs users list -o json)" = "[]" ] && pass "dry run changed nothing" || fail "dry run created users"

echo "== 2. import"
cs import headscale --from "sqlite:$fixture/db.sqlite" --reason "moving off Headscale" | tee "$work/import.txt"
grep -q "^Imported from headscale" "$work/import.txt" && pass "import done" || fail "import failed"
cs nodes list

daemon() { # name
    mkdir -p "$work/$1"
    cp "$fixture/clients/$1/tailscaled.state" "$work/$1/"
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
state() { # name: BackendState and the first address
    ts "$1" status --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["BackendState"], d["Self"]["TailscaleIPs"][0])'
}

echo "== 3. the Headscale clients start on their old state"
declare -A address=([alice-laptop]=100.64.0.1 [bob-laptop]=100.64.0.2 [db-server]=100.64.0.3)
for name in alice-laptop bob-laptop db-server; do daemon "$name"; done
for name in alice-laptop bob-laptop db-server; do
    got=""
    for _ in $(seq 60); do
        got="$(state "$name" 2>/dev/null || true)"
        [ "$got" = "Running ${address[$name]}" ] && break
        sleep 0.5
    done
    [ "$got" = "Running ${address[$name]}" ] && pass "$name is Running with its old address ${address[$name]}, no login" \
        || fail "$name: '$got', not Running with ${address[$name]}"
done
ts alice-laptop status | tee "$work/status-alice.txt"
grep -q "db-server" "$work/status-alice.txt" && grep -q "bobs-mac" "$work/status-alice.txt" \
    && pass "alice-laptop lists db-server and bobs-mac" || fail "alice-laptop does not list its peers"

echo "== 4. ping"
ts alice-laptop ping -c 5 100.64.0.3 > "$work/ping.txt" 2>&1 || true
cat "$work/ping.txt"
grep -q "pong from db-server (100.64.0.3)" "$work/ping.txt" && pass "alice-laptop pings db-server" || fail "no pong from db-server"

echo "== 5. a change made on Chronoscale reaches the clients"
cs nodes rename -i 2 bobs-laptop > /dev/null
renamed=no
for _ in $(seq 40); do
    ts alice-laptop status | grep -q "bobs-laptop" && { renamed=yes; break; }
    sleep 0.5
done
[ $renamed = yes ] && pass "alice-laptop sees bob's node renamed" || fail "the rename did not reach alice-laptop"

echo "== 6. pre-auth keys Headscale handed out"
# shellcheck disable=SC1091
. "$fixture/keys.env"
mkdir -p "$work/new-client"
"$TAILSCALED" --tun=userspace-networking --no-logs-no-support --statedir="$work/new-client" \
    --socket="$work/new-client/sock" --port=0 > "$work/new-client/daemon.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$work/new-client/sock" ] && break; sleep 0.2; done
ts new-client up --login-server "http://127.0.0.1:$port" --authkey "$BOB_SINGLE_USE_KEY_USED" --hostname spent-key \
    --timeout 15s > "$work/spent.txt" 2>&1 && fail "the spent single-use key registered a client" \
    || pass "the spent single-use key is refused: $(head -c 160 "$work/spent.txt" | tr '\n' ' ')"
ts new-client up --login-server "http://127.0.0.1:$port" --authkey "$ALICE_REUSABLE_KEY" --hostname alice-desktop \
    --timeout 60s && pass "alice's reusable key registers a fourth client" || fail "alice's reusable key was refused"
cs nodes list | grep -q "alice-desktop" && pass "alice-desktop is listed as node 4" || fail "alice-desktop is not listed"

echo
if [ $failures -eq 0 ]; then
    echo "ALL PASSED"
else
    echo "$failures FAILED"
    exit 1
fi
