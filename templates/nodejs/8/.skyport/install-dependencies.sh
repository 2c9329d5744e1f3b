# Installs the app's dependencies with the tool its lockfile names (run by the template's Dockerfile).
# NODE_ENV=production is set, so devDependencies stay out of the image.
set -eu

if [ ! -f package.json ]; then
  echo "skyport: no package.json in the app's directory; add one with a \"start\" script" >&2
  exit 1
fi

if [ -f yarn.lock ]; then
  echo "skyport: yarn.lock found: yarn install --frozen-lockfile"
  if command -v yarn >/dev/null 2>&1; then
    exec yarn install --frozen-lockfile --non-interactive
  elif command -v corepack >/dev/null 2>&1; then
    exec corepack yarn install --frozen-lockfile --non-interactive
  else
    echo "skyport: yarn.lock found but the base image has neither yarn nor corepack; use package-lock.json or bring a Dockerfile" >&2
    exit 1
  fi
elif [ -f package-lock.json ] || [ -f npm-shrinkwrap.json ]; then
  echo "skyport: package-lock.json found: npm ci"
  exec npm ci --no-audit --no-fund
else
  echo "skyport: no lockfile: npm install (commit package-lock.json for repeatable builds)"
  exec npm install --no-audit --no-fund
fi
