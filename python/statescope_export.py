"""Export the hidden states of a recurrent classifier to Statescope.

Three functions:

- ``write_dataset(path, ...)`` writes the native Statescope format (a JSON manifest and one
  little-endian ``.bin`` beside it) that ``@statescope/core``'s ``loadDataset`` and
  ``statescope open`` read. Everything is validated first, as core does, and nothing is written
  when a check fails: ``StatescopeExportError`` names the field, the sequence and the step.
- ``run_torch_classifier(embedding, rnn, head, token_ids_list)`` runs a PyTorch ``nn.LSTM`` /
  ``nn.GRU`` (any ``batch_first``, one or more layers) over each sequence and returns the hidden
  (and cell) states of every layer at every step and the head applied to every step.
- ``export_torch_weights(path, embedding, rnn, head, ...)`` writes the ``statescope-rnn`` weight
  format, so that ``@statescope/rnn`` runs the same model in TypeScript (what-if runs).

Only numpy is needed at import time; PyTorch is imported by the two torch functions.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

__all__ = [
    "StatescopeExportError",
    "TorchRun",
    "binary_expected",
    "export_torch_weights",
    "run_torch_classifier",
    "write_dataset",
]
__version__ = "0.1.0"

DATASET_FORMAT = "statescope"
DATASET_VERSION = 1
WEIGHT_FORMAT = "statescope-rnn"
WEIGHT_VERSION = 1
UNKNOWN_TOKEN = "<unk>"

# core (StateDataset.ts) accepts probabilities this far outside [0, 1], for float rounding.
PROBABILITY_SLACK = 1e-6
# core does not check row sums; this catches logits, unnormalised scores and per-class sigmoids
# while letting float16 or float32 rounding of a softmax through.
ROW_SUM_TOLERANCE = 1e-3
FLOAT16_MAX = 65504.0
STATE_PRECISIONS = ("float32", "float16", "int8")


class StatescopeExportError(ValueError):
    """Bad input to an exporter function. ``field``, ``sequence`` and ``step`` (0-based, each
    possibly None) say where; the message names them the way ``@statescope/core`` does:
    ``field "expected", sequence 3, step 12: row sums to 1.8; probabilities must sum to 1``."""

    def __init__(
        self,
        problem: str,
        *,
        field: Optional[str] = None,
        sequence: Optional[int] = None,
        step: Optional[int] = None,
    ) -> None:
        self.problem = problem
        self.field = field
        self.sequence = sequence
        self.step = step
        where = []
        if field is not None:
            where.append(f'field "{field}"')
        if sequence is not None:
            where.append(f"sequence {sequence}")
        if step is not None:
            where.append(f"step {step}")
        super().__init__(f"{', '.join(where)}: {problem}" if where else problem)


# --------------------------------------------------------------------------------------------
# Validation helpers


class _Steps:
    """Steps of all sequences, concatenated: sequence s owns rows offsets[s]..offsets[s+1]-1."""

    def __init__(self, lengths: Sequence[int]) -> None:
        self.lengths = np.asarray(lengths, dtype=np.int64)
        self.offsets = np.concatenate([[0], np.cumsum(self.lengths)]).astype(np.int64)
        self.total = int(self.offsets[-1])

    def locate(self, row: int) -> Dict[str, int]:
        sequence = int(np.searchsorted(self.offsets, row, side="right") - 1)
        return {"sequence": sequence, "step": int(row - self.offsets[sequence])}


def _type_name(value: Any) -> str:
    return type(value).__name__


def _to_numpy(value: Any, field: str) -> np.ndarray:
    """An array from numpy input, nested lists, or a tensor (detached, moved to the CPU)."""
    if hasattr(value, "detach") and hasattr(value, "cpu"):
        value = value.detach().cpu().numpy()
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as error:  # ragged nested lists
        raise StatescopeExportError(f"is not a numeric array: {error}", field=field) from None
    if array.dtype.kind not in "fiub":
        raise StatescopeExportError(f"must hold numbers, got an array of dtype {array.dtype}", field=field)
    return array


def _as_list(value: Any) -> Optional[list]:
    """A list from a list, tuple, numpy array or tensor; None for anything else (strings too)."""
    if isinstance(value, (str, bytes)):
        return None
    if isinstance(value, (list, tuple)):
        return list(value)
    if hasattr(value, "tolist") and getattr(value, "ndim", 0) >= 1:
        return value.tolist()
    return None


def _depth(value: Any) -> int:
    """Number of dimensions, without building an array (lists may be ragged: per-sequence)."""
    if hasattr(value, "ndim"):
        return int(value.ndim)
    if isinstance(value, (list, tuple)):
        return 1 + _depth(value[0]) if len(value) > 0 else 1
    return 0


def _is_per_sequence(value: Any) -> bool:
    """A list or tuple of 2-D arrays is one array per sequence; anything else is one array."""
    return isinstance(value, (list, tuple)) and len(value) > 0 and _depth(value[0]) == 2


def _step_matrix(value: Any, field: str, steps: _Steps) -> np.ndarray:
    """(total_steps, width) float32 from one concatenated array or a list of per-sequence arrays;
    a 1-D array comes back as (total_steps, 1). Checks the row counts and that values are finite."""
    if _is_per_sequence(value):
        if len(value) != len(steps.lengths):
            raise StatescopeExportError(
                f"has {len(value)} per-sequence arrays for {len(steps.lengths)} sequences", field=field
            )
        parts: List[np.ndarray] = []
        for s, part in enumerate(value):
            array = _to_numpy(part, field)
            if array.ndim != 2:
                raise StatescopeExportError(
                    f"has shape {array.shape}; each per-sequence array must be (steps, width)",
                    field=field,
                    sequence=s,
                )
            if array.shape[0] != steps.lengths[s]:
                raise StatescopeExportError(
                    f"has {array.shape[0]} rows, the sequence has {steps.lengths[s]} tokens",
                    field=field,
                    sequence=s,
                )
            if parts and array.shape[1] != parts[0].shape[1]:
                raise StatescopeExportError(
                    f"has {array.shape[1]} columns, sequence 0 has {parts[0].shape[1]}",
                    field=field,
                    sequence=s,
                )
            parts.append(array)
        matrix = np.concatenate(parts, axis=0)
    else:
        matrix = _to_numpy(value, field)
        if matrix.ndim == 1:
            matrix = matrix[:, None]
        if matrix.ndim != 2:
            raise StatescopeExportError(
                f"has shape {matrix.shape}; give (steps, width) with the sequences concatenated along "
                "the first axis and the padding dropped, or a list of per-sequence (steps, width) arrays",
                field=field,
            )
        if matrix.shape[0] != steps.total:
            raise StatescopeExportError(
                f"has {matrix.shape[0]} rows, but the sequences have {steps.total} tokens in all "
                "(one row per token, sequences concatenated, no padding)",
                field=field,
            )
    if matrix.shape[1] < 1:
        raise StatescopeExportError("has no columns", field=field)
    matrix = np.ascontiguousarray(matrix, dtype=np.float32)
    _check_finite(matrix, field, steps)
    return matrix


def _first_bad(mask: np.ndarray) -> Optional[tuple]:
    """(row, column) of the first True in a 2-D mask, or None."""
    flat = np.flatnonzero(mask.ravel())
    if flat.size == 0:
        return None
    return divmod(int(flat[0]), mask.shape[1])


def _check_finite(matrix: np.ndarray, field: str, steps: _Steps) -> None:
    bad = _first_bad(~np.isfinite(matrix))
    if bad is not None:
        row, column = bad
        raise StatescopeExportError(
            f"holds {matrix[row, column]} at column {column}; values must be finite",
            field=field,
            **steps.locate(row),
        )


def _check_class_indices(values: Any, field: str, count: int, classes: int) -> List[int]:
    items = _as_list(values)
    if items is None or len(items) != count:
        got = f"{len(items)} entries" if items is not None else f"a {_type_name(values)}"
        raise StatescopeExportError(f"has {got}; expected one class index per sequence ({count})", field=field)
    out = []
    for s, value in enumerate(items):
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < classes:
            raise StatescopeExportError(
                f"class index {value!r} is out of range; expected an integer in [0, {classes - 1}]",
                field=field,
                sequence=s,
            )
        out.append(value)
    return out


def _check_classes(classes: Any) -> List[str]:
    names = _as_list(classes)
    if names is None or len(names) < 2:
        raise StatescopeExportError("must be a list of at least two class names", field="classes")
    for i, name in enumerate(names):
        if not isinstance(name, str):
            raise StatescopeExportError(f"class {i} must be a string, got {_type_name(name)}", field="classes")
    if len(names) > 65535:
        raise StatescopeExportError("more than 65,535 classes", field="classes")
    return [str(name) for name in names]


def _check_tokens(tokens: Any) -> List[List[str]]:
    sequences = _as_list(tokens)
    if sequences is None or len(sequences) == 0:
        raise StatescopeExportError("must be a non-empty list with one token list per sequence", field="tokens")
    out = []
    for s, sequence in enumerate(sequences):
        token_list = _as_list(sequence)
        if token_list is None:
            raise StatescopeExportError(
                f"must be a list of token strings, got {_type_name(sequence)}", field="tokens", sequence=s
            )
        if len(token_list) == 0:
            raise StatescopeExportError("has no tokens; every sequence needs at least one", field="tokens", sequence=s)
        for t, token in enumerate(token_list):
            if not isinstance(token, str):
                raise StatescopeExportError(
                    f"token must be a string, got {_type_name(token)}", field="tokens", sequence=s, step=t
                )
        out.append([str(token) for token in token_list])
    return out


def _check_ids(ids: Any, count: int) -> Optional[List[str]]:
    if ids is None:
        return None
    items = _as_list(ids)
    if items is None or len(items) != count:
        raise StatescopeExportError(f"must have one id per sequence ({count})", field="ids")
    seen: Dict[str, int] = {}
    out = []
    for s, value in enumerate(items):
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, (bool, float)) or not isinstance(value, (str, int)):
            raise StatescopeExportError(
                f"id must be a string (or an integer), got {_type_name(value)}", field="ids", sequence=s
            )
        text = str(value)
        if text in seen:
            raise StatescopeExportError(
                f'id "{text}" repeats the id of sequence {seen[text]}; ids must be unique', field="ids", sequence=s
            )
        seen[text] = s
        out.append(text)
    return out


def _per_layer(value: Any, field: str, steps: _Steps) -> List[Any]:
    """One entry per layer (None entries kept), following the convention of ``write_dataset``.

    A list of 2-D arrays is read by its row counts: all equal to the total step count -> one
    array per layer; equal to the sequence lengths -> one layer given per sequence. The two can
    never both hold (with several sequences, no sequence has all the steps)."""
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        return [value]  # one array (or tensor): one layer
    if len(value) == 0:
        raise StatescopeExportError("is an empty list; give one entry per layer", field=field)
    present = [entry for entry in value if entry is not None]
    depth = _depth(present[0]) if present else 2
    if depth <= 1:
        return [value]  # nested lists of numbers: one array
    if depth >= 3 or len(present) < len(value):
        return list(value)  # per-layer entries that are per-sequence lists, or None placeholders
    rows = [int(entry.shape[0]) if hasattr(entry, "shape") else len(entry) for entry in value]
    if all(n == steps.total for n in rows) or len(value) != len(steps.lengths):
        return list(value)
    if len(value) == len(steps.lengths) and all(n == length for n, length in zip(rows, steps.lengths)):
        return [value]
    raise StatescopeExportError(
        f"is a list of {len(value)} arrays with {', '.join(map(str, rows[:6]))}{'...' if len(rows) > 6 else ''} "
        f"rows; give one (steps, units) array per layer ({steps.total} rows each, sequences concatenated), "
        f"or one layer as one (T_s, units) array per sequence ({len(steps.lengths)} arrays)",
        field=field,
    )


def _check_layers(hidden: Any, cell: Any, layer_names: Any, steps: _Steps) -> List[Dict[str, Any]]:
    hidden_layers = _per_layer(hidden, "hidden", steps)
    if len(hidden_layers) == 0:
        raise StatescopeExportError("must hold at least one layer of hidden states", field="hidden")
    name_of = (lambda f, l: f"{f}[{l}]") if len(hidden_layers) > 1 else (lambda f, l: f)
    layers = []
    for l, entry in enumerate(hidden_layers):
        if entry is None:
            raise StatescopeExportError("is None; every layer needs hidden states", field=name_of("hidden", l))
        states = _step_matrix(entry, name_of("hidden", l), steps)
        layers.append({"hidden": states})
    cell_layers = _per_layer(cell, "cell", steps) if cell is not None else [None] * len(layers)
    if len(cell_layers) != len(layers):
        raise StatescopeExportError(
            f"has {len(cell_layers)} layers, hidden has {len(layers)} (use None for a layer without cells)",
            field="cell",
        )
    for l, entry in enumerate(cell_layers):
        if entry is None:
            continue
        states = _step_matrix(entry, name_of("cell", l), steps)
        if states.shape[1] != layers[l]["hidden"].shape[1]:
            raise StatescopeExportError(
                f"has {states.shape[1]} units, its hidden states have {layers[l]['hidden'].shape[1]}",
                field=name_of("cell", l),
            )
        layers[l]["cell"] = states
    if layer_names is None:
        layer_names = ["rnn"] if len(layers) == 1 else [f"rnn.{l}" for l in range(len(layers))]
    if isinstance(layer_names, str) or len(layer_names) != len(layers):
        raise StatescopeExportError(f"must name each of the {len(layers)} layers", field="layer_names")
    for l, name in enumerate(layer_names):
        if not isinstance(name, str) or name == "":
            raise StatescopeExportError(f"layer {l} needs a non-empty string name", field="layer_names")
        if name in layer_names[:l]:
            raise StatescopeExportError(f'layer name "{name}" is used twice', field="layer_names")
        layers[l]["name"] = name
    return layers


def _check_expected(expected: Any, steps: _Steps, class_count: int) -> np.ndarray:
    field = "expected"
    one_column = (
        "has one probability column; a binary model's sigmoid outputs p must become two columns "
        "[1 - p, p]: pass expected=binary_expected(p). (A softmax over a single logit is 1.0 "
        "everywhere: use a sigmoid for one-logit heads.)"
    )
    # A list of 1-D arrays: sigmoid outputs given sequence by sequence.
    if isinstance(expected, (list, tuple)) and len(expected) > 0 and getattr(expected[0], "ndim", None) == 1:
        raise StatescopeExportError(one_column, field=field)
    matrix = _step_matrix(expected, field, steps)
    if matrix.shape[1] == 1:
        raise StatescopeExportError(one_column, field=field)
    if matrix.shape[1] != class_count:
        raise StatescopeExportError(
            f"has {matrix.shape[1]} columns, but classes names {class_count} classes", field=field
        )
    low, high = -PROBABILITY_SLACK, 1 + PROBABILITY_SLACK
    bad = _first_bad((matrix < low) | (matrix > high))
    if bad is not None:
        row, column = bad
        raise StatescopeExportError(
            f"holds {matrix[row, column]} at column {column}; probabilities must lie in [0, 1] "
            "(apply softmax to logits)",
            field=field,
            **steps.locate(row),
        )
    sums = matrix.sum(axis=1, dtype=np.float64)
    off = np.flatnonzero(np.abs(sums - 1) > ROW_SUM_TOLERANCE)
    if off.size:
        row = int(off[0])
        raise StatescopeExportError(
            f"row sums to {sums[row]:.6g}; probabilities must sum to 1 (softmax over the classes)",
            field=field,
            **steps.locate(row),
        )
    return matrix


def _check_projections(projections: Any, steps: _Steps) -> Dict[str, np.ndarray]:
    if projections is None:
        return {}
    if not isinstance(projections, dict):
        raise StatescopeExportError(
            f"must be a dict of name -> (steps, 2) arrays, got {_type_name(projections)}", field="projections"
        )
    out = {}
    for name, value in projections.items():
        if not isinstance(name, str) or name == "":
            raise StatescopeExportError("projection names must be non-empty strings", field="projections")
        field = f"projections.{name}"
        matrix = _step_matrix(value, field, steps)
        if matrix.shape[1] != 2:
            raise StatescopeExportError(f"has {matrix.shape[1]} columns, expected 2 (x, y)", field=field)
        out[name] = matrix
    return out


def _check_metadata(metadata: Any) -> Optional[Dict[str, Any]]:
    if metadata is None:
        return None
    if not isinstance(metadata, dict):
        raise StatescopeExportError(f"must be a dict, got {_type_name(metadata)}", field="metadata")
    accuracy = metadata.get("accuracy")
    if accuracy is not None and not (
        isinstance(accuracy, (int, float)) and not isinstance(accuracy, bool) and 0 <= accuracy <= 1
    ):
        raise StatescopeExportError(f"must be a fraction in [0, 1], got {accuracy!r}", field="metadata.accuracy")
    for name in ("model", "accuracyScope"):
        value = metadata.get(name)
        if value is not None and not isinstance(value, str):
            raise StatescopeExportError(f"must be a string, got {_type_name(value)}", field=f"metadata.{name}")
    try:
        json.dumps(metadata, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise StatescopeExportError(f"must be JSON-serialisable: {error}", field="metadata") from None
    return dict(metadata)


def _check_state_range(matrix: np.ndarray, field: str, steps: _Steps) -> None:
    """float16 holds at most 65504: a larger state would load as Infinity."""
    bad = _first_bad(np.abs(matrix) > FLOAT16_MAX)
    if bad is not None:
        row, column = bad
        raise StatescopeExportError(
            f"holds {matrix[row, column]} at column {column}, beyond float16's range (65504); "
            'use precision="float32"',
            field=field,
            **steps.locate(row),
        )


# --------------------------------------------------------------------------------------------
# The dataset writer


def binary_expected(p: Any) -> Any:
    """Sigmoid outputs p of a binary model, (steps,) or (steps, 1), as (steps, 2) float32 rows
    [1 - p, p]: the expected predictions of the classes [negative, positive]. A list of
    per-sequence arrays (or tensors) gives a list of per-sequence (T_s, 2) arrays."""
    if isinstance(p, (list, tuple)) and len(p) > 0 and hasattr(p[0], "ndim"):
        return [binary_expected(part) for part in p]
    values = _to_numpy(p, "p").astype(np.float64)
    if values.ndim == 2 and values.shape[1] == 1:
        values = values[:, 0]
    if values.ndim != 1:
        raise StatescopeExportError(f"has shape {values.shape}; expected (steps,) or (steps, 1)", field="p")
    return np.stack([1 - values, values], axis=1).astype(np.float32)


def _quantize_int8(values: np.ndarray) -> tuple:
    """Per-column symmetric int8, as core's quantizeInt8: value ~ q x scale, error <= scale / 2."""
    max_abs = np.abs(values).max(axis=0).astype(np.float64)
    scale = np.where(max_abs > 0, max_abs / 127, 1.0)
    quantized = np.clip(np.rint(values / scale), -127, 127).astype(np.int8)
    return quantized, [float(s) for s in scale]


