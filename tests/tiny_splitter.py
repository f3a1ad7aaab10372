"""Build a real MiniSBD sentence splitter (an ONNX file) by hand, so LibreTranslate runs offline.

LibreTranslate translates each `q` item with argos-translate-lt, which first splits it into
sentences with MiniSBD (`ARGOS_CHUNK_TYPE` default). MiniSBD downloads `fr.onnx` on first
use unless the Argos package carries its own model in a `minisbd/` folder
(`argostranslate.sbd.MiniSBDSentencizer`). The test model gets such a folder, holding this file.

A MiniSBD model reads characters (`units`) and per-character features (`space_before`,
`capitalized`) and gives each character one of five classes: 0 inside a token, 1 end of
token, 2 end of sentence (3, 4: multi-word tokens, unused). Instead of trained weights, this
network has two small convolutions whose weights are set by hand to these rules:

- a token ends before a space or the end of the text;
- a sentence ends at `.`, `!`, `?` or `…` followed by a space or the end, unless it is a
  one-capital abbreviation (` M. Dupont`), or a closing quote or bracket follows (then the
  sentence ends at that quote: `vient. » Puis`, `vient." Puis`).

The rules are crude next to MiniSBD's trained French model, but the file goes through
MiniSBD's real loading, featurisation, ONNX inference and decoding, as in production.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

SENTENCE_END = ".!?…"
CLOSING = "»\"”)]"
SPACE = " "
# Channels of the character embedding; `U` (capitalised) comes from MiniSBD's features.
P, NS, C, U = range(4)


def vocabulary() -> list[str]:
    """MiniSBD vocabulary: PAD, UNK, then the characters the rules look at."""
    return ["<PAD>", "<UNK>", SPACE, *SENTENCE_END, *CLOSING]


def embedding(vocab: list[str]) -> np.ndarray:
    """Per unit id: is sentence-final punctuation, is not a space, is a closing mark."""
    table = np.zeros((len(vocab), 3), dtype=np.float32)
    for i, unit in enumerate(vocab):
        if unit == "<PAD>" or unit == SPACE:
            continue
        table[i, NS] = 1.0  # <UNK> is any other character: a non-space
        table[i, P] = unit in SENTENCE_END
        table[i, C] = unit in CLOSING
    return table


def hidden_weights() -> tuple[np.ndarray, np.ndarray]:
    """First convolution: 5 rule detectors over positions i-2 .. i+2 (kernel index 0 .. 4)."""
    w = np.zeros((5, 4, 5), dtype=np.float32)  # (out, channel, offset)
    b = np.zeros(5, dtype=np.float32)
    at = {-2: 0, -1: 1, 0: 2, 1: 3, 2: 4}
    # 0 token end: this character is not a space and the next one is (or the end).
    w[0, NS, at[0]], w[0, NS, at[1]] = 1, -1
    # 1 sentence end: punctuation, then a space or the end, and no closing mark after it.
    w[1, P, at[0]], w[1, NS, at[1]], w[1, C, at[2]] = 1, -1, -1
    # 2 abbreviation: a lone capital before the punctuation (" M.").
    w[2, P, at[0]], w[2, U, at[-1]], w[2, NS, at[-2]], b[2] = 1, 1, -1, -1
    # 3 closing mark after "punctuation space", then a space or the end ("vient. » Puis").
    w[3, C, at[0]], w[3, NS, at[-1]], w[3, P, at[-2]], w[3, NS, at[1]], b[3] = 1, -1, 1, -1, -1
    # 4 closing mark right after the punctuation, then a space or the end ("vient." Puis").
    w[4, C, at[0]], w[4, P, at[-1]], w[4, NS, at[1]], b[4] = 1, 1, -1, -1
    return w, b


def output_weights() -> tuple[np.ndarray, np.ndarray]:
    """Second convolution (kernel 1): class logits from the detectors."""
    w = np.zeros((5, 5, 1), dtype=np.float32)
    b = np.array([0.5, 0.0, 0.0, -10.0, -10.0], dtype=np.float32)
    w[1, 0, 0] = 1.0  # token end
    w[2, 1, 0], w[2, 2, 0], w[2, 3, 0], w[2, 4, 0] = 3.0, -3.0, 3.0, 3.0
    return w, b


def build_model(lang: str = "fr"):
    """The ONNX ModelProto, with MiniSBD's metadata (config, vocabulary, lexicon)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    vocab = vocabulary()
    w1, b1 = hidden_weights()
    w2, b2 = output_weights()
    inits = [
        numpy_helper.from_array(embedding(vocab), "embedding"),
        numpy_helper.from_array(w1, "w1"),
        numpy_helper.from_array(b1, "b1"),
        numpy_helper.from_array(w2, "w2"),
        numpy_helper.from_array(b2, "b2"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "start"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "stop"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "axis"),
    ]
    nodes = [
        helper.make_node("Gather", ["embedding", "units"], ["chars"], axis=0),  # (N, L, 3)
        helper.make_node("Slice", ["features", "start", "stop", "axis"], ["upper"]),  # capitalized
        helper.make_node("Concat", ["chars", "upper"], ["channels"], axis=2),  # (N, L, 4)
        helper.make_node("Transpose", ["channels"], ["ncw"], perm=[0, 2, 1]),
        helper.make_node("Conv", ["ncw", "w1", "b1"], ["h_lin"], pads=[2, 2]),
        helper.make_node("Relu", ["h_lin"], ["h"]),
        helper.make_node("Conv", ["h", "w2", "b2"], ["logits_ncw"]),
        helper.make_node("Transpose", ["logits_ncw"], ["logits"], perm=[0, 2, 1]),  # (N, L, 5)
    ]
    graph = helper.make_graph(
        nodes,
        "glose-test-sentence-splitter",
        [
            helper.make_tensor_value_info("units", TensorProto.INT64, ["N", "L"]),
            # MiniSBD's features for feat_funcs below: space_before, capitalized.
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", "L", 2]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", "L", 5])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="glose-tests")
    model.ir_version = 8  # readable by onnxruntime releases of the last years
    config = {
        "feat_funcs": ["space_before", "capitalized"],
        "max_seqlen": 1000,
        "batch_size": 32,
        "use_dictionary": False,
        "num_dict_feat": 0,
        "skip_newline": False,
        "no_ssplit": False,
    }
    state = {
        "lang": lang,
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": {u: i for i, u in enumerate(vocab)},
        "_id2unit": vocab,
    }
    helper.set_model_props(
        model, {"lang_code": lang, "config": json.dumps(config), "vocab": json.dumps(state), "lexicon": "null"}
    )
    onnx.checker.check_model(model)
    return model


def write_splitter(folder: Path, lang: str = "fr") -> Path:
    """Write `<folder>/minisbd/<lang>.onnx` (the place argos-translate-lt looks first)."""
    import onnx

    target = Path(folder) / "minisbd" / f"{lang}.onnx"
    target.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(build_model(lang), str(target))
    return target
