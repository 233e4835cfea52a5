from footnoted.pages.typography import smarten


def test_apostrophes_quotes_and_dashes():
    assert smarten("Russia's \"digital draft\" -- it's 'new'") == (
        "Russia’s “digital draft” – it’s ‘new’")


def test_plural_possessive_and_em_dash():
    assert smarten("the soldiers' pay---for now") == "the soldiers’ pay—for now"


def test_text_without_quotes_is_unchanged():
    assert smarten("18–27 years") == "18–27 years"


def test_russian_uses_guillemets():
    assert smarten('Закон о "цифровой повестке" -- принят', "ru") == (
        "Закон о «цифровой повестке» – принят")


def test_russian_body_text_gets_guillemets():
    from footnoted.markdown.convert import render_markdown

    body = render_markdown('Так называемая "цифровая повестка".', {}, "a", lang="ru")
    assert body.html == "<p>Так называемая &laquo;цифровая повестка&raquo;.</p>"
