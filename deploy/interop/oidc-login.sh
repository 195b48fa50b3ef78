#!/usr/bin/env bash
# Logs stock Tailscale clients in through a real Keycloak: `tailscale up --login-server` prints a URL, a scripted
# browser (deploy/interop/browser.py) follows it through Keycloak's login form, and the client comes up as that
# person's device.
#
#   TAILSCALED=/path/tailscaled TAILSCALE=/path/tailscale deploy/interop/oidc-login.sh
#
# Needs curl, unzip and python3; the Tailscale binaries are yours to bring. Keycloak is the distribution the test
# build copies to app/target/keycloak/keycloak-dist.zip (`./mvnw -B verify`, or
# `./mvnw -pl app -am process-test-resources`), or KEYCLOAK_ZIP; it runs `start-dev` on loopback with the tests'
# realm (app/src/test/resources/keycloak/chronoscale-realm.json). tailscaled runs with userspace networking and
# --no-logs-no-support, on loopback. The steps, each printed with its outcome:
#   1. alice's client: `tailscale up` prints a /register/ URL; alice logs in at Keycloak; the client is Running,
#      its node belongs to the user made for alice (e-mail and provider identifier from the token);
#   2. bob's client the same way; alice's client lists bob's and `tailscale ping` answers;
#   3. carol, whose e-mail is not verified, is refused with a page that says why; her client registers nothing;
#   4. the audit trail names alice's subject as the actor of her node's registration.
set -euo pipefail

: "${TAILSCALED:?set TAILSCALED to a stock tailscaled binary}"
: "${TAILSCALE:?set TAILSCALE to a stock tailscale CLI binary}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
CHRONOSCALE="${CHRONOSCALE:-$here/chronoscale}"
KEYCLOAK_ZIP="${KEYCLOAK_ZIP:-$here/app/target/keycloak/keycloak-dist.zip}"
[ -f "$KEYCLOAK_ZIP" ] || { echo "no Keycloak distribution at $KEYCLOAK_ZIP (run the test build, or set KEYCLOAK_ZIP)"; exit 1; }
# shellcheck disable=SC1091
. "$here/bin/find-jdk.sh"
find_jdk || { echo "no JDK >= 21 for Keycloak"; exit 1; }
JDK_HOME="$CHRONOSCALE_JAVA_HOME"
work="$(mktemp -d /tmp/chronoscale-oidc.XXXXXX)"
port="${OIDC_INTEROP_PORT:-55283}"
kc_port=$((port + 1))

# shellcheck source=deploy/interop/lib.sh
. "$here/deploy/interop/lib.sh"

for p in $port $kc_port; do
    if curl -s -o /dev/null "http://127.0.0.1:$p/"; then echo "something already listens on 127.0.0.1:$p"; exit 1; fi
done

echo "== Keycloak: start-dev on 127.0.0.1:$kc_port with the realm chronoscale"
unzip -q "$KEYCLOAK_ZIP" -d "$work/keycloak"
kc_home="$(find "$work/keycloak" -mindepth 1 -maxdepth 1 -type d | head -1)"
mkdir -p "$kc_home/data/import"
cp "$here/app/src/test/resources/keycloak/chronoscale-realm.json" "$kc_home/data/import/"
JAVA_HOME="$JDK_HOME" KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="interop-$RANDOM$RANDOM" \
    JAVA_OPTS_APPEND="--add-opens=java.base/java.lang=ALL-UNNAMED" \
    bash "$kc_home/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port=$kc_port \
    --http-management-port=$((port + 2)) --import-realm --cache=local > "$work/keycloak.log" 2>&1 &
pids+=($!)
issuer="http://127.0.0.1:$kc_port/realms/chronoscale"
for _ in $(seq 240); do
    curl -sf "$issuer/.well-known/openid-configuration" > /dev/null && break
    sleep 1
done
curl -sf "$issuer/.well-known/openid-configuration" > /dev/null || { echo "Keycloak did not start"; tail -20 "$work/keycloak.log"; exit 1; }

echo "== server: chronoscale serve with oidc.issuer $issuer"
printf '%s' chronoscale-client-secret > "$work/oidc-client-secret"
chmod 600 "$work/oidc-client-secret"
cat > "$work/chronoscale.yaml" <<EOF
server_url: http://127.0.0.1:$port
listen_addr: 127.0.0.1:$port
metrics_listen_addr: ""
data_dir: $work/data
oidc:
  issuer: $issuer
  client_id: chronoscale
  client_secret_path: $work/oidc-client-secret
  # An e-mail rule, so that email_verified_required (on by default) applies, as in Headscale.
  allowed_domains: [example.com, example.org]
  pkce:
    enabled: true
    method: S256
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
# Starts `tailscale up` for a client in the background (its pid in up_pid) and waits for the login URL it prints.
up_pid=""
login_url() { # name
    ts "$1" up --login-server "http://127.0.0.1:$port" --hostname "$1" --timeout 120s > "$work/$1/up.txt" 2>&1 &
    up_pid=$!
    for _ in $(seq 100); do
        url="$(grep -o "http://127.0.0.1:$port/register/[A-Za-z0-9_-]*" "$work/$1/up.txt" | head -1 || true)"
        [ -n "$url" ] && return 0
        sleep 0.2
    done
    return 1
}
state() { # name
    ts "$1" status --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["BackendState"])' 2>/dev/null || true
}
running() { # name: waits up to 30 s for Running, prints the state it ends in
    for _ in $(seq 60); do
        [ "$(state "$1")" = Running ] && break
        sleep 0.5
    done
    state "$1"
}

