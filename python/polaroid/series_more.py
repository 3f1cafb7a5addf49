"""Polars' Series methods that reshape or inspect the values already here, computed with pyarrow."""
from __future__ import annotations

import builtins

import pyarrow as pa
import pyarrow.compute as pc


class SeriesLocal:
    """Mixed into ``Series`` (``self._values`` is its ``pyarrow.ChunkedArray``)."""

    def _new(self, values) -> "SeriesLocal":
        if isinstance(values, pa.Array):
            values = pa.chunked_array([values], values.type)
        return type(self)(self._name, values)

    def _take(self, indices) -> "SeriesLocal":
        return self._new(self._values.take(pa.array(list(indices), pa.int64())))

    # ---- shape and chunks ----------------------------------------------------------------------

    def n_chunks(self) -> int:
        return self._values.num_chunks

    def chunk_lengths(self) -> list:
        return [len(c) for c in self._values.chunks]

    def get_chunks(self) -> list:
        return [self._new(c) for c in self._values.chunks]

    def rechunk(self, *, in_place: bool = False):
        return self._new(self._values.combine_chunks())

    def clone(self):
        return self._new(self._values)

    def clear(self, n: int = 0):
        return self._new(pa.nulls(n, self.dtype))

    def shrink_to_fit(self, *, in_place: bool = False):
        return self

    def estimated_size(self, unit: str = "b") -> float:
        return self._values.nbytes / {"b": 1, "kb": 1 << 10, "mb": 1 << 20, "gb": 1 << 30}[unit]

    def is_empty(self) -> bool:
        return len(self._values) == 0

    def item(self, index: int | None = None):
        if index is None:
            if len(self._values) != 1:
                raise ValueError("item() without an index needs a Series of length 1, not %d" % len(self._values))
            index = 0
        return self._values[index].as_py()

    # ---- rows in another order or number ---------------------------------------------------------

    def append(self, other):
        """Appends ``other``'s values to this Series; returns it."""
        self._values = pa.chunked_array(self._values.chunks + other.to_arrow().chunks, self.dtype)
        return self

    def extend(self, other):
        return self.append(other)

    def slice(self, offset: int, length: int | None = None):
        n = len(self._values)
        start = offset if offset >= 0 else builtins.max(0, n + offset)
        return self._new(self._values.slice(start, length))

    def limit(self, n: int = 10):
        return self.head(n)

    def reverse(self):
        return self._take(range(len(self._values) - 1, -1, -1))

    def gather(self, indices):
        return self._take(indices.to_list() if hasattr(indices, "to_list") else indices)

    def gather_every(self, n: int, offset: int = 0):
        return self._take(range(offset, len(self._values), n))

    def new_from_index(self, index: int, length: int):
        return self._take([index] * length)

    def drop_nulls(self):
        return self._new(self._values.drop_null())

    def drop_nans(self):
        if not pa.types.is_floating(self.dtype):
            return self
        return self._new(self._values.filter(pc.invert(pc.fill_null(pc.is_nan(self._values), False))))

    def sort(self, *, descending: bool = False, nulls_last: bool = False, multithreaded: bool = True,
             in_place: bool = False):
        order = pc.array_sort_indices(self._values.combine_chunks(), order="descending" if descending else "ascending",
                                      null_placement="at_end" if nulls_last else "at_start")
        return self._new(self._values.take(order))

    def arg_sort(self, *, descending: bool = False, nulls_last: bool = False):
        from polaroid.series import Series
        order = pc.array_sort_indices(self._values.combine_chunks(), order="descending" if descending else "ascending",
                                      null_placement="at_end" if nulls_last else "at_start")
        return Series(self._name, pc.cast(order, pa.int64()))

    def top_k(self, k: int = 5):
        return self.sort(descending=True, nulls_last=True).head(k)

    def bottom_k(self, k: int = 5):
        return self.sort(nulls_last=True).head(k)

    def zip_with(self, mask, other):
        """This Series' value where ``mask`` is true, else ``other``'s."""
        return self._new(pc.if_else(mask.to_arrow(), self._values, other.to_arrow()))

    # ---- positions -------------------------------------------------------------------------------

    def _positions(self, predicate) -> list:
        return [i for i, v in enumerate(self._values.to_pylist()) if predicate(v)]

    def arg_true(self):
        from polaroid.series import Series
        return Series(self._name, pa.array(self._positions(lambda v: v is True), pa.int64()))

    def arg_unique(self):
        from polaroid.series import Series
        seen: set = set()
        return Series(self._name, pa.array(self._positions(lambda v: not (v in seen or seen.add(v))), pa.int64()))

    def _arg_extreme(self, pick):
        values = [v for v in self._values.to_pylist() if v is not None]
        if not values:
            return None
        return self._values.to_pylist().index(pick(values))

    def arg_max(self):
        return self._arg_extreme(builtins.max)

    def arg_min(self):
        return self._arg_extreme(builtins.min)

    def index_of(self, element):
        values = self._values.to_pylist()
        return values.index(element) if element in values else None

    def is_sorted(self, *, descending: bool = False, nulls_last: bool = False) -> bool:
        return self.equals(self.sort(descending=descending, nulls_last=nulls_last).alias(self._name))

    # ---- counts ------------------------------------------------------------------------------

    def value_counts(self, *, sort: bool = False, parallel: bool = False, name: str | None = None,
                     normalize: bool = False):
        """Each distinct value and how many times it occurs (``count``, or ``proportion`` with ``normalize``)."""
        from polaroid.frame import DataFrame
        counts = self._values.value_counts()
        values, n = counts.field("values"), pc.cast(counts.field("counts"), pa.int64())
        label = name or ("proportion" if normalize else "count")
        column = pc.divide(pc.cast(n, pa.float64()), float(len(self._values))) if normalize else n
        table = pa.table({self._name: values, label: column})
        if sort:
            table = table.take(pc.sort_indices(table, sort_keys=[(label, "descending")]))
        return DataFrame(table)

    def unique_counts(self):
        """How many times each distinct value occurs, in order of first appearance."""
        from polaroid.series import Series
        counts = self._values.value_counts()
        return Series(self._name, pc.cast(counts.field("counts"), pa.int64()))

    def mode(self):
        """The most frequent values (several when tied), in order of first appearance."""
        counts = self._values.value_counts()
        top = pc.max(counts.field("counts")).as_py()
        return self._new(counts.field("values").filter(pc.equal(counts.field("counts"), top)))

    def product(self):
        result = 1
        for v in self._values.to_pylist():
            result = result * v if v is not None else result
        return result

    def to_physical(self):
        if pa.types.is_date32(self.dtype):
            return self._new(self._values.cast(pa.int32()))
        if pa.types.is_timestamp(self.dtype):
            return self._new(self._values.cast(pa.int64()))
        return self
