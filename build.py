#!/usr/bin/env python3
"""Thin entry point: `python build.py [command] [options]` is the neurips-report CLI."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from neurips_report.commands.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
