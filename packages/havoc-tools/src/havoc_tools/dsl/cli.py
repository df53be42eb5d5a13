"""Command-line front end shared by ``python -m havoc_tools`` and ``havoc run/check/fmt``.

Exit codes: 0 success, 1 the program has an error (syntax, check or runtime), 2 usage problems
(missing file, unreadable file).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO


def _read(path: str, err: TextIO) -> str | None:
    p = Path(path)
    if not p.is_file():
        print(f"error: no such file: {path}", file=err)
        return None
    try:
        return p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print(f"error: cannot read {path}: {e}", file=err)
        return None


def run_file(
    path: str,
    *,
    as_json: bool = False,
    plots: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run a program file; print readable summaries (or one JSON document)."""
    from havoc_tools.dsl import run

    out, err = out or sys.stdout, err or sys.stderr
    text = _read(path, err)
    if text is None:
        return 2
    result = run(text, base_dir=Path(path).resolve().parent, plots_dir=plots)
    if as_json:
        print(json.dumps(result.to_dict(), indent=2, allow_nan=False), file=out)
    else:
        for r in result.results:
            print(r.summary(), file=out)
            print(file=out)
        if result.error is not None:
            print(result.error["text"], file=err)
            for other in result.error.get("others", []):
                print(other["text"], file=err)
    return 0 if result.ok else 1


def check_file(path: str, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    from havoc_tools.dsl import DslError, check

    out, err = out or sys.stdout, err or sys.stderr
    text = _read(path, err)
    if text is None:
        return 2
    try:
        prog = check(text, base_dir=Path(path).resolve().parent)
    except DslError as e:
        for problem in (e, *e.others):
            print(problem, file=err)
        n = 1 + len(e.others)
        print(f"{path}: {n} problem{'s' if n > 1 else ''}", file=err)
        return 1
    print(f"{path}: ok ({len(prog.code)} statements)", file=out)
    return 0


def fmt_file(
    path: str, *, write: bool = False, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Print the canonical form (or rewrite the file in place with ``write``)."""
    from havoc_tools.dsl import DslError, format_program, parse

    out, err = out or sys.stdout, err or sys.stderr
    text = _read(path, err)
    if text is None:
        return 2
    try:
        formatted = format_program(parse(text))
    except DslError as e:
        print(e, file=err)
        return 1
    if write:
        if formatted != text:
            Path(path).write_text(formatted, encoding="utf-8")
        print(f"{path}: {'reformatted' if formatted != text else 'already canonical'}", file=out)
    else:
        out.write(formatted)
    return 0


USAGE = """usage: python -m havoc_tools run FILE [--json] [--plots DIR]
       python -m havoc_tools check FILE
       python -m havoc_tools fmt FILE [--write]"""


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m havoc_tools", description="The HAVOC DSL.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_run = sub.add_parser("run", help="run a .havoc program")
    p_run.add_argument("file")
    p_run.add_argument("--json", action="store_true", help="print one JSON document")
    p_run.add_argument("--plots", metavar="DIR", help="folder for plot statements' files")
    p_check = sub.add_parser("check", help="check a program without running it")
    p_check.add_argument("file")
    p_fmt = sub.add_parser("fmt", help="print the canonical form of a program")
    p_fmt.add_argument("file")
    p_fmt.add_argument("--write", action="store_true", help="rewrite the file in place")
    args = parser.parse_args(argv)
    if args.command == "run":
        return run_file(args.file, as_json=args.json, plots=args.plots)
    if args.command == "check":
        return check_file(args.file)
    return fmt_file(args.file, write=args.write)
