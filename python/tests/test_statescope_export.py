"""Tests of statescope_export: validation messages, the written files read back with numpy, and
the PyTorch helpers against PyTorch's own modules. Run: /usr/bin/python3 -m pytest python/tests -q
(the Node round trip in test/python/ checks that @statescope/core and @statescope/rnn read the files)."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import statescope_export as se
from statescope_export import StatescopeExportError, binary_expected, write_dataset

TOKENS = [["a", "b", "c"], ["d", "e"], ["f", "g", "h", "i"]]
STEPS = 9
CLASSES = ["x", "y", "z"]


def softmax_rows(rng, steps=STEPS, classes=3):
    logits = rng.normal(size=(steps, classes))
    e = np.exp(logits)
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def valid(rng, **changes):
    """Arguments of a valid 3-sequence, 9-step, 2-layer dataset, with some replaced."""
    args = dict(
        tokens=TOKENS,
        hidden=[rng.normal(size=(STEPS, 4)).astype(np.float32), rng.normal(size=(STEPS, 4)).astype(np.float32)],
        cell=[rng.normal(size=(STEPS, 4)).astype(np.float32), None],
        expected=softmax_rows(rng),
        labels=[0, 2, 1],
        classes=CLASSES,
    )
    args.update(changes)
    return args


def read_back(manifest_path):
    """The manifest and every array it refers to, decoded with numpy alone."""
    manifest = json.loads(Path(manifest_path).read_text("utf-8"))

    def array(ref):
        raw = (Path(manifest_path).parent / ref["file"]).read_bytes()
        dtype = {"float32": "<f4", "float16": "<f2", "int8": "i1"}[ref["dtype"]]
        values = np.frombuffer(raw, dtype=dtype, count=int(np.prod(ref["shape"])), offset=ref["byteOffset"])
        values = values.reshape(ref["shape"]).astype(np.float64)
        return values * np.asarray(ref["scale"]) if "scale" in ref else values

    return manifest, array


@pytest.fixture
def rng():
    return np.random.default_rng(7)


# ---------------------------------------------------------------------------------------------
# write_dataset: validation


def expect_error(tmp_path, match, **args):
    path = tmp_path / "ds.json"
    with pytest.raises(StatescopeExportError, match=match) as info:
        write_dataset(path, **args)
    assert list(tmp_path.iterdir()) == [], "nothing is written when validation fails"
    return info.value


def test_a_non_finite_state_names_field_sequence_step(tmp_path, rng):
    args = valid(rng)
    args["hidden"][1][6, 2] = np.nan  # step 6 = sequence 2, step 1
    error = expect_error(tmp_path, r'field "hidden\[1\]", sequence 2, step 1: holds nan at column 2', **args)
    assert (error.field, error.sequence, error.step) == ("hidden[1]", 2, 1)
    assert isinstance(error, ValueError)


def test_an_expected_row_that_does_not_sum_to_one_is_refused_with_its_place(tmp_path, rng):
    args = valid(rng)
    args["expected"][4] = [0.9, 0.5, 0.4]  # sequence 1, step 1
    expect_error(
        tmp_path, r'field "expected", sequence 1, step 1: row sums to 1.8; probabilities must sum to 1', **args
    )
    args = valid(rng)
    args["expected"][8] = [1.5, -0.25, -0.25]
    expect_error(tmp_path, r"sequence 2, step 3: holds 1.5 at column 0; probabilities must lie in \[0, 1\]", **args)


def test_a_single_probability_column_is_refused_naming_binary_expected(tmp_path, rng):
    p = rng.uniform(size=STEPS).astype(np.float32)
    for expected in (p, p[:, None], [p[:3], p[3:5], p[5:]]):
        error = expect_error(tmp_path, r"binary_expected\(p\)", **valid(rng, expected=expected, classes=["n", "p"], labels=[0, 1, 1]))
        assert error.field == "expected"


def test_binary_expected_gives_one_minus_p_and_p():
    p = np.array([0.0, 0.25, 1.0], dtype=np.float32)
    expected = binary_expected(p)
    assert expected.dtype == np.float32 and expected.shape == (3, 2)
    np.testing.assert_allclose(expected, [[1, 0], [0.75, 0.25], [0, 1]])
    np.testing.assert_array_equal(binary_expected(p[:, None]), expected)
    parts = binary_expected([p[:1], p[1:]])
    assert [part.shape for part in parts] == [(1, 2), (2, 2)]
    with pytest.raises(StatescopeExportError, match="expected \\(steps,\\)"):
        binary_expected(np.zeros((2, 2)))


def test_labels_predictions_classes_tokens_and_ids_are_checked(tmp_path, rng):
    expect_error(tmp_path, r'field "labels", sequence 2: class index 3 is out of range', **valid(rng, labels=[0, 1, 3]))
    expect_error(tmp_path, r'field "labels", sequence 0: class index 0.5', **valid(rng, labels=[0.5, 1, 1]))
    expect_error(tmp_path, r'field "labels": has 2 entries', **valid(rng, labels=[0, 1]))
    expect_error(tmp_path, r'field "predictions", sequence 1', **valid(rng, predictions=[0, -1, 1]))
    expect_error(tmp_path, r'field "classes": must be a list of at least two', **valid(rng, classes=["only"]))
    expect_error(
        tmp_path,
        r'field "tokens", sequence 1: has no tokens; every sequence needs at least one',
        **valid(rng, tokens=[["a", "b", "c"], [], ["d", "e", "f", "g", "h", "i"]]),
    )
    expect_error(
        tmp_path,
        r'field "tokens", sequence 2, step 3: token must be a string, got int',
        **valid(rng, tokens=[["a", "b", "c"], ["d", "e"], ["f", "g", "h", 4]]),
    )
    expect_error(
        tmp_path, r'field "ids", sequence 2: id "a" repeats the id of sequence 0', **valid(rng, ids=["a", "b", "a"])
    )
    expect_error(tmp_path, r'field "expected": has 2 columns, but classes names 3', **valid(rng, expected=softmax_rows(rng, classes=2)))
    expect_error(tmp_path, r'field "precision"', **valid(rng), precision="float64")
    expect_error(tmp_path, r'field "metadata.accuracy"', **valid(rng), metadata={"accuracy": 86.1})
    expect_error(tmp_path, r'field "metadata.accuracyScope"', **valid(rng), metadata={"accuracyScope": 8543})
    expect_error(tmp_path, r'field "metadata": must be JSON-serialisable', **valid(rng), metadata={"x": {1, 2}})


def test_shapes_must_agree_with_the_token_counts(tmp_path, rng):
    expect_error(
        tmp_path,
        r'field "hidden\[0\]": has 8 rows, but the sequences have 9 tokens in all',
        **valid(rng, hidden=[np.zeros((8, 4)), np.zeros((STEPS, 4))]),
    )
    expect_error(
        tmp_path,
        r'field "hidden", sequence 1: has 3 rows, the sequence has 2 tokens',
        **valid(rng, hidden=[[np.zeros((3, 4)), np.zeros((3, 4)), np.zeros((3, 4))]], cell=None),
    )
    expect_error(
        tmp_path, r'field "hidden": has shape \(3, 4, 4\)', **valid(rng, hidden=np.zeros((3, 4, 4)), cell=None)
    )
    expect_error(
        tmp_path,
        r'field "cell\[0\]": has 5 units, its hidden states have 4',
        **valid(rng, cell=[np.zeros((STEPS, 5)), None]),
    )
    expect_error(tmp_path, r'field "cell": has 1 layers, hidden has 2', **valid(rng, cell=np.zeros((STEPS, 4))))
    expect_error(tmp_path, r'field "layer_names"', **valid(rng, layer_names=["same", "same"]))
    expect_error(
        tmp_path,
        r'field "projections.tsne": has 3 columns',
        **valid(rng, projections={"tsne": np.zeros((STEPS, 3))}),
    )
    large = np.zeros((STEPS, 4))
    large[7, 3] = -7e4
    expect_error(
        tmp_path,
        r'field "hidden\[1\]", sequence 2, step 2: holds -70000.0 at column 3, beyond float16',
        **valid(rng, hidden=[np.zeros((STEPS, 4)), large]),
        precision="float16",
    )


# ---------------------------------------------------------------------------------------------
# write_dataset: what it writes


def test_writes_a_manifest_and_an_aligned_binary_that_numpy_reads_back(tmp_path, rng):
    args = valid(rng, ids=["s0", "s1", 7], predictions=np.array([0, 2, 2]))
    projections = {"pca": rng.normal(size=(STEPS, 2))}
    paths = write_dataset(
        tmp_path / "model.json", **args, layer_names=["lstm.0", "lstm.1"], projections=projections, metadata={"model": "m"}
    )
    assert paths == [str(tmp_path / "model.json"), str(tmp_path / "model.bin")]
    manifest, array = read_back(paths[0])
    assert manifest["format"] == "statescope" and manifest["version"] == 1
    assert manifest["classes"] == CLASSES and manifest["metadata"] == {"model": "m"}
    assert manifest["sequences"][2] == {"id": "7", "label": 1, "prediction": 2, "tokens": ["f", "g", "h", "i"]}
    assert [layer["name"] for layer in manifest["layers"]] == ["lstm.0", "lstm.1"]
    assert "cell" in manifest["layers"][0] and "cell" not in manifest["layers"][1]
    refs = [manifest["expectedPredictions"], manifest["projections"]["pca"]]
    refs += [ref for layer in manifest["layers"] for ref in layer.values() if isinstance(ref, dict)]
    assert all(ref["byteOffset"] % 8 == 0 and ref["file"] == "model.bin" for ref in refs)
    np.testing.assert_array_equal(array(manifest["expectedPredictions"]), args["expected"])
    np.testing.assert_array_equal(array(manifest["layers"][1]["hidden"]), args["hidden"][1])
    np.testing.assert_array_equal(array(manifest["layers"][0]["cell"]), args["cell"][0])
    np.testing.assert_array_equal(array(manifest["projections"]["pca"]), projections["pca"].astype(np.float32))


def test_creates_the_folder_it_writes_into(tmp_path, rng):
    paths = write_dataset(tmp_path / "export" / "run-1" / "model.json", **valid(rng))
    assert [Path(p).name for p in paths] == ["model.json", "model.bin"]
    assert sorted(p.name for p in (tmp_path / "export" / "run-1").iterdir()) == ["model.bin", "model.json"]


def test_takes_per_sequence_arrays_tensors_and_a_single_layer(tmp_path, rng):
    hidden = rng.normal(size=(STEPS, 3)).astype(np.float32)
    per_sequence = [hidden[:3], hidden[3:5], hidden[5:]]
    expected = softmax_rows(rng)
    write_dataset(
        tmp_path / "a.json",
        tokens=TOKENS,
        hidden=per_sequence,  # one layer, given per sequence
        expected=[expected[:3], expected[3:5], expected[5:]],
        labels=np.array([0, 1, 2]),
        classes=CLASSES,
    )
    manifest, array = read_back(tmp_path / "a.json")
    assert [layer["name"] for layer in manifest["layers"]] == ["rnn"]
    np.testing.assert_array_equal(array(manifest["layers"][0]["hidden"]), hidden)
    assert "prediction" not in manifest["sequences"][0] and "id" not in manifest["sequences"][0]
    # Two layers, each given per sequence.
    write_dataset(
        tmp_path / "b.json", tokens=TOKENS, hidden=[per_sequence, per_sequence], expected=expected, labels=[0, 1, 2],
        classes=CLASSES,
    )
    manifest, _ = read_back(tmp_path / "b.json")
    assert [layer["name"] for layer in manifest["layers"]] == ["rnn.0", "rnn.1"]


def test_float16_and_int8_states_stay_within_their_bounds(tmp_path, rng):
    args = valid(rng)
    for precision in ("float16", "int8"):
        write_dataset(tmp_path / f"{precision}.json", **args, precision=precision)
        manifest, array = read_back(tmp_path / f"{precision}.json")
        ref = manifest["layers"][0]["hidden"]
        assert ref["dtype"] == precision
        original = args["hidden"][0].astype(np.float64)
        error = np.abs(array(ref) - original)
        if precision == "float16":
            assert np.all(error <= np.abs(original) * 2**-11 + 1e-7)
        else:
            assert np.all(error <= np.abs(original).max(axis=0) / 254 + 1e-7)
            assert len(ref["scale"]) == 4
        # Expected predictions are always float32, exactly.
        assert manifest["expectedPredictions"]["dtype"] == "float32"
        np.testing.assert_array_equal(array(manifest["expectedPredictions"]), args["expected"])


def test_imports_without_torch():
    # numpy only at import time: a machine without PyTorch can still write datasets.
    code = "import sys, statescope_export; print('torch' in sys.modules)"
    here = Path(se.__file__).parent
    out = subprocess.run([sys.executable, "-c", code], cwd=here, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------------------------------------
# PyTorch

torch = pytest.importorskip("torch")
nn = torch.nn
torch.set_num_threads(1)


def sequences(seed=3, count=5, vocabulary=12):
    generator = np.random.default_rng(seed)
    return [generator.integers(0, vocabulary, size=int(n)).tolist() for n in generator.integers(1, 9, size=count)]


def stepped_lstm(rnn, x):
    """Per-layer h_t and c_t by stepping nn.LSTMCell with each layer's weights (the reference)."""
    hidden, cell = [], []
    for l in range(rnn.num_layers):
        step = nn.LSTMCell(rnn.input_size if l == 0 else rnn.hidden_size, rnn.hidden_size)
        with torch.no_grad():
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(step, name).copy_(getattr(rnn, f"{name}_l{l}"))
        h = c = torch.zeros(1, rnn.hidden_size)
        hs, cs = [], []
        for t in range(len(x)):
            h, c = step(x[t : t + 1], (h, c))
            hs.append(h[0])
            cs.append(c[0])
        x = torch.stack(hs)
        hidden.append(x.numpy())
        cell.append(torch.stack(cs).numpy())
    return hidden, cell


