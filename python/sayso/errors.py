"""The exceptions sayso raises.

Every error that sayso raises on purpose is a :class:`SaysoError`. Errors about
bad input are also :class:`ValueError`, so ``except ValueError`` catches them
too. Wrong types raise :class:`TypeError`; files that cannot be read raise
:class:`OSError` (such as :class:`FileNotFoundError`) naming the file.

The hierarchy::

    SaysoError
    ├── GazetteerError (also ValueError): a bad entry, gazetteer file or saved gazetteer
    ├── TextError (also ValueError): a text that cannot be processed
    └── InternalError (also RuntimeError): a bug in sayso (a panic in its core)
"""


class SaysoError(Exception):
    """The base class of sayso's own errors.

    Examples
    --------
    >>> import sayso
    >>> try:
    ...     sayso.Gazetteer([{"name": "", "label": "PERSON"}])
    ... except sayso.SaysoError as e:
    ...     print(type(e).__name__)
    GazetteerError
    """


class GazetteerError(SaysoError, ValueError):
    """An entry, a gazetteer file or a saved gazetteer is not valid.

    The message names the entry (``entry 3``) or the file and line
    (``names.csv, line 4``) and what is wrong with it.

    Examples
    --------
    >>> import sayso
    >>> sayso.Gazetteer([{"name": "Ames", "label": "PERSON", "colour": "red"}])
    Traceback (most recent call last):
      ...
    sayso.errors.GazetteerError: entry 0: unknown key "colour" (keys are name, label, ...)
    """


class InternalError(SaysoError, RuntimeError):
    """A bug in sayso: its core failed (a Rust panic) on this input.

    The call fails; the Python process and other calls go on. In a batch the
    other texts are still processed and the message names the first failing
    text (``in texts[7]``). Please report it with the input.

    Examples
    --------
    >>> import sayso
    >>> issubclass(sayso.InternalError, RuntimeError)
    True
    """


class TextError(SaysoError, ValueError):
    r"""A text cannot be processed: not valid Unicode (a lone surrogate), or 4 GiB or more.

    The message names the text (``texts[2]``) in a batch.

    Examples
    --------
    >>> import sayso
    >>> gaz = sayso.Gazetteer([{"name": "Ames", "label": "PERSON"}])
    >>> gaz.find_batch(["Ames", "\ud800"])
    Traceback (most recent call last):
      ...
    sayso.errors.TextError: texts[1] is not valid Unicode text: ...
    """
