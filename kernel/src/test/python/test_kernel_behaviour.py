"""Behaviour of the installed `senslab` kernel through the Jupyter protocol (jupyter_client).

One kernel serves the whole class; run from the repository root after installing the kernelspec:
    /usr/bin/python3 -m unittest discover -s kernel/src/test/python -v
The class runs again on each other JDK that jdks.py finds (JDK 20+ interrupts differently).
"""
import base64
import os
import re
import signal
import struct
import tempfile
import time
import unittest

from jupyter_client.manager import start_new_kernel

import jdks

TIMEOUT = 60
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
COMMONS_LANG = ("org.apache.commons", "commons-lang3", "3.17.0")


def strip_ansi(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def png_size(b64):
    """(width, height) of a base64 PNG, checking its signature."""
    data = base64.b64decode(b64)
    assert data[:8] == PNG_SIGNATURE, "not a PNG"
    return struct.unpack(">II", data[16:24])


class KernelSession(unittest.TestCase):
    """One kernel for a whole class, and the helpers its tests use."""
    kernel_name = "senslab"
    java_major = None  # the JDK's feature version, when the kernelspec is one of jdks.py's
    kernel_env = None  # extra environment variables for the kernel

    @classmethod
    def setUpClass(cls):
        env = dict(os.environ, **(cls.kernel_env or {}))
        cls.km, cls.kc = start_new_kernel(kernel_name=cls.kernel_name, startup_timeout=TIMEOUT, env=env)

    @classmethod
    def tearDownClass(cls):
        cls.kc.stop_channels()
        cls.km.shutdown_kernel(now=False)

    # ------------------------------------------------------------ helpers

    def send(self, code):
        return self.kc.execute(code)

    def collect(self, msg_id, timeout=TIMEOUT):
        """(reply, [(arrival time, iopub message)]) for an execute request already sent."""
        outputs = []
        deadline = time.monotonic() + timeout
        while True:
            msg = self.kc.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] not in ("status", "execute_input"):
                outputs.append((time.monotonic(), msg))
        while True:
            reply = self.kc.get_shell_msg(timeout=max(0.1, deadline - time.monotonic()))
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply, outputs

    def run_cell(self, code, timeout=TIMEOUT):
        reply, outputs = self.collect(self.send(code), timeout)
        return reply, [m for _, m in outputs]

    def result(self, code, mime="text/plain"):
        reply, msgs = self.run_cell(code)
        self.assertEqual(reply["content"]["status"], "ok", self.errors(msgs))
        results = [m for m in msgs if m["msg_type"] == "execute_result"]
        self.assertEqual(len(results), 1, msgs)
        return results[0]["content"]["data"][mime]

    def error(self, code):
        """The iopub error of a failing cell, after checking that the execute_reply carries the same."""
        reply, msgs = self.run_cell(code)
        return self.reply_error(reply, msgs)

    def reply_error(self, reply, msgs):
        self.assertEqual(reply["content"]["status"], "error")
        errors = [m["content"] for m in msgs if m["msg_type"] == "error"]
        self.assertEqual(len(errors), 1, msgs)
        for field in ("ename", "evalue", "traceback"):
            self.assertEqual(reply["content"][field], errors[0][field], field)
        return errors[0]

    @staticmethod
    def errors(msgs):
        return "\n".join("\n".join(m["content"]["traceback"]) for m in msgs if m["msg_type"] == "error")

    @staticmethod
    def stdout(msgs):
        return "".join(m["content"]["text"] for m in msgs
                       if m["msg_type"] == "stream" and m["content"]["name"] == "stdout")

    def assertAlive(self):
        self.assertEqual(self.result("20 + 22"), "42")

    def interrupt_sleeping_cell(self, interrupt):
        """Interrupts a sleeping cell with interrupt(); checks it ends at once, the sleep's own exception shown."""
        msg_id = self.send("Thread.sleep(60_000);")
        time.sleep(1.0)
        start = time.monotonic()
        interrupt()
        reply, outputs = self.collect(msg_id, timeout=10)
        # an interrupt wakes the sleep: no need to wait for JShell's stop
        self.assertLess(time.monotonic() - start, 0.9)
        err = self.reply_error(reply, [m for _, m in outputs])
        self.assertEqual(err["ename"], "EvaluationInterruptedException")
        self.assertIn("java.lang.InterruptedException", "\n".join(err["traceback"]))
        self.assertAlive()