@pytest.mark.parametrize("batch_first", [False, True])
def test_run_torch_classifier_reproduces_nn_lstm_for_either_batch_layout(batch_first):
    torch.manual_seed(0)
    embedding = nn.Embedding(12, 5)
    rnn = nn.LSTM(5, 6, num_layers=2, batch_first=batch_first, dropout=0.3)
    head = nn.Linear(6, 3)
    rnn.train()  # run_torch_classifier must switch dropout off, and restore the mode afterwards
    ids = sequences()
    run = se.run_torch_classifier(embedding, rnn, head, ids)
    assert rnn.training
    assert run.kind == "lstm" and run.layer_names == ["lstm.0", "lstm.1"]
    assert [h.shape for h in run.hidden] == [(sum(map(len, ids)), 6)] * 2
    rnn.eval()
    with torch.no_grad():
        for s, sequence in enumerate(ids):
            rows = slice(run.offsets[s], run.offsets[s + 1])
            x = embedding(torch.tensor(sequence))
            batch = x[None] if batch_first else x[:, None]
            out, (h_n, c_n) = rnn(batch)
            top = (out[0] if batch_first else out[:, 0]).numpy()
            np.testing.assert_allclose(run.hidden[1][rows], top, atol=1e-6, rtol=0)
            # The last step of every layer is PyTorch's final (h_n, c_n).
            for l in range(2):
                np.testing.assert_allclose(run.hidden[l][rows][-1], h_n[l, 0].numpy(), atol=1e-6, rtol=0)
                np.testing.assert_allclose(run.cell[l][rows][-1], c_n[l, 0].numpy(), atol=1e-6, rtol=0)
            hidden, cell = stepped_lstm(rnn, x)
            for l in range(2):
                np.testing.assert_allclose(run.hidden[l][rows], hidden[l], atol=1e-6, rtol=0)
                np.testing.assert_allclose(run.cell[l][rows], cell[l], atol=1e-6, rtol=0)
            probabilities = torch.softmax(head(torch.from_numpy(top)), dim=1).numpy()
            np.testing.assert_allclose(run.expected[rows], probabilities, atol=1e-6, rtol=0)
            assert run.predictions[s] == np.argmax(probabilities[-1])


