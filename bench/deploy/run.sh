#!/usr/bin/env bash
# Benchmark: `skycli app deploy` of examples/hello until the first 200 through the gateway, against a raw
# `docker build` + `docker run` + first 200 of the same context, side by side in one run.
#
#   bench/deploy/run.sh          start a private platform, 1 warm-up round + 3 timed rounds per side
#   ROUNDS=3 WARMUP=1            timed rounds per side, and untimed rounds before them (0: measure cold)
#   POLL=0.05                    seconds between probes for the first 200 (the same on both sides)
#   VERBOSE=1                    also print skycli's output of every round, each line with its time
#
# The platform is the three jars from */target started as bin/skyport starts them (default heaps), on free
# 127.0.0.1 ports, with a private redis-server, and the scripts/dev-services registry and Docker Engine.
# Every round of either side builds a copy of examples/hello whose www/index.html carries a fresh marker,
# so neither side's COPY step is a cache hit and both start from the same cached base image; the probe
# accepts only a 200 whose body carries that marker. Each platform round deploys a new app (a first
# deploy, reached with Host: <app>.localhost); each raw round runs `docker build` (legacy builder, as the
# build farm uses), `docker run -d -p 127.0.0.1::8080 -e PORT=8080`, `docker port`.
# Everything made here is removed on exit: the apps (skycli app delete --yes), the raw containers and
# images, the processes this script started (by PID), the temporary directory.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${ROUNDS:-3}
warmup=${WARMUP:-1}
poll=${POLL:-0.05}
limit=300            # seconds any single deploy may take

say() { printf 'deploy-bench: %s\n' "$*" >&2; }
die() { say "FAIL: $*"; exit 1; }

work=$(mktemp -d /tmp/skyport-deploy-bench.XXXXXX)
nonce=$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')
started=()           # PIDs of the processes this script started
apps=()              # apps deployed to the platform
containers=()        # raw containers
images=()            # raw images
gateway_port=""

skycli() {
  SKYPORT_HOME="$work/cli-home" SKYPORT_ENDPOINT="http://127.0.0.1:$gateway_port" SKYPORT_TOKEN="$token" \
    timeout "$limit" "$root/bin/skycli" "$@"
}

cleanup() {
  set +e
  local app pid deadline
  for app in "${apps[@]}"; do skycli app delete hello --app "$app" --yes >/dev/null 2>&1 || say "could not delete app $app"; done
  for c in "${containers[@]}"; do docker rm -f "$c" >/dev/null 2>&1; done
  for i in "${images[@]}"; do docker rmi -f "$i" >/dev/null 2>&1; done
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null; done
  deadline=$((SECONDS + 30))
  for pid in "${started[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

jar_of() { # module -> its runnable jar
  local jar
  jar=$(ls "$root/$1"/target/"$1"-*.jar 2>/dev/null | grep -v -E '(-classes|-tests|-sources)\.jar$|original' | head -1 || true)
  [ -n "$jar" ] || die "no $1 jar; build it: ./mvnw -pl $1 -am install -DskipTests"
  echo "$jar"
}

elapsed() { printf '%.2f' "$(echo "$2 - $1" | bc)"; }

start_java() { # name java-args... (prints nothing; appends the PID to started)
  local name=$1; shift
  java "$@" > "$work/$name.log" 2>&1 < /dev/null &
  started+=($!)
  eval "pid_$name=$!"
}

wait_ready() { # name pid url
  local deadline=$((SECONDS + 180))
  until curl -fsS -o /dev/null --max-time 2 "$3" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || die "$1 exited during start-up:
$(tail -n 30 "$work/$1.log")"
    [ $SECONDS -lt $deadline ] || die "$1 was not ready within 180 s:
$(tail -n 30 "$work/$1.log")"
    sleep 0.5
  done
}

# Probes until a 200 whose body carries the marker; prints the time it came. Host header optional.
first_200() { # url marker host|""
  local deadline=$((SECONDS + limit)) body
  local -a host=()
  [ -n "$3" ] && host=(-H "Host: $3")
  while [ $SECONDS -lt $deadline ]; do
    if body=$(curl -fsS --max-time 2 "${host[@]}" "$1" 2>/dev/null) && [[ $body == *"$2"* ]]; then
      echo "$EPOCHREALTIME"; return 0
    fi
    sleep "$poll"
  done
  return 1
}

new_context() { # dir marker app
  cp -r "$root/examples/hello" "$1"
  sed -i "s/^app: .*/app: $3/" "$1/skygear.yaml"
  printf '<p>%s</p>\n' "$2" >> "$1/www/index.html"
}

# ---------------------------------------------------------------- prerequisites and the platform

for tool in java curl bc python3 redis-server redis-cli docker; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian/Ubuntu: apt-get install $tool)"
done
[ -f "$root/cli/target/skycli.jar" ] || die "no skycli jar; build it: ./mvnw -pl cli -am install -DskipTests"
catalog_jar=$(jar_of template-catalog); farm_jar=$(jar_of build-farm); gateway_jar=$(jar_of gateway)
eval "$("$root/scripts/dev-services" env)"
"$root/scripts/dev-services" status >/dev/null || die "scripts/dev-services is not up; run: scripts/dev-services up"
export DOCKER_BUILDKIT=0
base=$(awk 'toupper($1) == "FROM" {print $2; exit}' "$root/examples/hello/Dockerfile")
"$root/scripts/seed-base-image" "$base" || die "the example's base image $base is missing (see above)"

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" > "$work/redis.log" 2>&1 &
started+=($!)
deadline=$((SECONDS + 30))
until [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ]; do
  [ $SECONDS -lt $deadline ] || die "redis-server did not start: $(tail -n 5 "$work/redis.log")"
  sleep 0.1
