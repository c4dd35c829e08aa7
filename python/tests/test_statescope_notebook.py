"""statescope_notebook: the HTML a notebook cell shows (the page itself is checked in Chromium by
test/e2e/consumerApps.e2e.test.ts)."""

import json
import re

import pytest

from statescope_notebook import show

DOCUMENT = {
    "format": "hiddenStatesVis",
    "tokens": [["a", "</script><!--<script>alert(1)</script>"]],
}


@pytest.fixture
def bundle(tmp_path):
    path = tmp_path / "standalone.js"
    path.write_text("export {};\n//# sourceMappingURL=standalone.js.map\n", encoding="utf-8")
    return str(path)


def test_inlines_the_data_so_that_no_text_ends_a_script_early(bundle):
    html = show(DOCUMENT, bundle=bundle)._repr_html_()
    # only the three real script elements open and close
    assert len(re.findall(r"<script\b", html)) == 3
    assert len(re.findall(r"</script>", html, re.IGNORECASE)) == 3
    assert "<!--" not in html
    data = re.search(r'<script type="application/json" id="[^"]+">(.*?)</script>', html, re.S).group(1)
    assert json.loads(data) == DOCUMENT
    assert "sourceMappingURL" not in html


def test_refuses_to_inline_code_that_would_end_its_script_early(tmp_path):
    path = tmp_path / "standalone.js"
    path.write_text('const s = "</SCRIPT>";', encoding="utf-8")
    with pytest.raises(ValueError, match="cannot be inlined"):
        show(DOCUMENT, bundle=str(path))._repr_html_()


def test_each_display_links_its_own_views(bundle):
    view = show(DOCUMENT, bundle=bundle)
    first, second = view._repr_html_(), view._repr_html_()
    buses = [set(re.findall(r'bus="([^"]+)"', html)) for html in (first, second)]
    assert all(len(names) == 1 for names in buses)
    assert buses[0] != buses[1]
    ids = [re.findall(r'id="([^"]+)"', html) for html in (first, second)]
    assert not set(ids[0]) & set(ids[1])


def test_a_url_bundle_is_loaded_not_inlined():
    html = show(DOCUMENT, bundle="https://example.org/standalone.js?v=1&x=\"", views="dashboard")._repr_html_()
    assert '<script type="module" src="https://example.org/standalone.js?v=1&amp;x=&quot;"></script>' in html
    assert "<hs-dashboard" in html and "<hs-sequence" not in html


def test_refuses_unknown_views_broken_files_nan_and_arrays_in_other_files(tmp_path):
    with pytest.raises(ValueError, match="views: unknown map"):
        show(DOCUMENT, bundle="x.js", views=["map"])
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        show(broken, bundle="x.js")
    nan = tmp_path / "nan.json"
    nan.write_text('{"format": "hiddenStatesVis", "values": [NaN]}', encoding="utf-8")
    with pytest.raises(ValueError, match="NaN"):
        show(nan, bundle="x.js")
    with pytest.raises(ValueError):
        show({"values": [float("nan")]}, bundle="x.js")
    manifest = {"format": "statescope", "layers": [{"hidden": {"file": "states.bin", "dtype": "float32"}}]}
    with pytest.raises(ValueError, match="--inline"):
        show(manifest, bundle="x.js")
