"""statescope_notebook: the HTML a notebook cell shows (the page itself is checked in Chromium by
test/e2e/consumerApps.e2e.test.ts)."""

import json
import re

import pytest

from statescope_notebook import show

DOCUMENT = {
    "format": "hiddenStatesVis",
    "tokens": [["a", "</script><script>alert(1)</script>"]],
}


def test_inlines_the_bundle_and_the_data_so_that_no_text_ends_a_script_early(tmp_path):
    bundle = tmp_path / "standalone.js"
    bundle.write_text('const s = "</script>"; export {};', encoding="utf-8")
    html = show(DOCUMENT, bundle=str(bundle))._repr_html_()
    # only the three real script elements open and close
    assert len(re.findall(r"<script\b", html)) == 3
    assert len(re.findall(r"</script>", html, re.IGNORECASE)) == 3
    data = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data) == DOCUMENT


def test_each_output_links_its_own_views(tmp_path):
    bundle = tmp_path / "standalone.js"
    bundle.write_text("export {};", encoding="utf-8")
    first = show(DOCUMENT, bundle=str(bundle))._repr_html_()
    second = show(DOCUMENT, bundle=str(bundle))._repr_html_()
    buses = [set(re.findall(r'bus="([^"]+)"', html)) for html in (first, second)]
    assert all(len(names) == 1 for names in buses)
    assert buses[0] != buses[1]


def test_a_url_bundle_is_loaded_not_inlined():
    html = show(DOCUMENT, bundle="https://example.org/standalone.js", views=["dashboard"])._repr_html_()
    assert '<script type="module" src="https://example.org/standalone.js"></script>' in html
    assert "<hs-dashboard" in html


def test_refuses_unknown_views_and_broken_files(tmp_path):
    with pytest.raises(ValueError, match="views: unknown map"):
        show(DOCUMENT, bundle="x.js", views=["map"])
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        show(broken, bundle="x.js")
