"""cleaner.text.sequences: the common ends of two versions, never overlapping."""
from cleaner.text.sequences import common_ends


def test_common_ends_of_strings_and_token_lists():
    assert common_ends("recieve", "receive") == (3, 2)
    assert common_ends(["caf\u00c3\u00a9", "is", "open"], ["café", "is", "open"]) == (0, 2)
    assert common_ends("aaa", "aa") == (2, 0)            # the end never counts what the beginning took
    assert common_ends("", "abc") == (0, 0) and common_ends("same", "same") == (4, 0)
