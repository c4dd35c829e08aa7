"""Statescope views in a Jupyter notebook cell, from the single-file bundles of the npm packages.

    from statescope_notebook import show
    show("imdb-small.json", bundle="node_modules/@statescope/dashboard/dist/standalone.js")

The value of the last line of a cell is displayed: Jupyter calls its ``_repr_html_``. The HTML
carries the dataset (a self-contained Statescope JSON or a hiddenStatesVis JSON) and the bundle
inline, so the notebook works offline and keeps working when saved and reopened as trusted;
pass ``bundle`` as an http(s) URL instead to load the script from a server. Standard library only.
"""

import html
import json
import os
import re
import uuid

__all__ = ["show", "NotebookView"]

#: The tags of the views, by the short names ``views`` takes.
TAGS = {
    "dashboard": "hs-dashboard",
    "projection": "hs-projection",
    "sequence": "hs-sequence",
    "heatmap": "hs-heatmap",
    "histogram": "hs-histogram",
    "overview": "hs-overview",
    "table": "hs-table",
}

# What would end an inline <script> early, or change how the HTML parser reads the rest of it.
_SCRIPT_BREAKERS = re.compile(r"</script|<!--", re.IGNORECASE)
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def _refuse_constant(name):
    raise ValueError("the dataset holds {}, which JSON in a browser cannot read".format(name))


def _file_references(value):
    """Whether a JSON document names arrays in separate files (a native manifest with .bin/.npy)."""
    if isinstance(value, dict):
        return "file" in value or any(_file_references(item) for item in value.values())
    if isinstance(value, list):
        return any(_file_references(item) for item in value[:64])
    return False


class NotebookView:
    """Linked Statescope views of one dataset; displayed by Jupyter through ``_repr_html_``."""

    def __init__(self, dataset_json, bundle, views, height):
        self.dataset_json = dataset_json
        self.bundle = bundle
        self.views = views
        self.height = height

    def _bundle_script(self):
        if self.bundle.startswith(("http://", "https://")):
            return '<script type="module" src="{}"></script>'.format(html.escape(self.bundle, quote=True))
        with open(self.bundle, encoding="utf-8") as file:
            code = _SOURCE_MAP.sub("", file.read())
        if _SCRIPT_BREAKERS.search(code):
            raise ValueError("bundle: {} holds </script or <!--; it cannot be inlined".format(self.bundle))
        return '<script type="module">\n{}\n</script>'.format(code)

    def _repr_html_(self):
        # New names at every display: two outputs of one object must not share a bus or an id.
        bus = "statescope-" + uuid.uuid4().hex
        data_id = bus + "-data"
        elements = "\n".join(
            '<{tag} bus="{bus}" data-statescope-src="{data_id}" style="display:block;{size}"></{tag}>'.format(
                tag=TAGS[name],
                bus=bus,
                data_id=data_id,
                size="height:{}px".format(self.height) if name in ("dashboard", "projection") else "",
            )
            for name in self.views
        )
        # The dataset reaches the elements as a blob: URL in their `src` attribute (its text is
        # only ever shown as text), let go once every element has loaded it or failed.
        loader = (
            "<script>\n(() => {\n"
            "  const text = document.getElementById(%(id)s).textContent;\n"
            "  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));\n"
            "  const elements = document.querySelectorAll('[data-statescope-src=%(id)s]');\n"
            "  let waiting = elements.length;\n"
            "  const settled = () => --waiting === 0 && URL.revokeObjectURL(url);\n"
            "  for (const element of elements) {\n"
            "    element.addEventListener('hs-load', settled, { once: true });\n"
            "    element.addEventListener('hs-error', settled, { once: true });\n"
            "    element.setAttribute('src', url);\n"
            "  }\n"
            "})();\n</script>" % {"id": json.dumps(data_id)}
        )
        # With no "<" at all (JSON reads \u003c as "<"), the data cannot end its element early.
        data = self.dataset_json.replace("<", "\\u003c")
        return "\n".join(
            [
                '<div class="statescope">',
                '<script type="application/json" id="{}">{}</script>'.format(data_id, data),
                elements,
                loader,
                self._bundle_script(),
                "</div>",
            ]
        )


def show(dataset, *, bundle, views=("projection", "sequence"), height=480):
    """Linked views of ``dataset`` for a notebook cell.

    ``dataset``: the path of a self-contained Statescope JSON (``statescope convert IN OUT.json
    --inline`` writes one) or of a hiddenStatesVis JSON, or such a document as a dict.
    ``bundle``: the path (inlined) or http(s) URL of one single-file bundle: ``dist/standalone.js``
    of @statescope/dashboard holds every view; a view package's bundle holds only that view, so
    name only that view in ``views``. ``views``: names from ``TAGS`` (one name or several).
    ``height``: pixels of the map or the dashboard.
    """
    views = (views,) if isinstance(views, str) else tuple(views)
    unknown = [name for name in views if name not in TAGS]
    if unknown:
        raise ValueError("views: unknown {}; known: {}".format(", ".join(unknown), ", ".join(TAGS)))
    if isinstance(dataset, dict):
        document = dataset
        text = json.dumps(dataset, allow_nan=False)
    else:
        with open(os.fspath(dataset), encoding="utf-8") as file:
            text = file.read()
        # A broken file fails here, naming the JSON error, not later in the browser.
        document = json.loads(text, parse_constant=_refuse_constant)
    if _file_references(document):
        raise ValueError(
            "dataset: its arrays are in separate files, which a notebook cell cannot reach; "
            "write one self-contained file with `statescope convert IN OUT.json --inline`"
        )
    return NotebookView(text, bundle, views, int(height))
