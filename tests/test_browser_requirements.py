"""A browser check whose tool is missing says how to install it: skipped on a developer's
machine, failed in CI (env CI set), where a skipped check would hide a missing install step."""

from __future__ import annotations

import pytest

from .browser.conftest import require

NGINX = ("Debian's nginx (/usr/sbin/nginx)", "install it as root with `apt-get install -y nginx`")
SAID = ("Debian's nginx (/usr/sbin/nginx) is missing: install it as root with "
        "`apt-get install -y nginx` (README: Two commands)")


def test_a_missing_tool_skips_locally_saying_how_to_install_it(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require(False, *NGINX)
    assert str(skipped.value) == SAID


def test_a_missing_tool_fails_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception) as failed:
        require(False, *NGINX)
    assert str(failed.value) == SAID + "; CI must run the browser checks (.ci/run installs them)"


def test_a_present_tool_is_used(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert require(True, *NGINX) is None
