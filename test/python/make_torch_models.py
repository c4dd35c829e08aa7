"""Trains small PyTorch classifiers for a few seconds, exports them with statescope_export and writes
PyTorch's reference states, for test/python/torchRoundTrip.test.ts.

Usage: /usr/bin/python3 test/python/make_torch_models.py OUTDIR

The task, made here: token sequences of length 3..20 over a vocabulary of 30 ("<unk>", "w1" ...
"w29"). Filler tokens are w4..w29; each sequence holds one to three copies of one marker (w1,
w2 or w3), and its class is that marker (3 classes); the binary task asks whether w1 occurs.

For every model NAME, OUTDIR gets:
- NAME.json + NAME.bin: the dataset (write_dataset of run_torch_classifier's states),
- NAME.model.json + NAME.model.bin: the weights (export_torch_weights),
- NAME.ref.hidden.L.npy, NAME.ref.cell.L.npy (LSTM), NAME.ref.expected.npy: the reference,
  computed apart from the exporter by stepping nn.LSTMCell / nn.GRUCell built from each
  layer's weights, and checked here against the module's own top-layer output;
and summary.json describes the models, their test sequences and accuracies.
"""

import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
import statescope_export as se  # noqa: E402

torch.set_num_threads(1)  # two cores here, and the Node tests run beside this
VOCABULARY = ["<unk>"] + [f"w{i}" for i in range(1, 30)]
MARKERS = [1, 2, 3]


def make_task(rng, count, binary):
    """(token id lists, labels): class = the marker a sequence holds (binary: is it w1?)."""
    sequences, labels = [], []
    for _ in range(count):
        length = int(rng.integers(3, 21))
        ids = rng.integers(4, 30, size=length)
        marker = int(rng.integers(0, 3))
        for position in rng.choice(length, size=int(rng.integers(1, 4)), replace=False):
            ids[position] = MARKERS[marker]
        sequences.append(ids.tolist())
        labels.append(int(marker == 0) if binary else marker)
    return sequences, labels


class Classifier(nn.Module):
    """embedding -> rnn -> head on the last step, in the rnn's own batch layout."""

    def __init__(self, kind, layers, batch_first, outputs):
        super().__init__()
        torch.manual_seed(1)
        self.embedding = nn.Embedding(len(VOCABULARY), 10)
        recurrent = nn.LSTM if kind == "lstm" else nn.GRU
        self.rnn = recurrent(10, 12, num_layers=layers, batch_first=batch_first)
        self.head = nn.Linear(12, outputs)
        self.batch_first = batch_first

    def forward(self, ids):  # ids: (batch, steps), all sequences of a batch of one length
        x = self.embedding(ids)
        out, _ = self.rnn(x if self.batch_first else x.transpose(0, 1))
        return self.head(out[:, -1] if self.batch_first else out[-1])


def train(model, sequences, labels, binary, seconds):
    """Adam on batches of equal-length sequences (no padding) until the training accuracy is
    at least 98 % or the time is up."""
    optimiser = torch.optim.Adam(model.parameters(), lr=0.02)
    by_length = {}
    for ids, label in zip(sequences, labels):
        by_length.setdefault(len(ids), []).append((ids, label))
    batches = [
        (torch.tensor([ids for ids, _ in group]), torch.tensor([label for _, label in group]))
        for group in by_length.values()
    ]
    loss_function = nn.BCEWithLogitsLoss() if binary else nn.CrossEntropyLoss()
    start = time.perf_counter()
    epochs = 0
    while time.perf_counter() - start < seconds:
        model.train()
        for ids, target in batches:
            optimiser.zero_grad()
            logits = model(ids)
            loss = loss_function(logits[:, 0], target.float()) if binary else loss_function(logits, target)
            loss.backward()
            optimiser.step()
        epochs += 1
        if accuracy(model, batches, binary) >= 0.98:
            break
    return epochs


def accuracy(model, batches, binary):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for ids, target in batches:
            logits = model(ids)
            predicted = (logits[:, 0] > 0).long() if binary else logits.argmax(dim=1)
            correct += int((predicted == target).sum())
            total += len(target)
    return correct / total


def reference_states(rnn, x):
    """h_t (and c_t) of every layer of one sequence (x: steps x input), stepping a cell built
    from each layer's weights: a computation apart from the exporter's."""
    hidden, cell = [], []
    for l in range(rnn.num_layers):
        size = rnn.input_size if l == 0 else rnn.hidden_size
        step = nn.LSTMCell(size, rnn.hidden_size) if isinstance(rnn, nn.LSTM) else nn.GRUCell(size, rnn.hidden_size)
        with torch.no_grad():
            for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
                getattr(step, name).copy_(getattr(rnn, f"{name}_l{l}"))
        h = torch.zeros(1, rnn.hidden_size)
        c = torch.zeros(1, rnn.hidden_size)
        hs, cs = [], []
        for t in range(len(x)):
            if isinstance(rnn, nn.LSTM):
                h, c = step(x[t : t + 1], (h, c))
                cs.append(c[0])
            else:
                h = step(x[t : t + 1], h)
            hs.append(h[0])
        x = torch.stack(hs)
        hidden.append(x.numpy())
        cell.append(torch.stack(cs).numpy() if cs else None)
    return hidden, cell


