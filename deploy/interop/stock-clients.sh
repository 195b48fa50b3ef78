#!/usr/bin/env bash
# Checks Chronoscale against stock Tailscale clients on one Linux machine: two network namespaces play two
# hosts, each running an unmodified tailscaled (userspace networking) against `chronoscale serve`, which serves
# TLS itself with tls_cert_path/tls_key_path (Tailscale clients reach DERP relays over HTTPS only).
#
#   sudo TAILSCALED=/path/tailscaled TAILSCALE=/path/tailscale deploy/interop/stock-clients.sh
#
# Needs root (ip netns), openssl, curl, unzip and pdftotext (poppler-utils); the Tailscale binaries are yours to bring (the
# chronoscale launcher builds the jar when the sources are newer). Everything listens on addresses of the namespaces' links
# (10.201.x.x); tailscaled runs with --no-logs-no-support. INTEROP_SLOT=2..9 moves the namespaces,
# links, addresses (10.20N.x.x) and ports, so a second run can go on beside another. The steps, each printed with its outcome:
#   1. two clients join with a pre-auth key and list each other in `tailscale status`;
#   2. with no route between the namespaces, `tailscale ping` goes through the embedded DERP relay, and
#      `tailscale netcheck` finds the relay's region and a STUN answer;
#   3. with a route, `tailscale ping` goes direct;
#   4. a third client logs in interactively and an admin admits it with `chronoscale auth register`;
#   5. a policy that keeps the third client's user to itself removes it from the others' status (its impact
#      previewed first);
#   6. history: the map client-one was served, who could reach bob's laptop, and what changed, before the policy;
#   7. compliance reports (access review as PDF, devices, access changes, admin activity), each checked offline with
#      `report verify`, read back, and an edited byte caught;
#   8. Taildrop: client-one lists client-two (same user) as a target, `tailscale file cp` sends a file and
#      `tailscale file get` on client-two yields the same bytes;
#   9. DNS: `tailscale dns status --all` shows the split route, the global nameserver, the search domains and the
#      extra records, `tailscale dns query` answers an extra record, and a rewritten records file reaches the client.
set -euo pipefail

: "${TAILSCALED:?set TAILSCALED to a stock tailscaled binary}"
: "${TAILSCALE:?set TAILSCALE to a stock tailscale CLI binary}"
here="$(cd "$(dirname "$0")/../.." && pwd)"
CHRONOSCALE="${CHRONOSCALE:-$here/chronoscale}"
work="$(mktemp -d /tmp/chronoscale-interop.XXXXXX)"
slot="${INTEROP_SLOT:-1}"
case "$slot" in [1-9]) ;; *) echo "INTEROP_SLOT must be 1 to 9"; exit 2 ;; esac
tag=$([ "$slot" = 1 ] && echo "" || echo "$slot")
csa=cs${tag}a
csb=cs${tag}b
veth=cs${tag}veth
net=10.$((200 + slot))
tls_port=$((18443 + 10 * (slot - 1)))
host=$net.1.1

cleanup_extra() { remove_namespaces; }
# shellcheck source=deploy/interop/lib.sh
. "$here/deploy/interop/lib.sh"

echo "== network: namespaces $csa ($net.1.2) and $csb ($net.2.2), no route between them"
namespaces
forward 0

echo "== TLS: a throw-away CA and a certificate for $host"
tls_certificate

echo "== server: chronoscale serve, serving TLS itself (tls_cert_path, tls_key_path) on $host:$tls_port"
cat > "$work/extra-records.json" <<EOF
[{"name": "grafana.interop.example", "type": "A", "value": "100.64.0.200"}]
EOF
cat > "$work/chronoscale.yaml" <<EOF
server_url: https://$host:$tls_port
listen_addr: $host:$tls_port
tls_cert_path: $work/server.crt
tls_key_path: $work/server.key
metrics_listen_addr: ""
data_dir: $work/data
dns:
  base_domain: interop.example
  override_local_dns: true
  nameservers:
    global: [192.0.2.53]
    split:
      corp.example.com: [192.0.2.54]
  search_domains: [corp.example.com]
  extra_records_path: $work/extra-records.json
