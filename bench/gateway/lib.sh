# Shared by the gateway benchmarks: start and stop nginx, Redis and the gateway on loopback.
# Everything runs under $WORK and is stopped by PID on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/skyport-bench-gateway.XXXXXX)
chmod 755 "$WORK"   # nginx workers run as an unprivileged user
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

need() { # command package
  command -v "$1" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "missing $1: install the Debian package $2" >&2; exit 1
  fi
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_http() { # url [expected status]
  local deadline=$((SECONDS + 60))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = "${2:-200}" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timed out waiting for $1" >&2; exit 1; }
    sleep 0.2
  done
}

start_nginx() { # upstreamPort proxyPort
  mkdir -p "$WORK/nginx" "$WORK/www"
  printf 'hello from the upstream\n' > "$WORK/www/index.html"
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fcgi; uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
  server { listen 127.0.0.1:$1; root $WORK/www; location / { try_files \$uri /index.html; } }
  upstream backend { server 127.0.0.1:$1; keepalive 128; }
  server {
    listen 127.0.0.1:$2;
    location / {
      proxy_pass http://backend/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
CONF
  nginx -c "$WORK/nginx/nginx.conf"
  wait_http "http://127.0.0.1:$1/"
  wait_http "http://127.0.0.1:$2/"
}

start_redis() { # port
  redis-server --bind 127.0.0.1 --port "$1" --dir "$WORK" --save '' --appendonly no > "$WORK/redis.log" 2>&1 &
  PIDS+=($!)
  local deadline=$((SECONDS + 20))
  until redis-cli -p "$1" ping 2>/dev/null | grep -q PONG; do
    [ $SECONDS -lt $deadline ] || { echo "redis did not start" >&2; exit 1; }
    sleep 0.1
  done
}

gateway_jar() {
  local jar; jar=$(ls "$ROOT"/gateway/target/gateway-*.jar 2>/dev/null | grep -v -E "(-classes|-tests|-sources)\.jar$|original" | head -1 || true)
  if [ -z "$jar" ]; then
    (cd "$ROOT" && ./mvnw -B -q -pl gateway -am package -DskipTests) >&2
    jar=$(ls "$ROOT"/gateway/target/gateway-*.jar | grep -v -E "(-classes|-tests|-sources)\.jar$|original" | head -1)
  fi
  echo "$jar"
}

start_gateway() { # port managementPort redisPort defaultApp
  ${GATEWAY_JAVA:-java} ${GATEWAY_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseParallelGC} -jar "$(gateway_jar)" \
    --server.port="$1" --server.address=127.0.0.1 \
    --management.server.port="$2" --management.server.address=127.0.0.1 \
    --spring.data.redis.url="redis://127.0.0.1:$3" \
    --skyport.gateway.default-app="$4" ${GATEWAY_ARGS:-} > "$WORK/gateway.log" 2>&1 &
  PIDS+=($!)
  wait_http "http://127.0.0.1:$2/actuator/health/readiness"
}
