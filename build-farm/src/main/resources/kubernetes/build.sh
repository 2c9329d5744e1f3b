#!/bin/sh
# Skyport's build container (docker:<version>-cli, busybox sh) in a Kubernetes build Job.
#
# The Docker-in-Docker sidecar listens on a unix socket in a shared emptyDir; this script is its only
# client. It builds the fetched context with NO credentials anywhere (an empty DOCKER_CONFIG, so the
# build request carries none and user RUN steps cannot find any), and only then logs in, pushes, logs
# out and writes the pushed digest to the termination log. When a previous image is named, it is pulled
# first, with credentials that are removed again before the build, and used with --cache-from.
#
# Environment (the Job spec sets these; the defaults are the pod's mount points):
#   DOCKER_HOST                   unix:///var/run/skyport-dind/docker.sock (a unix socket, never TCP)
#   SKYPORT_IMAGE                 <registry>/<app>/<microservice>:<deployment id>
#   SKYPORT_REGISTRY              <host:port>
#   SKYPORT_DOCKERFILE            the Dockerfile's path inside the context
#   SKYPORT_CONTEXT               /workspace/context.tar.gz, the context as fetched
#   SKYPORT_CACHE_FROM            optional: the microservice's last successful image (by digest or tag)
#   SKYPORT_BUILD_ARGS            optional: KEY=VALUE lines, each passed as one --build-arg
#   SKYPORT_REGISTRY_SECRET_DIR   /var/run/secrets/skyport/registry, with the files username and password
#   SKYPORT_TERMINATION_LOG       /dev/termination-log
#   SKYPORT_DAEMON_WAIT_SECONDS   60
#
# It never prints the password and never runs with `set -x`.
set -eu

DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/skyport-dind/docker.sock}
SECRET_DIR=${SKYPORT_REGISTRY_SECRET_DIR:-/var/run/secrets/skyport/registry}
TERMINATION_LOG=${SKYPORT_TERMINATION_LOG:-/dev/termination-log}
WAIT_SECONDS=${SKYPORT_DAEMON_WAIT_SECONDS:-60}
CACHE_FROM=${SKYPORT_CACHE_FROM:-}
BUILD_ARGS=${SKYPORT_BUILD_ARGS:-}
# The classic builder: it reuses the layers of a pulled image given with --cache-from, and builds with
# what the client sends, which is nothing here. BuildKit would fetch cache metadata from the registry
# during the build, which needs credentials while user steps run.
DOCKER_BUILDKIT=0
export DOCKER_HOST DOCKER_BUILDKIT
unset DOCKER_CONFIG DOCKER_AUTH_CONFIG

step="starting"
reported=0
temp_dirs=""

say() { printf 'skyport: %s\n' "$*"; }

fail() {
  reported=1
  printf 'skyport: error: %s\n' "$*" >&2
  exit 1
}

new_config_dir() { # a fresh, empty DOCKER_CONFIG directory (mode 700)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/skyport-docker-config.XXXXXX") || fail "cannot create a temporary directory"
  temp_dirs="$temp_dirs $dir"
}

remove_config_dir() { # dir
  rm -rf "$1"
}

on_exit() {
  status=$?
  for d in $temp_dirs; do rm -rf "$d"; done
  if [ "$status" -ne 0 ] && [ "$reported" -eq 0 ]; then
    printf 'skyport: error: %s failed (exit %s)\n' "$step" "$status" >&2
  fi
  exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

login() { # config dir: docker login with the Secret's files, the password on stdin
  DOCKER_CONFIG=$1 docker login --username "$(cat "$SECRET_DIR/username")" --password-stdin \
    "$SKYPORT_REGISTRY" < "$SECRET_DIR/password"
}

logout() { # config dir
  DOCKER_CONFIG=$1 docker logout "$SKYPORT_REGISTRY" >/dev/null 2>&1 || true
  remove_config_dir "$1"
}

# ---------------------------------------------------------------- checks

step="checking the environment"
for name in SKYPORT_IMAGE SKYPORT_REGISTRY SKYPORT_DOCKERFILE SKYPORT_CONTEXT; do
  eval "value=\${$name:-}"
  [ -n "$value" ] || fail "$name is not set"
done
case $DOCKER_HOST in
  unix://*) ;;
  *) fail "DOCKER_HOST must be a unix socket (unix://...), not '$DOCKER_HOST'" ;;
