#!/usr/bin/env bash
# Benchmark: a 1 GiB artifact PUT to the build farm over loopback with its heap capped at 256 MB,
# against a local `cp` of the same file on the same file system, in one run.
#
#   bench/upload/run.sh              build the artifact, start a build farm, time both, print MB/s and the ratio
#   ROUNDS=3                         timed rounds per side; the best round counts
#   SIZE_MIB=1024                    random bytes in the archive (the tar.gz is a few hundred KB larger)
#   BENCH_DIR=/path                  where the temporary directory goes (default /tmp): the artifact, its
#                                    copies and the build farm's artifact directory all live on this file system
#
# The artifact is a real tar.gz (one file of random bytes, gzip -1, so it does not compress), which the
# build farm accepts only after checking length, SHA-256 and every archive rule, as for any upload. The
# build farm runs from build-farm/target with -Xmx256m against a private redis-server and the
# scripts/dev-services registry and Docker Engine (which an upload does not use); it listens on a free
# 127.0.0.1 port. Everything started here is stopped by PID on exit, and the temporary directory is removed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${ROUNDS:-3}
size_mib=${SIZE_MIB:-1024}
heap=256m
limit=600            # seconds any single step may take
app=bench

say() { printf 'upload-bench: %s\n' "$*" >&2; }
die() { say "FAIL: $*"; exit 1; }

work=$(mktemp -d "${BENCH_DIR:-/tmp}/skyport-upload-bench.XXXXXX")
started=()           # PIDs of the processes this script started

