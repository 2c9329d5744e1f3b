#!/usr/bin/env bash
# Route propagation: time from PUBLISH on skyport:routes:changed to the first 200 through the gateway,
# p50/p99 over N updates (default 200), each a new route: first in a small app (10 routes), then in an
# app that already holds 10,000 routes (every announcement re-reads the whole app with one HGETALL).
#   bench/gateway/propagation.sh [updates]
source "$(dirname "$0")/lib.sh"
UPDATES=${1:-200}
need nginx nginx; need redis-server redis-server; need curl curl

UP=$(free_port); PROXY=$(free_port); REDIS=$(free_port); GW=$(free_port); MGMT=$(free_port)
start_nginx "$UP" "$PROXY"
start_redis "$REDIS"
java "$ROOT/bench/gateway/BenchRoutes.java" seed "$REDIS" small 10 "http://127.0.0.1:$UP"
java "$ROOT/bench/gateway/BenchRoutes.java" seed "$REDIS" large 10000 "http://127.0.0.1:$UP"
start_gateway "$GW" "$MGMT" "$REDIS" small
wait_http "http://127.0.0.1:$GW/target/"
bench() { java "$ROOT/bench/gateway/BenchRoutes.java" propagation "$REDIS" "$1" "$2" "$3" "http://127.0.0.1:$UP"; }
echo "warm-up (50 updates, discarded):"
bench small "http://127.0.0.1:$GW" 50 >/dev/null
printf 'app with 10 routes:      '; bench small "http://127.0.0.1:$GW" "$UPDATES"
# the large app is reached through its own host name: <app>.<apps-domain> is not configured here,
# so a domain mapping selects it
redis-cli -p "$REDIS" hset skyport:domains large.bench large >/dev/null
redis-cli -p "$REDIS" publish skyport:routes:changed '*' >/dev/null
printf 'app with 10,000 routes:  '
java -Djdk.httpclient.allowRestrictedHeaders=host "$ROOT/bench/gateway/BenchRoutes.java" propagation "$REDIS" large \
  "http://127.0.0.1:$GW" "$UPDATES" "http://127.0.0.1:$UP" large.bench
