"""The example article and gazetteer that ship with sayso (used by ``sayso demo``).

The article was written for the project; its people are invented.

Examples
--------
>>> from sayso.examples import example_article, example_gazetteer
>>> gaz = example_gazetteer()
>>> [m.name for m in gaz.find("Virtanen flew from Helsinki to Tallinn.")]
['Aino Virtanen', 'Helsinki', 'Tallinn']
"""

from __future__ import annotations

from importlib.resources import files

from sayso._core import Gazetteer

_DATA = files("sayso") / "data"


def example_article() -> str:
    """Return the example news article (written for the project; its people are invented).

    Returns
    -------
    str
        The article that ``sayso demo`` processes.

    Examples
    --------
    >>> from sayso.examples import example_article
    >>> "Virtanen" in example_article()
    True
    """
    return (_DATA / "example_article.txt").read_text(encoding="utf-8")


def default_gazetteer_path() -> str:
    """Return the path of the built-in gazetteer's CSV file.

    Returns
    -------
    str
        The file ``Gazetteer.default`` reads; ``Gazetteer.from_csv`` reads it too.

    Examples
    --------
    >>> from sayso.examples import default_gazetteer_path
    >>> default_gazetteer_path().endswith("default_gazetteer.csv")
    True
    """
    return str(_DATA / "default_gazetteer.csv")


def example_gazetteer() -> Gazetteer:
    """Return the small example gazetteer: places, organisations and people of the article.

    Returns
    -------
    Gazetteer

    Examples
    --------
    >>> from sayso.examples import example_gazetteer
    >>> "PERSON" in example_gazetteer().labels
    True
    """
    return Gazetteer.from_csv(str(_DATA / "example_gazetteer.csv"))
