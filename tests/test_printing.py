"""A template prints through one call (pages/printing.py) exactly what Jinja's own way prints."""

from __future__ import annotations

import pytest
from jinja2 import DictLoader, Environment, StrictUndefined, UndefinedError, select_autoescape
from markupsafe import Markup, escape

from footnoted.pages.printing import PageEnvironment, printed, xml_safe_value

VALUES = ["", "plain", "Tom & Jerry", "<b>", "it's \"quoted\"", "bell\x07", "\x02ph\x03 text",
          "﷐nonchar", "é ü — «»", Markup("<i>safe</i>"), Markup("<i>x\x01</i>"),
          Markup("&amp;\x02p\x03"), 0, 7, -3, True, False, None, 1.5, ["a", "<b>"],
          {"k": "&"}]


@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_printed_is_escape_of_finalize(value):
    assert str(printed(value)) == str(escape(xml_safe_value(value)))


TEMPLATES = {
    "page.html": "<p>{{ value }}</p>{% set kept %}[{{ value }}]{% endset %}{{ kept }}"
                 "{% autoescape false %}{{ value }}{% endautoescape %}"
                 "{% macro show(v) %}<{{ v }}>{% endmacro %}{{ show(value) }}"
                 "{{ value ~ '&' }}{{ '<const>' }}{{ 5 }}",
    "robots.txt": "{{ value }} {{ '<const>' }}",
}


def environments() -> list[Environment]:
    options = dict(loader=DictLoader(TEMPLATES), undefined=StrictUndefined,
                   autoescape=select_autoescape(["html"]), finalize=xml_safe_value)
    return [Environment(**options), PageEnvironment(**options)]


@pytest.mark.parametrize("name", TEMPLATES)
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_templates_print_the_same_bytes_as_with_jinjas_code_generator(name, value):
    jinja, ours = (env.get_template(name).render(value=value) for env in environments())
    assert ours == jinja


def test_an_undefined_value_is_still_an_error():
    for env in environments():
        with pytest.raises(UndefinedError):
            env.get_template("page.html").render()


def test_the_common_values_are_handed_back_without_a_copy():
    text, html = "A plain headline", Markup("<code>x</code>")
    assert printed(text) is text and printed(html) is html


def test_autoescaped_templates_print_through_printed_and_the_others_as_before():
    env = environments()[1]
    compiled = {name: env.compile(source, name, raw=True) for name, source in TEMPLATES.items()}
    assert "environment.printed(" in compiled["page.html"]
    assert "escape(environment.finalize(" not in compiled["page.html"]
    assert "environment.printed(" not in compiled["robots.txt"]