done

token="sk_admin_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(umask 077; printf '%s' "$token" > "$work/admin-token")
catalog_port=$(free_port); farm_port=$(free_port); farm_management_port=$(free_port); gateway_port=$(free_port); management_port=$(free_port)

say "starting the platform: gateway 127.0.0.1:$gateway_port, build farm :$farm_port, catalog :$catalog_port ..."
start_java catalog -jar "$catalog_jar" --server.port="$catalog_port" --server.address=127.0.0.1
start_java farm -jar "$farm_jar" --server.port="$farm_port" --server.address=127.0.0.1 \
  --management.server.port="$farm_management_port" --management.server.address=127.0.0.1 \
  --spring.data.redis.url="redis://127.0.0.1:$redis_port" \
  --skyport.build-farm.registry.address="$SKYPORT_REGISTRY" \
  --skyport.build-farm.registry.credentials-directory="$SKYPORT_REGISTRY_CREDENTIALS" \
  --skyport.build-farm.docker.host="$DOCKER_HOST" \
  --skyport.build-farm.auth.admin-token-file="$work/admin-token" \
  --skyport.build-farm.routes.public-url="http://127.0.0.1:$gateway_port" \
  --skyport.build-farm.artifacts.directory="$work/artifacts"
start_java gateway -jar "$gateway_jar" --server.port="$gateway_port" --server.address=127.0.0.1 \
  --management.server.port="$management_port" --management.server.address=127.0.0.1 \
  --spring.data.redis.url="redis://127.0.0.1:$redis_port" \
  --skyport.gateway.default-app=demo --skyport.gateway.apps-domain=localhost \
  --skyport.gateway.platform.controller-uri="http://127.0.0.1:$farm_port" \
  --skyport.gateway.platform.templates-uri="http://127.0.0.1:$catalog_port"
wait_ready catalog "$pid_catalog" "http://127.0.0.1:$catalog_port/actuator/health/readiness"
wait_ready farm "$pid_farm" "http://127.0.0.1:$farm_management_port/actuator/health/readiness"
wait_ready gateway "$pid_gateway" "http://127.0.0.1:$management_port/actuator/health/readiness"

# ---------------------------------------------------------------- one round of each side

