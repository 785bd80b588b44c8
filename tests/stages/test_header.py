"""header: what the data cases (cases/header.json) cannot say — order sources, the example record."""
import itertools
from pathlib import Path

import pytest

import cleaner
from cleaner import Pipeline
from cleaner.stages.header import HeaderStage

EXAMPLE = Path(__file__).parents[1] / "golden" / "nato-2022-10-12.input.txt"


def header(text, **options):
    return Pipeline([HeaderStage(**options)]).clean(text, metadata={})


def test_document_language_decides_the_order():
    text = "Date: 03/04/2022\nA title\n\nBody."
    us = Pipeline([HeaderStage()]).clean(text, metadata={"language": "en-US"})
    gb = Pipeline([HeaderStage()]).clean(text, metadata={"language": "en-GB"})
    es = Pipeline([HeaderStage()]).clean(text, metadata={"language": "es"})
    assert (us.metadata["date"], gb.metadata["date"], es.metadata["date"]) == (
        "2022-03-04", "2022-04-03", "2022-04-03")
    assert us.flags == [] and gb.flags == [] and es.flags == []


def test_plain_english_says_nothing_of_the_order():
    # what the language stage detects is "en": US and British English write dates both ways
    r = Pipeline([HeaderStage()]).clean("Date: 03/04/2022\nA title\n\nBody.", metadata={"language": "en"})
    assert r.metadata["date"] == "2022-04-03"
    assert [f.rule for f in r.flags] == ["header.ambiguous-date"]


def test_configured_order_wins_over_language():
    r = Pipeline([HeaderStage(date_order="MDY")]).clean("fecha 03/04/2022\nTítulo\n\nCuerpo",
                                                        metadata={"language": "es"})
    assert r.metadata["date"] == "2022-03-04" and r.flags == []


def test_ambiguous_date_is_flagged_with_both_readings():
    r = header("Date: 03/04/2022 A title\n\nBody.", default_order="MDY")
    assert r.metadata["date"] == "2022-03-04"
    (flag,) = r.flags
    assert flag.before == "03/04/2022" and flag.confidence < 1
    assert "day 3 month 4 or day 4 month 3" in flag.reason and "MDY" in flag.reason
    assert r.fixes[0].confidence < 1


@pytest.mark.parametrize("text", ["Date: 31/02/2022 Title\n\nBody", "Date: 2022-13-01\n\nBody",
                                  "date 32 October 2022 Title\n\nBody"])
def test_impossible_dates_are_no_header(text):
    r = header(text)
    assert r.text == text and "date" not in r.metadata


def test_month_name_dates_never_borrow_from_today():
    # dateparser fills a missing day or year from today unless told not to
    for text in ("date October 2022\nTitle\n\nBody", "date 12 October\nTitle\n\nBody"):
        assert "date" not in header(text).metadata


def test_reason_shows_the_original_header():
    r = header("fecha 14 de febrero de 2017\nTítulo\n\nCuerpo")
    assert "'fecha 14 de febrero de 2017'" in r.fixes[0].reason


def test_example_record():
    r = cleaner.clean(EXAMPLE.read_text(encoding="utf-8"))
    assert r.text.startswith("Date: 2022-10-12\nNATO will evaluate mechanisms to reinforce the defense of "
                             "its infrastructures after the attacks on Nord Stream 1 and 2\n\nDefense Ministers")
    assert r.metadata["date"] == "2022-10-12"
    assert r.metadata["title"].endswith("Nord Stream 1 and 2")


def test_crlf_header_and_title_through_the_default_pipeline():
    r = cleaner.clean("fecha 20 de septiembre de 2018 Ethiopia's crop production up 24%\r\n\r\nEthiopia produced.")
    assert r.text == "Date: 2018-09-20\nEthiopia's crop production up 24%\n\nEthiopia produced."
    assert r.revert() == "fecha 20 de septiembre de 2018 Ethiopia's crop production up 24%\r\n\r\nEthiopia produced."


def test_the_table_reads_weekdays_de_and_times_as_dateparser_does():
    """Where the table of names reads a date with a weekday, a Spanish or Portuguese "de", a day with
    a stop or a time of day, it gives what dateparser gives: every month name of the default
    languages, behind a weekday of each language (theirs and others'), with "de"/"del" and times."""
    from cleaner.stages.header import _read_named

    stage = HeaderStage()
    names = stage._names
    mondays = sorted({w for w, langs in names.weekday_languages.items()
                      if w in ("monday", "lunes", "lundi", "montag", "segunda-feira", "lunedì", "maandag")})
    layouts = ["{w}, {n} {d}, 2021", "{w} {d} {n} 2021", "{d} de {n} de 2022", "{d} {n} del 2022", "{d} de {n} 2022",
               "{d}. {n} 2023", "{n} {d}, 2017 10:53 AM", "{n}. {d}, 2017 12:05 PM", "{d} {n} 2017, 21:07:09",
               "{w}, {d}-{n}-2022", "{d}-{n}-2022 08:30"]
    read_by_table = 0
    for name, layout, day in itertools.product(names.month_numbers, layouts, ("05", "29", "31")):
        for w in (mondays if "{w}" in layout else [""]):
            text = layout.format(w=w, n=name, d=day) + " Title"
            m = stage._header.match(text)
            if m is None:
                continue
            month = m.group("month").lower().rstrip(".")
            if not stage._table_reads(m.group("date").strip(), month, names):
                continue
            read_by_table += 1
            try:
                table = stage._named(m, None)
            except ValueError:          # a day the month lacks
                table = None
            read = _read_named(m.group("date").strip(), tuple(names.month_languages[month]), m.group("hh") is not None)
            assert table == (read and (*read, "")), text
    assert read_by_table > 1500       # the grid exercises the table, not only its refusals


