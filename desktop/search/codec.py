"""Glose's postings format: Whoosh's W3 codec with blocks of raw little-endian arrays.

Whoosh stores each block of postings as a zlib-compressed pickle of Python tuples, so
reading a word found in 20,000 paragraphs builds ~100,000 Python objects (most of a
query's time). Here a block's data is arrays that numpy reads without a loop:

    block  = HEAD (record length, count, last id, max weight, compression, min/max
             length, size of part 1) + part 1 + part 2, each zlib-compressed when the
             HEAD says so
    part 1 = weight kind (u8), value kind (u8), 2 bytes padding,
             ids (u32 deltas, the first one absolute),
             weights: none (all 1.0) | one f32 | one f32 per posting,
             value sizes: none | u32 bytes per posting | (positions) u32 count per posting
    part 2 = the values' bytes | all the positions as u32

A word query reads part 1 only; phrases (and Whoosh's matchers) read both.

Everything else (term table, per-document columns, segments) is Whoosh's W3 codec, and
Whoosh's own matchers read these blocks too (GloseLeafMatcher), so every Whoosh query
still works. `term_postings` reads a whole posting list into arrays for scoring.py.
Segments record their codec, so an index mixing both formats stays readable.
"""

from __future__ import annotations

import struct
import zlib
from array import array
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np
from whoosh.codec import whoosh3
from whoosh.reading import TermNotFound
from whoosh.system import emptybytes, pack_uint

# Record length (negative for a term's last block), postings, last id, max weight,
# compression level, min and max field length (Whoosh's one-byte encoding), bytes of part 1.
HEAD = struct.Struct("<iIIfBBBI")
_KINDS = struct.Struct("<BBxx")
NO_WEIGHTS, ONE_WEIGHT, WEIGHTS = 0, 1, 2
NO_VALUES, VALUES, POSITIONS = 0, 1, 2
BLOCK_LIMIT = 512  # postings per block: fewer, bigger blocks to decode per word
COMPRESSION = 1  # zlib level: the build's hot path; higher levels save little on these arrays
COMPRESS_FROM = 64  # bytes: a smaller block is stored as is (most words are rare)


class GloseCodec(whoosh3.W3Codec):
    def __init__(self, blocklimit: int = BLOCK_LIMIT, compression: int = COMPRESSION, inlinelimit: int = 1) -> None:
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile: Any, byteids: bool = False) -> Any:
        if byteids:  # term vectors (not used by Glose): Whoosh's own format
            return super().postings_writer(dbfile, byteids=True)
        return GlosePostingsWriter(dbfile, blocklimit=self._blocklimit, compression=self._compression, inlinelimit=self._inlinelimit)

    def postings_reader(self, dbfile: Any, terminfo: Any, format_: Any, term: Any = None, scorer: Any = None) -> Any:
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return GloseLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def _encode_block(
    ids: Any, weights: Any, values: list[bytes] | None, positions: list[list[int]] | None
) -> tuple[bytes, bytes]:
    """(part 1, part 2) of a block, uncompressed."""
    n = len(ids)
    if n <= 32:  # most words are rare: plain Python beats numpy's call overhead
        deltas = array("I", [b - a for a, b in zip((0, *ids), ids)]).tobytes()
        w32 = array("f", weights)
        first = w32[0]
        same = all(x == first for x in w32)
        wkind = (NO_WEIGHTS if first == 1.0 else ONE_WEIGHT) if same else WEIGHTS
        wbytes = w32[:1].tobytes() if wkind == ONE_WEIGHT else w32.tobytes()
    else:
        deltas = np.diff(np.asarray(ids, dtype=np.int64), prepend=0).astype("<u4").tobytes()
        w = np.asarray(weights, dtype="<f4")
        if (w == 1.0).all():
            wkind = NO_WEIGHTS
        elif (w == w[0]).all():
            wkind = ONE_WEIGHT
            wbytes = w[:1].tobytes()
        else:
            wkind = WEIGHTS
            wbytes = w.tobytes()
    parts = [b"", deltas]
    if wkind != NO_WEIGHTS:
        parts.append(wbytes)
    vkind = NO_VALUES
    rest = b""
    if positions is not None:
        vkind = POSITIONS
        parts.append(array("I", map(len, positions)).tobytes())
        rest = array("I", chain.from_iterable(positions)).tobytes()
    elif values and any(values):
        # One value per posting (Whoosh's writer drops empty ones, which misaligns them).
        if len(values) != n:
            raise ValueError("postings and values do not match")
        vkind = VALUES
        parts.append(array("I", map(len, values)).tobytes())
        rest = emptybytes.join(values)
    parts[0] = _KINDS.pack(wkind, vkind)
    return emptybytes.join(parts), rest