derp:
  server:
    enabled: true
    stun_listen_addr: $host:3478
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
"$CHRONOSCALE" users create bob > /dev/null
key="$("$CHRONOSCALE" preauthkeys create --user alice --reusable -o json | sed -n 's/.*"key": *"\([^"]*\)".*/\1/p')"

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

echo "== 1. two clients join with a pre-auth key"
daemon one $csa 41641
daemon two $csb 41641
ts one $csa up --login-server "https://$host:$tls_port" --authkey "$key" --hostname client-one --timeout 60s
ts two $csb up --login-server "https://$host:$tls_port" --authkey "$key" --hostname client-two --timeout 60s
sleep 2
ts one $csa status | grep -q client-two && pass "client-one lists client-two" || fail "client-one does not list client-two"
ts two $csb status | grep -q client-one && pass "client-two lists client-one" || fail "client-two does not list client-one"
two_ip="$(ts two $csb ip -4)"

echo "== 2. no direct path: through the embedded relay"
ts one $csa ping -c 3 "$two_ip" > "$work/ping-derp.txt" 2>&1 || true
cat "$work/ping-derp.txt"
grep -q "via DERP(chronoscale)" "$work/ping-derp.txt" && pass "ping through the embedded DERP relay" \
    || fail "no pong through the embedded DERP relay"
ts one $csa netcheck > "$work/netcheck.txt" 2>&1 || true
cat "$work/netcheck.txt"
grep -q "UDP: true" "$work/netcheck.txt" && pass "netcheck: STUN answered" || fail "netcheck: no STUN answer"
grep -q "Nearest DERP: Chronoscale Embedded DERP" "$work/netcheck.txt" && pass "netcheck: embedded region found" \
    || fail "netcheck: embedded region not found"

echo "== 3. a route between the namespaces: direct"
forward 1
ts one $csa ping -c 10 "$two_ip" > "$work/ping-direct.txt" 2>&1 || true
cat "$work/ping-direct.txt"
grep -q "via $net.2.2:41641" "$work/ping-direct.txt" && pass "ping direct" || fail "no direct pong"

echo "== 4. interactive login, admitted by an admin"
daemon three $csb 41642
ts three $csb up --login-server "https://$host:$tls_port" --hostname bobs-laptop --timeout 60s > "$work/three-up.txt" 2>&1 &
up=$!
for _ in $(seq 50); do grep -q "/register/" "$work/three-up.txt" && break; sleep 0.2; done
auth_id="$(sed -n 's#.*/register/\([^ ]*\).*#\1#p' "$work/three-up.txt" | head -1)"
echo "auth id: $auth_id"
"$CHRONOSCALE" auth register --auth-id "$auth_id" --user bob
wait $up && pass "interactive login completed" || fail "interactive login did not complete"
sleep 2
ts one $csa status | grep -q bobs-laptop && pass "client-one lists bobs-laptop" || fail "client-one does not list bobs-laptop"

echo "== 5. a policy keeps bob's devices to themselves"
printf '{"acls": [{"action": "accept", "src": ["alice@"], "dst": ["alice@:*"]}]}\n' > "$work/policy.hujson"
before_policy="$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)"
sleep 1
"$CHRONOSCALE" policy check --file "$work/policy.hujson" --impact > "$work/policy-impact.txt"
grep -q "removes [1-9][0-9]* access row" "$work/policy-impact.txt" && pass "policy check --impact: access removed" \
    || fail "policy check --impact shows no access removed"
"$CHRONOSCALE" policy set --file "$work/policy.hujson"
sleep 2
ts one $csa status > "$work/status-after-policy.txt"
! grep -q bobs-laptop "$work/status-after-policy.txt" && pass "bobs-laptop gone from client-one" \
    || fail "client-one still lists bobs-laptop"
grep -q client-two "$work/status-after-policy.txt" && pass "client-one still lists client-two" \
    || fail "client-one lost client-two"

echo "== 6. history: the tailnet before the policy, asked of the log"
"$CHRONOSCALE" history netmap --node client-one --at "$before_policy" > "$work/history-netmap.txt"
grep -q bobs-laptop "$work/history-netmap.txt" && pass "history netmap: client-one was served bobs-laptop before the policy" \
    || fail "history netmap: bobs-laptop missing from client-one's past map"
"$CHRONOSCALE" history netmap --node client-one --at -0s > "$work/history-netmap-now.txt"
! grep -q bobs-laptop "$work/history-netmap-now.txt" && grep -q client-two "$work/history-netmap-now.txt" \
    && pass "history netmap: now without bobs-laptop" || fail "history netmap: the present map is wrong"
"$CHRONOSCALE" history access --at "$before_policy" --dst bobs-laptop > "$work/history-access.txt"
grep -q "acls\[0\]" "$work/history-access.txt" && pass "history access: bobs-laptop was reachable then" \
    || fail "history access: no access to bobs-laptop before the policy"
[ "$("$CHRONOSCALE" history access --at -0s --dst bobs-laptop -o csv | wc -l)" = 1 ] \
    && pass "history access: nothing reaches bobs-laptop now" || fail "history access: bobs-laptop still reachable"
"$CHRONOSCALE" history diff --from "$before_policy" > "$work/history-diff.txt"
grep -q "^+.*alice@:\*" "$work/history-diff.txt" && grep -q "Access lost ([1-9]" "$work/history-diff.txt" \
    && pass "history diff: the policy change and the access it removed" || fail "history diff: policy or access change missing"
"$CHRONOSCALE" nodes list --at "$before_policy" | grep -q bobs-laptop && pass "nodes list --at lists bobs-laptop" \
    || fail "nodes list --at does not list bobs-laptop"
for f in policy-impact history-netmap history-access history-diff; do echo "--- $f"; cat "$work/$f.txt"; done

echo "== 7. compliance reports: signed, checked offline, read back"
audit_key="$("$CHRONOSCALE" audit public-key -o json | sed -n 's/.*"public_key" *: *"\([^"]*\)".*/\1/p')"
"$CHRONOSCALE" report access-review --at "$before_policy" --format pdf --out "$work/review.pdf"
"$CHRONOSCALE" report verify "$work/review.pdf" --public-key "$audit_key" && pass "report verify: the access review PDF is intact" \
    || fail "report verify refused the access review PDF"
pdftotext -layout "$work/review.pdf" "$work/review.txt"
grep -q "People with access *2 of 2" "$work/review.txt" && grep -q "bobs-laptop" "$work/review.txt" \
    && pass "access review PDF: before the policy both people reached bobs-laptop" || fail "access review PDF: summary or rows missing"
"$CHRONOSCALE" report devices --format json --out "$work/devices.json"
grep -q '"client-one", "client-one", "alice", "[^"]*", "linux[^"]*", "1\.82\.5' "$work/devices.json" \
    && pass "devices report: client-one's OS and client version from the stock client's own report" \
    || fail "devices report: client-one's OS or client version missing"
"$CHRONOSCALE" report access-changes --from "$before_policy" --format html --out "$work/changes.html"
grep -q "alice@:\*" "$work/changes.html" && grep -q "<td>v1</td>" "$work/changes.html" \
    && pass "access changes report: the policy and its diff" || fail "access changes report: policy change missing"
"$CHRONOSCALE" report admin-activity --from -1h --format csv --out "$work/activity.zip"
"$CHRONOSCALE" report verify "$work/activity.zip" --public-key "$audit_key" > /dev/null \
    && unzip -p "$work/activity.zip" admin-actions.csv | grep -q "policy.updated" \
    && pass "admin activity report: intact, lists the policy change" || fail "admin activity report: not intact or no policy change"
printf 'X' | dd of="$work/review.pdf" bs=1 seek=300 conv=notrunc 2>/dev/null
! "$CHRONOSCALE" report verify "$work/review.pdf" --public-key "$audit_key" > "$work/tampered.txt" \
    && grep -q TAMPERED "$work/tampered.txt" && pass "report verify: an edited byte is caught" || fail "report verify missed an edit"
echo "--- review.txt"; cat "$work/review.txt"

echo "== 8. Taildrop between two devices of one user"
ts one $csa file cp --targets > "$work/file-targets.txt" 2>&1 || true
cat "$work/file-targets.txt"
grep -q "client-two" "$work/file-targets.txt" && pass "file cp --targets lists client-two" \
    || fail "file cp --targets does not list client-two"
head -c 300000 /dev/urandom > "$work/taildrop.bin"
ts one $csa file cp "$work/taildrop.bin" "$two_ip:" && pass "file cp sent the file to client-two" \
    || fail "file cp could not send to client-two"
mkdir -p "$work/inbox"
timeout 60 ip netns exec $csb "$TAILSCALE" --socket="$work/two/sock" file get --wait "$work/inbox" \
    > "$work/file-get.txt" 2>&1 || true
cat "$work/file-get.txt"
cmp -s "$work/taildrop.bin" "$work/inbox/taildrop.bin" \
    && pass "file get on client-two yields the same $(stat -c %s "$work/taildrop.bin") bytes" \
    || fail "file get on client-two: the file is missing or differs"

echo "== 9. DNS: split routes, search domains, extra records, the records file followed"
ts one $csa dns status --all > "$work/dns-status.txt" 2>&1 || true
cat "$work/dns-status.txt"
grep -q "corp.example.com *-> 192.0.2.54" "$work/dns-status.txt" && pass "dns status: split route corp.example.com" \
    || fail "dns status: no split route for corp.example.com"
sed -n '/^Resolvers/,/^$/p' "$work/dns-status.txt" | grep -q "^  - 192.0.2.53" \
    && pass "dns status: the global nameserver replaces the device's (override_local_dns)" || fail "dns status: no resolver"
grep -q "^  - interop.example" "$work/dns-status.txt" && grep -q "^  - corp.example.com$" "$work/dns-status.txt" \
    && pass "dns status: search domains interop.example and corp.example.com" || fail "dns status: search domains missing"
grep -q "\[A\] grafana.interop.example *-> 100.64.0.200" "$work/dns-status.txt" \
    && pass "dns status: the extra record from the records file" || fail "dns status: extra record missing"
ts one $csa dns query grafana.interop.example a > "$work/dns-query.txt" 2>&1 || true
cat "$work/dns-query.txt"
grep -q "100.64.0.200" "$work/dns-query.txt" && pass "dns query: MagicDNS answers the extra record" \
    || fail "dns query: no answer for the extra record"
printf '[{"name": "wiki.interop.example", "type": "A", "value": "100.64.0.201"}]\n' > "$work/extra-records.json.new"
mv "$work/extra-records.json.new" "$work/extra-records.json"
for _ in $(seq 30); do
    ts one $csa dns status --all > "$work/dns-status-after.txt" 2>&1 || true
    grep -q "wiki.interop.example" "$work/dns-status-after.txt" && break
    sleep 1
done
grep -q "\[A\] wiki.interop.example *-> 100.64.0.201" "$work/dns-status-after.txt" \
    && ! grep -q "grafana.interop.example" "$work/dns-status-after.txt" \
    && pass "records file rewritten: client-one has the new record, not the old" \
    || fail "the rewritten records file did not reach client-one"

echo
"$TAILSCALE" version | head -1 | sed 's/^/tailscale client /'
[ $failures = 0 ] && echo "ALL PASSED" || echo "$failures FAILED"
exit $failures
