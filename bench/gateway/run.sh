#!/usr/bin/env bash
# Gateway throughput and latency against nginx, on loopback, bounded in time (about 2-3 minutes).
#   bench/gateway/run.sh [seconds-per-run] [connections]
# Prints requests/s and p99 for: the upstream direct, nginx as proxy, the gateway with 1 route,
# the gateway with 10,000 routes (target written last); then the ratios.
source "$(dirname "$0")/lib.sh"
DURATION=${1:-15}
CONNECTIONS=${2:-64}
need wrk wrk; need nginx nginx; need redis-server redis-server; need curl curl

UP=$(free_port); PROXY=$(free_port); REDIS=$(free_port); GW=$(free_port); MGMT=$(free_port)
start_nginx "$UP" "$PROXY"
start_redis "$REDIS"
java "$ROOT/bench/gateway/BenchRoutes.java" seed "$REDIS" bench 1 "http://127.0.0.1:$UP"
start_gateway "$GW" "$MGMT" "$REDIS" bench
wait_http "http://127.0.0.1:$GW/target/"

measure() { # name url -> "rps p99ms"
  local out; out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2")
  local rps p99
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; print v}' <<<"$out")
  local errors; errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  [ -z "$errors" ] || echo "  $1: $errors" >&2
  printf '%-28s %10.0f req/s   p99 %6.2f ms\n' "$1" "$rps" "$p99" >&2
  echo "$rps $p99"
}

# The JIT needs far longer than one short run to settle when wrk, nginx and the gateway share two cores:
# warm up in 5 s runs until two in a row agree within 5 % (at most WARMUP_MAX seconds).
warm_up() { # url
  local previous=0 rps deadline=$((SECONDS + ${WARMUP_MAX:-90}))
  while :; do
    rps=$(wrk -t2 -c"$CONNECTIONS" -d5s "$1" | awk '/^Requests\/sec/ {printf "%d", $2}')
    echo "  warm-up: $rps req/s" >&2
    if [ "$previous" -gt 0 ] && [ $((rps * 100)) -ge $((previous * 95)) ] && [ $((rps * 100)) -le $((previous * 105)) ]; then
      return 0
    fi
    [ $SECONDS -lt $deadline ] || { echo "  warm-up: not settled within ${WARMUP_MAX:-90} s; measuring anyway" >&2; return 0; }
    previous=$rps
  done
}

echo "warming up the gateway (JIT) ..." >&2
warm_up "http://127.0.0.1:$GW/target/"

echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s on $(nproc) cores:" >&2
read -r direct_rps direct_p99 < <(measure "upstream direct (nginx)" "http://127.0.0.1:$UP/")
read -r nginx_rps nginx_p99 < <(measure "nginx proxy" "http://127.0.0.1:$PROXY/")
read -r gw1_rps gw1_p99 < <(measure "gateway, 1 route" "http://127.0.0.1:$GW/target/")

java "$ROOT/bench/gateway/BenchRoutes.java" seed "$REDIS" bench 10000 "http://127.0.0.1:$UP"
deadline=$((SECONDS + 30))
until curl -s "http://127.0.0.1:$MGMT/actuator/health/readiness" | grep -q '"routes":10000'; do
  [ $SECONDS -lt $deadline ] || { echo "the gateway did not load 10000 routes" >&2; exit 1; }
  sleep 0.2
done
echo "settling after loading 10,000 routes (a new index and its garbage) ..." >&2
warm_up "http://127.0.0.1:$GW/target/"
read -r gw10k_rps gw10k_p99 < <(measure "gateway, 10,000 routes" "http://127.0.0.1:$GW/target/")

awk -v g="$gw1_rps" -v n="$nginx_rps" -v k="$gw10k_rps" -v p="$gw1_p99" -v q="$gw10k_p99" 'BEGIN {
  printf "ratio gateway/nginx-proxy          %.2f   (target >= 0.5)\n", g / n
  printf "ratio gateway(10k)/gateway(1)      %.2f   (target >= 0.9)\n", k / g
  printf "gateway p99 at '"$CONNECTIONS"' connections   %.2f ms (1 route), %.2f ms (10k)   (target <= 5 ms)\n", p, q
}'
