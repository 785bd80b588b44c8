"""Code inside prose (cleaner.text.code): what is found as code, and what prose is left to the stages."""
from cleaner.text.code import code_spans
from cleaner.text.protect import inside, protected_spans


def covered(text: str, part: str) -> bool:
    """Is every gap inside `part` (where it stands in `text`) covered by a code span?"""
    start = text.index(part)
    spans = protected_spans(text)
    return all(inside(spans, pos) for pos in range(start + 1, start + len(part)))


def test_inline_code_between_backticks():
    text = "Call `store.putValue(key)` once, then read it back."
    assert covered(text, "`store.putValue(key)`")
    assert not covered(text, "then read")


def test_chunks_with_marks_of_code():
    text = "Use open_stream(name) or reader.reset() and set limit=10 if x!=y; a->b and ns::item too."
    for part in ("open_stream(name)", "reader.reset()", "limit=10", "x!=y;", "a->b", "ns::item"):
        assert covered(text, part), part
    assert not covered(text, "Use open")


def test_a_literal_block_after_a_colon_needs_a_statement():
    code = "Write it so:\n\n    total = addUp(items)\n    showTotal(total)\n\nThat is all."
    assert covered(code, "total = addUp(items)\n    showTotal(total)")
    assert not covered(code, "That is all")
    quote = "She wrote:\n\n    We met at noon and spoke of the harvest\n\nThen she left."
    assert code_spans(quote) == []          # an indented quotation is prose


def test_fenced_blocks_and_sessions():
    text = "Run this:\n~~~\nloadAll(dataDir)\n~~~\n>>> countRows(table)\n... \n7\nThe end."
    assert covered(text, "loadAll(dataDir)")
    assert covered(text, ">>> countRows(table)\n... ")
    assert not covered(text, "The end")


def test_prose_has_no_code():
    prose = ("The minister (who spoke first) said the plan, worth 3.5% of output, was fair: "
             "talks resume at 10:30 on Monday. Prices rose (again) in May.")
    assert code_spans(prose) == []
    glued = "The talks withGerman officials ended in the two capitals.Talks resume on Monday."
    assert code_spans(glued) == []      # names and dotted names are code only beside code


def test_names_of_classes_and_dotted_names_are_code_where_the_document_holds_code():
    text = ("Pass a key_func to the LineMatcher, or set maxRows on it; the result is an "
            "io.StringIO holding one row per match.")
    for part in ("LineMatcher,", "maxRows", "io.StringIO"):
        assert covered(text, part), part
    assert not covered(text, "result is")


def test_a_link_is_no_sign_of_code():
    text = ("Read it at https://example.org/news/talks_resume?id=3 or ask @press_office: the talks "
            "withGerman officials ended in the two capitals.Talks resume on Monday.")
    assert covered(text, "https://example.org/news/talks_resume?id=3")     # kept whole, as a link
    assert not covered(text, "withGerman")
    assert not covered(text, "capitals.Talks")
