import re

from cleaner.text.scan import finditer, per_mark

TEXT = ("He said,“We’ll go.”Then:they left;NATO’s men (and women)went.Home at 10:30, "
        "in 2,000 cars.Mr.Smith’s dog’sbone's ok; 'quoted'words and ’curly’ ones.")


def test_split_patterns_find_what_the_class_led_pattern_finds():
    rest = r"(?<=[a-z][,.;:’'])(?=[A-Za-z])"
    whole = re.compile(r"[,.;:’']" + rest)
    split = per_mark(",.;:’'", rest)
    assert sorted(m.span() for m in finditer(split, TEXT)) == [m.span() for m in whole.finditer(TEXT)]
    assert [m.start() for m in finditer(split, TEXT)] != []


def test_marks_are_escaped():
    assert sorted(m.start() for m in finditer(per_mark(".)(", ""), "a.b(c)d")) == [1, 3, 5]
