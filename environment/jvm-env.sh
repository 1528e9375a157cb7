#!/bin/sh
# Prints the environment every JVM of this project runs with on this host, one KEY=VALUE a line:
#   - the native allocator: jemalloc, preloaded and told to keep freed memory, where libjemalloc2 is installed
#     (make setup installs it as root), else glibc's settings (both in native-memory.env);
#   - the engine remedy this host needs, if any (README, "The engine check"): chosen once per host by
#     senslab.engine.EngineProbe, which runs the engine check in child JVMs, and kept in
#     ${XDG_CACHE_HOME:-~/.cache}/senslab/engine-<host key>.env.
# The Makefile gives it to every command it runs, install-kernelspec.sh writes it into the kernelspec. In your own
# program's environment: `export $(environment/jvm-env.sh)`. Run after the library is built (make setup).
# With --kernel: what the notebook kernel runs with (glibc's settings, not jemalloc; see below).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
# native-memory.env: KEY=VALUE lines, those after "[jemalloc]" only where jemalloc is installed
jemalloc=$(ls /usr/lib/x86_64-linux-gnu/libjemalloc.so.2 /usr/lib64/libjemalloc.so.2 /usr/lib/libjemalloc.so.2 \
    2>/dev/null | head -1 || true)
preload=${LD_PRELOAD:-}
# --kernel: for the notebook kernel, a process that lives for hours. jemalloc keeping freed memory let its resident
# memory grow 41-68 MB over 800 cells of the kernel soak test (bound 64), where glibc's settings shrank it, so the
# kernel runs on glibc's settings; and it says so explicitly, over what `make` passes to Jupyter.
kernel=false
if [ "${1:-}" = --kernel ]; then
    kernel=true
    jemalloc=
    preload=$(printf '%s' "$preload" | tr ':' '\n' | grep -v malloc | paste -sd: -)
fi
add_preload() {
    case ":$preload:" in
        *":$1:"*) ;;
        *) preload=${preload:+$preload:}$1 ;;
    esac
}
section=glibc
while IFS= read -r line; do
    case "$line" in
        '[jemalloc]') section=jemalloc ;;
        ''|'#'*) ;;
        *) if [ "$section" = glibc ] || [ -n "$jemalloc" ]; then echo "$line"; fi ;;
    esac
done < "$here/native-memory.env"
[ -n "$jemalloc" ] && add_preload "$jemalloc"
# the preload is printed last, whichever way the script ends: the remedy may add its library to it
finish() {
    if [ "$kernel" = true ]; then
        echo "MALLOC_CONF="
        echo "LD_PRELOAD=$preload"
    elif [ -n "$preload" ]; then
        echo "LD_PRELOAD=$preload"
    fi
    exit 0
}

classes="$root/lib-src/target/classes"
deps="$root/lib-src/target/classpath.txt"
library="$here/.build/libsenslab-cpucaches.so"
if [ ! -f "$classes/senslab/engine/EngineProbe.class" ]; then
    echo "jvm-env: the library is not built yet (make setup): no engine remedy chosen" >&2
    finish
fi
if [ ! -f "$deps" ]; then
    (cd "$root" && mvn -q -B -pl lib-src dependency:build-classpath -DincludeScope=runtime \
        -Dmdep.outputFile=target/classpath.txt >&2)
fi

# what decides the remedy: the CPU and what the host shows of it, the kernel, the engine, the remedy library (its
# path too: the settings preload it from there),
# and the settings that force a remedy or emulate an affected host
key=$( {
    grep -m5 -E '^(vendor_id|cpu family|model|model name|flags)[[:space:]]*:' /proc/cpuinfo
    ls /sys/devices/system/cpu/cpu0/cache 2>/dev/null || true
    uname -r
    grep -o 'pytorch-native-cpu-[^/:]*' "$deps" | head -1
    [ -f "$library" ] && { echo "$library"; cksum < "$library"; }
    echo "${SENSLAB_ENGINE_REMEDY:-}/${SENSLAB_CPU_CACHES:-}"
} | cksum | tr -d ' ')
settings="${XDG_CACHE_HOME:-$HOME/.cache}/senslab/engine-$key.env"
if [ ! -f "$settings" ]; then
    echo "jvm-env: checking the engine on this host (once; kept in $settings)" >&2
    java -Dai.djl.offline=true -cp "$classes:$(cat "$deps")" senslab.engine.EngineProbe "$settings" "$library" >&2 \
        || finish
fi
while IFS='=' read -r name value; do
    case "$name" in
        SENSLAB_CPU_CACHES_PRELOAD) add_preload "$value" ;;
        ?*) echo "$name=$value" ;;
    esac
done < "$settings"
finish
