"""List numbers as a document shows them: the numerals Word and HTML lists count in.

Shared by the loaders that number lists themselves (docx, html). Pure functions, no imports of
the project.
"""
from __future__ import annotations

_ROMAN = (("m", 1000), ("cm", 900), ("d", 500), ("cd", 400), ("c", 100), ("xc", 90), ("l", 50),
          ("xl", 40), ("x", 10), ("ix", 9), ("v", 5), ("iv", 4), ("i", 1))


def roman(value: int) -> str:
    """``value`` (1 to 3999) in lower-case Roman numerals.

    >>> roman(4), roman(1994)
    ('iv', 'mcmxciv')
    """
    numerals, rest = "", value
    for numeral, amount in _ROMAN:
        while rest >= amount:
            numerals, rest = numerals + numeral, rest - amount
    return numerals
