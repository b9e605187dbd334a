"""Lexical matching: words in common between a question and an entity, to pair with embeddings.

Embeddings find paraphrases; these functions make sure an entity that says the very words asked
about ("mental health") is not ranked below a vague neighbour. Pure functions, no I/O.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from typing import Iterable

STOPWORDS = frozenset("""a an and are as at be by for from has have in into is it its of on or our that the their
this to we will with which who whom all any can more most other such than these those through within across
""".split())


def stem(word: str) -> str:
    """A light stem: enough for "services"/"service", "preventing"/"prevention" to meet.

    >>> [stem(w) for w in ("services", "prevention", "preventing", "children", "care")]
    ['servic', 'prevent', 'prevent', 'child', 'care']
    """
    for suffix in ("ations", "ation", "ition", "ings", "ing", "ies", "ion", "ers", "ren", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """Content words of a text, lower-cased and stemmed."""
    words = re.findall(r"[a-z0-9]+", text.lower().replace("&", " and "))
    return [stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def coverage(query: str, text: str) -> float:
    """Share of the query's content words that the text contains, with a bonus for the exact phrase."""
    wanted = set(terms(query))
    if not wanted:
        return 0.0
    have = set(terms(text))
    share = len(wanted & have) / len(wanted)
    phrase = " ".join(terms(query))
    return min(1.0, share + (0.2 if phrase and phrase in " ".join(terms(text)) else 0.0))


class BM25:
    """Okapi BM25 over a fixed collection of texts."""

    def __init__(self, texts: Iterable[str], k1: float = 1.2, b: float = 0.75):
        self.docs = [Counter(terms(t)) for t in texts]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 0.0
        frequency: Counter = Counter()
        for doc in self.docs:
            frequency.update(doc.keys())
        n = len(self.docs)
        self.idf = {term: math.log(1 + (n - df + 0.5) / (df + 0.5)) for term, df in frequency.items()}
        self.k1, self.b = k1, b

    def scores(self, query: str) -> list[float]:
        wanted = terms(query)
        out = []
        for doc, length in zip(self.docs, self.lengths):
            score = 0.0
            for term in wanted:
                tf = doc.get(term, 0)
                if tf:
                    norm = tf + self.k1 * (1 - self.b + self.b * length / (self.average or 1))
                    score += self.idf.get(term, 0.0) * tf * (self.k1 + 1) / norm
            out.append(score)
        return out
