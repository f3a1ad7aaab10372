"""Build a real Argos Translate package (.argosmodel) with random weights, without torch.

A SentencePiece model is trained on the seed documents and a CTranslate2 `TransformerSpec`
is filled with seeded numpy weights. The output is nonsense but deterministic, and the
package goes through the real install and inference code.

Random decoders tend to stop at step 1 or never. To get realistic lengths, the decoder's
learned position encodings carry one dimension that ramps from negative to positive
around step `eos_step`; only the `</s>` row of the output projection reads it, and no
other weight writes into it.

Used by tests (tiny: 1 layer, d_model 16, vocabulary ~300) and by the translation
benchmark (transformer-base size).
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@dataclass(frozen=True)
class ModelShape:
    layers: int = 1
    d_model: int = 16
    ffn: int = 32
    heads: int = 2
    vocab: int = 300
    eos_step: int = 10
    max_positions: int = 512


TINY = ModelShape()
BASE = ModelShape(layers=6, d_model=512, ffn=2048, heads=8, vocab=8000, eos_step=25)


def seed_lines() -> list[str]:
    lines: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines += [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lines


def train_sentencepiece(lines: list[str], vocab: int) -> bytes:
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab,
        model_type="unigram",
        character_coverage=1.0,
        num_threads=1,
        hard_vocab_limit=False,
        minloglevel=2,
    )
    return model.getvalue()


def _fill(spec, shape: ModelShape, vocab_size: int, rng: np.random.Generator, ramp_dim: int) -> None:
    """Give every required weight of a TransformerSpec a seeded random value."""
    d = shape.d_model

    def mat(rows: int, cols: int, zero_ramp_rows: bool = True) -> np.ndarray:
        w = rng.normal(0.0, 0.5 / np.sqrt(cols), size=(rows, cols)).astype(np.float32)
        if zero_ramp_rows and rows % d == 0:
            # Nothing writes into the ramp dimension of the residual stream.
            for block in range(rows // d):
                w[block * d + ramp_dim, :] = 0.0
        return w

    def norm(ln) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = np.zeros(d, dtype=np.float32)

    def attention(att, self_attention: bool) -> None:
        norm(att.layer_norm)
        if self_attention:
            att.linear[0].weight = mat(3 * d, d, zero_ramp_rows=False)
            att.linear[0].bias = np.zeros(3 * d, dtype=np.float32)
            att.linear[1].weight = mat(d, d)
            att.linear[1].bias = np.zeros(d, dtype=np.float32)
        else:
            att.linear[0].weight = mat(d, d, zero_ramp_rows=False)
            att.linear[0].bias = np.zeros(d, dtype=np.float32)
            att.linear[1].weight = mat(2 * d, d, zero_ramp_rows=False)
            att.linear[1].bias = np.zeros(2 * d, dtype=np.float32)
            att.linear[2].weight = mat(d, d) * 4.0  # make the output depend on the input
            att.linear[2].bias = np.zeros(d, dtype=np.float32)

    def ffn(f) -> None:
        norm(f.layer_norm)
        f.linear_0.weight = mat(shape.ffn, d, zero_ramp_rows=False)
        f.linear_0.bias = np.zeros(shape.ffn, dtype=np.float32)
        f.linear_1.weight = mat(d, shape.ffn)
        f.linear_1.bias = np.zeros(d, dtype=np.float32)

    def embeddings(e) -> None:
        w = rng.normal(0.0, 0.5 / np.sqrt(d), size=(vocab_size, d)).astype(np.float32)
        w[:, ramp_dim] = 0.0
        e.weight = w

    enc, dec = spec.encoder, spec.decoder
    embeddings(enc.embeddings[0])
    norm(enc.layer_norm)
    for layer in enc.layer:
        attention(layer.self_attention, True)
        ffn(layer.ffn)

    embeddings(dec.embeddings)
    norm(dec.layer_norm)
    for layer in dec.layer:
        attention(layer.self_attention, True)
        attention(layer.attention, False)
        ffn(layer.ffn)

    # Learned decoder positions: small noise, plus the ramp that decides when </s> wins.
    pos = rng.normal(0.0, 0.05, size=(shape.max_positions, d)).astype(np.float32)
    steps = np.arange(shape.max_positions, dtype=np.float32)
    pos[:, ramp_dim] = (steps - shape.eos_step) * 0.5
    dec.position_encodings.encodings = pos
    enc.position_encodings.encodings = rng.normal(0.0, 0.05, size=(shape.max_positions, d)).astype(np.float32)

    proj = mat(vocab_size, d, zero_ramp_rows=False)
    proj[:, ramp_dim] = 0.0
    proj[2, :] = 0.0  # </s> (SentencePiece id 2) reads only the ramp
    proj[2, ramp_dim] = 8.0
    dec.projection.weight = proj
    bias = np.zeros(vocab_size, dtype=np.float32)
    bias[0] = bias[1] = -20.0  # never emit <unk> or <s>
    dec.projection.bias = bias


def build_package(
    out_file: Path,
    *,
    shape: ModelShape = TINY,
    seed: int = 1234,
    version: str = "1.0",
    lines: list[str] | None = None,
    top_folder: str | None = None,
    extra_metadata: dict | None = None,
    sp_model: bytes | None = None,
    quantization: str | None = None,
    extra_files: dict[str, bytes] | None = None,
) -> Path:
    """Write a fr→en `.argosmodel` to `out_file` and return its path.

    `extra_files` adds files under the package's folder (e.g. a `minisbd/fr.onnx` splitter).
    """
    import ctranslate2
    import sentencepiece as spm

    sp_bytes = sp_model or train_sentencepiece(lines or seed_lines(), shape.vocab)
    sp = spm.SentencePieceProcessor(model_proto=sp_bytes)
    vocab = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    assert vocab[:3] == ["<unk>", "<s>", "</s>"], vocab[:3]

    spec = ctranslate2.specs.TransformerSpec.from_config(shape.layers, shape.heads)
    rng = np.random.default_rng(seed)
    _fill(spec, shape, len(vocab), rng, ramp_dim=shape.d_model - 1)
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)

    top = top_folder or f"translate-fr_en-{version.replace('.', '_')}"
    metadata = {
        "package_version": version,
        "argos_version": "1.9",
        "from_code": "fr",
        "from_name": "French",
        "to_code": "en",
        "to_name": "English",
        "type": "translate",
        "links": [],
    }
    metadata.update(extra_metadata or {})
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / top
        (root / "model").mkdir(parents=True)
        spec.validate()
        spec.optimize(quantization=quantization)  # "int8" as published Argos models
        spec.save(str(root / "model"))
        (root / "sentencepiece.model").write_bytes(sp_bytes)
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2), encoding="utf-8")
        (root / "README.md").write_text("Random-weight test model for Glose.\n", encoding="utf-8")
        for name, data in (extra_files or {}).items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        out_file.parent.mkdir(parents=True, exist_ok=True)
        partial = out_file.with_name(out_file.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(root.rglob("*")):
                zf.write(path, path.relative_to(Path(tmp)).as_posix())
        partial.replace(out_file)
    return out_file


def unpacked(package: Path, dest: Path) -> Path:
    """Extract a package (trusted, built here) and return its top folder."""
    with zipfile.ZipFile(package) as zf:
        zf.extractall(dest)
        top = zf.namelist()[0].split("/")[0]
    return dest / top


if __name__ == "__main__":
    import sys
    import time

    t = time.perf_counter()
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "tiny.argosmodel")
    build_package(target)
    print(f"{target} built in {time.perf_counter() - t:.2f} s ({target.stat().st_size} bytes)")
