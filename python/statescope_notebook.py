"""Statescope views in a Jupyter notebook cell, from the single-file bundles of the npm packages.

    from statescope_notebook import show
    show("imdb-small.json", bundle="node_modules/@statescope/dashboard/dist/standalone.js")

The value of the last line of a cell is displayed: Jupyter calls its ``_repr_html_``. The HTML
carries the dataset (a self-contained Statescope JSON or a hiddenStatesVis JSON) and the bundle
inline, so the notebook works offline and keeps working when saved and reopened as trusted;
pass ``bundle`` as an http(s) URL instead to load the script from a server. Standard library only.
"""

import json
import os
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


def _script_code(code):
    """JavaScript safe inside <script>...</script>: no "</script" (any case) ends the element early."""
    return code.replace("</", "<\\/")


def _script_json(text):
    """JSON safe inside <script>...</script>: with no "<" at all, neither "</script" nor "<!--"
    (which would change how the HTML parser reads the rest) can occur; JSON reads \\u003c as "<"."""
    return text.replace("<", "\\u003c")


class NotebookView:
    """Linked Statescope views of one dataset; displayed by Jupyter through ``_repr_html_``."""

    def __init__(self, dataset_json, bundle, views, height):
        self.dataset_json = dataset_json
        self.bundle = bundle
        self.views = views
        self.height = height
        # One bus per output: views of this cell link with each other, not with other cells.
        self.bus = "statescope-" + uuid.uuid4().hex

    def _repr_html_(self):
        data_id = self.bus + "-data"
        elements = "\n".join(
            '<{tag} bus="{bus}" data-statescope-src="{data_id}" style="display:block;{size}"></{tag}>'.format(
                tag=TAGS[name],
                bus=self.bus,
                data_id=data_id,
                size="height:{}px".format(self.height) if name in ("dashboard", "projection") else "",
            )
            for name in self.views
        )
        if self.bundle.startswith(("http://", "https://")):
            script = '<script type="module" src="{}"></script>'.format(self.bundle.replace('"', "%22"))
        else:
            with open(self.bundle, encoding="utf-8") as file:
                script = '<script type="module">\n{}\n</script>'.format(_script_code(file.read()))
        # The dataset reaches the elements as a blob: URL in their `src` attribute (the JSON is
        # parsed by the bundle, and its text is only ever shown as text).
        loader = (
            "<script>\n(() => {\n"
            "  const text = document.getElementById(%s).textContent;\n"
            "  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));\n"
            "  for (const element of document.querySelectorAll('[data-statescope-src=%s]'))\n"
            "    element.setAttribute('src', url);\n"
            "})();\n</script>" % (json.dumps(data_id), json.dumps(data_id))
        )
        return "\n".join(
            [
                '<div class="statescope">',
                '<script type="application/json" id="{}">{}</script>'.format(
                    data_id, _script_json(self.dataset_json)
                ),
                elements,
                loader,
                script,
                "</div>",
            ]
        )


def show(dataset, *, bundle, views=("projection", "sequence"), height=480):
    """Linked views of ``dataset`` for a notebook cell.

    ``dataset``: the path of a self-contained Statescope dataset JSON (``statescope convert``
    writes one; ``write_dataset`` of statescope_export writes the native format) or of a
    hiddenStatesVis JSON, or such a document as a dict. ``bundle``: the path (inlined) or
    http(s) URL of a single-file bundle, ``dist/standalone.js`` of @statescope/dashboard for the
    dashboard or of each view's package; the dashboard bundle holds every view. ``views``: names
    from ``TAGS``. ``height``: pixels of the map or the dashboard.
    """
    unknown = [name for name in views if name not in TAGS]
    if unknown:
        raise ValueError("views: unknown {}; known: {}".format(", ".join(unknown), ", ".join(TAGS)))
    if isinstance(dataset, dict):
        text = json.dumps(dataset)
    else:
        with open(os.fspath(dataset), encoding="utf-8") as file:
            text = file.read()
        json.loads(text)  # a broken file fails here, naming the JSON error, not in the browser
    return NotebookView(text, bundle, tuple(views), int(height))
