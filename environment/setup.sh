#!/usr/bin/env bash
# Installs what this project needs and is missing; safe to run again (it skips what is there).
#   1. Jupyter (Debian packages when root on Debian/Ubuntu, else a venv with pip), and jemalloc for the JVMs
#   2. the Maven build of the helper library and the kernel
#   3. the engine check of this host, and the remedy library it may need
#   4. the "Java (senslab)" kernelspec for the current user
# With E2E=1 also Chromium and playwright-core for the browser test.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
say() { printf '[setup] %s\n' "$*"; }

packages() { grep -v '^\s*\(#\|$\)' "$1"; }

apt_install() {
  local missing=()
  for p in "$@"; do
    # a removed package can still be known to dpkg (its configuration stays): ask for "installed"
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  # a machine whose package lists were never fetched needs one `apt-get update` first
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

# 1. Jupyter
if [ -z "$("$here/python.sh")" ]; then
  if can_apt; then
    mapfile -t wanted < <(packages "$here/apt-packages.txt" | grep -v '^chromium$')
    apt_install "${wanted[@]}"
  else
    say "no root or no apt: creating $here/.venv with pip (needs python3-venv and internet)"
    python3 -m venv "$here/.venv"
    "$here/.venv/bin/pip" install --quiet -r "$here/requirements.txt"
  fi
fi
# the JVMs' native allocator (environment/native-memory.env); without it they run on glibc's settings
if can_apt; then
  apt_install libjemalloc2 || say "libjemalloc2 could not be installed: the JVMs run on glibc's allocator"
elif ! ls /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 >/dev/null 2>&1; then
  say "no jemalloc (e.g. apt-get install libjemalloc2): the JVMs run on glibc's allocator, slower on large batches"
fi
python=$("$here/python.sh")
[ -n "$python" ] || { say "Jupyter could not be installed; see README, Troubleshooting"; exit 1; }
say "Jupyter: $python ($("$python" -c 'import notebook; print("notebook", notebook.__version__)'))"

# 2. Build (Maven fetches dependencies from Maven Central the first time)
say "building the library and the kernel (mvn package)"
(cd "$root" && mvn -q -B package -DskipTests)

# 3. The engine check of this host (README, "The engine check"): the remedy library, then the probe that
#    chooses what this host's JVMs need (once per host; environment/jvm-env.sh keeps the answer)
library="$here/.build/libsenslab-cpucaches.so"
if [ "$(uname -m)" = x86_64 ] && command -v gcc >/dev/null 2>&1; then
  if [ ! -f "$library" ] || [ "$here/native/cpu-caches.c" -nt "$library" ]; then
    mkdir -p "$here/.build"
    gcc -O2 -Wall -shared -fPIC -o "$library" "$here/native/cpu-caches.c"
  fi
else
  say "no gcc on x86-64: the cache-topology remedy is not built (hosts that need it fall back to routing convolutions)"
fi
"$here/jvm-env.sh" >/dev/null

# 4. Kernelspec
JUPYTER_PYTHON="$python" "$here/install-kernelspec.sh"

# Browser test tools, only when asked for
if [ "${E2E:-0}" = 1 ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    if can_apt; then apt_install chromium; else say "install Chromium for the browser test (e.g. apt-get install chromium)"; exit 1; fi
  fi
  if [ ! -d "$root/kernel/src/test/e2e/node_modules/playwright-core" ]; then
    say "installing playwright-core from npm"
    (cd "$root/kernel/src/test/e2e" && npm install --silent --no-audit --no-fund)
  fi
fi
say "ready"