def _atomic_write(path: Path, data: bytes) -> None:
    """Writes beside the target and renames, so a reader never sees half a file. Creates the
    target's folder, as ``export/model.json`` in a fresh checkout would need."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()


def _companion(path: Path, suffix: str) -> Path:
    stem = path.name[: -len(".json")] if path.name.lower().endswith(".json") else path.name
    return path.with_name(stem + suffix)


def write_dataset(
    path: Any,
    *,
    tokens: Sequence[Sequence[str]],
    hidden: Any,
    expected: Any,
    labels: Any,
    classes: Sequence[str],
    cell: Any = None,
    predictions: Any = None,
    ids: Optional[Sequence[Any]] = None,
    layer_names: Optional[Sequence[str]] = None,
    projections: Optional[Dict[str, Any]] = None,
    metadata: Optional[Dict[str, Any]] = None,
    precision: str = "float32",
) -> List[str]:
    """Writes a Statescope dataset: the JSON manifest at ``path`` (e.g. ``out/model.json``) and
    its arrays in ``out/model.bin``. Returns the two paths.

    Steps are the tokens of all sequences in order. Every array has one row per token:
    either one ``(total_steps, width)`` array with the sequences concatenated and no padding, or
    a list of per-sequence ``(T_s, width)`` arrays. numpy arrays, nested lists and tensors work.

    - ``tokens``: one list of token strings per sequence, each non-empty.
    - ``hidden``: the hidden states, one entry per layer (bottom to top); a single array (or a
      single per-sequence list) is one layer. Each entry is ``(total_steps, units)``.
    - ``cell``: None, or one entry per layer like ``hidden`` (None for a layer without cells).
    - ``expected``: ``(total_steps, classes)`` probabilities, the classifier head applied to
      every step; each row sums to 1. Sigmoid outputs of a binary model: ``binary_expected(p)``.
    - ``labels`` / ``predictions``: one class index per sequence (predictions default to the
      argmax of each sequence's last expected prediction).
    - ``layer_names``: default ``rnn`` for one layer, ``rnn.0``, ``rnn.1``, ... for several.
    - ``projections``: optional dict of name -> ``(total_steps, 2)`` maps (e.g. a t-SNE).
    - ``metadata``: optional JSON-serialisable dict; ``model`` (text), ``accuracy`` (a
      fraction) and ``accuracyScope`` (text: on what data the accuracy was measured) are shown
      by the views.
    - ``precision``: storage of hidden and cell states: ``float32`` (exact), ``float16`` (half
      the size) or ``int8`` (a quarter; per-unit scale, error <= max|unit| / 254).

    Raises ``StatescopeExportError`` (a ``ValueError``) naming the field, sequence and step of
    the first problem; nothing is written then.
    """
    if precision not in STATE_PRECISIONS:
        raise StatescopeExportError(
            f"must be one of {', '.join(STATE_PRECISIONS)}, got {precision!r}", field="precision"
        )
    class_names = _check_classes(classes)
    token_lists = _check_tokens(tokens)
    steps = _Steps([len(sequence) for sequence in token_lists])
    count = len(token_lists)
    label_list = _check_class_indices(labels, "labels", count, len(class_names))
    prediction_list = (
        None if predictions is None else _check_class_indices(predictions, "predictions", count, len(class_names))
    )
    id_list = _check_ids(ids, count)
    layers = _check_layers(hidden, cell, layer_names, steps)
    expected_matrix = _check_expected(expected, steps, len(class_names))
    projection_matrices = _check_projections(projections, steps)
    metadata_dict = _check_metadata(metadata)
    if precision == "float16":
        for l, layer in enumerate(layers):
            for kind in ("hidden", "cell"):
                if kind in layer:
                    _check_state_range(layer[kind], f"{kind}[{l}]", steps)

    path = Path(path)
    binary_path = _companion(path, ".bin")
    chunks: List[bytes] = []
    length = 0

    def put(values: np.ndarray, is_state: bool) -> Dict[str, Any]:
        nonlocal length
        byte_offset = -(-length // 8) * 8  # 8-byte aligned: core then reads float32 without a copy
        dtype = precision if is_state else "float32"
        ref: Dict[str, Any] = {"file": binary_path.name, "dtype": dtype, "shape": list(values.shape)}
        if dtype == "float16":
            data = values.astype("<f2")
        elif dtype == "int8":
            data, ref["scale"] = _quantize_int8(values)
        else:
            data = values.astype("<f4")
        chunks.append(b"\0" * (byte_offset - length))
        chunks.append(np.ascontiguousarray(data).tobytes())
        ref["byteOffset"] = byte_offset
        length = byte_offset + data.nbytes
        return ref

    sequences = []
    for s, token_list in enumerate(token_lists):
        entry: Dict[str, Any] = {}
        if id_list is not None:
            entry["id"] = id_list[s]
        entry["label"] = label_list[s]
        if prediction_list is not None:
            entry["prediction"] = prediction_list[s]
        entry["tokens"] = token_list
        sequences.append(entry)
    manifest: Dict[str, Any] = {"format": DATASET_FORMAT, "version": DATASET_VERSION, "classes": class_names}
    if metadata_dict is not None:
        manifest["metadata"] = metadata_dict
    manifest["sequences"] = sequences
    manifest["expectedPredictions"] = put(expected_matrix, False)
    manifest["layers"] = []
    for layer in layers:
        entry = {"name": layer["name"], "hidden": put(layer["hidden"], True)}
        if "cell" in layer:
            entry["cell"] = put(layer["cell"], True)
        manifest["layers"].append(entry)
    if projection_matrices:
        manifest["projections"] = {name: put(values, False) for name, values in projection_matrices.items()}

    text = json.dumps(manifest, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    # The binary first: a manifest on disk always finds its arrays.
    _atomic_write(binary_path, b"".join(chunks))
    _atomic_write(path, text.encode("utf-8"))
    return [str(path), str(binary_path)]


# --------------------------------------------------------------------------------------------
# PyTorch


def _torch():
    try:
        import torch
    except ImportError as error:
        raise ImportError(
            "this function needs PyTorch: pip install 'statescope-export[torch]' "
            "(or, on Debian, apt-get install python3-torch)"
        ) from error
    return torch


def _recurrent_kind(rnn: Any, *, exportable: bool) -> str:
    nn = _torch().nn
    if isinstance(rnn, nn.LSTM):
        kind = "lstm"
    elif isinstance(rnn, nn.GRU):
        kind = "gru"
    elif isinstance(rnn, nn.RNN) and not exportable:
        kind = "rnn"
    else:
        allowed = "torch.nn.LSTM or torch.nn.GRU" if exportable else "torch.nn.LSTM, nn.GRU or nn.RNN"
        raise StatescopeExportError(f"must be a {allowed}, got {_type_name(rnn)}", field="rnn")
    if rnn.bidirectional:
        raise StatescopeExportError(
            "is bidirectional; Statescope follows one state per step forward in time. Export a "
            "unidirectional model (or the forward direction as its own module)",
            field="rnn",
        )
    if getattr(rnn, "proj_size", 0):
        raise StatescopeExportError(
            f"has proj_size={rnn.proj_size}; LSTMs with projections are not supported", field="rnn"
        )
    return kind


def _single_layers(rnn: Any, kind: str) -> List[Any]:
    """One single-layer module per layer of `rnn`, with that layer's weights, batch_first=False.

    Running them one after the other is what nn.LSTM / nn.GRU do internally (same kernels), and
    gives every layer's h_t, which the stacked module returns for the top layer only."""
    torch = _torch()
    nn = torch.nn
    reference = rnn.weight_ih_l0
    modules = []
    for l in range(rnn.num_layers):
        size = rnn.input_size if l == 0 else rnn.hidden_size
        if kind == "lstm":
            module = nn.LSTM(size, rnn.hidden_size, num_layers=1, bias=rnn.bias)
        elif kind == "gru":
            module = nn.GRU(size, rnn.hidden_size, num_layers=1, bias=rnn.bias)
        else:
            module = nn.RNN(size, rnn.hidden_size, num_layers=1, bias=rnn.bias, nonlinearity=rnn.nonlinearity)
        module = module.to(device=reference.device, dtype=reference.dtype)
        names = ["weight_ih", "weight_hh"] + (["bias_ih", "bias_hh"] if rnn.bias else [])
        with torch.no_grad():
            for name in names:
                getattr(module, f"{name}_l0").copy_(getattr(rnn, f"{name}_l{l}"))
        module.eval()
        modules.append(module)
    return modules


def _lstm_steps(module: Any, inputs: Any) -> tuple:
    """h_t and c_t of every step of one single-layer LSTM, stepping it and carrying (h, c).

    nn.LSTM returns only the last c. Stepping runs PyTorch's own cell on each step, so every c_t
    is the float32 value PyTorch computes, to the bit, not a recomputation that could differ by
    rounding (cell states of trained models reach magnitudes where one float32 step is 2e-6)."""
    torch = _torch()
    H = module.hidden_size
    state = (inputs.new_zeros(1, 1, H), inputs.new_zeros(1, 1, H))
    hidden = inputs.new_empty(len(inputs), H)
    cells = inputs.new_empty(len(inputs), H)
    for t in range(len(inputs)):
        _, state = module(inputs[t : t + 1].unsqueeze(1), state)
        hidden[t] = state[0][0, 0]
        cells[t] = state[1][0, 0]
    return hidden, cells.to("cpu", torch.float32).numpy()


def _token_tensor(ids: Any, s: int, device: Any, vocabulary_size: Optional[int]) -> Any:
    torch = _torch()
    field = "token_ids_list"
    array = _to_numpy(ids, field)
    if array.ndim != 1:
        raise StatescopeExportError(f"has shape {array.shape}; give one 1-D list of token ids", field=field, sequence=s)
    if array.size == 0:
        raise StatescopeExportError("has no tokens; every sequence needs at least one", field=field, sequence=s)
    if array.dtype.kind == "f" and not np.all(np.mod(array, 1) == 0):
        t = int(np.flatnonzero(np.mod(array, 1) != 0)[0])
        raise StatescopeExportError(f"token id {array[t]} is not an integer", field=field, sequence=s, step=t)
    array = array.astype(np.int64)
    if vocabulary_size is not None:
        outside = np.flatnonzero((array < 0) | (array >= vocabulary_size))
        if outside.size:
            t = int(outside[0])
            raise StatescopeExportError(
                f"token id {array[t]} is outside the embedding's [0, {vocabulary_size - 1}]",
                field=field,
                sequence=s,
                step=t,
            )
    return torch.as_tensor(array, device=device)


@dataclass
class TorchRun:
    """What ``run_torch_classifier`` returns. Arrays have one row per token, the sequences
    concatenated in order (sequence s owns rows ``offsets[s]:offsets[s + 1]``)."""

    kind: str
    """``lstm``, ``gru`` or ``rnn``."""
    layer_names: List[str]
    """``lstm`` for one layer, ``lstm.0``, ``lstm.1``, ... for several (as @statescope/rnn names them)."""
    hidden: List[np.ndarray]
    """h_t of every layer, bottom to top, each (total_steps, hidden_size) float32."""
    cell: Optional[List[np.ndarray]]
    """c_t of every layer (LSTM), like ``hidden``; None for GRU and RNN."""
    expected: np.ndarray
    """(total_steps, classes) float32: the head applied to every top-layer h_t, as probabilities."""
    predictions: np.ndarray
    """Predicted class per sequence: the argmax of its last step's expected prediction."""
    lengths: np.ndarray
    """Tokens per sequence."""

    @property
    def offsets(self) -> np.ndarray:
        return np.concatenate([[0], np.cumsum(self.lengths)]).astype(np.int64)

    def dataset_fields(self) -> Dict[str, Any]:
        """The keyword arguments of ``write_dataset`` this run provides:
        ``write_dataset(path, tokens=..., labels=..., classes=..., **run.dataset_fields())``."""
        return {
            "hidden": self.hidden,
            "cell": self.cell,
            "expected": self.expected,
            "predictions": self.predictions,
            "layer_names": self.layer_names,
        }


class _EvalMode:
    """Puts modules in eval mode (no dropout) and restores each one's mode afterwards."""

    def __init__(self, *modules: Any) -> None:
        self.modes = [(m, m.training) for m in modules if hasattr(m, "train") and hasattr(m, "training")]

    def __enter__(self) -> None:
        for module, _ in self.modes:
            module.eval()

    def __exit__(self, *_: Any) -> None:
        for module, training in self.modes:
            module.train(training)


def run_torch_classifier(
    embedding: Any,
    rnn: Any,
    head: Any,
    token_ids_list: Sequence[Any],
    *,
    head_returns: str = "logits",
) -> TorchRun:
    """Runs ``embedding -> rnn -> head`` over each token id sequence, alone (no padding), in
    eval mode without gradients, and returns the per-step states of every layer.

    - ``embedding``: maps a 1-D LongTensor of T ids to (T, input_size), e.g. ``nn.Embedding``.
    - ``rnn``: ``nn.LSTM`` or ``nn.GRU`` (``nn.RNN`` too), any ``batch_first``, one or more
      layers, unidirectional, without ``proj_size``.
    - ``head``: any callable mapping (N, hidden_size) to (N, outputs), e.g. ``nn.Linear``; it is
      applied to the top layer's h_t of every step. Its logits become probabilities by softmax
      (two or more outputs) or, for one output, sigmoid p as [1 - p, p]. Pass
      ``head_returns="probabilities"`` for a head that already ends in a softmax or sigmoid.
    - ``token_ids_list``: one sequence of token ids per text (lists, numpy arrays or tensors).
    """
    torch = _torch()
    if head_returns not in ("logits", "probabilities"):
        raise StatescopeExportError(
            f'must be "logits" or "probabilities", got {head_returns!r}', field="head_returns"
        )
    kind = _recurrent_kind(rnn, exportable=False)
    if isinstance(token_ids_list, (str, bytes)) or len(token_ids_list) == 0:
        raise StatescopeExportError("must hold at least one sequence of token ids", field="token_ids_list")
    device = rnn.weight_ih_l0.device
    vocabulary_size = getattr(embedding, "num_embeddings", None)
    layers = _single_layers(rnn, kind)
    hidden: List[List[np.ndarray]] = [[] for _ in layers]
    cell: List[List[np.ndarray]] = [[] for _ in layers]
    expected = []
    lengths = []
    with torch.no_grad(), _EvalMode(embedding, rnn, head):
        for s, ids in enumerate(token_ids_list):
            tokens = _token_tensor(ids, s, device, vocabulary_size)
            x = embedding(tokens)
            if x.dim() != 2 or x.shape[0] != len(tokens) or x.shape[1] != rnn.input_size:
                raise StatescopeExportError(
                    f"maps {len(tokens)} ids to shape {tuple(x.shape)}; expected ({len(tokens)}, {rnn.input_size})",
                    field="embedding",
                    sequence=s,
                )
            inputs = x.to(rnn.weight_ih_l0.dtype)
            for l, module in enumerate(layers):
                if kind == "lstm":
                    states, cells = _lstm_steps(module, inputs)
                    cell[l].append(cells)
                else:
                    outputs, _ = module(inputs.unsqueeze(1))  # (T, 1, H): one sequence, batch of one
                    states = outputs[:, 0]
                hidden[l].append(states.to("cpu", torch.float32).numpy())
                inputs = states
            expected.append(_head_probabilities(head, inputs, head_returns, s))
            lengths.append(len(tokens))
    expected_all = np.concatenate(expected, axis=0)
    lengths_array = np.asarray(lengths, dtype=np.int64)
    last_rows = np.cumsum(lengths_array) - 1
    names = [kind] if len(layers) == 1 else [f"{kind}.{l}" for l in range(len(layers))]
    return TorchRun(
        kind=kind,
        layer_names=names,
        hidden=[np.concatenate(parts, axis=0) for parts in hidden],
        cell=[np.concatenate(parts, axis=0) for parts in cell] if kind == "lstm" else None,
        expected=expected_all,
        predictions=np.argmax(expected_all[last_rows], axis=1).astype(np.int64),
        lengths=lengths_array,
    )


def _head_probabilities(head: Any, states: Any, head_returns: str, s: int) -> np.ndarray:
    torch = _torch()
    out = head(states)
    if out.dim() == 1:
        out = out.unsqueeze(1)
    if out.dim() != 2 or out.shape[0] != states.shape[0] or out.shape[1] < 1:
        raise StatescopeExportError(
            f"maps ({states.shape[0]}, {states.shape[1]}) states to shape {tuple(out.shape)}; "
            f"expected ({states.shape[0]}, outputs)",
            field="head",
            sequence=s,
        )
    out = out.float()
    if out.shape[1] == 1:
        p = torch.sigmoid(out[:, 0]) if head_returns == "logits" else out[:, 0]
        probabilities = torch.stack([1 - p, p], dim=1)
    else:
        probabilities = torch.softmax(out, dim=1) if head_returns == "logits" else out
    return probabilities.cpu().numpy().astype(np.float32)


# --------------------------------------------------------------------------------------------
# Weights for @statescope/rnn


def export_torch_weights(
    path: Any,
    embedding: Any,
    rnn: Any,
    head: Any,
    *,
    classes: Sequence[str],
    vocabulary: Optional[Sequence[str]] = None,
    max_tokens: Optional[int] = None,
    metadata: Optional[Dict[str, Any]] = None,
) -> List[str]:
    """Writes ``nn.Embedding -> nn.LSTM | nn.GRU -> nn.Linear`` in the ``statescope-rnn`` weight
    format of ``@statescope/rnn`` (``loadWeights`` / ``decodeWeights``): a JSON manifest at
    ``path`` and a float32 ``.bin`` beside it. Returns the two paths.

    - ``classes``: one name per head output; a one-output (sigmoid) head needs two names and is
      written as the equivalent two-class softmax head (rows [0, w], biases [0, b]).
    - ``vocabulary``: the token of every embedding row, row 0 ``<unk>`` (the id unknown words get
      in @statescope/rnn), so the model can be run on text.
    - ``max_tokens``: how texts were cut for the model, e.g. the last 100 tokens.
    """
    torch = _torch()
    nn = torch.nn
    kind = _recurrent_kind(rnn, exportable=True)
    if not isinstance(embedding, nn.Embedding):
        raise StatescopeExportError(f"must be a torch.nn.Embedding, got {_type_name(embedding)}", field="embedding")
    if embedding.max_norm is not None:
        raise StatescopeExportError(
            "has max_norm, which rescales rows on lookup; @statescope/rnn reads rows as stored", field="embedding"
        )
    if not isinstance(head, nn.Linear):
        raise StatescopeExportError(
            f"must be a torch.nn.Linear (the TypeScript model has a dense head), got {_type_name(head)}; "
            "other heads can still be shown: run_torch_classifier + write_dataset",
            field="head",
        )
    vocabulary_size, embedding_dim = embedding.weight.shape
    hidden_dim = rnn.hidden_size
    if rnn.input_size != embedding_dim:
        raise StatescopeExportError(
            f"takes input_size {rnn.input_size}, the embedding gives {embedding_dim}", field="rnn"
        )
    if head.in_features != hidden_dim:
        raise StatescopeExportError(f"takes {head.in_features} inputs, the rnn has {hidden_dim} units", field="head")
    outputs = head.out_features
    class_count = 2 if outputs == 1 else outputs
    class_names = _check_classes(classes)
    if len(class_names) != class_count:
        raise StatescopeExportError(
            f"has {len(class_names)} names for a head with {outputs} output{'s' if outputs > 1 else ''}"
            + (" (a sigmoid head has two classes)" if outputs == 1 else ""),
            field="classes",
        )
    if vocabulary is not None:
        vocabulary = _as_list(vocabulary)
        if vocabulary is None or len(vocabulary) != vocabulary_size:
            got = "no list of" if vocabulary is None else len(vocabulary)
            raise StatescopeExportError(f"has {got} tokens for {vocabulary_size} embedding rows", field="vocabulary")
        if vocabulary[0] != UNKNOWN_TOKEN:
            raise StatescopeExportError(
                f'entry 0 is {vocabulary[0]!r}; @statescope/rnn maps unknown words to row 0, which must be '
                f'"{UNKNOWN_TOKEN}" (rename it, e.g. vocabulary[0] = "{UNKNOWN_TOKEN}")',
                field="vocabulary",
            )
        if len(set(vocabulary)) != len(vocabulary) or not all(isinstance(t, str) for t in vocabulary):
            raise StatescopeExportError("must hold distinct strings", field="vocabulary")
    if max_tokens is not None and (not isinstance(max_tokens, int) or isinstance(max_tokens, bool) or max_tokens < 1):
        raise StatescopeExportError(f"must be a positive integer, got {max_tokens!r}", field="max_tokens")
    metadata_dict = _check_metadata(metadata)

    def array(tensor: Any) -> np.ndarray:
        return tensor.detach().to("cpu", torch.float64).numpy()

    gates = (4 if kind == "lstm" else 3) * hidden_dim
    groups: List[tuple] = [("embedding", array(embedding.weight))]
    for l in range(rnn.num_layers):
        suffix = "" if l == 0 else f".{l}"
        b_ih = array(getattr(rnn, f"bias_ih_l{l}")) if rnn.bias else np.zeros(gates)
        b_hh = array(getattr(rnn, f"bias_hh_l{l}")) if rnn.bias else np.zeros(gates)
        groups.append((f"inputWeights{suffix}", array(getattr(rnn, f"weight_ih_l{l}"))))
        groups.append((f"recurrentWeights{suffix}", array(getattr(rnn, f"weight_hh_l{l}"))))
        if kind == "lstm":
            # PyTorch adds both biases to every gate (i, f, g, o, the same order as @statescope/rnn).
            groups.append((f"bias{suffix}", (b_ih + b_hh)[None, :]))
        else:
            # GRU r, z: both biases add. n = tanh(W_in x + b_in + r * (W_hn h + b_hn)): b_hn sits
            # inside the reset gate's product, so it stays apart as recurrentBias.
            n = slice(2 * hidden_dim, 3 * hidden_dim)
            bias = b_ih + b_hh
            bias[n] = b_ih[n]
            groups.append((f"bias{suffix}", bias[None, :]))
            groups.append((f"recurrentBias{suffix}", b_hh[n][None, :]))
    weight = array(head.weight)
    bias = array(head.bias) if head.bias is not None else np.zeros(outputs)
    if outputs == 1:
        # softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]: the same probabilities as the sigmoid head.
        weight = np.concatenate([np.zeros_like(weight), weight], axis=0)
        bias = np.concatenate([[0.0], bias])
    groups.append(("outputWeights", weight))
    groups.append(("outputBias", bias[None, :]))

    path = Path(path)
    binary_path = _companion(path, ".bin")
    parameters = []
    blobs = []
    offset = 0
    for name, values in groups:
        values = np.asarray(values, dtype="<f4")
        if not np.all(np.isfinite(values)):
            raise StatescopeExportError("holds values that are not finite", field=f"{name} weights")
        rows, columns = values.shape
        parameters.append({"name": name, "rows": rows, "columns": columns, "byteOffset": offset})
        blobs.append(values.tobytes())
        offset += values.nbytes
    manifest: Dict[str, Any] = {
        "format": WEIGHT_FORMAT,
        "version": WEIGHT_VERSION,
        "kind": kind,
        "vocabularySize": int(vocabulary_size),
        "embeddingDim": int(embedding_dim),
        "hiddenDim": int(hidden_dim),
        "classCount": class_count,
    }
    if rnn.num_layers > 1:
        manifest["layers"] = rnn.num_layers  # absent means 1 (the format before stacking)
    manifest["classes"] = class_names
    if vocabulary is not None:
        manifest["vocabulary"] = list(vocabulary)
    if max_tokens is not None:
        manifest["maxTokens"] = max_tokens
    if metadata_dict is not None:
        manifest["metadata"] = metadata_dict
    manifest["weights"] = {
        "file": binary_path.name,
        "dtype": "float32",
        "byteLength": offset,
        "parameters": parameters,
    }
    _atomic_write(binary_path, b"".join(blobs))
    _atomic_write(path, json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return [str(path), str(binary_path)]
