"""header: the date header at the top of a document, rewritten as `Date: YYYY-MM-DD`.

Why: raw dumps flatten a record's fields into its first line — " date
2022-10-12 NATO will evaluate …" is a date field followed by the title.
Ingest jobs need the date as ISO 8601 and the title apart from the body:

    Date: 2022-10-12
    NATO will evaluate …          (the title, when the header carried one)

    Body …

How: one grammar (regex) finds where the date starts and ends — labelled
(`date`, `Fecha:`, `Published:` …) or a bare date that opens the document —
with month and weekday names taken from dateparser's locale data: those of the
`languages` option, and those of the document's language (`metadata["language"]`,
which the language stage sets) when dateparser knows it: "12 мая 2022" in a
Russian document, "3 listopada 2021" as November in Polish and October in
Croatian. A year, month and day written with the CJK counters ("2022年10月12日",
"2022년 10월 12일") is read as it stands. ISO and
numeric dates are read from the match itself (the fast path), and so is a
day, month name and year ("12 May 2022", "Thursday, January 14, 2021",
"14 de febrero de 2017", "Apr. 13, 2017 10:53 AM", "12-Oct-2022"), through the table of
month and weekday names, where it reads what dateparser reads; other dates
with month names (an ordinal, a time zone, "at 10:53") are read by dateparser,
restricted to the languages whose month name matched and never filling in
missing parts from today's date.

Day/month order of a numeric date (03/04/2022): the configured `date_order`,
else the document's language (`metadata["language"]`; not plain English, written
both ways, but "en-US" or "en-GB"), else the header's own
cue (a Spanish label, a "." separator), else `default_order` — and then the
date is also flagged, since nothing said which order it is.

Never: a date inside the body, "To date, 20 people …", a first line that is a
sentence which happens to start with a date ("12 October 2022 was …").
"""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import regex

from ..dates.names import Names
from ..dates.names import known_languages
from ..dates.names import names as month_and_weekday_names
from ..edits import Edit
from ..language.codes import primary
from .base import Stage

CANONICAL_LABEL = "Date: "

# Languages written with either order, which therefore say nothing of it: English is month-first
# in the US and day-first elsewhere (a regional tag such as "en-US" or "en-GB" does decide).
BOTH_ORDERS = frozenset({"en"})

# label (lower case) → language it is a cue for ("" for no cue: English says nothing of D/M order)
DEFAULT_LABELS = {
    "date": "", "dated": "", "published": "", "updated": "", "posted": "", "publication date": "",
    "fecha": "es", "publicado": "es", "fecha de publicación": "es",
    "datum": "de", "veröffentlicht": "de", "date de publication": "fr", "publié le": "fr",
    "data": "pt", "publicado em": "pt", "data di pubblicazione": "it", "pubblicato": "it",
    "gepubliceerd": "nl",
}


# A date the table of names reads as dateparser does (tests/stages/test_header.py checks it against
# dateparser, name by name): a day, a month name and a year either way round, maybe behind a weekday
# of one of the month's languages, with Spanish and Portuguese "de", and a time of day with no zone.
_TABLE_DATE = regex.compile(
    r"(?:(?P<weekday>[^\W\d_]+)\.?,?\s+)?"
    r"(?:\d{1,2}\.?\s+(?P<de>de\s+)?[^\W\d_]+\.?,?\s+(?P<of>de\s+|del\s+)?\d{4}|[^\W\d_]+\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}-[^\W\d_]+\.?-\d{4})"
    r"(?:,?\s+\d{1,2}:\d\d(?::\d\d)?(?:\s*[ap]\.?m\.?)?)?", regex.IGNORECASE)
_DE_LANGUAGES = frozenset({"es", "pt"})      # where dateparser reads "14 de febrero de 2017"
_DEL_LANGUAGES = frozenset({"es"})           # … and "1 de enero del 2023"


@dataclass(frozen=True)
class HeaderOptions:
    languages: tuple[str, ...] = ("en", "es", "fr", "de", "pt", "it", "nl")
    labels: dict = field(default_factory=lambda: dict(DEFAULT_LABELS))
    date_order: str | None = None      # "DMY", "MDY" or "YMD" for every document; None: decide per document
    default_order: str = "DMY"         # when nothing decides (and the date is then flagged)
    max_title_chars: int = 300         # a longer first line is body text, not a title

    def __post_init__(self):
        for order in (self.date_order, self.default_order):
            if order not in (None, "DMY", "MDY", "YMD"):
                raise ValueError(f"date order must be DMY, MDY or YMD, not {order!r}")
        object.__setattr__(self, "languages", tuple(self.languages))


