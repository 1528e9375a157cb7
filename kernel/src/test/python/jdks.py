"""Kernelspecs for running the kernel tests on other JDKs than the installed kernel's.

SENSLAB_TEST_JAVA_HOMES (JAVA_HOMEs separated by ':') names the JDKs; without it, the newest JDK 20 or
later under /usr/lib/jvm is used, if there is one (JDK 20 is where Thread.stop stopped working, so that is
where interrupting differs). Each gets a kernelspec "senslab-jdkNN" in a temporary Jupyter path: a copy of
the installed "senslab" kernelspec that starts that JDK's java.
"""
import functools
import glob
import json
import os
import re
import tempfile

from jupyter_client.kernelspec import KernelSpecManager


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
    base = KernelSpecManager().get_kernel_spec("senslab")
    folder = tempfile.mkdtemp(prefix="senslab-jdks-")
    kernels = []
    for home in homes:
        version = java_major(home)
        name = "senslab-jdk%d" % version
        java = os.path.join(home, "bin", "java")
        argv = [re.sub(r'exec "[^"]+"', 'exec "%s"' % java, a) for a in base.argv]
        spec = {"argv": argv, "display_name": "%s (JDK %d)" % (base.display_name, version),
                "language": base.language, "interrupt_mode": base.interrupt_mode, "env": base.env,
                "metadata": base.metadata}
        os.makedirs(os.path.join(folder, "kernels", name))
        with open(os.path.join(folder, "kernels", name, "kernel.json"), "w") as f:
            json.dump(spec, f, indent=2)
        kernels.append((name, version))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (folder, os.environ.get("JUPYTER_PATH")) if p)
    print("kernel tests also run on JDK %s (%s)" % (", ".join(str(v) for _, v in kernels), ", ".join(homes)))
    return tuple(kernels)