def test_the_month_table_reads_a_bare_date_as_dateparser_does():
    """Every month name of the default languages, a valid day and days a month lacks, both ways
    round: the table (no dateparser) and dateparser give the same date, or both none."""
    from cleaner.stages.header import _read_named

    stage = HeaderStage()
    names = stage._names
    for name, day, layout in itertools.product(names.month_numbers, ("05", "29", "31"), ("{d} {n} 2023", "{n} {d}, 2024", "{d}-{n}-2022")):
        m = stage._header.match(layout.format(d=day, n=name) + " Title")
        try:
            table = stage._named(m, None)
        except ValueError:
            table = None
        month = m.group("month").lower().rstrip(".")
        read = _read_named(m.group("date").strip(), tuple(names.month_languages[month]), False)
        assert table == (read and (*read, "")), (name, day, layout)


@pytest.mark.parametrize("text, language, date", [
    ("12 мая 2022 Заседание правительства\n\nТекст.", "ru", "2022-05-12"),
    ("3 listopada 2021 Posiedzenie rządu\n\nTekst.", "pl", "2021-11-03"),
    ("3 listopada 2021 Sjednica vlade\n\nTekst.", "hr", "2021-10-03"),      # October in Croatian
    ("Pazartesi, 5 Mayıs 2014 Bakanlar toplandı\n\nMetin.", "tr", "2014-05-05"),
    ("2022年10月12日北约防长会议\n\n正文。", None, "2022-10-12"),
    ("2022년 10월 12일 국방장관 회의\n\n본문.", None, "2022-10-12"),
])
def test_month_names_of_the_documents_language(text, language, date):
    """#19: a header in any language dateparser knows is read in the document's language, which
    decides a name two languages read apart; CJK dates need no names."""
    result = header(text, **{}) if language is None else \
        Pipeline([HeaderStage()]).clean(text, metadata={"language": language})
    assert result.metadata["date"] == date
    assert result.text.startswith(f"Date: {date}\n")


@pytest.mark.parametrize("text", ["12 мая 2022 Заседание правительства\n\nТекст.",   # Russian, language unknown
                                  "12 Ways 2022 Changed Everything\n\nBody.",       # no month of any language
                                  "Breaking 12 May 2022 Title\n\nBody."])            # no weekday either
def test_no_header_without_a_month_name_of_the_languages_read(text):
    assert header(text).text == text


@pytest.mark.parametrize("language", ["ru", "pl", "tr", "el", "cs", "uk", "sv", "fi", "hu", "id"])
def test_a_documents_own_month_names_read_as_dateparser_reads_them(language):
    """Every month name of a language outside the `languages` option, in a bare date, read by the
    table (no dateparser) or by dateparser in that language alone: the date dateparser gives."""
    from cleaner.dates.names import names as table
    from cleaner.stages.header import _read_named

    stage = HeaderStage()
    own = table((language,))
    for name, day in itertools.product(own.month_languages, ("05", "29")):
        text = f"{day} {name} 2023 Title"
        m = stage._header.match(text)
        if m is None or m.group("month").lower().rstrip(".") != name.rstrip("."):
            continue                                # a name of several words or with digits
        try:
            by_table = stage._named(m, language)
        except ValueError:          # a day the month lacks
            by_table = None
        read = _read_named(m.group("date").strip(), (language,), False)
        assert by_table == (read and (*read, "")), text


def test_a_russian_article_gets_its_date_through_the_default_pipeline():
    """The language stage finds Russian, and the header reads the Russian month name with it."""
    text = ("12 мая 2022 Министры обороны стран НАТО встретились в Брюсселе\n\n"
            "Министры обороны стран альянса обсудили поставки оружия и укрепление восточного фланга "
            "в ходе двухдневной встречи.")
    result = cleaner.clean(text)
    assert (result.metadata["language"], result.metadata["date"]) == ("ru", "2022-05-12")
    assert result.metadata["title"] == "Министры обороны стран НАТО встретились в Брюсселе"


@pytest.mark.parametrize("first_line", ["a-" * 100_000, "1 " + "ab-" * 50_000 + " 2020", "a" * 200_000])
def test_a_first_line_of_one_endless_word_is_refused_without_backtracking_through_it(first_line):
    """The word slots of the grammar are bounded: an unbounded one took 3 s on 200 kB of "a-a-…".
    The timeout is a guard against a hang (regex raises TimeoutError), not a timing goal."""
    assert HeaderStage()._header.match(first_line + "\n\nBody.", timeout=1.0) is None
