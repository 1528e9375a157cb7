#!/bin/sh
# Installs the "senslab" Jupyter kernelspec ("Java (senslab)") for the current user, pointing at
# this checkout's build. Run from anywhere after `mvn -q -B package -DskipTests` at the repository root.
#   JUPYTER_PYTHON      the Python whose Jupyter gets the kernel (default: /usr/bin/python3 if it has
#                       jupyter_client, else python3)
#   JAVA_HOME           the JDK (17+) to run the kernel with (default: java on PATH)
#   KERNEL_NAME         the kernelspec's name (default senslab), e.g. to keep a second one on another JDK
# At kernel start: SENSLAB_KERNEL_XMX (default 8g) sets the heap; IJAVA_CLASSPATH entries go before the
# library's class path (e.g. IJAVA_CLASSPATH=/other/lib-src/target/classes to try another build).
# Idempotent: running it again replaces the kernelspec.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
KERNEL_JAR="$ROOT/kernel/target/senslab-kernel.jar"
LIB_CLASSES="$ROOT/lib-src/target/classes"
LIB_DEPS="$ROOT/kernel/target/notebook-classpath.txt"

if [ ! -f "$KERNEL_JAR" ] || [ ! -d "$ROOT/kernel/target/lib" ] || [ ! -d "$LIB_CLASSES" ]; then
    echo "install-kernelspec: build first: (cd $ROOT && mvn -q -B package -DskipTests)" >&2
    exit 1
fi

if [ -n "${JUPYTER_PYTHON:-}" ]; then
    PY="$JUPYTER_PYTHON"
elif /usr/bin/python3 -c 'import jupyter_client' 2>/dev/null; then
    PY=/usr/bin/python3
else
    PY=python3
fi
"$PY" -c 'import jupyter_client' 2>/dev/null || {
    echo "install-kernelspec: $PY has no jupyter_client; install Jupyter or set JUPYTER_PYTHON" >&2
    exit 1
}

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA="$JAVA_HOME/bin/java"
else
    JAVA=$(command -v java) || { echo "install-kernelspec: no java on PATH (JDK 17+ needed)" >&2; exit 1; }
fi
"$JAVA" --list-modules 2>/dev/null | grep -q '^jdk.jshell' || {
    echo "install-kernelspec: $JAVA is not a full JDK (module jdk.jshell missing)" >&2
    exit 1
}

# JDK 22+ warns when JNA (DJL's) loads native code, JDK 24+ when Tablesaw's classgraph uses sun.misc.Unsafe:
# both are allowed up front, with the options the JDK at hand knows (JDK 17 has the first, not the second)
JAVA_VERSION=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
JAVA_OPTIONS="--enable-native-access=ALL-UNNAMED"
[ "${JAVA_VERSION%%.*}" -ge 23 ] 2>/dev/null && JAVA_OPTIONS="$JAVA_OPTIONS --sun-misc-unsafe-memory-access=allow"
NAME=${KERNEL_NAME:-senslab}
DISPLAY_NAME="Java (senslab)"
[ "$NAME" = senslab ] || DISPLAY_NAME="Java (senslab, JDK $JAVA_VERSION)"

# the helper library's runtime dependencies (DJL, PyTorch native, Tablesaw, XChart, Hipparchus...)
(cd "$ROOT" && mvn -q -B -pl lib-src dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$LIB_DEPS" >/dev/null)
SENSLAB_CLASSPATH="$LIB_CLASSES:$(cat "$LIB_DEPS")"
KERNEL_CLASSPATH="$KERNEL_JAR:$ROOT/kernel/target/lib/*"

SPEC=$(mktemp -d)
trap 'rm -rf "$SPEC"' EXIT
mkdir -p "$SPEC/$NAME"
# Spark's JVM options (a java @argument file), for notebooks that run Spark in the kernel (notebook 08);
# Spark's jars themselves are added only by those notebooks (%jars ../lib-spark/target/notebook-lib/*.jar)
SPARK_OPTIONS="$ROOT/environment/spark-java.options"
"$PY" - "$ROOT/environment/kernelspec/kernel.json" "$SPEC/$NAME/kernel.json" \
    "$JAVA" "$JAVA_OPTIONS" "$DISPLAY_NAME" "$KERNEL_CLASSPATH" "$SENSLAB_CLASSPATH" "$SPARK_OPTIONS" \
    "$("$ROOT/environment/jvm-env.sh" --kernel)" <<'PYEOF'
import json, sys
template, target, java, options, display_name, kernel_cp, senslab_cp, spark_options, jvm_env = sys.argv[1:]
spec = json.load(open(template))
def fill(s):
    return (s.replace("@JAVA@", java).replace("@JAVA_OPTIONS@", options).replace("@DISPLAY_NAME@", display_name)
            .replace("@KERNEL_CLASSPATH@", kernel_cp).replace("@SENSLAB_CLASSPATH@", senslab_cp)
            .replace("@SPARK_JAVA_OPTIONS@", spark_options))
spec["argv"] = [fill(a) for a in spec["argv"]]
spec["display_name"] = fill(spec["display_name"])
spec["env"] = {k: fill(v) for k, v in spec["env"].items()}
# what the kernel's JVM runs with on this host (environment/jvm-env.sh --kernel): glibc's native-memory settings,
# and the engine remedy if this host needs one
for line in jvm_env.splitlines():
    key, value = line.strip().split("=", 1)
    spec["env"][key] = value
json.dump(spec, open(target, "w"), indent=2)
PYEOF
for f in "$ROOT"/environment/kernelspec/logo-*.png; do
    [ -f "$f" ] && cp "$f" "$SPEC/$NAME/"
done

"$PY" -m jupyter kernelspec install --user --name "$NAME" "$SPEC/$NAME" >/dev/null 2>&1 || \
    "$PY" -m jupyter_client.kernelspecapp install --user --name "$NAME" "$SPEC/$NAME"
DEST=$("$PY" -c 'import sys; from jupyter_client.kernelspec import KernelSpecManager as M; print(M().get_kernel_spec(sys.argv[1]).resource_dir)' "$NAME")
echo "installed kernelspec '$NAME' ($DISPLAY_NAME) in $DEST"
echo "  jupyter python: $PY"
echo "  java:           $JAVA (JDK $JAVA_VERSION)"
echo "  kernel:         $KERNEL_CLASSPATH"
echo "  notebook class path: $LIB_CLASSES + $(tr ':' '\n' < "$LIB_DEPS" | grep -c .) jars"