esac
case $SKYPORT_IMAGE in
  "$SKYPORT_REGISTRY"/*:*) ;;
  *) fail "SKYPORT_IMAGE '$SKYPORT_IMAGE' is not <registry>/<repository>:<tag> in $SKYPORT_REGISTRY" ;;
esac
case $WAIT_SECONDS in
  '' | *[!0-9]*) fail "SKYPORT_DAEMON_WAIT_SECONDS must be a number of seconds, not '$WAIT_SECONDS'" ;;
esac
[ -f "$SKYPORT_CONTEXT" ] || fail "the build context $SKYPORT_CONTEXT does not exist"
for file in username password; do
  [ -s "$SECRET_DIR/$file" ] && [ -r "$SECRET_DIR/$file" ] \
    || fail "the registry secret has no readable '$file' file in $SECRET_DIR (mount the registry Secret there)"
done
# Build args: each non-empty line is KEY=VALUE (a bare KEY would copy a value from this container's
# environment into the build).
for_each_build_arg() { # function: calls it with each line
  if [ -n "$BUILD_ARGS" ]; then
    while IFS= read -r line; do
      if [ -n "$line" ]; then "$1" "$line"; fi
    done <<EOF
$BUILD_ARGS
EOF
  fi
}
check_build_arg() {
  case $1 in
    [A-Za-z_]*=*) ;;
    *) fail "SKYPORT_BUILD_ARGS has a line that is not KEY=VALUE: '$1'" ;;
  esac
}
for_each_build_arg check_build_arg

# ---------------------------------------------------------------- 1. the daemon

step="waiting for the Docker daemon"
say "waiting for the Docker daemon at $DOCKER_HOST (up to ${WAIT_SECONDS}s)"
started=$(date +%s)
until docker version >/dev/null 2>&1; do
  if [ $(($(date +%s) - started)) -ge "$WAIT_SECONDS" ]; then
    fail "the Docker daemon at $DOCKER_HOST did not answer within ${WAIT_SECONDS}s"
  fi
  sleep 1
done
say "the Docker daemon answers ($(docker version --format '{{.Server.Version}}' 2>/dev/null || echo 'unknown version'))"

# ---------------------------------------------------------------- 2. the previous image, for its layers

cache=""
if [ -n "$CACHE_FROM" ]; then
  step="pulling the previous image"
  say "logging in to $SKYPORT_REGISTRY to pull the previous image"
  new_config_dir
  pull_config=$dir
  login "$pull_config" || fail "docker login to $SKYPORT_REGISTRY failed (see above); check the registry Secret"
  say "pulling the previous image for its layers: $CACHE_FROM"
  if DOCKER_CONFIG=$pull_config docker pull "$CACHE_FROM"; then
    cache=$CACHE_FROM
  else
    say "could not pull $CACHE_FROM; building without a cache"
  fi
  say "logging out; the build runs without credentials"
  logout "$pull_config"
fi

# ---------------------------------------------------------------- 3. the build, without credentials

step="the build"
new_config_dir
build_config=$dir
set -- build -f "$SKYPORT_DOCKERFILE" -t "$SKYPORT_IMAGE"
if [ -n "$cache" ]; then set -- "$@" --cache-from "$cache"; fi
# (read here, not in a function: a function cannot extend the script's positional parameters)
if [ -n "$BUILD_ARGS" ]; then
  while IFS= read -r line; do
    if [ -n "$line" ]; then set -- "$@" --build-arg "$line"; fi
  done <<EOF
$BUILD_ARGS
EOF
fi
if [ -n "$cache" ]; then
  say "building $SKYPORT_IMAGE from $SKYPORT_CONTEXT ($SKYPORT_DOCKERFILE), reusing layers of $cache, with no credentials"
else
  say "building $SKYPORT_IMAGE from $SKYPORT_CONTEXT ($SKYPORT_DOCKERFILE), with no credentials"
fi
if ! DOCKER_CONFIG=$build_config docker "$@" - < "$SKYPORT_CONTEXT"; then
  fail "docker build failed (its output is above); nothing was pushed"
fi
remove_config_dir "$build_config"

# ---------------------------------------------------------------- 4. push, with credentials

step="the push"
say "logging in to $SKYPORT_REGISTRY to push"
new_config_dir
push_config=$dir
login "$push_config" || fail "docker login to $SKYPORT_REGISTRY failed (see above); check the registry Secret"
say "pushing $SKYPORT_IMAGE"
new_config_dir
push_output=$dir/push.log
push_status_file=$dir/push.status
# Shown as it happens and kept for the digest; the status goes through a file (sh has no pipefail).
{
  push_status=0
  DOCKER_CONFIG=$push_config docker push "$SKYPORT_IMAGE" 2>&1 || push_status=$?
  echo "$push_status" > "$push_status_file"
} | tee "$push_output"
if [ "$(cat "$push_status_file" 2>/dev/null)" != 0 ]; then
  logout "$push_config"
  fail "docker push of $SKYPORT_IMAGE failed (see above)"
fi
say "logging out"
logout "$push_config"

# ---------------------------------------------------------------- 5. the digest

step="reading the pushed digest"
digest=$(sed -n 's/^.*digest: \(sha256:[0-9a-f]\{64\}\).*$/\1/p' "$push_output" | tail -n 1)
if [ -z "$digest" ]; then
  # The repository's digest as the daemon recorded it after the push.
  repository=${SKYPORT_IMAGE%:*}
  digest=$(docker image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "$SKYPORT_IMAGE" \
    | sed -n "s|^$repository@\(sha256:[0-9a-f]\{64\}\)\$|\1|p" | tail -n 1)
fi
[ -n "$digest" ] || fail "the push of $SKYPORT_IMAGE reported no digest"
printf '%s' "$digest" > "$TERMINATION_LOG" || fail "cannot write the digest to $TERMINATION_LOG"
say "pushed $SKYPORT_IMAGE"
echo "digest: $digest"
