"""``python -m sayso``: the command line."""

import sys

from sayso.cli import main

sys.exit(main())