def _pack(first: bytes, rest: bytes, compression: int) -> tuple[int, bytes, bytes]:
    """(compression used, part 1, part 2) as stored."""
    if not compression or len(first) + len(rest) < COMPRESS_FROM:
        return 0, first, rest
    return compression, zlib.compress(first, compression), (zlib.compress(rest, compression) if rest else b"")


class GlosePostingsWriter(whoosh3.W3PostingsWriter):
    _positions: list[list[int]] | None = None

    def add_posting(self, id_: int, weight: float, vbytes: bytes, length: int | None = None) -> None:
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        self._values.append(vbytes or b"")
        if weight > self._maxweight:
            self._maxweight = weight
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def _write_block(self, last: bool = False) -> None:
        if not self._blockcount:
            self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        comp, first, rest = _pack(*_encode_block(self._ids, self._weights, self._values, self._positions), self._compression)
        ids = self._ids
        length = HEAD.size - 4 + len(first) + len(rest)
        self._postfile.write(
            HEAD.pack(
                -length if last else length,
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                whoosh3.length_to_byte(self._minlength),
                whoosh3.length_to_byte(self._maxlength),
                len(first),
            )
        )
        self._postfile.write(first)
        self._postfile.write(rest)
        self._blockcount += 1
        self._new_block()
        self._positions = None

    def add_postings(
        self,
        ids: list[int],
        weights: list[float],
        lengths: list[int],
        values: list[bytes] | None = None,
        positions: list[list[int]] | None = None,
    ) -> None:
        """A whole posting list at once, the rebuild's path: ids ascending, `lengths` the
        field length of each posting's document, and either encoded `values` or, for
        FastPositions fields, each posting's sorted `positions`. The last block stays
        buffered for finish_postings, which writes it marked last."""
        limit = self._blocklimit
        n = len(ids)
        for start in range(0, n, limit):
            end = min(n, start + limit)
            self._ids = ids[start:end]
            self._weights = weights[start:end]
            self._values = values[start:end] if values is not None else []
            self._positions = positions[start:end] if positions is not None else None
            block_lengths = [x for x in lengths[start:end] if x]  # as add_posting: 0 is no length
            self._minlength = min(block_lengths) if block_lengths else None
            self._maxlength = max(block_lengths) if block_lengths else 0
            self._maxweight = max(self._weights)
            if end < n:
                self._write_block()


    def add_position_arrays(
        self, ids: np.ndarray, weights: np.ndarray, lengths: np.ndarray, counts: np.ndarray, flat: np.ndarray
    ) -> None:
        """A whole positional posting list as arrays (the rebuild's path): document
        numbers ascending, weights, field lengths, positions per posting, and all the
        positions one posting after another. Writes every block (the last one marked),
        so finish_postings only records the extent."""
        n = len(ids)
        if n <= 32:  # most words are rare: lists beat numpy's per-call overhead
            flat_list = flat.tolist()
            positions, k = [], 0
            for count in counts.tolist():
                positions.append(flat_list[k : k + count])
                k += count
            self.add_postings(ids.tolist(), weights.tolist(), lengths.tolist(), positions=positions)
            return
        if not self._blockcount:
            self._postfile.write(whoosh3.WHOOSH3_HEADER_MAGIC)
        limit = self._blocklimit
        ends = np.concatenate(([0], np.cumsum(counts)))
        info = self._terminfo
        for start in range(0, n, limit):
            end = min(n, start + limit)
            block_ids = ids[start:end]
            w = weights[start:end].astype("<f4")
            parts = [b"", np.diff(block_ids, prepend=0).astype("<u4").tobytes()]
            if (w == 1.0).all():
                wkind = NO_WEIGHTS
            elif (w == w[0]).all():
                wkind = ONE_WEIGHT
                parts.append(w[:1].tobytes())
            else:
                wkind = WEIGHTS
                parts.append(w.tobytes())
            parts[0] = _KINDS.pack(wkind, POSITIONS)
            parts.append(counts[start:end].astype("<u4").tobytes())
            comp, first, rest = _pack(
                emptybytes.join(parts), flat[ends[start] : ends[end]].astype("<u4").tobytes(), self._compression
            )
            block_lengths = lengths[start:end]
            nonzero = block_lengths[block_lengths > 0]
            minlength = int(nonzero.min()) if nonzero.size else None
            maxlength = int(block_lengths.max())
            maxweight = float(w.max())
            first_id, last_id = int(block_ids[0]), int(block_ids[-1])
            # What W3TermInfo.add_block records, from the arrays.
            info._weight += float(w.sum())
            info._df += end - start
            if info._minlength is None:
                info._minlength = minlength
            elif minlength is not None:
                info._minlength = min(info._minlength, minlength)
            info._maxlength = max(info._maxlength, maxlength)
            info._maxweight = max(info._maxweight, maxweight)
            if info._minid is None:
                info._minid = first_id
            info._maxid = last_id
            length = HEAD.size - 4 + len(first) + len(rest)
            self._postfile.write(
                HEAD.pack(
                    -length if end == n else length,
                    end - start,
                    last_id,
                    maxweight,
                    comp,
                    whoosh3.length_to_byte(minlength),
                    whoosh3.length_to_byte(maxlength),
                    len(first),
                )
            )
            self._postfile.write(first)
            self._postfile.write(rest)
            self._blockcount += 1