class HeaderStage(Stage):
    """Finds the date header at the top of a document and writes it as `Date: YYYY-MM-DD`."""

    name = "header"
    reads = ("language",)     # the date order and month names of the document's language
    Options = HeaderOptions

    def __init__(self, options=None, **kwargs):
        super().__init__(options, **kwargs)
        self._names = month_and_weekday_names(self.options.languages)
        self._header = _header_pattern(self.options.labels)

    def find(self, doc) -> list[Edit]:
        text = doc.text
        m = self._header.match(text)
        if not m:
            return []
        layout = _layout(text, m, self.options.max_title_chars)   # cheap: a sentence is no header
        if layout is None:
            return []
        parsed = self._parse(m, doc.metadata.get("language"))
        if parsed is None:
            return []
        date, time_, order_note = parsed
        title, edits = layout.title, []
        header = text[m.start():m.end("date")].strip()
        iso = date.isoformat()
        reason = f"date header {header!r} written as ISO 8601"
        confidence = 0.6 if order_note else 1.0
        line = f"{CANONICAL_LABEL}{iso}"
        edits.append(self.fix(text, 0, layout.head_end, line + layout.after_date, "date", reason, confidence))
        if layout.body_sep is not None and text[layout.body_sep[0]:layout.body_sep[1]] != "\n\n":
            edits.append(self.fix(text, *layout.body_sep, "\n\n", "separator",
                                  "one blank line between the header and the body"))
        if order_note:
            s, e = m.span("numeric")
            edits.append(self.flag(text, s, e, "ambiguous-date", order_note, 0.5, iso))
        doc.metadata["date"] = iso
        if title:
            doc.metadata["title"] = title
        if time_ is not None:
            doc.metadata["datetime"] = dt.datetime.combine(date, time_).isoformat()
        return sorted((e for e in edits if e.before != e.after or e.kind == "flag"), key=lambda e: e.start)

    def _parse(self, m, language) -> tuple[dt.date, dt.time | None, str] | None:
        """The date and time a header match holds, and a note when its D/M order was a guess."""
        try:
            if m.group("iso"):
                return _iso(m), _time(m), ""
            if m.group("numeric"):
                return self._numeric(m, language)
            if m.group("cjk"):
                return dt.date(int(m.group("cy")), int(m.group("cm")), int(m.group("cd"))), None, ""
            return self._named(m, language)
        except ValueError:
            return None

    def _numeric(self, m, language):
        a, b = int(m.group("a")), int(m.group("b"))
        if m.group("ymd"):
            return dt.date(int(m.group("ymd")), a, b), _time(m), ""
        year = _year(m.group("y"))
        if a > 12 or b > 12 or a == b:      # the order shows itself (or does not matter)
            day, month = (a, b) if a > 12 or a == b else (b, a)
            return dt.date(year, month, day), _time(m), ""
        order, cue = self._order(m, language)
        day, month = (a, b) if order == "DMY" else (b, a)
        note = "" if cue else (f"{m.group('numeric')} could be day {a} month {b} or day {b} month {a}; "
                               f"read as {order} (the default order), nothing in the document says which")
        return dt.date(year, month, day), _time(m), note

    def _order(self, m, language) -> tuple[str, bool]:
        """The D/M order for an ambiguous numeric date, and whether anything said so."""
        o = self.options
        if o.date_order:
            return o.date_order, True
        for lang in (language, o.labels.get((m.group("label") or "").lower())):
            if lang and lang not in BOTH_ORDERS:
                return _locale_order(lang), True
        if m.group("sep") == ".":
            return "DMY", True          # 03.04.2022 is day-first wherever dots are used
        return o.default_order, False

    def _named(self, m, language):
        """A date with a month name: through the table of month and weekday names where it reads
        what dateparser reads (`_table_reads`; tests/stages/test_header.py checks them name by name),
        without dateparser's cost (5 ms a date, 0.4 s for the first); else by dateparser in the
        languages of that name, which fails on others ("1 de january 2023"). An ordinal, a zone or
        "at 10:53" is dateparser's. The document's own language reads its names first: "listopada"
        is November in Polish and October in Croatian. None: no month name of those languages."""
        month = m.group("month").lower().rstrip(".")
        names = self._names
        own = self._own_names(language)
        if own is not None and month in own.month_languages:
            names = own
        elif month not in names.month_languages:
            return None                     # "12 Ways 2022 …": no month of these languages
        weekday = (m.group("weekday") or "").lower().rstrip(".")
        if weekday and weekday not in names.weekday_languages:
            return None                     # "Breaking 12 May 2022": no weekday either
        if month in names.month_numbers and self._table_reads(m.group("date").strip(), month, names):
            return (dt.date(int(m.group("year")), names.month_numbers[month], int(m.group("day"))),
                    _time(m), "")
        read = _read_named(m.group("date").strip(), tuple(names.month_languages[month]), m.group("hh") is not None)
        return read and (*read, "")

    def _own_names(self, language) -> Names | None:
        """The month and weekday names of the document's language, where it is not among the
        `languages` option and dateparser knows it."""
        code = primary(language) if isinstance(language, str) else None
        if not code or code in self.options.languages or code not in known_languages():
            return None
        return _names_of(code)

    def _table_reads(self, date: str, month: str, names: Names) -> bool:
        """Does the table of names read `date` (its month `month`) as dateparser would (`_TABLE_DATE`)?"""
        t = _TABLE_DATE.fullmatch(date)
        if t is None:
            return False
        languages = set(names.month_languages.get(month, ()))
        weekday = (t.group("weekday") or "").lower().rstrip(".")
        if weekday and not languages & set(names.weekday_languages.get(weekday, ())):
            return False                # "Thursday, 14 de enero de 2021": dateparser reads no such mix
        of = (t.group("of") or "").strip().lower()
        if of == "del":
            return bool(languages & _DEL_LANGUAGES)
        return not (t.group("de") or of) or bool(languages & _DE_LANGUAGES)


