"""spacing: what the data cases (cases/spacing.json) cannot say — evidence across a document."""
from cleaner import Pipeline
from cleaner.document import Document
from cleaner.stages.spacing import SpacingStage

CLEAN = ("The ministers met in Brussels on Wednesday to discuss the protection of critical "
         "infrastructure. They agreed to increase patrols in the North Sea and the Baltic Sea. "
         "Officials said the talks were constructive and that further meetings would follow. ")


def spacing(text, **options):
    return Pipeline([SpacingStage(**options)]).clean(text)


def test_a_lone_sentence_glue_in_a_clean_document_is_repaired():
    """Punctuation glue is glue however clean the rest of the document is (issue #15)."""
    text = CLEAN * 3 + "Prices rose sharply.Analysts were surprised."
    (fix,) = spacing(text).edits
    assert fix.kind == "fix" and fix.rule == "spacing.sentence"


def test_a_lone_candidate_is_less_sure_in_a_long_clean_document_than_in_a_sentence():
    """A long document that lost no other space may write a brand so; the decision weighs it
    (`lone`), the reason says it, and whether it then fixes or flags is the fitted threshold's call."""
    sentence = "Actor TonyMazzarella said that the film was good."
    (alone,) = spacing(sentence).edits
    (in_long,) = spacing(CLEAN * 3 + sentence).edits
    assert alone.kind == "fix" and "the only candidate" not in alone.reason
    assert in_long.confidence <= alone.confidence - 0.2
    assert "the only candidate in a long document" in in_long.reason


def test_a_sentence_gets_a_lone_missing_space_back():
    """A sentence has no room for other lost spaces, so a lone one is no sign the source is clean."""
    assert spacing("The deputygovernor spoke.", language="en").text == "The deputy governor spoke."
    assert spacing("The old castle lies near Viennainto the hills.", language="en").text == \
        "The old castle lies near Vienna into the hills."
    long = CLEAN * 3 + "The deputygovernor spoke."
    assert spacing(long, language="en").text == long


def test_a_document_that_lost_spaces_gets_them_back():
    text = CLEAN + "The objectivesand targets were set.Analysts expected theplan to pass."
    r = spacing(text)
    assert r.text.endswith("The objectives and targets were set. Analysts expected the plan to pass.")
    assert all(e.kind == "fix" for e in r.edits)


def test_a_compound_like_candidate_is_flagged_whatever_else_the_document_lost():
    """Two content words that may be a compound are a doubt; other glue does not settle it."""
    weak = "The beermaker spoke."
    for text in (CLEAN + weak, CLEAN + weak + " It was theplan ofthe bank."):
        r = spacing(text)
        (beer,) = [e for e in r.edits if e.start == len(CLEAN) + 8]
        assert beer.kind == "flag" and beer.after == " "
    assert "the plan of the bank" in spacing(CLEAN + weak + " It was theplan ofthe bank.").text


def test_a_compound_that_recurs_is_a_term_of_the_document():
    text = CLEAN + "The beermaker grew. It was theplan ofthe firm. The beermaker said so."
    r = spacing(text)
    assert r.text.count("beermaker") == 2 and "the plan of the firm" in r.text


def test_words_that_stand_apart_elsewhere_in_a_damaged_document_are_split():
    damaged = "It was theplan ofthe firm. Greenfield ran the shop and Greenfieldran the bar."
    assert "Greenfield ran the bar" in spacing(damaged).text
    clean = "Greenfield ran the shop and Greenfieldran the bar."       # nothing else lost: left alone
    assert spacing(clean).text == clean
    variants = "It was theplan ofthe firm. JP Morgan and JPMorgan, a car maker and a carmaker."
    assert "JPMorgan, a car maker and a carmaker." in spacing(variants).text


