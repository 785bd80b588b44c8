"""Month and weekday names of each language (with abbreviations), from dateparser's locale data.

Why kept: importing dateparser and reading seven locales costs ~0.1 s in every process (and
worker) that builds the header stage, while most documents have no date with a month name at
all. The table is kept in the cache (cleaner.cache) under a digest of dateparser's version and
of the locale files it came from, and read back in a millisecond; dateparser is then imported
only for a date it must read.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from .. import cache
from ..resources import installed

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Names:
    months: tuple[str, ...]        # lower case, longest first
    weekdays: tuple[str, ...]
    month_languages: dict          # month name (lower) → languages that use it
    month_numbers: dict            # month name (lower) → its month, where every language agrees
    weekday_languages: dict        # weekday name (lower) → languages that use it


@functools.cache
def known_languages() -> frozenset:
    """The languages dateparser has month and weekday names for (its locale files), found without
    importing it; empty if it cannot be found."""
    package = installed("dateparser")
    if package is None:
        return frozenset()
    folder = package / "data" / "date_translation_data"
    return frozenset(f.stem for f in folder.glob("*.py") if not f.stem.startswith("_"))


def names(languages: tuple[str, ...]) -> Names:
    """The names of `languages`: from the cache, else from dateparser (and kept)."""
    name = _kept_name(tuple(languages))
    kept = cache.read(name) if name else None
    if kept is not None:
        try:
            data = json.loads(kept)
            return Names(tuple(data["months"]), tuple(data["weekdays"]), data["month_languages"],
                         data["month_numbers"], data["weekday_languages"])
        except (ValueError, KeyError, TypeError):
            pass
    found = _from_dateparser(languages)
    if name:
        cache.keep(name, json.dumps({"months": found.months, "weekdays": found.weekdays,
                                     "month_languages": found.month_languages,
                                     "month_numbers": found.month_numbers,
                                     "weekday_languages": found.weekday_languages}, ensure_ascii=False).encode())
    return found


def _from_dateparser(languages) -> Names:
    from dateparser.languages.loader import default_loader
    months, weekdays, where, numbers, days = set(), set(), {}, {}, {}
    for lang in languages:
        info = default_loader.get_locale(lang).info
        for number, key in enumerate(MONTHS, 1):
            for name in info.get(key, []):
                name = name.lower()
                months.add(name)
                where.setdefault(name, []).append(lang)
                numbers.setdefault(name, set()).add(number)
        for key in WEEKDAYS:
            for name in info.get(key, []):
                if len(name) > 2:
                    weekdays.add(name.lower())
                    days.setdefault(name.lower(), []).append(lang)
    longest_first = functools.partial(sorted, key=lambda s: (-len(s), s))
    agreed = {name: found.pop() for name, found in numbers.items() if len(found) == 1}
    return Names(tuple(longest_first(months)), tuple(longest_first(weekdays)), where, agreed, days)


def _kept_name(languages: tuple[str, ...]) -> str | None:
    """The cache name of the table: a digest of dateparser's own module (its version) and of the
    locale files of `languages`, found without importing dateparser; None if they cannot be read."""
    package = installed("dateparser")
    if package is None:
        return None
    try:
        parts = [(package / "__init__.py").read_bytes()]
        parts += [(package / "data" / "date_translation_data" / f"{lang}.py").read_bytes() for lang in languages]
    except OSError:
        return None
    return f"header-names-{cache.digest(b'names 2', ','.join(languages).encode(), *parts)}.json"
