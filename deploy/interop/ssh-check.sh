#!/usr/bin/env bash
# Tailscale SSH check mode with stock clients: two network namespaces play two hosts, each running an unmodified
# tailscaled (userspace networking) against `chronoscale serve` over TLS; client-two runs Tailscale SSH (--ssh) and is
# tagged tag:server, and the policy's SSH rule for root on tag:server is a check.
#
#   TAILSCALED=/path/tailscaled TAILSCALE=/path/tailscale deploy/interop/ssh-check.sh      (as root)
#
# Needs root (ip netns), openssl, curl and an ssh client (`tailscale ssh` runs it). INTEROP_SLOT=2..9 moves the
# namespaces, addresses (10.20N.x.x) and ports beside another run. The steps, each printed with its outcome:
#   1. `tailscale ssh root@client-two` from client-one is held: it prints the check page's URL and waits;
#   2. `chronoscale ssh-check list` shows the check, `ssh-check approve` lets the session in and the command runs;
#   3. a second session within the rule's checkPeriod runs at once;
#   4. a session as `nobody` (a checkPeriod of "always") is held again, `ssh-check reject` turns it away;
#   5. the audit trail holds ssh.check_approved and ssh.check_rejected.
set -euo pipefail

: "${TAILSCALED:?set TAILSCALED to a stock tailscaled binary}"
: "${TAILSCALE:?set TAILSCALE to a stock tailscale CLI binary}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
CHRONOSCALE="${CHRONOSCALE:-$here/chronoscale}"
work="$(mktemp -d /tmp/chronoscale-sshcheck.XXXXXX)"
slot="${INTEROP_SLOT:-1}"
case "$slot" in [1-9]) ;; *) echo "INTEROP_SLOT must be 1 to 9"; exit 2 ;; esac
tag=$([ "$slot" = 1 ] && echo "" || echo "$slot")
csa=sc${tag}a
csb=sc${tag}b
veth=sc${tag}veth
net=10.$((200 + slot))
tls_port=$((18453 + 10 * (slot - 1)))
host=$net.1.1

cleanup_extra() { remove_namespaces; }
# shellcheck source=deploy/interop/lib.sh
. "$here/deploy/interop/lib.sh"

echo "== network: namespaces $csa ($net.1.2) and $csb ($net.2.2), routed through this host"
namespaces
forward 1

echo "== TLS: a throw-away CA and a certificate for $host"
tls_certificate

echo "== server: chronoscale serve on $host:$tls_port"
cat > "$work/chronoscale.yaml" <<EOF
server_url: https://$host:$tls_port
listen_addr: $host:$tls_port
tls_cert_path: $work/server.crt
tls_key_path: $work/server.key
metrics_listen_addr: ""
data_dir: $work/data
dns:
  base_domain: interop.example
derp:
  server:
    enabled: true
    stun_listen_addr: $host:$((3478 + slot))
EOF
export CHRONOSCALE_CONFIG="$work/chronoscale.yaml"
"$CHRONOSCALE" serve -c "$work/chronoscale.yaml" > "$work/server.log" 2>&1 &
pids+=($!)
for _ in $(seq 120); do
    curl -sf --cacert "$work/ca.crt" "https://$host:$tls_port/health" > /dev/null && break
    sleep 1
done
curl -sf --cacert "$work/ca.crt" "https://$host:$tls_port/health" > /dev/null || { echo "server did not start"; exit 1; }
"$CHRONOSCALE" users create alice > /dev/null
cat > "$work/policy.hujson" <<'EOF'
{
  "tagOwners": {"tag:server": ["alice@"]},
  "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}],
  "ssh": [
    {"action": "check", "src": ["alice@"], "dst": ["tag:server"], "users": ["root"], "checkPeriod": "1h"},
    {"action": "check", "src": ["alice@"], "dst": ["tag:server"], "users": ["nobody"], "checkPeriod": "always"},
  ],
}
EOF
"$CHRONOSCALE" policy set --file "$work/policy.hujson" > /dev/null
key_of() { sed -n 's/.*"key": *"\([^"]*\)".*/\1/p'; }
laptop_key="$("$CHRONOSCALE" preauthkeys create --user alice -o json | key_of)"
server_key="$("$CHRONOSCALE" preauthkeys create --user alice --tags tag:server -o json | key_of)"

