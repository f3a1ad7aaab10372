"""What a CTranslate2 model accepts, read from its `model.bin` header (no weights loaded).

CTranslate2 exposes no model limits in Python. A model with learned (or stored sinusoidal)
position encodings fails a whole batch with "No position encodings are defined for
positions >= N" as soon as one input, or one output, is longer than N tokens; a model
without stored encodings computes them for any length. The header gives each variable's
name and shape, so the number of rows of `encoder/position_encodings/encodings` is the
encoder's limit (same for the decoder). The format is CTranslate2's `ModelSpec._serialize`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

ENCODER_POSITIONS = "encoder/position_encodings/encodings"
DECODER_POSITIONS = "decoder/position_encodings/encodings"


@dataclass(frozen=True)
class PositionLimits:
    encoder: int | None  # most source tokens the model can read; None = no limit
    decoder: int | None  # most target tokens (prefix and output) it can write


def _read(f: BinaryIO, fmt: str) -> tuple:
    size = struct.calcsize(fmt)
    data = f.read(size)
    if len(data) != size:
        raise ValueError("truncated model.bin header")
    return struct.unpack(fmt, data)


def _string(f: BinaryIO) -> str:
    (length,) = _read(f, "<H")
    raw = f.read(length)
    if len(raw) != length:
        raise ValueError("truncated model.bin header")
    return raw.rstrip(b"\0").decode("utf-8", "replace")


def variable_shapes(model_bin: Path) -> dict[str, tuple[int, ...]]:
    """Name -> shape of every variable in a CTranslate2 model.bin (reads headers, seeks past data)."""
    shapes: dict[str, tuple[int, ...]] = {}
    with open(model_bin, "rb") as f:
        (version,) = _read(f, "<I")
        if version >= 2:
            _string(f)  # spec name
            _read(f, "<I")  # spec revision
        (count,) = _read(f, "<I")
        if count > 100_000:
            raise ValueError(f"implausible variable count {count}")
        for _ in range(count):
            name = _string(f)
            (rank,) = _read(f, "<B")
            dims = _read(f, f"<{rank}I") if rank else ()
            _read(f, "<B")  # dtype id (item size before binary version 4)
            (num_bytes,) = _read(f, "<I")
            f.seek(num_bytes, 1)
            shapes[name] = tuple(dims)
    return shapes


def position_limits(model_dir: Path) -> PositionLimits:
    """The model's position limits; unknown (None) when the header cannot be read."""
    try:
        shapes = variable_shapes(Path(model_dir) / "model.bin")
    except (OSError, ValueError, struct.error):
        return PositionLimits(None, None)
    enc = shapes.get(ENCODER_POSITIONS)
    dec = shapes.get(DECODER_POSITIONS)
    return PositionLimits(enc[0] if enc else None, dec[0] if dec else None)
