"""How a template prints a value: without forbidden characters, escaped, in one call.

Jinja compiles `{{ value }}` in an autoescaped template to `escape(environment.finalize(value))`:
two calls and a new Markup for each of the half a million values a 1,000-article build prints.
`PrintingCodeGenerator` compiles it to `environment.printed(value)` instead, which hands back
the usual value, a plain string with nothing to escape or remove, after one search; any other
value takes Jinja's way. The bytes printed are the same (tests/test_printing.py).
"""

from __future__ import annotations

import re

from jinja2 import Environment
from jinja2.compiler import CodeGenerator
from markupsafe import Markup, escape

from ..content.text_clean import FORBIDDEN, xml_safe

# What escape() changes or xml_safe() removes; FORBIDDEN holds the placeholders' \x02 too.
_TO_CHANGE = re.compile("[&<>\"'" + FORBIDDEN.pattern[1:])


def xml_safe_value(value: object) -> object:
    """The environment's finalize: every value a template prints passes here (through
    `printed` in an autoescaped template), and loses any forbidden character."""
    if not isinstance(value, str) or FORBIDDEN.search(value) is None:
        return value
    return Markup(xml_safe(str(value))) if isinstance(value, Markup) else xml_safe(value)


def printed(value: object) -> str:
    """escape(xml_safe_value(value)), with the common values handed back without a copy:
    a string with nothing to escape or remove, Markup with nothing to remove, a whole number.
    It is only ever joined into the page, so a plain string serves as well as Markup."""
    kind = type(value)
    if kind is str:
        if _TO_CHANGE.search(value) is None:  # type: ignore[arg-type]
            return value  # type: ignore[return-value]
    elif kind is Markup:
        if FORBIDDEN.search(value) is None:  # type: ignore[arg-type]
            return value  # type: ignore[return-value]
    elif kind is int:
        return str(value)
    return escape(xml_safe_value(value))


class PrintingCodeGenerator(CodeGenerator):
    """Jinja's code generator, printing through `environment.printed` where it would call
    escape(environment.finalize(...)); unchanged elsewhere (a template not autoescaped, such
    as robots.txt, or a block whose autoescaping is only known at run time). Jinja's own
    NativeCodeGenerator overrides the same two methods."""

    def _output_child_pre(self, node, frame, finalize) -> None:
        if _fused(frame):
            self.write("environment.printed(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node, frame, finalize) -> None:
        if _fused(frame):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


def _fused(frame) -> bool:
    return frame.eval_ctx.autoescape and not frame.eval_ctx.volatile


class PageEnvironment(Environment):
    """The Jinja environment of footnoted's pages: its finalize must be xml_safe_value, which
    `printed` applies."""

    code_generator_class = PrintingCodeGenerator
    printed = staticmethod(printed)