@dataclass
class _Layout:
    head_end: int                 # where the rewritten header line ends in the input
    after_date: str               # what follows "Date: …" within that span ("\n" when the title follows on this line)
    title: str | None
    body_sep: tuple[int, int] | None  # span between title (or header) and body, made "\n\n"


def _layout(text: str, m, max_title: int) -> _Layout | None:
    """Where the header, title and body are; None when the first line is a sentence, not a header."""
    date_end = m.end("date")
    line_end = _line_end(text, date_end)
    rest = text[date_end:line_end]
    title_text = rest.lstrip(" \t|-–—:,")
    if title_text:
        if title_text[0].islower():
            return None                   # "12 October 2022 was a turning point": a sentence
        if not m.group("label") and ("," in rest[:len(rest) - len(title_text)] or rest.rstrip().endswith(".")):
            return None                   # "March 12, 2022, NATO said …": a dateline sentence
        title_start = line_end - len(title_text)
        if len(title_text) > max_title:   # a whole paragraph after the date: body, not title
            return _Layout(title_start, "\n\n", None, None)
        return _Layout(title_start, "\n", title_text.rstrip(), _separator(text, line_end))
    if not m.group("label") and line_end == len(text):
        return None                       # a bare date alone is no header of anything
    canonical = text.startswith(CANONICAL_LABEL) and m.group("iso") and date_end == line_end
    nxt = line_end + 1
    next_end = _line_end(text, nxt)
    candidate = text[nxt:next_end]
    followed_by_break = text.startswith("\n\n", next_end) or next_end >= len(text) - 1   # a break, or the end
    if candidate.strip() and followed_by_break and (canonical or _looks_like_title(candidate, max_title)):
        return _Layout(line_end, "", candidate, _separator(text, next_end))
    return _Layout(line_end, "", None, _separator(text, line_end))


def _looks_like_title(line: str, max_title: int) -> bool:
    return len(line) <= max_title and not line[0].islower() and not line.rstrip().endswith((".", ",", ";", ":"))


def _separator(text: str, pos: int) -> tuple[int, int] | None:
    """The line breaks after `pos` up to the body; None at the end of the text."""
    end = pos
    while end < len(text) and text[end] == "\n":
        end += 1
    return None if end == len(text) else (pos, end)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _iso(m) -> dt.date:
    return dt.date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))


def _year(y: str) -> int:
    return int(y) if len(y) == 4 else 2000 + int(y) if int(y) < 70 else 1900 + int(y)


