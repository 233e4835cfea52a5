#!/usr/bin/env python3
"""Build the site from content/: `python build.py` (or `build`, `check`, `serve`; see --help)."""

import sys

from footnoted.cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python build.py"))