def test_names_the_document_uses_alone_are_split_off_in_a_damaged_document():
    text = ("It was theplan ofthe firm. Duffey said so, and King Edward agreed. "
            "Duffeydropped it when KingEdward left. EverQuest and Ever and Quest stay.")
    out = spacing(text).text
    assert "Duffey dropped it when King Edward left" in out and "EverQuest" in out


def test_language_is_taken_from_metadata_or_guessed():
    spanish = ("Los ministros de defensa de la alianza se reunieron ayer en Bruselas para hablar "
               "de la protección de las infraestructuras. Los ministrosde la alianza dijeron que "
               "el gobiernode cada país decidirá.")
    r = spacing(spanish)
    assert "ministros de la" in r.text and "gobierno de cada" in r.text
    assert spacing(spanish, language="fi").text == spanish          # no word list: no word splits


def test_text_in_a_language_without_word_list_keeps_its_words():
    finnish = ("Puolustusministerit kokoontuivat Brysselissä keskustelemaan kriittisen "
               "infrastruktuurin suojelusta ja Itämeren turvallisuudesta tänään.")
    r = spacing(finnish)
    assert r.text == finnish and r.edits == []


def test_the_result_does_not_depend_on_the_process(tmp_path):
    """Same input, same output, whatever PYTHONHASHSEED a process was given."""
    import subprocess
    import sys
    code = ("import cleaner, sys; t = open(sys.argv[1], encoding='utf-8').read(); "
            "print(repr(cleaner.clean(t).text))")
    text = (CLEAN + "The objectivesand targets were set.Analysts expected theplan to pass. ") * 3
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    outputs = {subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                              env={"PYTHONHASHSEED": str(seed), "PATH": "",
                                   "CLEANER_CACHE_DIR": str(tmp_path / "cache")}, check=True).stdout
               for seed in (0, 1, 2, 3)}
    assert len(outputs) == 1



def test_tokens_longer_than_any_glue_are_decided_but_not_kept_in_the_cache():
    from cleaner.stages.spacing import _splits
    long_token = "TheheadofNATOhasconsideredthethreats" * 10       # 360 letters, case changes inside
    before = _splits.cache_info().currsize
    SpacingStage().find(Document(f"They said {long_token} today.", metadata={"language": "en"}))
    assert _splits.cache_info().currsize == before


def test_a_name_the_document_writes_again_and_again_stays_whole():
    """'Fueland' could be 'Fuel and', but a document that writes it so three times vouches for a name."""
    company = ("Fueland reported higher profits on Monday. The chief executive of Fueland said the company "
               "would expand next year, and analysts expect the shares of Fueland to rise.")
    assert spacing(company).text == company
    once = "The chief executive of Fueland said the company would expand next year."
    assert "Fuel and" in spacing(once, language="en").text


def test_a_paragraph_in_another_language_keeps_its_words():
    """An Italian paragraph left in an English article was split by the English word list ("so|no",
    "do|tati", "devo|no"); its glued punctuation is still read. The spelling stage skips it alike."""
    import cleaner
    english = ("The city council approved the new budget on Tuesday after a long debate about public transport, "
               "housing and the cost of repairing the old bridge across the river.")
    italian = ("Gli operai sono dotati di caschi nuovi e devono lavorare anche di notte, secondo quanto "
               "dichiarato dal sindaco,che ha chiesto ai cittadini di avere pazienza.")
    closing = ("Officials said the bridge would reopen in the spring, and that buses would run every ten "
               "minutes while the work goes on.")
    result = cleaner.clean("\n\n".join([english, italian, closing]))
    assert [p["language"] for p in result.metadata["paragraph_languages"]] == ["en", "it", "en"]
    assert result.text == "\n\n".join([english, italian.replace("sindaco,che", "sindaco, che"), closing])
    assert [e.rule for e in result.edits] == ["language.foreign-paragraph", "spacing.punctuation"]


