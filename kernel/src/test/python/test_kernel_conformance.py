"""The Jupyter kernel conformance suite (jupyter_kernel_test) run against the installed `senslab` kernel.

Run from the repository root after installing the kernelspec:
    /usr/bin/python3 -m unittest discover -s kernel/src/test/python -v
"""
import unittest

import jupyter_kernel_test


class SenslabKernelConformance(jupyter_kernel_test.KernelTests):
    kernel_name = "senslab"
    language_name = "java"
    file_extension = ".jshell"

    code_hello_world = 'System.out.println("hello, world");'
    code_stderr = 'System.err.println("oops");'
    code_generate_error = 'throw new IllegalStateException("expected failure");'
    code_clear_output = 'System.out.println("gone soon");\nclearOutput();'

    completion_samples = [
        {"text": "Math.sqr", "matches": {"sqrt("}},
        {"text": "Integer.MAX_V", "matches": {"MAX_VALUE"}},
    ]
    complete_code_samples = [
        "1 + 1",
        "int x = 1;",
        "for (int i = 0; i < 3; i++) {\n    System.out.println(i);\n}",
        "%maven org.apache.commons:commons-lang3:3.17.0\n1 + 1",
    ]
    incomplete_code_samples = [
        "for (int i = 0; i < 3; i++) {",
        "int twice(int a) {\n    return 2 * a;",
        "String s = \"abc\" +",
    ]
    invalid_code_samples = ["x = )", "}"]

    code_inspect_sample = "Math.max"

    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "\"ab\" + \"cd\"", "result": "abcd"},
        {"code": "int a = 2;\nint b = 3;\na * b", "result": "6"},
    ]
    code_history_pattern = "6 * 7"
    supported_history_operations = ("tail", "range", "search")

    code_display_data = [
        {"code": 'display("shown");', "mime": "text/plain"},
        {"code": "display(new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB));",
         "mime": "image/png"},
    ]


if __name__ == "__main__":
    unittest.main()
