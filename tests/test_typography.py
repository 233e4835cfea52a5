from footnoted.typography import smarten


def test_apostrophes_quotes_and_dashes():
    assert smarten("Russia's \"digital draft\" -- it's 'new'") == (
        "Russia’s “digital draft” – it’s ‘new’")


def test_plural_possessive_and_em_dash():
    assert smarten("the soldiers' pay---for now") == "the soldiers’ pay—for now"


def test_text_without_quotes_is_unchanged():
    assert smarten("18–27 years") == "18–27 years"
