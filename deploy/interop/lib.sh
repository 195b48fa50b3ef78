# Sourced by the interop scripts after they set $work: how each reports its checks and leaves nothing running.
#   pass/fail     print a check's outcome; fail counts it in $failures
#   pids          what the script started in the background; stopped on exit
#   cleanup_extra defined by a script for what else it must undo on exit (namespaces); called when defined
#   namespaces    two network namespaces $csa ($net.1.2) and $csb ($net.2.2), each linked to this host ($net.N.1)
#                 by veth $veth1 / $veth2, with a default route through it; forward 0|1 routes between them or not
#   tls_certificate a throw-away CA ($work/ca.crt, trusted by Go's TLS through SSL_CERT_FILE) and a certificate for
#                 the address $host ($work/server.crt, $work/server.key)
#   free_port, wait_for URL SECONDS
failures=0
pids=()

pass() { echo "PASS  $*"; }
fail() { echo "FAIL  $*"; failures=$((failures + 1)); }

cleanup() {
    if [ ${#pids[@]} -gt 0 ]; then
        kill "${pids[@]}" 2>/dev/null || true
        wait "${pids[@]}" 2>/dev/null || true
    fi
    if declare -F cleanup_extra > /dev/null; then
        cleanup_extra
    fi
    echo "logs and state: $work"
}
trap cleanup EXIT

namespaces() {
    for i in 1 2; do
        ns=$([ $i = 1 ] && echo $csa || echo $csb)
        ip netns add $ns
        ip link add $veth$i type veth peer name $veth${i}n
        ip link set $veth${i}n netns $ns
        ip addr add $net.$i.1/24 dev $veth$i
        ip link set $veth$i up
        ip netns exec $ns ip addr add $net.$i.2/24 dev $veth${i}n
        ip netns exec $ns ip link set $veth${i}n up
        ip netns exec $ns ip link set lo up
        ip netns exec $ns ip route add default via $net.$i.1
    done
}
# Forwarding between the namespaces is switched on the two links only, not machine-wide, so other runs are left alone.
forward() { # 0|1
    for i in 1 2; do echo "$1" > "/proc/sys/net/ipv4/conf/$veth$i/forwarding"; done
}
remove_namespaces() {
    ip netns del $csa 2>/dev/null || true
    ip netns del $csb 2>/dev/null || true
}

tls_certificate() {
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=interop CA" \
        -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$host" \
        -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
    printf "subjectAltName=IP:%s\nextendedKeyUsage=serverAuth\n" "$host" > "$work/ext.cnf"
    openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
        -extfile "$work/ext.cnf" -out "$work/server.crt" 2>/dev/null
    export SSL_CERT_FILE="$work/ca.crt"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # url seconds
    for _ in $(seq "$2"); do
        curl -sf -o /dev/null "$1" && return 0
        sleep 1
    done
    return 1
}