def test_run_torch_classifier_on_a_gru_with_a_sigmoid_head_and_tensor_ids():
    torch.manual_seed(1)
    embedding = nn.Embedding(12, 4)
    rnn = nn.GRU(4, 5, num_layers=2, batch_first=True)
    head = nn.Linear(5, 1)
    ids = [torch.tensor(sequence) for sequence in sequences(seed=4)]
    run = se.run_torch_classifier(embedding, rnn, head, ids)
    assert run.cell is None and run.layer_names == ["gru.0", "gru.1"]
    assert run.expected.shape == (sum(map(len, ids)), 2)
    with torch.no_grad():
        for s, sequence in enumerate(ids):
            rows = slice(run.offsets[s], run.offsets[s + 1])
            out, _ = rnn(embedding(sequence)[None])
            np.testing.assert_allclose(run.hidden[1][rows], out[0].numpy(), atol=1e-6, rtol=0)
            p = torch.sigmoid(head(out[0]))[:, 0].numpy()
            np.testing.assert_allclose(run.expected[rows, 1], p, atol=1e-6, rtol=0)
            np.testing.assert_allclose(run.expected[rows].sum(axis=1), 1, atol=1e-6)
            assert run.predictions[s] == int(p[-1] > 0.5)
    # The run's fields fit write_dataset as they are.
    fields = run.dataset_fields()
    assert set(fields) == {"hidden", "cell", "expected", "predictions", "layer_names"}