cleanup() {
  local pid deadline
  for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
  deadline=$((SECONDS + 30))
  for pid in "${started[@]}"; do
    while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

elapsed() { # start end (EPOCHREALTIME values) -> seconds
  echo "$2 - $1" | bc
}

min() { echo "if ($1 < $2) $1 else $2" | bc; }

f2() { printf '%.2f' "$1"; }

cpu_seconds() { # pid -> user + system CPU seconds it has used so far
  awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$1/stat"
}

# Prints the time at which the build farm's upload file holds the whole body (written, not yet fsynced
# or validated), so the upload splits into receiving and checking. Polls every 20 ms; should the check
# take less than that, the stored file is seen first and its time counts.
watch_received() { # size stored-file
  local deadline=$((SECONDS + limit)) part
  while [ $SECONDS -lt $deadline ]; do
    for part in "$work"/artifacts/tmp/*.part; do
      if [ -f "$part" ] && [ "$(stat -c %s "$part" 2>/dev/null || echo 0)" -ge "$1" ]; then
        echo "$EPOCHREALTIME"; return 0
      fi
    done
    if [ -f "$2" ]; then echo "$EPOCHREALTIME"; return 0; fi
    sleep 0.02
  done
}

# ---------------------------------------------------------------- prerequisites

for tool in java curl bc python3 redis-server redis-cli sha256sum gzip; do
  command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (Debian/Ubuntu: apt-get install $tool)"
done
jar=$(ls "$root"/build-farm/target/build-farm-*.jar 2>/dev/null | grep -v -E '(-classes|-tests|-sources)\.jar$|original' | head -1 || true)
[ -n "$jar" ] || die "no build farm jar; build it: ./mvnw -pl build-farm -am install -DskipTests"
eval "$("$root/scripts/dev-services" env)"
"$root/scripts/dev-services" status >/dev/null || die "scripts/dev-services is not up; run: scripts/dev-services up"

# ---------------------------------------------------------------- the artifact

say "building a ${size_mib} MiB tar.gz of random bytes in $work ..."
mkdir -p "$work/payload"
timeout "$limit" head -c "${size_mib}M" /dev/urandom > "$work/payload/random.bin"
timeout "$limit" tar -C "$work/payload" -cf - random.bin | gzip -1 > "$work/artifact.tar.gz"
rm -rf "$work/payload"
artifact=$work/artifact.tar.gz
size=$(stat -c %s "$artifact")
sha=$(sha256sum "$artifact" | cut -d' ' -f1)
say "artifact: $size bytes, sha256 $sha"

# ---------------------------------------------------------------- a private Redis and the build farm

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" \
  > "$work/redis.log" 2>&1 &
started+=($!)
deadline=$((SECONDS + 30))
until [ "$(redis-cli -p "$redis_port" ping 2>/dev/null)" = PONG ]; do
  [ $SECONDS -lt $deadline ] || die "redis-server did not start: $(tail -n 5 "$work/redis.log")"
  sleep 0.1
done

token="sk_admin_$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
(umask 077; printf '%s' "$token" > "$work/admin-token"; printf 'Authorization: Bearer %s\n' "$token" > "$work/auth-header")

port=$(free_port); management_port=$(free_port)
java -Xmx$heap -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
  --management.server.port="$management_port" --management.server.address=127.0.0.1 \
  --spring.data.redis.url="redis://127.0.0.1:$redis_port" \
  --skyport.build-farm.registry.address="$SKYPORT_REGISTRY" \
  --skyport.build-farm.registry.credentials-directory="$SKYPORT_REGISTRY_CREDENTIALS" \
  --skyport.build-farm.docker.host="$DOCKER_HOST" \
  --skyport.build-farm.auth.admin-token-file="$work/admin-token" \
  --skyport.build-farm.artifacts.directory="$work/artifacts" \
  > "$work/build-farm.log" 2>&1 < /dev/null &
farm=$!
started+=("$farm")

say "waiting for the build farm on 127.0.0.1:$port (pid $farm) ..."
deadline=$((SECONDS + 180))
until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$management_port/actuator/health/readiness" 2>/dev/null; do
  kill -0 "$farm" 2>/dev/null || die "the build farm exited during start-up:
$(tail -n 30 "$work/build-farm.log")"
  [ $SECONDS -lt $deadline ] || die "the build farm was not ready within 180 s:
$(tail -n 30 "$work/build-farm.log")"
  sleep 0.5
done
hwm_ready=$(awk '/VmHWM/ {print $2}' "/proc/$farm/status")

# ---------------------------------------------------------------- timed rounds

url="http://127.0.0.1:$port/v1/apps/$app/artifacts/$sha"
stored="$work/artifacts/apps/$app/$sha.tar.gz"
copy="$work/copy.tar.gz"

say "warming the page cache with one read of the artifact ..."
cat "$artifact" > /dev/null

best_put=999999; best_cp=999999; best_cp_sync=999999
for round in $(seq "$rounds"); do
  # Each round uploads afresh: without this the build farm would answer 200 at once (deduplicated).
  rm -f "$stored" "${stored%.tar.gz}.entries" "$copy"
  sync -f "$work"   # no dirty pages of an earlier step in the way (writes back; drops nothing from the cache)

  watch_received "$size" "$stored" > "$work/received" &
  watcher=$!
  cpu_before=$(cpu_seconds "$farm")
  start=$EPOCHREALTIME
  code=$(timeout "$limit" curl -sS -o "$work/put.json" -w '%{http_code}' -T "$artifact" \
           -H @"$work/auth-header" -H 'Content-Type: application/gzip' -H 'Expect:' "$url") \
    || die "curl failed (exit $?)"
  end=$EPOCHREALTIME
  cpu=$(echo "$(cpu_seconds "$farm") - $cpu_before" | bc)
  kill "$watcher" 2>/dev/null || true; wait "$watcher" 2>/dev/null || true
  [ "$code" = 201 ] || die "the upload answered $code, not 201: $(cat "$work/put.json")"
  [ -f "$stored" ] || die "the build farm answered 201 but $stored does not exist"
  [ "$(stat -c %s "$stored")" = "$size" ] || die "the stored artifact has $(stat -c %s "$stored") bytes, not $size"
  grep -q "\"sha256\":\"$sha\"" "$work/put.json" || die "unexpected answer: $(cat "$work/put.json")"
  t_put=$(elapsed "$start" "$end")
  received=$(cat "$work/received")
  [ -n "$received" ] || die "never saw the whole body in the build farm's upload file"
  t_receive=$(elapsed "$start" "$received"); t_check=$(elapsed "$received" "$end")
  if [ "$(min "$t_put" "$best_put")" != "$best_put" ]; then
    best_put=$t_put; best_receive=$t_receive; best_check=$t_check; best_cpu=$cpu
  fi

  rm -f "$stored" "${stored%.tar.gz}.entries"
  sync -f "$work"
  start=$EPOCHREALTIME
  timeout "$limit" cp "$artifact" "$copy"
  end=$EPOCHREALTIME
  timeout "$limit" sync "$copy"   # fsync the copy: the build farm fsyncs its upload before it answers
  end_sync=$EPOCHREALTIME
  cmp -s "$artifact" "$copy" || die "cp produced a different file"
  t_cp=$(elapsed "$start" "$end"); t_cp_sync=$(elapsed "$start" "$end_sync")
  best_cp=$(min "$t_cp" "$best_cp"); best_cp_sync=$(min "$t_cp_sync" "$best_cp_sync")
  rm -f "$copy"

  say "round $round: upload $(f2 "$t_put") s (body received after $(f2 "$t_receive") s, then $(f2 "$t_check") s fsync + archive check; build farm CPU $(f2 "$cpu") s), cp $(f2 "$t_cp") s, cp + fsync $(f2 "$t_cp_sync") s"
done

kill -0 "$farm" 2>/dev/null || die "the build farm died during the uploads"
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$farm/status")
! grep -q OutOfMemoryError "$work/build-farm.log" || die "the build farm ran out of memory: see its log"

rate() { echo "scale=1; $size / 1000000 / $1" | bc; }
ratio=$(echo "scale=2; $best_cp / $best_put" | bc)
ratio_sync=$(echo "scale=2; $best_cp_sync / $best_put" | bc)
cat <<EOF

artifact          $size bytes ($(echo "scale=3; $size / 1073741824" | bc) GiB): gzip -1 of random bytes, 1 entry
upload (PUT)      $(f2 "$best_put") s  $(rate "$best_put") MB/s  (best of $rounds; curl -T to 127.0.0.1, 201, stored file checked)
  receiving       $(f2 "$best_receive") s  $(rate "$best_receive") MB/s  (until the whole body was in the upload file)
  checking        $(f2 "$best_check") s  (fsync, then gunzip + tar walk of the file, rename)
  build farm CPU  $(f2 "$best_cpu") s  (user + system, all its threads, during that upload)
cp                $(f2 "$best_cp") s  $(rate "$best_cp") MB/s  (same file system, warm page cache)
cp + fsync        $(f2 "$best_cp_sync") s  $(rate "$best_cp_sync") MB/s
upload / cp       $(f2 "$ratio")  (target >= 0.5)
upload / cp+fsync $(f2 "$ratio_sync")
build farm        -Xmx$heap; peak RSS (VmHWM) $((hwm_ready / 1024)) MB when ready, $((hwm / 1024)) MB after the uploads
load average      $(cut -d' ' -f1-3 /proc/loadavg)
EOF
