#!/usr/bin/env python3
"""Writes N variants of seed report texts for the benchmark corpus.

usage: vary_text.py OUT_DIR COUNT SEED_TXT [SEED_TXT...]

Each variant is one seed text with its people's names swapped for names from a
pool (consistently within the document, keeping the case pattern: "HISAJIMA"
and "Hisajima" map to the same replacement), years shifted by one per-document
offset, and other numbers perturbed within a plausible range, so that no two
files are identical bytes and no cache can short-cut the work. The structure
(headers, lists, dispatch records) is kept, so every variant exercises the same
stages as the seed. Deterministic: variant i is the same on every machine.
"""

import os
import random
import re
import sys

FIRST = [
    "Amara", "Bruno", "Chen", "Dalia", "Emeka", "Farida", "Goran", "Hana", "Ines", "Jonas",
    "Keiko", "Lars", "Maya", "Nikolai", "Olu", "Priya", "Quentin", "Rosa", "Sven", "Tariq",
    "Uma", "Viktor", "Wen", "Ximena", "Yusuf", "Zofia",
]
LAST = [
    "Abara", "Bergström", "Castillo", "Dubois", "Eze", "Fujimoto", "Gonzaga", "Haddad", "Ivanova",
    "Jensen", "Kowalski", "Lindqvist", "Mensah", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi",
    "Santos", "Takahashi", "Umarov", "Vasquez", "Wójcik", "Xu", "Yamada", "Zhang", "O'Neill",
]
HONORIFIC = re.compile(
    r"\b(?:Mr|Ms|Mrs|Dr|Prof|Professor|Ambassador|Amb|H\.E)\.?\s+"
    r"([A-Z][A-Za-z'\-]+)(?:\s+([A-Z][A-Za-z'\-]+))?"
)
COMPILED_BY = re.compile(r"(?:compiled|written|prepared) by:?\s+([A-Z][A-Za-z'\-]+)\s+([A-Z][A-Za-z'\-]+)")
NUMBER = re.compile(r"(?<![\w.])(\d+)(?![\w])")


def name_tokens(text):
    """(given names, family names) found after honorifics and "compiled by"."""
    given, family = set(), set()
    for m in list(HONORIFIC.finditer(text)) + list(COMPILED_BY.finditer(text)):
        first, second = (re.sub(r"'s$", "", g).lower() if g else None for g in m.groups())
        if second:
            given.add(first)
            family.add(second)
        else:
            family.add(first)
    given -= family
    return sorted(given), sorted(family)


def with_case(like, word):
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word.lower()


def vary(text, rng):
    given, family = name_tokens(text)
    first, last = FIRST[:], LAST[:]
    rng.shuffle(first)
    rng.shuffle(last)
    mapping = {t: first[i % len(first)] for i, t in enumerate(given)}
    mapping.update({t: last[i % len(last)] for i, t in enumerate(family)})
    if mapping:
        words = re.compile(r"\b(" + "|".join(re.escape(t) for t in mapping) + r")\b", re.IGNORECASE)
        text = words.sub(lambda m: with_case(m.group(0), mapping[m.group(0).lower()]), text)

    year_shift = rng.randint(-12, 4)

    def number(m):
        digits = m.group(1)
        v = int(digits)
        if len(digits) == 4 and 1950 <= v <= 2049:
            return str(v + year_shift)
        if v <= 12 or digits.startswith("0"):
            return digits  # months, list markers, zero-padded fields: keep the shape
        if v <= 31:
            return str(rng.randint(13, 28))
        lo, hi = 10 ** (len(digits) - 1), 10 ** len(digits) - 1
        return str(rng.randint(lo, hi))

    return NUMBER.sub(number, text)


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    out, count, seeds = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    texts = []
    for path in seeds:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    os.makedirs(out, exist_ok=True)
    width = len(str(count))
    for i in range(count):
        rng = random.Random(i)
        body = vary(texts[i % len(texts)], rng)
        with open(os.path.join(out, f"report-{i:0{width}d}.txt"), "w", encoding="utf-8") as f:
            f.write(body)


if __name__ == "__main__":
    main()