def test_run_torch_classifier_refuses_what_it_cannot_follow():
    embedding = nn.Embedding(12, 4)
    head = nn.Linear(5, 2)
    with pytest.raises(StatescopeExportError, match='field "rnn": is bidirectional'):
        se.run_torch_classifier(embedding, nn.LSTM(4, 5, bidirectional=True), head, [[1]])
    with pytest.raises(StatescopeExportError, match="proj_size=3"):
        se.run_torch_classifier(embedding, nn.LSTM(4, 5, proj_size=3), head, [[1]])
    with pytest.raises(StatescopeExportError, match="must be a torch.nn.LSTM"):
        se.run_torch_classifier(embedding, nn.Linear(4, 5), head, [[1]])
    with pytest.raises(StatescopeExportError, match=r'field "token_ids_list", sequence 1, step 2: token id 12'):
        se.run_torch_classifier(embedding, nn.GRU(4, 5), head, [[1], [1, 2, 12]])
    with pytest.raises(StatescopeExportError, match=r"sequence 0: has no tokens"):
        se.run_torch_classifier(embedding, nn.GRU(4, 5), head, [[]])


def test_export_torch_weights_lays_out_pytorch_parameters_as_statescope_rnn_reads_them(tmp_path):
    torch.manual_seed(2)
    embedding = nn.Embedding(6, 3)
    rnn = nn.GRU(3, 4, num_layers=2)
    head = nn.Linear(4, 1)
    vocabulary = ["<unk>", "a", "b", "c", "d", "e"]
    paths = se.export_torch_weights(
        tmp_path / "m.model.json", embedding, rnn, head, classes=["neg", "pos"], vocabulary=vocabulary, max_tokens=50
    )
    assert paths == [str(tmp_path / "m.model.json"), str(tmp_path / "m.model.bin")]
    manifest = json.loads(Path(paths[0]).read_text())
    assert {k: manifest[k] for k in ("format", "version", "kind", "layers", "classCount", "maxTokens")} == {
        "format": "statescope-rnn",
        "version": 1,
        "kind": "gru",
        "layers": 2,
        "classCount": 2,
        "maxTokens": 50,
    }
    names = [p["name"] for p in manifest["weights"]["parameters"]]
    assert names == [
        "embedding",
        *["inputWeights", "recurrentWeights", "bias", "recurrentBias"],
        *["inputWeights.1", "recurrentWeights.1", "bias.1", "recurrentBias.1"],
        "outputWeights",
        "outputBias",
    ]
    blob = np.frombuffer(Path(paths[1]).read_bytes(), dtype="<f4")
    assert blob.nbytes == manifest["weights"]["byteLength"]

    def group(name):
        entry = next(p for p in manifest["weights"]["parameters"] if p["name"] == name)
        start = entry["byteOffset"] // 4
        return blob[start : start + entry["rows"] * entry["columns"]].reshape(entry["rows"], entry["columns"])

    with torch.no_grad():
        b_ih, b_hh = rnn.bias_ih_l1.numpy(), rnn.bias_hh_l1.numpy()
        np.testing.assert_allclose(group("bias.1")[0, :8], b_ih[:8] + b_hh[:8], rtol=1e-6)
        np.testing.assert_array_equal(group("bias.1")[0, 8:], b_ih[8:])
        np.testing.assert_array_equal(group("recurrentBias.1")[0], b_hh[8:])
        np.testing.assert_array_equal(group("inputWeights.1"), rnn.weight_ih_l1.numpy())
        # The one-logit head as a two-class softmax head: rows [0, w], biases [0, b].
        np.testing.assert_array_equal(group("outputWeights"), np.stack([np.zeros(4), head.weight[0].numpy()]))
        np.testing.assert_array_equal(group("outputBias")[0], [0, head.bias[0].item()])


