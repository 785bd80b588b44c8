"""Long documents are read by word-level stages in blocks; whitespace-free data is left alone."""
from pathlib import Path

from cleaner import Pipeline
from cleaner.text.blocks import BLOCK_CHARS, prose_blocks
from cleaner.document import Document
from cleaner.stages.spacing import SpacingStage

EXAMPLE = (Path(__file__).parent / "golden" / "nato-2022-10-12.input.txt")


def _article() -> str:
    return EXAMPLE.read_text(encoding="utf-8") if EXAMPLE.exists() else (
        "Defense Ministers met today.They discussed our critical infrastructurein light of the sabotage.\n")


def test_a_news_article_is_one_block():
    doc = Document(_article())
    assert prose_blocks(doc) == [(0, doc)]


def test_a_long_document_is_cut_at_paragraph_breaks_into_bounded_blocks():
    paragraph = "The ministers met in Brussels on Wednesday to discuss the defence of the alliance. " * 8
    text = "\n\n".join([paragraph.strip()] * 1200)          # about 800,000 characters
    spans = [(offset, offset + len(block.text)) for offset, block in prose_blocks(Document(text))]
    assert len(spans) > 1
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (s, e), (s2, _) in zip(spans, spans[1:]):
        assert e == s2                                     # nothing between blocks is skipped
        assert text[e - 2:e] == "\n\n"                     # each ends after a paragraph break
    assert all(e - s <= BLOCK_CHARS for s, e in spans)


def test_whitespace_free_data_is_left_out_and_never_changed():
    blob = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" * 700          # base64-like, 24,500 characters
    text = f"Officials said the data was lost.Then a file arrived:\n{blob}\nIt was analysed.They found nothing."
    (offset, block), = prose_blocks(Document(text))
    start = text.index(blob)
    assert block.text == text[:start] + " " * len(blob) + text[start + len(blob):]   # read as blank
    result = Pipeline.default().clean(text)
    assert blob in result.text
    assert "lost. Then" in result.text and "analysed. They" in result.text   # the prose around it is repaired


def test_a_long_letter_run_is_never_split():
    run = "inthehistoricalcontext" * 100                       # glue-like, but 2,200 letters long
    text = f"He said the text was {run} and nothing more."
    edits = SpacingStage().find(Document(text, metadata={"language": "en"}))
    assert not [e for e in edits if text.index(run) <= e.start <= text.index(run) + len(run)]


def test_blocks_give_the_edits_of_the_paragraphs_cleaned_apart():
    # evidence is local to a block: far apart paragraphs do not vouch for each other
    glued = "The ministers met in Brussels.They said the meeting was about our critical infrastructurein light of events."
    filler = "The ministers met in Brussels on Wednesday to discuss the defence of the alliance. " * 20
    text = "\n\n".join([glued] + [filler.strip()] * 100)
    assert len(text) > BLOCK_CHARS
    stage = SpacingStage()
    alone = stage.find(Document(glued, metadata={"language": "en"}))
    whole = [e for e in stage.find(Document(text, metadata={"language": "en"})) if e.start < len(glued)]
    assert [(e.start, e.after, e.rule) for e in whole] == [(e.start, e.after, e.rule) for e in alone]
    assert alone
