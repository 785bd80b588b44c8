"""What the spacing stage knows and decides: the lexicon, punctuation glue, word segmentation."""
