# Installs the app's dependencies (run as root by the template's Dockerfile, before it switches to
# the app user). The first of these that exists wins: requirements.txt, Pipfile.lock, Pipfile,
# pyproject.toml or setup.py.
set -eu

pip_install() {
  python -m pip install --no-cache-dir "$@"
}

if [ -f requirements.txt ]; then
  echo "skyport: requirements.txt found: pip install -r requirements.txt"
  pip_install -r requirements.txt
elif [ -f Pipfile.lock ]; then
  echo "skyport: Pipfile.lock found: pipenv install --system --deploy"
  pip_install pipenv
  pipenv install --system --deploy
elif [ -f Pipfile ]; then
  echo "skyport: Pipfile found without Pipfile.lock: pipenv install --system --skip-lock"
  pip_install pipenv
  pipenv install --system --skip-lock
elif [ -f pyproject.toml ] || [ -f setup.py ]; then
  echo "skyport: pyproject.toml or setup.py found: pip install ."
  pip_install .
else
  echo "skyport: no requirements.txt, Pipfile, pyproject.toml or setup.py: nothing to install"
fi