@dataclass
class _Block:
    ids: np.ndarray
    weights: np.ndarray | float | None  # array, one weight for all, or None (all 1.0)
    kind: int  # NO_VALUES, VALUES, POSITIONS
    sizes: np.ndarray | None  # VALUES: bytes per value; POSITIONS: positions per posting


def _decode_block(data: bytes, count: int) -> _Block:
    """Part 1 of a block (uncompressed)."""
    wkind, vkind = _KINDS.unpack_from(data, 0)
    pos = _KINDS.size
    ids = np.cumsum(np.frombuffer(data, dtype="<u4", count=count, offset=pos), dtype=np.int64)
    pos += 4 * count
    weights: np.ndarray | float | None = None
    if wkind == ONE_WEIGHT:
        weights = struct.unpack_from("<f", data, pos)[0]
        pos += 4
    elif wkind == WEIGHTS:
        weights = np.frombuffer(data, dtype="<f4", count=count, offset=pos)
        pos += 4 * count
    sizes = None
    if vkind != NO_VALUES:
        sizes = np.frombuffer(data, dtype="<u4", count=count, offset=pos)
    return _Block(ids, weights, vkind, sizes)


class GloseLeafMatcher(whoosh3.W3LeafMatcher):
    """Whoosh's block matcher over Glose blocks (for queries Whoosh evaluates itself)."""

    def _goto(self, position: int) -> None:
        self._data = None
        self._ids = None
        self._weights = None
        self._values = None
        self._i = 0
        head = self._postfile.get(position, HEAD.size)
        length, count, maxid, maxweight, comp, mnlen, mxlen, self._split = HEAD.unpack(head)
        self._lastblock = length < 0
        self._nextoffset = position + 4 + abs(length)
        self._dataoffset = position + HEAD.size
        self._blocklength, self._maxid, self._maxweight, self._compression = count, maxid, maxweight, comp
        self._minlength = whoosh3.byte_to_length(mnlen)
        self._maxlength = whoosh3.byte_to_length(mxlen)

    def _read_data(self) -> None:
        stored = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
        first, data = stored[: self._split], stored[self._split :]
        if self._compression:
            first = zlib.decompress(first)
            data = zlib.decompress(data) if data else data
        block = _decode_block(first, self._blocklength)
        weights = block.weights.tolist() if isinstance(block.weights, np.ndarray) else block.weights
        parts: list[bytes] = []
        pos = 0
        if block.kind == VALUES:
            for size in block.sizes.tolist():
                parts.append(data[pos : pos + size])
                pos += size
        elif block.kind == POSITIONS:  # as FastPositions encodes them: count, then the positions
            for n in block.sizes.tolist():
                parts.append(pack_uint(n) + data[pos : pos + 4 * n])
                pos += 4 * n
        # What Whoosh's own reader expects: one bytes string for fixed-size values.
        fixed = self._fixedsize is not None and self._fixedsize > 0
        values: Any = emptybytes.join(parts) if fixed else tuple(parts)
        self._data = (tuple(block.ids.tolist()), weights, values)

    def _read_ids(self) -> None:
        if self._data is None:
            self._read_data()
        self._ids = self._data[0]  # already absolute