class KernelBehaviour(KernelSession):

    def test_kernel_info(self):
        self.kc.kernel_info()
        while True:
            reply = self.kc.get_shell_msg(timeout=TIMEOUT)
            if reply["msg_type"] == "kernel_info_reply":
                break
        info = reply["content"]["language_info"]
        self.assertEqual(info["name"], "java")
        self.assertEqual(info["file_extension"], ".jshell")
        self.assertEqual(info["mimetype"], "text/x-java")
        self.assertEqual(info["codemirror_mode"], "java")
        self.assertRegex(info["version"], r"^%s" % (self.java_major or r"\d+"))

    def test_state_carries_over_and_multi_snippet_cells(self):
        self.run_cell("import java.util.stream.*;\nint base = 10;\nint plus(int a) { return base + a; }")
        self.assertEqual(self.result("class Box { int v = plus(5); }\nvar box = new Box();\nbox.v * 2"), "30")

    def test_interrupt_infinite_loop_within_two_seconds(self):
        msg_id = self.send("while (true) { }")
        time.sleep(1.5)  # let the loop start
        start = time.monotonic()
        self.km.interrupt_kernel()  # interrupt_mode "message": an interrupt_request on the control channel
        reply, outputs = self.collect(msg_id, timeout=10)
        elapsed = time.monotonic() - start
        # the loop ignores interrupts: JShell's stop ends it (Thread.stop on JDK 17, stop checks from JDK 20)
        self.assertLess(elapsed, 2.0, "interrupt took %.2f s" % elapsed)
        err = self.reply_error(reply, [m for _, m in outputs])
        self.assertEqual(err["ename"], "EvaluationInterruptedException")
        self.assertAlive()

    def test_interrupt_stops_a_loop_in_a_method_of_the_cell(self):
        self.run_cell("long spin(long n) { long s = 0; for (long i = 0; i < n; i++) s += i % 7; return s; }")
        msg_id = self.send("spin(Long.MAX_VALUE)")
        time.sleep(1.5)
        start = time.monotonic()
        self.km.interrupt_kernel()
        reply, outputs = self.collect(msg_id, timeout=10)
        self.assertLess(time.monotonic() - start, 2.0)
        self.assertEqual(self.reply_error(reply, [m for _, m in outputs])["ename"], "EvaluationInterruptedException")
        self.assertAlive()

    def test_sigint_interrupts_a_sleeping_cell_at_once(self):
        self.interrupt_sleeping_cell(lambda: self.km.signal_kernel(signal.SIGINT))

    def test_runtime_exception_shows_user_frames_and_kernel_survives(self):
        err = self.error('int parse(String s) { return Integer.parseInt(s); }\nparse("x")')
        trace = "\n".join(err["traceback"])
        self.assertEqual(err["ename"], "java.lang.NumberFormatException")
        self.assertEqual(err["evalue"], 'For input string: "x"')
        self.assertIn("parse(", trace)  # the user's own method is in the trace
        self.assertNotIn("jdk.internal.reflect", trace)  # the kernel's machinery is not
        self.assertAlive()

    def test_compile_error_names_line_and_column(self):
        err = self.error("int fine = 1;\nint broken = missing + 1;")
        self.assertEqual(err["ename"], "CompilationException")
        self.assertEqual(err["evalue"], "line 2: cannot find symbol")  # the compiler's first message
        trace = "\n".join(err["traceback"])
        self.assertIn("int broken = missing + 1;", trace)
        caret_line = next(l for l in err["traceback"] if "^" in l)
        source_line = next(l for l in err["traceback"] if "int broken" in l)
        # the caret sits under "missing" (ANSI colour codes stripped)
        caret_col = strip_ansi(caret_line).index("^")
        self.assertEqual(caret_col, source_line.index("missing"))
        self.assertAlive()

    def test_stack_overflow_and_out_of_memory_leave_kernel_alive(self):
        err = self.error("int deep(int n) { return deep(n + 1) + 1; }\ndeep(0)")
        self.assertEqual(err["ename"], "java.lang.StackOverflowError")
        err = self.error("new long[Integer.MAX_VALUE - 8]")
        self.assertEqual(err["ename"], "java.lang.OutOfMemoryError")
        self.assertIn("heap space", err["evalue"])
        self.assertAlive()

    def test_exception_thrown_in_a_cell_is_named_by_its_class(self):
        err = self.error('throw new IllegalStateException("expected failure");')
        self.assertEqual((err["ename"], err["evalue"]), ("java.lang.IllegalStateException", "expected failure"))
        self.assertIn("java.lang.IllegalStateException: expected failure", strip_ansi("\n".join(err["traceback"])))

    def test_clear_output_waits_for_the_next_output(self):
        reply, msgs = self.run_cell('System.out.println("before");\nclearOutput(true);\nSystem.out.println("after");\n'
                                    'clearOutput();')
        self.assertEqual(reply["content"]["status"], "ok", self.errors(msgs))
        seen = [(m["msg_type"], m["content"].get("text", m["content"].get("wait")))
                for m in msgs if m["msg_type"] in ("stream", "clear_output")]
        self.assertEqual(seen, [("stream", "before\n"), ("clear_output", True), ("stream", "after\n"),
                                ("clear_output", False)])

    def test_output_streams_while_the_cell_runs(self):
        code = 'for (int i = 0; i < 5; i++) { System.out.println("tick " + i); Thread.sleep(1000); }'
        msg_id = self.send(code)
        reply, outputs = self.collect(msg_id)
        replied = time.monotonic()
        ticks = [(t, m) for t, m in outputs if m["msg_type"] == "stream" and "tick" in m["content"]["text"]]
        self.assertEqual(len(ticks), 5, [m["content"] for _, m in ticks])
        self.assertGreater(replied - ticks[0][0], 3.0, "the first tick must arrive long before the cell ends")
        gaps = [b[0] - a[0] for a, b in zip(ticks, ticks[1:])]
        self.assertTrue(all(g > 0.5 for g in gaps), gaps)

    def test_display_and_update_display_share_an_id(self):
        reply, msgs = self.run_cell(
            'String id = display("start");\nfor (int i = 1; i <= 3; i++) updateDisplay(id, "step " + i);\nid')
        self.assertEqual(reply["content"]["status"], "ok", self.errors(msgs))
        shown = [m for m in msgs if m["msg_type"] == "display_data"]
        updates = [m for m in msgs if m["msg_type"] == "update_display_data"]
        self.assertEqual(len(shown), 1)
        self.assertEqual(len(updates), 3)
        display_id = shown[0]["content"]["transient"]["display_id"]
        self.assertEqual(shown[0]["content"]["data"]["text/plain"], "start")
        self.assertEqual({u["content"]["transient"]["display_id"] for u in updates}, {display_id})
        self.assertEqual(updates[-1]["content"]["data"]["text/plain"], "step 3")
        result = next(m for m in msgs if m["msg_type"] == "execute_result")
        self.assertIn(display_id, result["content"]["data"]["text/plain"])

    def test_xchart_chart_is_a_png(self):
        reply, msgs = self.run_cell('var chart = new org.knowm.xchart.XYChart(400, 300);\n'
                                    'chart.addSeries("y", new double[]{1, 2, 3}, new double[]{1, 4, 9});\nchart')
        self.assertEqual(reply["content"]["status"], "ok", self.errors(msgs))
        result = next(m["content"] for m in msgs if m["msg_type"] == "execute_result")
        # drawn at twice the size, shown at the chart's own size: crisp on high-density screens
        self.assertEqual(png_size(result["data"]["image/png"]), (800, 600))
        self.assertEqual(result["metadata"]["image/png"], {"width": 400, "height": 300})

    def test_buffered_image_is_a_png(self):
        png = self.result("new java.awt.image.BufferedImage(20, 10, java.awt.image.BufferedImage.TYPE_INT_ARGB)",
                          "image/png")
        self.assertEqual(png_size(png), (20, 10))

    def test_tablesaw_table_is_html(self):
        code = ('tech.tablesaw.api.Table.create("scores", '
                'tech.tablesaw.api.StringColumn.create("name", "a", "b"), '
                'tech.tablesaw.api.DoubleColumn.create("score", 1.5, 2.5))')
        html = self.result(code, "text/html")
        self.assertIn("<table", html)
        self.assertIn("<th>score</th>", html)
        self.assertIn("2.5", html)
        self.assertIn("score", self.result(code, "text/plain"))

    def test_long_decimals_show_four_significant_digits_and_the_full_value_on_hover(self):
        code = ('tech.tablesaw.api.Table.create("t", tech.tablesaw.api.DoubleColumn.create("s", '
                '0.511403832838669, 0.006439255301850761, 1.0E-7, 12.5))')
        html = self.result(code, "text/html")
        self.assertIn('<td title="0.511403832838669">0.5114</td>', html)
        self.assertIn('<td title="0.006439255301850761">0.006439</td>', html)
        self.assertIn("<td>12.5</td>", html)

    def test_djl_finds_the_pytorch_engine(self):
        self.assertEqual(self.result("ai.djl.engine.Engine.getInstance().getEngineName()"), "PyTorch")
        self.assertEqual(self.result(
            "float total;\ntry (var m = ai.djl.ndarray.NDManager.newBaseManager()) {\n"
            "    total = m.create(new float[]{1, 2, 3}).sum().getFloat();\n}\ntotal"), "6.0")

    def test_maven_magic_adds_an_artifact(self):
        group, artifact, version = COMMONS_LANG
        jar = os.path.expanduser("~/.m2/repository/%s/%s/%s/%s-%s.jar"
                                 % (group.replace(".", "/"), artifact, version, artifact, version))
        if not os.path.exists(jar):
            self.skipTest("%s not in the local Maven repository" % jar)
        self.assertEqual(self.result("%%maven %s:%s:%s\norg.apache.commons.lang3.StringUtils.capitalize(\"abc\")"
                                     % COMMONS_LANG), "Abc")

    def test_classpath_magic_adds_a_directory(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "senslab-probe.txt"), "w") as f:
                f.write("here")
            self.assertEqual(self.result(
                "%%classpath %s\n"
                "Thread.currentThread().getContextClassLoader().getResource(\"senslab-probe.txt\") != null"
                % folder), "true")

    def test_time_cell_magic_prints_wall_time(self):
        reply, msgs = self.run_cell("%%time\nThread.sleep(200);")
        self.assertEqual(reply["content"]["status"], "ok")
        self.assertRegex(self.stdout(msgs), r"Wall time: 0\.[2-9]\d* s")

    def test_a_returned_print_stream_shows_nothing_but_its_text(self):
        for code in ('System.out.printf("%d apples%n", 3)',
                     'new java.io.PrintWriter(System.out, true).printf("%d apples%n", 3)'):
            reply, msgs = self.run_cell(code)
            self.assertEqual(reply["content"]["status"], "ok", self.errors(msgs))
            self.assertEqual([m for m in msgs if m["msg_type"] == "execute_result"], [], code)
            self.assertEqual(self.stdout(msgs), "3 apples\n", code)
        self.assertEqual(self.result('new StringBuilder("kept").append("!")'), "kept!")

    def test_unknown_magic_is_a_clear_error(self):
        err = self.error("%nosuchmagic 1 2")
        self.assertIn("unknown magic %nosuchmagic", err["evalue"])
        self.assertAlive()


