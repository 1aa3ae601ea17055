"""The exceptions sayso raises.

Every error that sayso raises on purpose is a :class:`SaysoError`. Errors about
bad input are also :class:`ValueError`, so ``except ValueError`` catches them
too. Wrong types raise :class:`TypeError`; files that cannot be read raise
:class:`OSError` (such as :class:`FileNotFoundError`) naming the file.
"""


class SaysoError(Exception):
    """The base class of sayso's own errors."""


class GazetteerError(SaysoError, ValueError):
    """An entry, a gazetteer file or a saved gazetteer is not valid.

    The message names the entry (``entry 3``) or the file and line
    (``names.csv, line 4``) and what is wrong with it.
    """


class TextError(SaysoError, ValueError):
    """A text cannot be processed: not valid Unicode (a lone surrogate), or 4 GiB or more."""
