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
    listed = rng.sample(sorted(vocab.counts), 5000)
    frequent = wordfreq.top_n_list(language, 2000, wordlist="large")
    made_up = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    others = ["Government", "año", "don't", "naïve", "x2", "", "straße", "œuvre"]
    for word in listed + frequent + made_up + others:
        assert vocab.zipf(word) == wordfreq.zipf_frequency(word, language, wordlist="large"), word


@pytest.mark.parametrize("language", ["en", "es", "fr", "pt", "de", "it", "nl"])
def test_zipf_is_wordfreqs_on_accented_and_apostrophe_words(language):
    """Words read from the table as they are (beyond lower-case ASCII): accented Latin letters and
    inner apostrophes; the rest (elisions, "ß", capitals, other scripts) go through wordfreq."""
    from cleaner.text.frequencies import frequencies
    rng = random.Random(6)
    table = frequencies(language)
    accented = rng.sample(sorted(w for w in table if not w.isascii()), 1500)
    apostrophes = rng.sample(sorted(w for w in table if "'" in w and w.isascii()), 300)
    letters = sorted(set("".join(accented)))
    made_up = [w[:i] + rng.choice(letters) + w[i:] for w in accented[:500] for i in [rng.randrange(len(w) + 1)]]
    others = ["o'er", "l'été", "qu'un", "d'etat", "dell'amore", "y'all", "straße", "Éte", "e\u0301te", "babunъ",
              "km²", "ªb", "ǆungla", "ʼokina", "naïve", "œuvre", "ĳs", "x2", "covid19", "a1b2", "the cat", "3rd",
              "don’t", "'", "", "l'homme", "«oui»", "12,5", "anti-war", "co-op", "iPhone", "Ωmega", "日本"]
    vocab = vocabulary(language)
    for word in accented + apostrophes + made_up + others:
        assert vocab.zipf(word) == wordfreq.zipf_frequency(word, language, wordlist="large"), word
