"""``python -m havoc_tools run|check|fmt FILE``: the DSL without the ``havoc`` CLI."""

from __future__ import annotations

import sys

from havoc_tools.dsl.cli import main

if __name__ == "__main__":
    sys.exit(main())
