"""Kernelspecs for running the kernel tests on other JDKs than the installed kernel's.

SENSLAB_TEST_JAVA_HOMES (JAVA_HOMEs separated by ':') names the JDKs; without it, the newest JDK 20 or
later under /usr/lib/jvm is used, if there is one (JDK 20 is where Thread.stop stopped working, so that is
where interrupting differs). Each gets a kernelspec "senslab-jdkNN" in a temporary Jupyter path, like
the installed one, made by environment/install-kernelspec.sh with that JAVA_HOME.
"""
import functools
import glob
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def java_major(java_home):
    """The feature version of the JDK in java_home (from its release file), or None."""
    try:
        with open(os.path.join(java_home, "release")) as f:
            found = re.search(r'^JAVA_VERSION="(\d+)', f.read(), re.M)
    except OSError:
        return None
    return int(found.group(1)) if found else None


def _java_homes():
    named = os.environ.get("SENSLAB_TEST_JAVA_HOMES")
    if named is not None:
        return [h for h in named.split(os.pathsep) if h]
    newer = [(java_major(h), h) for h in glob.glob("/usr/lib/jvm/*") if not os.path.islink(h)]
    newer = sorted((v, h) for v, h in newer if v is not None and v >= 20
                   and os.path.exists(os.path.join(h, "bin", "java")))
    return [newer[-1][1]] if newer else []


@functools.lru_cache(maxsize=None)
def other_kernels():
    """((kernelspec name, JDK feature version), ...) for the other JDKs, their kernelspecs installed."""
    homes = _java_homes()
    if not homes:
        return ()
    folder = tempfile.mkdtemp(prefix="senslab-jdks-")
    kernels = []
    for home in homes:
        version = java_major(home)
        name = "senslab-jdk%d" % version
        # the project's own install script, as a user would run it for a second kernelspec
        done = subprocess.run([os.path.join(ROOT, "environment", "install-kernelspec.sh")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=dict(os.environ, JAVA_HOME=home, KERNEL_NAME=name, JUPYTER_DATA_DIR=folder,
                                       JUPYTER_PYTHON=sys.executable))
        if done.returncode != 0:
            raise RuntimeError("installing the kernelspec for %s failed:\n%s" % (home, done.stdout))
        kernels.append((name, version))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (folder, os.environ.get("JUPYTER_PATH")) if p)
    print("kernel tests also run on JDK %s (%s)" % (", ".join(str(v) for _, v in kernels), ", ".join(homes)))
    return tuple(kernels)
