#!/usr/bin/env python3
"""Executes notebooks headless on the senslab kernel and writes executed notebooks and HTML.

    run-notebooks.py [--profile smoke|quick|paper] [--out out] [notebooks/NN-name.ipynb ...]

Without --profile the notebooks run in SENSLAB_PROFILE's profile, or, unset, in the library's default
(senslab.Profile.DEFAULT): the first cell of every notebook prints which one.

Cell output is echoed to the terminal as it arrives, so long training shows its progress here too.
Every notebook is run even if an earlier one fails; the exit status is 1 when any cell failed.
"""
import argparse
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter
from nbconvert.preprocessors import coalesce_streams

ROOT = Path(__file__).resolve().parent.parent


class EchoingClient(NotebookClient):
    """A notebook client that also prints each cell's streamed output to the terminal."""

    def __init__(self, nb, label, **kw):
        super().__init__(nb, **kw)
        self.label = label

    def output(self, outs, msg, display_id, cell_index):
        content = msg["content"]
        if msg["msg_type"] == "stream":
            stream = sys.stderr if content.get("name") == "stderr" else sys.stdout
            stream.write(content.get("text", ""))
            stream.flush()
        elif msg["msg_type"] == "error":
            print(f"[{self.label}] cell {cell_index}: {content.get('ename')}: {content.get('evalue')}", flush=True)
        return super().output(outs, msg, display_id, cell_index)


def run(path: Path, out: Path, kernel: str) -> bool:
    label = path.stem
    nb = nbformat.read(path, as_version=4)
    code_cells = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    client = EchoingClient(nb, label, kernel_name=kernel, timeout=None, allow_errors=False,
                           resources={"metadata": {"path": str(path.parent)}})

    def announce(cell, cell_index):
        if cell.cell_type == "code":
            print(f"[{label}] code cell {code_cells.index(cell_index) + 1}/{len(code_cells)}", flush=True)

    client.on_cell_start = announce
    started = time.monotonic()
    ok = True
    try:
        client.execute()
    except CellExecutionError:
        ok = False
    except Exception as e:  # a kernel that died or could not start: say which notebook
        print(f"[{label}] failed: {type(e).__name__}: {e}", flush=True)
        ok = False
    seconds = time.monotonic() - started
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    (out / "html").mkdir(parents=True, exist_ok=True)
    coalesce_streams(nb, {})  # Java prints in pieces: merge them, as Jupyter shows them
    nbformat.write(nb, out / "notebooks" / path.name)
    html, _ = HTMLExporter().from_notebook_node(nb)
    (out / "html" / (label + ".html")).write_text(html, encoding="utf-8")
    print(f"[{label}] {'ok' if ok else 'FAILED'} in {seconds:.0f} s -> {out / 'html' / (label + '.html')}", flush=True)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--profile", help="sets SENSLAB_PROFILE for the notebooks (default: as it is set)")
    parser.add_argument("--out", type=Path, default=ROOT / "out")
    parser.add_argument("--kernel", default="senslab")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9]*.ipynb"))
    out = args.out.resolve()
    # the kernel inherits these: the profile for the notebooks, and where outputs and figures go
    if args.profile:
        os.environ["SENSLAB_PROFILE"] = args.profile
    profile = os.environ.get("SENSLAB_PROFILE") or "the library's default"
    os.environ["SENSLAB_HOME"] = str(ROOT)
    os.environ["SENSLAB_OUT"] = str(out)
    print(f"running {len(notebooks)} notebook(s), profile {profile}, output in {out}", flush=True)
    results = {nb.stem: run(nb.resolve(), out, args.kernel) for nb in notebooks}
    failed = [name for name, ok in results.items() if not ok]
    print(f"\nnotebooks: {len(results) - len(failed)} passed, {len(failed)} failed" +
          (f" ({', '.join(failed)})" if failed else ""), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
