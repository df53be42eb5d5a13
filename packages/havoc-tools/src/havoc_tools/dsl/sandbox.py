"""File access for the DSL: only the paths a program names, only inside the caller's folders."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from havoc_tools.dsl.errors import DslError

PLOT_SUFFIXES = (".png", ".svg")


def check_relative(path: str, what: str) -> None:
    """Refuse absolute paths, drive letters, ``~`` and ``..`` before touching the disk."""
    if not path.strip():
        raise DslError(f"{what} path is empty", fix='give a file name such as "data.csv"')
    if "\x00" in path:
        raise DslError(f"{what} path contains a NUL byte")
    pure = PurePosixPath(path.replace("\\", "/"))
    if pure.is_absolute() or PureWindowsPath(path).drive or path.startswith("~"):
        raise DslError(
            f"{what} path {path!r} is absolute",
            fix="use a path relative to the program's folder",
        )
    if ".." in pure.parts:
        raise DslError(
            f"{what} path {path!r} leaves the program's folder ('..')",
            fix="move the file next to the program or into a sub-folder",
        )


def resolve_inside(base: str | Path, path: str, what: str, *, allow_outside: bool = False) -> Path:
    """``base/path`` resolved (symlinks too), refused unless it stays inside ``base``."""
    if not allow_outside:
        check_relative(path, what)
    root = Path(base).resolve()
    target = (root / Path(path).expanduser()).resolve()
    if not allow_outside and target != root and root not in target.parents:
        raise DslError(
            f"{what} path {path!r} resolves outside {root} (a symbolic link?)",
            fix="keep files inside the program's folder",
        )
    return target


def check_plot_path(path: str) -> None:
    check_relative(path, "plot")
    if not path.lower().endswith(PLOT_SUFFIXES):
        raise DslError(
            f"plot file {path!r} must end in {', '.join(PLOT_SUFFIXES)}",
            fix='name the file like "chart.png"',
        )