daemon() { # name namespace port
    mkdir -p "$work/$1"
    ip netns exec "$2" "$TAILSCALED" --tun=userspace-networking --no-logs-no-support --statedir="$work/$1" \
        --socket="$work/$1/sock" --port="$3" > "$work/$1/daemon.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 50); do [ -S "$work/$1/sock" ] && return; sleep 0.2; done
}
ts() { # name namespace args...
    local name=$1 ns=$2
    shift 2
    ip netns exec "$ns" "$TAILSCALE" --socket="$work/$name/sock" "$@"
}

echo "== clients: client-one (alice) and client-two (tag:server, --ssh)"
daemon one $csa 41641
daemon two $csb 41641
ts one $csa up --login-server "https://$host:$tls_port" --authkey "$laptop_key" --hostname client-one --timeout 60s
ts two $csb up --login-server "https://$host:$tls_port" --authkey "$server_key" --hostname client-two --ssh --timeout 60s
# tailscale ssh trusts client-two's host keys from client-one's netmap: wait until client-two reported them.
for _ in $(seq 100); do ts one $csa status --json | grep -q '"sshHostKeys"\|"SSH_HostKeys"' && break; sleep 0.2; done
ts one $csa status

# `tailscale ssh` runs the system ssh through `tailscale nc`; the answer of the held session arrives as its banner.
ssh_to() { # user outfile
    ts one $csa ssh "$1@client-two" echo "session-ran-as-\$(id -un)" < /dev/null > "$2" 2>&1
}
check_id_in() { # file
    for _ in $(seq 100); do
        grep -o 'hskey-authreq-[A-Za-z0-9_-]\{24\}' "$1" | head -1 | grep . && return
        sleep 0.2
    done
    return 1
}

echo "== 1. tailscale ssh root@client-two is held"
ssh_to root "$work/ssh-1.txt" &
ssh1=$!
id1="$(check_id_in "$work/ssh-1.txt")" && pass "the session is held with check $id1" || fail "no check URL printed"
cat "$work/ssh-1.txt"
kill -0 $ssh1 2>/dev/null && pass "the ssh command waits" || fail "the ssh command ended while held"

echo "== 2. an administrator approves it"
"$CHRONOSCALE" ssh-check list | tee "$work/list.txt"
grep -q "$id1" "$work/list.txt" && pass "ssh-check list shows the check" || fail "ssh-check list misses the check"
"$CHRONOSCALE" ssh-check approve "$id1"
wait $ssh1 && pass "the approved session ended normally" || fail "the approved session failed"
cat "$work/ssh-1.txt"
grep -q "session-ran-as-root" "$work/ssh-1.txt" && pass "the command ran as root" || fail "the command did not run"

echo "== 3. within the check period: at once"
ssh_to root "$work/ssh-2.txt" && grep -q "session-ran-as-root" "$work/ssh-2.txt" \
    && ! grep -q hskey-authreq "$work/ssh-2.txt" && pass "second session ran without a check" \
    || { cat "$work/ssh-2.txt"; fail "second session was held or failed"; }

echo "== 4. checkPeriod always: held again, rejected"
ssh_to nobody "$work/ssh-3.txt" &
ssh3=$!
id3="$(check_id_in "$work/ssh-3.txt")" && pass "the nobody session is held with check $id3" || fail "no check for nobody"
"$CHRONOSCALE" ssh-check reject "$id3"
! wait $ssh3 && pass "the rejected session failed" || fail "the rejected session ran"
cat "$work/ssh-3.txt"
! grep -q "session-ran-as" "$work/ssh-3.txt" && pass "nothing ran" || fail "a command ran after the rejection"

echo "== 5. the audit trail"
sleep 2
"$CHRONOSCALE" audit log --action ssh.check_approved -o json > "$work/audit-approved.json"
grep -q "$id1" "$work/audit-approved.json" && pass "ssh.check_approved recorded" || fail "no ssh.check_approved"
"$CHRONOSCALE" audit log --action ssh.check_rejected -o json > "$work/audit-rejected.json"
grep -q "$id3" "$work/audit-rejected.json" && pass "ssh.check_rejected recorded" || fail "no ssh.check_rejected"

[ $failures = 0 ] && echo "ALL PASSED" || echo "$failures FAILED"
exit $failures