def _time(m) -> dt.time | None:
    if m.group("hh") is None:
        return None
    hour, minute, second = int(m.group("hh")), int(m.group("mm")), int(m.group("ss") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return dt.time(hour, minute, second, tzinfo=_zone(m.group("tz")))


def _zone(tz: str | None) -> dt.tzinfo | None:
    if not tz:
        return None
    if tz in ("Z", "UTC", "GMT"):
        return dt.timezone.utc
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


# A word where a month or weekday name may stand: bounded (the longest of dateparser's 205 locales'
# names has 19 letters; Portuguese weekdays have one hyphen), so that a first line of one endless
# hyphenated word is refused at once instead of backtracking through it ("a-a-a-…": 3 s for 200 kB)
_NAME = r"[^\W\d_]{1,24}(?:-[^\W\d_]{1,24})?"


def _header_pattern(labels: dict):
    """The grammar of a header: [label] [weekday,] date [time] at the very start of the text."""
    def alternatives(words):
        return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in words)

    label = rf"(?P<label>{alternatives(sorted(labels, key=len, reverse=True))})"
    time_ = (r"(?:,?\s+(?:at\s+|a\s+las\s+|à\s+|um\s+|às\s+|alle\s+|om\s+)?"
             r"(?P<hh>[01]?\d|2[0-3])[:h.](?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?"
             r"(?:\s*(?P<ampm>[ap]\.?m\.?))?(?:\s*(?P<tz>Z|UTC|GMT|[+-]\d\d:?\d\d))?(?:\s*h\b)?)?")
    iso = (r"(?P<iso>(?P<iy>\d{4})-(?P<im>\d\d)-(?P<id>\d\d)"
           r"(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d)(?:\.\d+)?)?"
           r"(?P<tz>Z|[+-]\d\d:?\d\d)?)?)")
    numeric = (r"(?P<numeric>(?P<ymd>\d{4})(?P<sep>[/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})"
               r"|(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d\d))" + time_)
    # any word may stand where a month or a weekday name does: the stage then asks the table of names
    # of its languages and of the document's (one grammar for every language dateparser knows)
    month = rf"(?P<month>{_NAME})\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|°|\.)?"
    named = (rf"(?:(?P<weekday>{_NAME})\.?,?\s+)?"
             rf"(?:{day}\s+(?:de\s+)?{month},?\s+(?:de\s+|del\s+)?(?P<year>\d{{4}})"
             rf"|{month}\s+{day},?\s+(?P<year>\d{{4}})"
             rf"|(?P<day>[0-3]?\d)-{month}-(?P<year>\d{{4}}))" + time_)     # "12-Oct-2022", as exports write it
    cjk = r"(?P<cjk>(?P<cy>\d{4})\s*[年년]\s*(?P<cm>\d{1,2})\s*[月월]\s*(?P<cd>\d{1,2})\s*[日일])"
    date = rf"(?P<date>{iso}|{numeric}|{cjk}|{named})"
    return regex.compile(rf"\s*(?:{label}\s*[:\-–]?\s*)?{date}(?:(?<=[日일])|(?=[\s|,;:–—-]|$))",
                         regex.IGNORECASE | regex.VERSION0)


@functools.lru_cache(maxsize=64)
def _names_of(language: str) -> Names:
    """One language's table of names, read once per process (documents in it come again and again)."""
    return month_and_weekday_names((language,))


@functools.lru_cache(maxsize=4096)
def _read_named(date: str, languages: tuple[str, ...], has_time: bool) -> tuple[dt.date, dt.time | None] | None:
    """A month-name date read by dateparser (about 1 ms). Kept per process: the documents of a
    dump share their dates (a day's news), and dates and times are immutable."""
    moment = _parser(languages).get_date_data(date).date_obj
    if moment is None:
        return None
    return moment.date(), (moment.time().replace(tzinfo=moment.tzinfo) if has_time else None)


@functools.lru_cache(maxsize=32)
def _parser(languages: tuple[str, ...]):
    """One dateparser parser per language set, reused: building one costs far more than parsing."""
    from dateparser.date import DateDataParser
    return DateDataParser(languages=list(languages), settings={
        "REQUIRE_PARTS": ["day", "month", "year"],   # never complete a date from today's
        "PARSERS": ["absolute-time"],
        "RETURN_TIME_AS_PERIOD": True,
    })


@functools.lru_cache(maxsize=64)
def _locale_order(language: str) -> str:
    """D/M/Y order of a language's dates, from dateparser's locale data (DMY when unknown)."""
    from dateparser.languages.loader import default_loader
    try:
        order = default_loader.get_locale(language).info.get("date_order", "DMY")
    except (ValueError, KeyError):
        return "DMY"
    return {"DMY": "DMY", "MDY": "MDY", "YMD": "YMD"}.get(order, "DMY")