def test_export_torch_weights_refuses_models_rnn_cannot_run(tmp_path):
    embedding = nn.Embedding(6, 3)
    rnn = nn.LSTM(3, 4)
    args = dict(classes=["a", "b"])
    with pytest.raises(StatescopeExportError, match='field "head": must be a torch.nn.Linear'):
        se.export_torch_weights(tmp_path / "m.json", embedding, rnn, nn.Sequential(nn.Linear(4, 2)), **args)
    with pytest.raises(StatescopeExportError, match='field "classes": has 3 names for a head with 2 outputs'):
        se.export_torch_weights(tmp_path / "m.json", embedding, rnn, nn.Linear(4, 2), classes=["a", "b", "c"])
    with pytest.raises(StatescopeExportError, match='field "vocabulary": entry 0 is .<pad>.'):
        se.export_torch_weights(
            tmp_path / "m.json", embedding, rnn, nn.Linear(4, 2), vocabulary=["<pad>", *"abcde"], **args
        )
    with pytest.raises(StatescopeExportError, match="must be a torch.nn.LSTM or torch.nn.GRU"):
        se.export_torch_weights(tmp_path / "m.json", embedding, nn.RNN(3, 4), nn.Linear(4, 2), **args)
    assert list(tmp_path.iterdir()) == []