echo "== 1. alice logs in through Keycloak"
daemon alice-laptop
login_url alice-laptop && pass "tailscale up printed $url" || fail "tailscale up printed no login URL"
python3 "$here/deploy/interop/browser.py" "$url" alice alice-password > "$work/alice-browser.txt" \
    && pass "alice's browser ends on: $(sed -n 2,40p "$work/alice-browser.txt" | tr -s ' \n' ' ' | head -c 120)" \
    || fail "alice's login did not end well: $(head -c 300 "$work/alice-browser.txt")"
wait "$up_pid" && pass "tailscale up returned" || fail "tailscale up failed: $(cat "$work/alice-laptop/up.txt")"
[ "$(running alice-laptop)" = Running ] && pass "alice-laptop is Running" || fail "alice-laptop is $(running alice-laptop)"
cs users list -o json > "$work/users.json"
python3 - "$work/users.json" "$issuer" <<'PY' && pass "user alice made from the token (name, e-mail, provider oidc, provider_id issuer/subject)" || fail "no user for alice: $(cat "$work/users.json")"
import json, sys
users = json.load(open(sys.argv[1]))
assert [u for u in users if u.get("name") == "alice" and u.get("email") == "alice@example.com"
        and u.get("provider") == "oidc" and u.get("provider_id", "").startswith(sys.argv[2] + "/")], users
PY
cs nodes list | tee "$work/nodes-1.txt"
grep -q "alice-laptop" "$work/nodes-1.txt" && pass "nodes list shows alice-laptop" || fail "alice-laptop is not listed"

echo "== 2. bob logs in; the two clients see each other"
daemon bob-laptop
login_url bob-laptop || true
python3 "$here/deploy/interop/browser.py" "$url" bob bob-password > "$work/bob-browser.txt" \
    && pass "bob logged in" || fail "bob's login did not end well: $(head -c 300 "$work/bob-browser.txt")"
wait "$up_pid" || true
[ "$(running bob-laptop)" = Running ] && pass "bob-laptop is Running" || fail "bob-laptop is $(running bob-laptop)"
seen=no
for _ in $(seq 40); do
    ts alice-laptop status | grep -q "bob-laptop" && { seen=yes; break; }
    sleep 0.5
done
[ $seen = yes ] && pass "alice-laptop lists bob-laptop" || fail "alice-laptop does not list bob-laptop"
bob_ip="$(ts bob-laptop ip -4)"
ts alice-laptop ping -c 5 "$bob_ip" > "$work/ping.txt" 2>&1 || true
grep -q "pong from bob-laptop" "$work/ping.txt" && pass "alice-laptop pings bob-laptop ($bob_ip)" || fail "no pong: $(cat "$work/ping.txt")"

echo "== 3. carol's e-mail (example.org, an allowed domain) is not verified: refused"
daemon carol-laptop
login_url carol-laptop || true
if python3 "$here/deploy/interop/browser.py" "$url" carol carol-password > "$work/carol-browser.txt"; then
    fail "carol's login was accepted"
else
    grep -qi "verified" "$work/carol-browser.txt" && pass "carol is refused with a page that says why: $(sed -n 2,40p "$work/carol-browser.txt" | tr -s ' \n' ' ' | head -c 120)" \
        || fail "carol's refusal page does not say why: $(head -c 300 "$work/carol-browser.txt")"
fi
cs nodes list | grep -q "carol-laptop" && fail "carol-laptop was registered" || pass "carol-laptop registered nothing"
kill "$up_pid" 2>/dev/null || true

echo "== 4. the audit trail names the person"
cs audit log --action node. -o json > "$work/audit.json"
grep -q '"OIDC"\|"oidc"' "$work/audit.json" && grep -q "$issuer/" "$work/audit.json" \
    && pass "the audit trail records the registrations with the OIDC subject as actor" \
    || fail "no OIDC actor in the audit trail"

echo
if [ $failures -eq 0 ]; then
    echo "ALL PASSED"
else
    echo "$failures FAILED"
    exit 1
fi