# Deploys through skycli while probing the gateway; sets t_platform (first 200), t_cli (skycli done)
# and phases (when each status line of skycli's output arrived, relative to the start).
platform_round() { # tag
  local app="b${nonce}$1" marker="platform $1 $nonce-$RANDOM" ctx="$work/platform-$1" start probe got cli_rc
  new_context "$ctx" "$marker" "$app"
  apps+=("$app")
  start=$EPOCHREALTIME
  first_200 "http://127.0.0.1:$gateway_port/hello/" "$marker" "$app.localhost" > "$work/probe" &
  probe=$!
  cli_rc=0
  (cd "$ctx" && skycli app deploy 2>&1) | while IFS= read -r line; do printf '%s %s\n' "$EPOCHREALTIME" "$line"; done \
    > "$work/cli-$1.log" || cli_rc=$?
  t_cli=$(elapsed "$start" "$EPOCHREALTIME")
  wait "$probe" || die "platform round $1: no 200 with the new page through the gateway within $limit s
$(tail -n 20 "$work/cli-$1.log")"
  got=$(cat "$work/probe")
  [ "$cli_rc" = 0 ] || die "platform round $1: skycli app deploy failed:
$(tail -n 20 "$work/cli-$1.log")"
  t_platform=$(elapsed "$start" "$got")
  phases=$(awk -v s="$start" '
    / uploaded /                 { printf "uploaded %.1f  ", $1 - s }
    /hello: building: /         && !b { printf "building %.1f  ", $1 - s; b = 1 }
    /hello: built/               { printf "built %.1f  ", $1 - s }
    /hello: running/            && !r { printf "running %.1f  ", $1 - s; r = 1 }' "$work/cli-$1.log")
  if [ "${VERBOSE:-0}" = 1 ]; then
    awk -v s="$start" '{t = $1; $1 = ""; printf "  %6.2f %s\n", t - s, $0}' "$work/cli-$1.log" >&2
  fi
}

# docker build + docker run + first 200 of the same kind of context; sets t_raw and raw_phases.
raw_round() { # tag
  local marker="raw $1 $nonce-$RANDOM" ctx="$work/raw-$1" image="skyport-bench-raw:$nonce-$1" start built ran cid port got
  new_context "$ctx" "$marker" "raw"
  images+=("$image")
  start=$EPOCHREALTIME
  timeout "$limit" docker build -q -t "$image" "$ctx" > "$work/raw-build.log" 2>&1 \
    || die "raw round $1: docker build failed: $(tail -n 20 "$work/raw-build.log")"
  built=$EPOCHREALTIME
  cid=$(timeout "$limit" docker run -d -p 127.0.0.1::8080 -e PORT=8080 "$image") || die "raw round $1: docker run failed"
  containers+=("$cid")
  port=$(docker port "$cid" 8080/tcp | head -1 | sed 's/.*://')
  ran=$EPOCHREALTIME
  got=$(first_200 "http://127.0.0.1:$port/" "$marker" "") || die "raw round $1: no 200 from the container within $limit s"
  t_raw=$(elapsed "$start" "$got")
  raw_phases="built $(elapsed "$start" "$built")  started $(elapsed "$start" "$ran")"
  docker rm -f "$cid" > /dev/null
}

# ---------------------------------------------------------------- rounds

platform_times=(); raw_times=(); cli_times=()
for r in $(seq "$warmup"); do
  say "warm-up $r (not counted) ..."
  platform_round "w$r"; raw_round "w$r"
  say "warm-up $r: platform ${t_platform}s (skycli done ${t_cli}s), raw ${t_raw}s"
done
for r in $(seq "$rounds"); do
  # Alternate which side goes first, so neither always runs right after the other's leftovers.
  if [ $((r % 2)) = 1 ]; then platform_round "$r"; raw_round "$r"; else raw_round "$r"; platform_round "$r"; fi
  platform_times+=("$t_platform"); raw_times+=("$t_raw"); cli_times+=("$t_cli")
  say "round $r: platform ${t_platform}s to the first 200 (skycli done ${t_cli}s; ${phases}), raw ${t_raw}s (${raw_phases})"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
p=$(median "${platform_times[@]}"); w=$(median "${raw_times[@]}"); c=$(median "${cli_times[@]}")
ratio=$(printf '%.2f' "$(echo "scale=4; $p / $w" | bc)"); extra=$(printf '%.2f' "$(echo "$p - $w" | bc)")
cat <<EOF

rounds             $rounds timed per side (after $warmup warm-up), probe every ${poll}s
platform (s)       ${platform_times[*]}   median $p   (skycli app deploy -> first 200 through the gateway)
skycli exits (s)   ${cli_times[*]}   median $c
raw docker (s)     ${raw_times[*]}   median $w   (docker build + docker run + first 200)
platform / raw     $ratio   (target <= 1.5)
extra              ${extra} s   (target <= 2 s; one of the two targets suffices)
load average       $(cut -d' ' -f1-3 /proc/loadavg)
EOF
