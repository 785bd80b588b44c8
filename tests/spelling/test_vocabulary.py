"""cleaner.spelling.vocabulary: how common a word is, read from wordfreq's table, is what wordfreq says."""
import random
import string

import pytest
import wordfreq

from cleaner.spelling.vocabulary import vocabulary


@pytest.mark.parametrize("language", ["en", "es", "de"])
def test_zipf_is_wordfreqs_on_listed_frequent_and_made_up_words(language):
    vocab = vocabulary(language)
    rng = random.Random(5)
    listed = rng.sample(sorted(vocab.words), 5000)
    frequent = wordfreq.top_n_list(language, 2000, wordlist="large")
    made_up = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    others = ["Government", "año", "don't", "naïve", "x2", "", "straße", "œuvre"]
    for word in listed + frequent + made_up + others:
        assert vocab.zipf(word) == wordfreq.zipf_frequency(word, language, wordlist="large"), word