def export(out, name, kind, layers, batch_first, binary, rng):
    outputs = 1 if binary else 3
    classes = ["other", "has w1"] if binary else ["w1", "w2", "w3"]
    train_ids, train_labels = make_task(rng, 600, binary)
    test_ids, test_labels = make_task(rng, 60, binary)
    model = Classifier(kind, layers, batch_first, outputs)
    started = time.perf_counter()
    epochs = train(model, train_ids, train_labels, binary, seconds=6)
    seconds = time.perf_counter() - started
    model.eval()

    run = se.run_torch_classifier(model.embedding, model.rnn, model.head, test_ids)
    tokens = [[VOCABULARY[i] for i in ids] for ids in test_ids]
    test_accuracy = float(np.mean(run.predictions == np.asarray(test_labels)))
    se.write_dataset(
        out / f"{name}.json",
        tokens=tokens,
        labels=test_labels,
        classes=classes,
        ids=[f"{name}/{s}" for s in range(len(test_ids))],
        metadata={"model": f"PyTorch {kind.upper()} x{layers}, batch_first={batch_first}", "accuracy": test_accuracy},
        **run.dataset_fields(),
    )
    se.export_torch_weights(
        out / f"{name}.model.json", model.embedding, model.rnn, model.head, classes=classes, vocabulary=VOCABULARY
    )

    # The reference, sequence by sequence; its top layer must be what the module itself returns.
    ref_hidden = [[] for _ in range(layers)]
    ref_cell = [[] for _ in range(layers)]
    ref_expected, ref_predictions = [], []
    worst_top = 0.0
    with torch.no_grad():
        for ids in test_ids:
            x = model.embedding(torch.tensor(ids))
            hidden, cell = reference_states(model.rnn, x)
            out_module, _ = model.rnn(x[None] if batch_first else x[:, None])
            top = out_module[0] if batch_first else out_module[:, 0]
            worst_top = max(worst_top, float(np.abs(hidden[-1] - top.numpy()).max()))
            logits = model.head(top)
            if binary:
                p = torch.sigmoid(logits[:, 0])
                probabilities = torch.stack([1 - p, p], dim=1)
            else:
                probabilities = torch.softmax(logits, dim=1)
            ref_expected.append(probabilities.numpy())
            ref_predictions.append(int(probabilities[-1].argmax()))
            for l in range(layers):
                ref_hidden[l].append(hidden[l])
                ref_cell[l].append(cell[l])
    if worst_top > 1e-6:
        raise SystemExit(f"{name}: the stepped reference is {worst_top} away from nn.{kind.upper()}'s own output")
    files = {"hidden": [], "cell": [], "expected": f"{name}.ref.expected.npy"}
    for l in range(layers):
        files["hidden"].append(f"{name}.ref.hidden.{l}.npy")
        np.save(out / files["hidden"][l], np.concatenate(ref_hidden[l]).astype(np.float32))
        if kind == "lstm":
            files["cell"].append(f"{name}.ref.cell.{l}.npy")
            np.save(out / files["cell"][l], np.concatenate(ref_cell[l]).astype(np.float32))
    np.save(out / files["expected"], np.concatenate(ref_expected).astype(np.float32))
    return {
        "name": name,
        "kind": kind,
        "layers": layers,
        "batchFirst": batch_first,
        "headOutputs": outputs,
        "classes": classes,
        "tokenIds": test_ids,
        "labels": test_labels,
        "predictions": ref_predictions,
        "accuracy": test_accuracy,
        "chance": 0.5 if binary else 1 / 3,
        "epochs": epochs,
        "trainSeconds": round(seconds, 2),
        "topLayerDeviation": worst_top,
        "reference": files,
    }


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_torch_models.py OUTDIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(5)
    models = [
        export(out, "lstm2", "lstm", 2, batch_first=False, binary=False, rng=rng),
        export(out, "gru1", "gru", 1, batch_first=True, binary=False, rng=rng),
        export(out, "gru2sigmoid", "gru", 2, batch_first=False, binary=True, rng=rng),
    ]
    (out / "summary.json").write_text(json.dumps({"torch": torch.__version__, "models": models}))


if __name__ == "__main__":
    main()