for _name, _version in jdks.other_kernels():
    globals()["KernelBehaviourJdk%d" % _version] = type(
        "KernelBehaviourJdk%d" % _version, (KernelBehaviour,), {"kernel_name": _name, "java_major": _version})


class KernelStopFallback(KernelSession):
    """The path a JDK without a working JShell stop leaves (forced here with SENSLAB_KERNEL_STOP)."""
    kernel_env = {"SENSLAB_KERNEL_STOP": "cooperative"}

    def test_interrupt_request_wakes_a_sleeping_cell(self):
        self.interrupt_sleeping_cell(self.km.interrupt_kernel)

    def test_a_cell_that_ignores_interrupts_gets_a_clear_message(self):
        msg_id = self.send("while (true) { }")
        time.sleep(1.0)
        start = time.monotonic()
        self.km.interrupt_kernel()
        notice = None
        while notice is None and time.monotonic() - start < 10:
            msg = self.kc.get_iopub_msg(timeout=10)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "stream"
                    and msg["content"]["name"] == "stderr"):
                notice = msg["content"]["text"]
        self.assertIsNotNone(notice, "no message within 10 s")
        self.assertIn("The cell has not stopped", notice)
        self.assertIn("restart the kernel", notice)
        self.assertLess(time.monotonic() - start, 4.0)
        # the kernel is still busy with the loop: end it (the next test starts from a fresh kernel)
        self.km.restart_kernel(now=True)
        self.kc.wait_for_ready(timeout=TIMEOUT)
        self.assertAlive()