@dataclass
class Postings:
    """One term's posting list, as arrays."""

    ids: np.ndarray  # int64, ascending document numbers
    weights: np.ndarray  # float64
    counts: np.ndarray | None = None  # positions per posting (when asked for)
    flat: np.ndarray | None = None  # every posting's positions, one after the other (int64)

    def positions(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(index into `rows`, position) for every position of the postings at `rows`."""
        assert self.counts is not None and self.flat is not None
        starts = (np.cumsum(self.counts) - self.counts)[rows]
        counts = self.counts[rows]
        total = int(counts.sum())
        if not total:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        owner = np.repeat(np.arange(len(rows)), counts)
        first = np.cumsum(counts) - counts
        index = np.arange(total) - first[owner] + starts[owner]
        return owner, self.flat[index]


def positions_from_values(sizes: np.ndarray, values: bytes) -> tuple[np.ndarray, np.ndarray]:
    """(counts, flat positions) from FastPositions values (a u32 count, then u32 positions)."""
    sizes = np.asarray(sizes, dtype=np.int64)
    words = np.frombuffer(values, dtype="<u4")
    headers = (np.cumsum(sizes) - sizes) // 4
    return sizes // 4 - 1, np.delete(words, headers).astype(np.int64)


def term_postings(reader: Any, fieldname: str, btext: bytes, positions: bool = False) -> Postings | None:
    """A term's postings in one segment reader as arrays (empty when the term is absent),
    or None when the segment is not in Glose's format (then use Whoosh's matcher).
    `positions`: also the positions of FastPositions values."""
    terms = reader._terms
    if not isinstance(terms._codec, GloseCodec):
        return None
    try:
        info = terms.term_info(fieldname, btext)
    except TermNotFound:
        return Postings(np.zeros(0, dtype=np.int64), np.zeros(0))
    if info.is_inlined():
        return None
    offset, length = info.extent()
    if isinstance(length, tuple):  # Whoosh's W3TermInfo.from_bytes leaves it unpacked
        length = length[0]
    buf = terms._postfile.get(offset, length)
    pos = 4  # the magic header
    ids, weights, counts, flats = [], [], [], []
    end = len(buf)
    while pos < end:
        size, count, _, _, comp, _, _, split = HEAD.unpack_from(buf, pos)
        start = pos + HEAD.size
        pos += 4 + abs(size)
        first = buf[start : start + split]
        block = _decode_block(zlib.decompress(first) if comp else first, count)
        ids.append(block.ids)
        if block.weights is None:
            weights.append(np.ones(count))
        elif isinstance(block.weights, float):
            weights.append(np.full(count, block.weights))
        else:
            weights.append(block.weights.astype(np.float64))
        if positions:
            data = buf[start + split : pos]
            if comp and data:
                data = zlib.decompress(data)
            if block.kind == POSITIONS:
                n = block.sizes.astype(np.int64)
                counts.append(n)
                flats.append(np.frombuffer(data, dtype="<u4", count=int(n.sum())).astype(np.int64))
            elif block.kind == VALUES:
                c, f = positions_from_values(block.sizes, data)
                counts.append(c)
                flats.append(f)
            else:
                raise ValueError(f"{fieldname}: no positions")
    out = Postings(np.concatenate(ids), np.concatenate(weights))
    if positions:
        out.counts = np.concatenate(counts)
        out.flat = np.concatenate(flats)
    return out


def matcher_postings(m: Any, positions: bool = False) -> Postings:
    """A posting list from a Whoosh block matcher (segments in Whoosh's own format):
    decoded a block at a time (ids stored as deltas, weights as None (all 1), one float,
    or an array of floats)."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    vals: list[bytes] = []
    while m.is_active():
        if m._data is None:
            m._read_data()
        raw_ids, raw_weights = m._data[0], m._data[1]
        block = np.array(raw_ids, dtype=np.int64)
        ids.append(block if m._byteids or isinstance(m, GloseLeafMatcher) else np.cumsum(block))
        n = m._blocklength
        if raw_weights is None:
            weights.append(np.ones(n))
        elif isinstance(raw_weights, float):
            weights.append(np.full(n, raw_weights))
        else:
            weights.append(np.array(raw_weights, dtype=np.float64))
        if positions:
            if m._values is None:
                m._read_values()
            vals.extend(m._values)
        m._next_block()
    out = Postings(
        np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64),
        np.concatenate(weights) if weights else np.zeros(0),
    )
    if positions:
        sizes = np.fromiter((len(v) for v in vals), dtype=np.int64, count=len(vals))
        out.counts, out.flat = positions_from_values(sizes, b"".join(vals))
    return out
