"""The recipe of docs/scale.md, tested: a projection computed outside Statescope (on a GPU box,
openTSNE or cuML; here numpy, which stands in for them) attached to a dataset, three ways, each
then loaded by @statescope/core in Node:

1. while exporting from Python: ``write_dataset(..., projections={"name": coordinates})``;
2. to a dataset that exists (the demo, data/imdb.json): coordinates written as raw float32,
   attached in Node with ``dataset.addProjection`` and ``saveDataset``;
3. without rewriting the states (a million of them are 200 MB): the coordinates saved with
   ``np.save`` and named in the manifest's ``projections`` as ``{"file": "....npy"}``.

Run from the repository root:
    /usr/bin/python3 -m pytest python/tests/test_projection_recipe.py -q -p no:cacheprovider
"""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

from statescope_export import write_dataset  # noqa: E402

DEMO = ROOT / "data" / "imdb.json"


def hidden_states(manifest_path):
    """The top layer's hidden states of a Statescope dataset as float32 (steps, units), with numpy
    alone: inline, raw float32 or int8 (times its per-unit scale) arrays."""
    manifest_path = Path(manifest_path)
    manifest = json.loads(manifest_path.read_text("utf-8"))
    ref = manifest["layers"][-1]["hidden"]
    if "data" in ref:
        return np.asarray(ref["data"], dtype=np.float32).reshape(ref.get("shape", (len(ref["data"]), -1)))
    dtype = {"float32": "<f4", "int8": "i1"}[ref["dtype"]]
    rows, units = ref["shape"]
    raw = np.fromfile(
        manifest_path.parent / ref["file"], dtype=dtype, count=rows * units, offset=ref.get("byteOffset", 0)
    ).reshape(rows, units)
    return (raw * np.asarray(ref.get("scale", 1.0), dtype=np.float64)).astype(np.float32)


def coordinates(hidden):
    """Stand-in for the GPU engine: on the GPU box this line is
    ``openTSNE.TSNE(perplexity=30, n_jobs=-1).fit(hidden)`` or ``cuml.manifold.TSNE().fit_transform(hidden)``.
    Here: the two principal axes, by SVD. Returns (steps, 2) float32."""
    centred = hidden.astype(np.float64) - hidden.mean(axis=0)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    return (centred @ axes[:2].T).astype(np.float32)


def load_in_node(manifest_path, out_dir):
    """Loads the dataset with @statescope/core (Node, TypeScript sources); returns its step count
    and each projection as numpy arrays (written by Node as raw float32)."""
    script = f"""
import {{ writeFileSync }} from 'node:fs';
import {{ loadDataset }} from './packages/core/src/index.ts';
const dataset = await loadDataset({json.dumps(str(manifest_path))});
for (const name of dataset.projectionNames)
  writeFileSync({json.dumps(str(out_dir))} + '/loaded-' + name + '.f32', dataset.projection(name));
console.log(JSON.stringify({{ steps: dataset.stepCount, names: dataset.projectionNames }}));
"""
    done = subprocess.run(
        ["node", "--import", "tsx", "--input-type=module", "-e", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    projections = {
        name: np.fromfile(Path(out_dir) / f"loaded-{name}.f32", dtype="<f4").reshape(-1, 2) for name in summary["names"]
    }
    return summary["steps"], projections


@pytest.fixture
def small_export(tmp_path):
    """A dataset as a PyTorch script exports it: 3 texts, 9 steps, 8 units, and its states."""
    rng = np.random.default_rng(16)
    tokens = [["a", "fine", "film", "."], ["not", "bad"], ["dull", ".", "!"]]
    hidden = rng.normal(size=(9, 8)).astype(np.float32)
    logits = rng.normal(size=(9, 2))
    expected = (np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)).astype(np.float32)
    return dict(tokens=tokens, hidden=hidden, expected=expected, labels=[1, 1, 0], classes=["negative", "positive"])


def test_exporter_writes_coordinates_that_core_loads(small_export, tmp_path):
    coords = coordinates(small_export["hidden"])
    path = tmp_path / "model.json"
    write_dataset(path, **small_export, projections={"gpu-tsne": coords})

    steps, projections = load_in_node(path, tmp_path)

    assert steps == 9
    assert list(projections) == ["gpu-tsne"]
    np.testing.assert_array_equal(projections["gpu-tsne"], coords)


@pytest.mark.skipif(not DEMO.exists(), reason="needs the demo data (data/imdb.json)")
def test_coordinates_attached_to_an_existing_dataset_with_add_projection(tmp_path):
    hidden = hidden_states(DEMO)
    assert hidden.shape == (96617, 100)
    coords = coordinates(hidden)
    coords.tofile(tmp_path / "coords.f32")  # raw little-endian float32, steps x 2
    out = tmp_path / "imdb-gpu.json"
    attach = f"""
import {{ readFileSync }} from 'node:fs';
import {{ loadDataset, saveDataset }} from './packages/core/src/index.ts';
const dataset = await loadDataset({json.dumps(str(DEMO))});
const bytes = readFileSync({json.dumps(str(tmp_path / "coords.f32"))});
const coordinates = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
dataset.addProjection('gpu-tsne', coordinates); // rejects a length that is not steps x 2
await saveDataset(dataset, {json.dumps(str(out))}, {{ statePrecision: 'int8' }});
"""
    done = subprocess.run(
        ["node", "--import", "tsx", "--input-type=module", "-e", attach], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr

    steps, projections = load_in_node(out, tmp_path)

    assert steps == 96617
    assert sorted(projections) == ["gpu-tsne", "pca", "tsne"]
    np.testing.assert_array_equal(projections["gpu-tsne"], coords)
    # The states the coordinates came from survive the round trip (int8 again, same scales).
    np.testing.assert_array_equal(hidden_states(out), hidden)


def test_manifest_names_an_npy_file_of_coordinates(small_export, tmp_path):
    path = tmp_path / "model.json"
    write_dataset(path, **small_export, precision="int8")
    coords = coordinates(hidden_states(path))
    np.save(tmp_path / "gpu-tsne.npy", coords)
    manifest = json.loads(path.read_text("utf-8"))
    manifest.setdefault("projections", {})["gpu-tsne"] = {"file": "gpu-tsne.npy"}
    path.write_text(json.dumps(manifest), "utf-8")

    steps, projections = load_in_node(path, tmp_path)

    assert steps == 9
    np.testing.assert_array_equal(projections["gpu-tsne"], coords)


def test_core_refuses_coordinates_of_the_wrong_length(small_export, tmp_path):
    # One row short: core must say so rather than show a map that does not match the states.
    path = tmp_path / "model.json"
    write_dataset(path, **small_export)
    np.save(tmp_path / "short.npy", coordinates(small_export["hidden"])[:-1])
    manifest = json.loads(path.read_text("utf-8"))
    manifest["projections"] = {"gpu-tsne": {"file": "short.npy"}}
    path.write_text(json.dumps(manifest), "utf-8")

    with pytest.raises(AssertionError, match=r'"projections\.gpu-tsne": has 8 rows, but the sequences have 9'):
        load_in_node(path, tmp_path)
