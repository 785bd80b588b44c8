from cleaner.document import Document


def test_derived_is_computed_once_per_text_and_never_stale():
    calls = []

    def words(text):
        calls.append(text)
        return text.split()

    doc = Document("one two")
    assert doc.derived("words", words) == ["one", "two"]
    assert doc.derived("words", words) == ["one", "two"]
    assert calls == ["one two"]
    doc.text = "one two three"          # what the pipeline does after a stage's change
    assert doc.derived("words", words) == ["one", "two", "three"]
    assert calls == ["one two", "one two three"]

