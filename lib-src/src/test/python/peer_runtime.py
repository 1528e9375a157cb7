"""What every Python peer of `make bench` shares: its thread budget, the description of what it runs on, and the
protocol by which the bench alternates its timed runs with ours.

A bench starts the peer once and keeps it warm. The peer prints one `RUNTIME <description>` line, then `READY`, and
then answers each line `<work>` on its standard input by doing that work once and printing `SECONDS <s>` (the
work's own time, measured here, without the pipe) after whatever lines the work prints itself; `quit` ends it.
The bench sends the same works to both sides in turn (ours, the peer's, ours, ...), so both see the same machine.

The thread budget is the bench's: `SENSLAB_BENCH_THREADS` (the cores of the bench's JVM), else this process's cores.
The description is read from the process itself: the BLAS library it mapped (and OpenBLAS's own report of its
build, threading and threads), the threads of PyTorch when loaded, and the allocator (jemalloc or tcmalloc when
preloaded, else glibc's malloc and the MALLOC_ settings it was given).
"""
import ctypes
import os
import sys
import time


def threads():
    """The bench's thread budget."""
    return int(os.environ.get("SENSLAB_BENCH_THREADS", len(os.sched_getaffinity(0))))


def _mapped(*names):
    """The paths of the mapped shared libraries whose file names contain one of `names`."""
    found = []
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1] if len(line.split()) >= 6 else ""
            if any(name in os.path.basename(path) for name in names) and path not in found:
                found.append(path)
    return found


def _openblas():
    """OpenBLAS's handle when it is loaded, else None."""
    for path in _mapped("libopenblas"):
        try:
            return ctypes.CDLL(path)
        except OSError:
            return None
    return None


def set_blas_threads(count):
    """Gives OpenBLAS `count` threads (NumPy's matrix products run in it)."""
    openblas = _openblas()
    if openblas is not None:
        openblas.openblas_set_num_threads(count)


def blas():
    """The BLAS this process runs on: the resolved libblas.so.3 and what OpenBLAS says of itself."""
    paths = _mapped("libblas", "libopenblas", "libmkl", "libblis")
    resolved = [os.path.realpath(p) for p in paths if os.path.basename(p).startswith("libblas")]
    code = [p for p in paths if not os.path.basename(p).startswith("libblas")]  # where a thin libblas's code is
    where = ", ".join(resolved + code) or "none mapped"
    if any("/blas/" in p for p in resolved):  # OpenBLAS may still be mapped, for LAPACK alone
        return f"reference BLAS (Netlib) [{where}]"
    openblas = _openblas()
    if openblas is None:
        return f"not OpenBLAS [{where}]"
    openblas.openblas_get_config.restype = ctypes.c_char_p
    threading = {0: "sequential", 1: "pthreads", 2: "OpenMP"}.get(openblas.openblas_get_parallel(), "?")
    return (f"{openblas.openblas_get_config().decode().strip()}, {threading}, "
            f"{openblas.openblas_get_num_threads()} threads [{where}]")


def allocator():
    """jemalloc or tcmalloc when mapped (preloaded), else glibc's malloc with the MALLOC_ settings in force."""
    for name in ("libjemalloc", "libtcmalloc"):
        paths = _mapped(name)
        if paths:
            conf = os.environ.get("MALLOC_CONF", "")
            return f"{name[3:]} [{paths[0]}]" + (f" MALLOC_CONF={conf}" if conf else "")
    settings = " ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("MALLOC_"))
    return "glibc malloc" + (f" ({settings})" if settings else " (defaults)")


def describe(name):
    """The RUNTIME line: the peer's name and version, its BLAS, threads and allocator."""
    parts = [name, f"Python {sys.version.split()[0]}"]
    if "numpy" in sys.modules:
        parts.append(f"NumPy {sys.modules['numpy'].__version__}")
    if "torch" in sys.modules:
        torch = sys.modules["torch"]
        backend = "OpenMP" if "OpenMP" in torch.__config__.parallel_info() else "native"
        mkl = "MKL" if torch.backends.mkl.is_available() else "no MKL"
        parts.append(f"PyTorch {torch.__version__} ({mkl}, oneDNN {'on' if torch.backends.mkldnn.is_available() else 'off'},"
                     f" {torch.get_num_threads()} intra-op threads, {backend})")
    parts.append(f"BLAS {blas()}")
    parts.append(f"allocator {allocator()}")
    return "; ".join(parts)


def serve(name, works):
    """Prints the RUNTIME line and READY, then does each work asked for on stdin and prints its SECONDS."""
    print("RUNTIME " + describe(name), flush=True)
    print("READY", flush=True)
    for line in sys.stdin:
        work = line.strip()
        if work == "quit":
            return
        if work not in works:
            print(f"ERROR unknown work {work!r}; this peer does {sorted(works)}", flush=True)
            continue
        start = time.perf_counter()
        seconds = works[work]()
        # a work that times only part of itself returns that part's seconds
        print(f"SECONDS {seconds if seconds is not None else time.perf_counter() - start:.6f}", flush=True)
