"""``python -m sayso``: the command line."""

import sys

from sayso.cli import main

# Guarded so that tools which import every module (the docs' griffe) do not run it.
if __name__ == "__main__":
    sys.exit(main())
