"""Soak test: 1,000 cells in one kernel, then a cell that runs out of memory.

A notebook of 40 cells is run 25 times over, as a user re-runs cells for hours: method definitions,
expressions using them, small DJL computations and XChart charts; every reply must arrive with the right
value. Every 100 cells the kernel's memory is sampled: the Java heap in use after a full collection, and
the resident memory outside the committed heap (native memory: PyTorch's arrays, image buffers, classes,
the compiler). Past the first 200 cells (the warm-up: engine, compiler, code and memory pools grow to their
working size) neither may grow by more than its bound. Measured here: about 10 MB of heap (JShell keeps a
record of every snippet it ran, about 15 KB each) and 20-30 MB of native memory. The native bound is less
than half of what the 200 DJL cells after the warm-up would leak if their arrays were never freed
(150 MB); the heap bound is passed by a leak of the charts' images within 10 chart cells.
Finally a cell allocates 2 GB in 1 MB pieces in a 1 GB heap, fails with OutOfMemoryError, and the kernel
must go on working.

Run from the repository root after installing the kernelspec:
    /usr/bin/python3 -m unittest kernel/src/test/python/test_kernel_soak.py -v
"""
import time
import unittest

from test_kernel_behaviour import KernelSession, png_size

CELLS = 1000
NOTEBOOK = 40  # cells i and i + NOTEBOOK are the same cell run again
SAMPLE_EVERY = 100
WARM_UP = 200
HEAP = "1g"
HEAP_GROWTH_BOUND_MB = 32
NATIVE_GROWTH_BOUND_MB = 64
SAMPLE = ("System.gc();\n"
          "var heap = java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();\n"
          "heap.getUsed() + \" \" + heap.getCommitted()")


def resident_bytes(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS for process %d" % pid)


class KernelSoak(KernelSession):
    kernel_env = {"SENSLAB_KERNEL_XMX": HEAP}

    def sample(self):
        used, committed = (int(v) for v in self.result(SAMPLE).strip('"').split())
        native = resident_bytes(self.km.provisioner.process.pid) - committed
        return used / 2**20, native / 2**20

    def cell(self, i):
        """Runs cell i (the cell i % NOTEBOOK of the notebook, its constant changed) and checks its reply."""
        kind, name = i % 4, (i % NOTEBOOK) // 4
        if kind == 0:
            reply, msgs = self.run_cell("int f%d(int a) { return a + %d; }" % (name, i))
            self.assertEqual(reply["content"]["status"], "ok", self.errors(msgs))
        elif kind == 1:
            self.assertEqual(self.result("f%d(1) * 2" % name), str(2 * i))
        elif kind == 2:
            # 768 KB of native arrays a cell, freed when the manager closes
            scale = 2 ** (i % 3)  # powers of two keep every float sum exact
            reply, msgs = self.run_cell(
                "try (var m = ai.djl.ndarray.NDManager.newBaseManager()) {\n"
                "    var a = m.ones(new ai.djl.ndarray.types.Shape(256, 256)).mul(%d);\n"
                "    System.out.println((long) a.matMul(a).sum().getFloat());\n"
                "}" % scale)
            self.assertEqual(reply["content"]["status"], "ok", self.errors(msgs))
            self.assertEqual(self.stdout(msgs), "%d\n" % (256 ** 3 * scale ** 2))
        else:
            png = self.result('org.knowm.xchart.QuickChart.getChart("cell %d", "x", "y", "s", '
                              'new double[]{1, 2, 3}, new double[]{%d, 2, 1})' % (i, i), "image/png")
            self.assertEqual(png_size(png), (1200, 800))

    def test_a_thousand_cells_then_out_of_memory(self):
        start = time.monotonic()
        samples = []
        for i in range(CELLS):
            self.cell(i)
            if (i + 1) % SAMPLE_EVERY == 0:
                samples.append((i + 1,) + self.sample())
        seconds = time.monotonic() - start
        print("\n%d cells in %.0f s; after cell: heap used after GC, native resident (MB)" % (CELLS, seconds))
        for i, heap, native in samples:
            print("  %5d  %7.1f  %7.1f" % (i, heap, native))
        _, heap0, native0 = next(sample for sample in samples if sample[0] == WARM_UP)
        after = [sample for sample in samples if sample[0] > WARM_UP]
        heap_growth = max(h for _, h, _ in after) - heap0
        native_growth = max(n for _, _, n in after) - native0
        print("growth past the warm-up: heap %.1f MB (bound %d), native %.1f MB (bound %d)"
              % (heap_growth, HEAP_GROWTH_BOUND_MB, native_growth, NATIVE_GROWTH_BOUND_MB))
        self.assertLess(heap_growth, HEAP_GROWTH_BOUND_MB, "heap grew %.1f MB" % heap_growth)
        self.assertLess(native_growth, NATIVE_GROWTH_BOUND_MB, "native memory grew %.1f MB" % native_growth)

        err = self.error("{\n    var hog = new ArrayList<byte[]>();\n"
                         "    while (hog.size() < 2048) hog.add(new byte[1 << 20]);\n}")
        self.assertEqual(err["ename"], "java.lang.OutOfMemoryError")
        self.assertAlive()
        for i in range(CELLS, CELLS + 4):
            self.cell(i)


if __name__ == "__main__":
    unittest.main()
