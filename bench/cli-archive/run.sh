#!/usr/bin/env bash
# Benchmark: skycli archiving a build context vs GNU tar -czf, side by side in one run.
#
#   bench/cli-archive/run.sh            generate ~20,000 files / ~300 MB, time both, print MB/s and the ratio
#   BENCH_DIR=/path KEEP=1 ...          generate into /path and keep it afterwards
#   ROUNDS=3                            timed rounds per tool; the best round counts
#
# Both write gzip level 6 (gzip's default, which tar -czf uses; skycli's ContextArchiver.DEFAULT_LEVEL).
# skycli runs with -Xmx64m. The excluded node_modules tree must never be walked: the script counts the
# directories skycli reads and, with strace, every file system call under node_modules/.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
rounds=${ROUNDS:-3}
limit=${STEP_TIMEOUT:-600}
work=${BENCH_DIR:-$(mktemp -d /tmp/skycli-bench.XXXXXX)}
ctx=$work/ctx

cleanup() { [ "${KEEP:-0}" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT
say() { printf '%s\n' "$*" >&2; }
now() { date +%s.%N; }

[ -f "$root/cli/target/skycli.jar" ] || { say "building skycli..."; "$root/bin/skycli" --version >/dev/null; }

if [ ! -f "$ctx/.dockerignore" ]; then
  say "generating the context in $ctx ..."
  mkdir -p "$ctx"
  timeout "$limit" python3 "$here/generate.py" "$ctx"
fi
cat > "$work/skygear.yaml" <<YAML
app: bench
deployments:
  web: {type: http-service, path: /, port: 8080, context: ./ctx}
YAML

skycli() { (cd "$work" && SKYPORT_HOME="$work/.skyport" SKYCLI_JAVA_OPTS="-Xmx64m" timeout "$limit" "$root/bin/skycli" "$@"); }

all_files=$(find "$ctx" -type f | wc -l)
all_bytes=$(du -sb "$ctx" | cut -f1)
sent_dirs=$(find "$ctx" -path "$ctx/node_modules" -prune -o -type d -print | wc -l)
list_json=$(skycli context list -o json)
sent_files=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["fileCount"])' <<<"$list_json")
sent_bytes=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["bytes"])' <<<"$list_json")
dirs_read=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["directoriesRead"])' <<<"$list_json")

say "warming the page cache..."
tar -cf - -C "$ctx" --exclude=./node_modules . | cat > /dev/null

best_tar=999999; best_sky=999999; best_sky1=999999
for round in $(seq "$rounds"); do
  start=$(now); timeout "$limit" tar -czf "$work/tar.tar.gz" -C "$ctx" --exclude=./node_modules .; end=$(now)
  t=$(echo "$end - $start" | bc); best_tar=$(echo "if ($t < $best_tar) $t else $best_tar" | bc)
  start=$(now); skycli context archive --to "$work/sky.tar.gz" >/dev/null; end=$(now)
  t=$(echo "$end - $start" | bc); best_sky=$(echo "if ($t < $best_sky) $t else $best_sky" | bc)
  start=$(now); skycli context archive --threads 1 --to "$work/sky1.tar.gz" >/dev/null; end=$(now)
  t=$(echo "$end - $start" | bc); best_sky1=$(echo "if ($t < $best_sky1) $t else $best_sky1" | bc)
  say "round $round: tar ${best_tar}s, skycli ${best_sky}s, skycli 1 thread ${best_sky1}s (best so far)"
done

# Same files in both archives (directories aside: tar also stores ./ itself).
diff <(tar -tzf "$work/tar.tar.gz" | sed 's|^\./||' | grep -v '/$' | grep -v '^$' | sort) \
     <(tar -tzf "$work/sky.tar.gz" | grep -v '/$' | sort) >/dev/null \
  || { say "FAIL: tar and skycli archived different files"; exit 1; }
# Reproducible: the single-threaded archive is byte for byte the same.
cmp -s "$work/sky.tar.gz" "$work/sky1.tar.gz" || { say "FAIL: 1 and N threads gave different archives"; exit 1; }

walked="not measured (strace missing)"
if command -v strace >/dev/null 2>&1; then
  (cd "$work" && SKYPORT_HOME="$work/.skyport" timeout "$limit" strace -f -qq -o "$work/strace.txt" \
      -e trace=openat,open,stat,lstat,newfstatat,statx,getdents64 \
      java -Xmx64m -jar "$root/cli/target/skycli.jar" context archive --to "$work/traced.tar.gz" >/dev/null)
  walked=$(grep -c 'node_modules/' "$work/strace.txt" || true)
fi

mb() { echo "scale=1; $1 / 1000000" | bc; }
rate() { echo "scale=1; $sent_bytes / 1000000 / $1" | bc; }
tar_size=$(stat -c %s "$work/tar.tar.gz"); sky_size=$(stat -c %s "$work/sky.tar.gz")

cat <<REPORT

skycli archive benchmark ($(nproc) CPUs, $(java -version 2>&1 | head -1), gzip level 6 for both)
context:   $all_files files, $(mb "$all_bytes") MB on disk; sent: $sent_files files, $(mb "$sent_bytes") MB (node_modules excluded)
GNU tar:   $(mb "$tar_size") MB in ${best_tar}s = $(rate "$best_tar") MB/s   (tar -czf --exclude=./node_modules)
skycli:    $(mb "$sky_size") MB in ${best_sky}s = $(rate "$best_sky") MB/s   (-Xmx64m, $(nproc) compression threads, JVM start included)
skycli 1t: in ${best_sky1}s = $(rate "$best_sky1") MB/s   (--threads 1; same bytes as above)
ratio:     skycli/tar throughput = $(echo "scale=2; $best_tar / $best_sky" | bc)  (target >= 1.0)
excluded tree: skycli read $dirs_read directories (the context has $sent_dirs outside node_modules);
               file system calls under node_modules/: $walked
REPORT

[ "$dirs_read" -eq "$sent_dirs" ] || { say "FAIL: skycli read $dirs_read directories, expected $sent_dirs"; exit 1; }
[ "$walked" = 0 ] || [ "$walked" = "not measured (strace missing)" ] || { say "FAIL: node_modules was walked"; exit 1; }