def test_foreign_names_in_a_short_line_do_not_outvote_its_english():
    """With marker words of 33 languages, a club's name ("AK", "Bratislava": Slovak markers once
    lower-cased) outvoted the English of a short line, and its glue was left alone."""
    import cleaner
    line = "Peter Novak (born 1990) is a Slovak footballerwho plays for AK Bratislava."
    assert cleaner.clean(line).text == line.replace("footballerwho", "footballer who")


def test_a_word_glued_to_the_function_words_after_it_is_read_by_the_words_around_it():
    """A capitalised token no rule splits may be a name or word with function words glued behind
    it: the words around decide ("Museum|in London"); names that end so stay whole and unflagged."""
    assert spacing("The collection is kept at the Museumin London.").text == \
        "The collection is kept at the Museum in London."
    assert spacing("The Kingdomandthe Republic signed the treaty.").text == \
        "The Kingdom and the Republic signed the treaty."
    assert spacing("Many Tbilisifamiliesare still waiting for help.").text == \
        "Many Tbilisi families are still waiting for help."        # a name, a word, then a function word
    assert spacing("He was born in Sydneyin 1950.").text == "He was born in Sydney in 1950."   # a known name
    assert spacing("He was born in Sydneyin 1950.", min_confidence=0.99).edits == []   # its threshold moves too
    for name in ("The village of Marstanin lies on the river.", "Kalvonis scored twenty points in the final.",
                 "Torvaldas said the plan would work."):
        assert spacing(name).edits == []



def test_words_glued_together_and_to_a_number_lose_both_spaces():
    """Two spaces lost at once: the word beside the number is a function word only once the
    letters are split ("capacity|of|20,000"); a name or code before a number stays."""
    assert spacing("The stadium has a capacityof20,000 people.").text == \
        "The stadium has a capacity of 20,000 people."
    assert spacing("There were morethan40 seats in the hall.").text == "There were more than 40 seats in the hall."
    for kept in ("The Boeing747 landed in Oslo.", "The new Xbox360 sold well.", "They met in Nantes2019 again."):
        assert spacing(kept).edits == [], kept


def test_a_day_its_month_an_ordinal_and_glued_words_after_a_number_are_split():
    """A day number glued to its month, an ordinal to the capitalised word after it, a number to
    glued words whose first is a common word; units, decades, ordinals and codes stay."""
    assert spacing("The treaty was signed on 14May 1920 in the capital.").text == \
        "The treaty was signed on 14 May 1920 in the capital."
    assert spacing("He joined the 2ndBattalion of the regiment.").text == "He joined the 2nd Battalion of the regiment."
    assert spacing("About 30familieswho lived there left.").text == "About 30 families who lived there left."
    for kept in ("The trail is 12km long.", "She finished 3rd in the race.", "It was popular in the 1990s again.",
                 "The MP3 player sold well.", "Buy the 4K version.", "Trains leave at 10am daily."):
        assert spacing(kept).edits == [], kept


def test_a_common_word_glued_to_a_quantity_is_split_and_codes_stay():
    """A quantity (a decimal, thousands in groups) after a common lower-case word lost its space;
    a rare word, a capitalised one or a bare integer beside letters may be a code or a name."""
    assert spacing("The bank is earning1.5 billion euros a year.").text == \
        "The bank is earning 1.5 billion euros a year."
    assert spacing("Sales reached1,250 units last year.").text == "Sales reached 1,250 units last year."
    for kept in ("The Galaxy2.5 tablet sold well.", "The firm ships model3 kits.", "They wrote xyzq2.5 code."):
        assert spacing(kept).edits == [], kept


def test_an_empty_quotation_closes_nothing():
    """Help text writes an inline literal as ""name"": the second quote of "" is no closing quote
    glued to the word after it, while a real closing quote glued to a word still is."""
    literal = 'Use a ""variable-length"" record here, or ""max-width"" for short ones.'
    assert spacing(literal, language="en").text == literal
    assert spacing('He said "Yes"and left.', language="en").text == 'He said "Yes" and left.'
