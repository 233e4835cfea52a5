"""`python -m footnoted`: the same command line as `footnoted` and `python build.py`."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python -m footnoted"))
