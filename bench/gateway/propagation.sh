#!/usr/bin/env bash
# Route propagation: time from PUBLISH on skyport:routes:changed to the first 200 through the gateway,
# p50/p99 over 200 updates (each a new route in an app that already holds 10,000).
#   bench/gateway/propagation.sh [updates]
source "$(dirname "$0")/lib.sh"
UPDATES=${1:-200}
need nginx nginx; need redis-server redis-server; need curl curl

UP=$(free_port); PROXY=$(free_port); REDIS=$(free_port); GW=$(free_port); MGMT=$(free_port)
start_nginx "$UP" "$PROXY"
start_redis "$REDIS"
java "$ROOT/bench/gateway/BenchRoutes.java" seed "$REDIS" bench 10000 "http://127.0.0.1:$UP"
start_gateway "$GW" "$MGMT" "$REDIS" bench
wait_http "http://127.0.0.1:$GW/target/"
echo "warm-up round:"
java "$ROOT/bench/gateway/BenchRoutes.java" propagation "$REDIS" bench "http://127.0.0.1:$GW" 50 "http://127.0.0.1:$UP"
java "$ROOT/bench/gateway/BenchRoutes.java" seed "$REDIS" bench 10000 "http://127.0.0.1:$UP"
echo "measured round (app with 10,000 routes):"
java "$ROOT/bench/gateway/BenchRoutes.java" propagation "$REDIS" bench "http://127.0.0.1:$GW" "$UPDATES" "http://127.0.0.1:$UP"