class KernelLifecycle(unittest.TestCase):
    def test_ijava_classpath_entries_are_on_the_notebook_class_path(self):
        with tempfile.TemporaryDirectory() as folder:
            with open(os.path.join(folder, "senslab-ijava-probe.txt"), "w") as f:
                f.write("here")
            env = dict(os.environ, IJAVA_CLASSPATH=folder)
            km, kc = start_new_kernel(kernel_name="senslab", startup_timeout=TIMEOUT, env=env)
            try:
                outputs = []
                reply = kc.execute_interactive(
                    'var probe = Thread.currentThread().getContextClassLoader().getResource("senslab-ijava-probe.txt");\n'
                    '(probe != null) + " " + senslab.Profile.class.getSimpleName()',
                    timeout=TIMEOUT, output_hook=outputs.append)
                self.assertEqual(reply["content"]["status"], "ok", outputs)
                self.assertEqual([o["content"]["data"]["text/plain"] for o in outputs
                                  if o["msg_type"] == "execute_result"], ["true Profile"])
            finally:
                kc.stop_channels()
                km.shutdown_kernel(now=False)

    def test_restart_gives_a_fresh_working_kernel(self):
        km, kc = start_new_kernel(kernel_name="senslab", startup_timeout=TIMEOUT)
        try:
            kc.execute_interactive("int before = 1;", timeout=TIMEOUT)
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=TIMEOUT)
            outputs = []
            reply = kc.execute_interactive("before", timeout=TIMEOUT, output_hook=outputs.append)
            self.assertEqual(reply["content"]["status"], "error")  # the state is gone
            outputs.clear()
            reply = kc.execute_interactive("1 + 1", timeout=TIMEOUT, output_hook=outputs.append)
            self.assertEqual(reply["content"]["status"], "ok")
            self.assertIn("2", [o["content"]["data"]["text/plain"] for o in outputs
                                if o["msg_type"] == "execute_result"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=False)
        self.assertFalse(km.is_alive())


if __name__ == "__main__":
    unittest.main()
