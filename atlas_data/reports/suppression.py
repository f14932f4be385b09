"""Small-cell suppression for workshop mode: no count of people below a threshold is shown, no hidden
count can be worked out from what is shown, and no more is hidden than that needs.

    protection = protect(counts, k=5)          # a rows × columns table of people counts
    protection.published                       # with row, column and grand totals: ints, "<5" or "×"
    protection.lost                            # share of people whose own count is not shown

- primary: a count of people in 1..k-1 is shown as `<k` (0 stays 0: it identifies no one);
- complementary: where a small count could be recovered from the totals, more cells are hidden and
  shown as `×` ("hidden so that a small number cannot be worked out from the totals"), never as `<k`.
  A cell of k or more is never labelled `<k`;
- the complementary cells are chosen to hide as few people as possible. Three candidate protections are
  computed and the one that hides the smallest share of people wins (``information_lost``):
  (a) ``cells``: complementary cells, totals included, minimizing the suppressed total, the classic
      objective of τ-Argus's modular/optimal methods and sdcTable's SIMPLEHEURISTIC/OPT;
  (b) ``totals``: the same search where withholding a total hides nobody's own count, so a line's total
      is left out rather than its largest cell (a chart of bars per answer does not need the row total);
  (c) ``grouped``: a rare category merged with its neighbour ("Partially" + "No" → "Partially or no") or
      small rows into "Others"; every person in a merged category counts as hidden (their own category
      is no longer shown), so grouping wins only where it spares more than it merges;
  on a tie the ungrouped table wins, then the one with fewer totals withheld, then fewer cells hidden;
- grouping up (``group_up``): where hiding would blank out most of a breakdown (key informants per
  department are mostly 1 to 3), the rows are first summed one level up (department → ministry).

A published table is safe when (1) no hidden cell can be worked out exactly from the row, column and grand
totals (``derivable``: the unit vector of the cell lies in the row space of the equations), (2) no `<k`
cell is narrowed to a single value once the marks are read as bounds (`<k` is 1..k-1, `×` is k or more:
``pinned``), and (3) in every line whose total is published, the hidden cells together hold at least k
people (their sum is published in effect, and must not itself be a small number).

The search is a best-first search over sets of hidden cells, branching on the cells that could repair the
first rule a set breaks; tables here are small (at most about 20 × 8), and a greedy choice (smallest cost
first, then dropping cells that turn out not to be needed) bounds it and stands in when it runs long.
Reference: Hundepool et al., *Statistical Disclosure Control* (Wiley, 2012), ch. 5 (tabular data).
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field
from typing import Callable, Iterable

import numpy as np
import pandas as pd

TOTAL = "Total"
SECONDARY = "×"       # a cell of k or more hidden only so that a small number cannot be worked out
METHODS = ("cells", "totals", "grouped")
SEARCH_BUDGET = 4000  # sets of hidden cells the best-first search may open per table


def label(k: int) -> str:
    """How a small count (1..k-1) is shown: ``<k``."""
    return f"<{k}"


def mark(value: int, k: int) -> str:
    """How a hidden count is shown: ``<k`` for 1..k-1, ``×`` for k or more."""
    return label(k) if 0 < int(value) < k else SECONDARY


def information_lost(values, mask) -> float:
    """Share of people hidden: the sum of the hidden cells over the sum of all cells (0 for an empty table).

    ``values`` and ``mask`` have the same shape (the table's own cells, without totals)."""
    values = np.asarray(values, dtype=float)
    mask = np.asarray(mask, dtype=bool)
    total = values.sum()
    return float(values[mask].sum() / total) if total > 0 else 0.0


# =========================================================================== the table and its rules

class _Table:
    """A table with its totals as a flat array of cells, the equations between them and the rules above."""

    def __init__(self, full: np.ndarray, k: int, margins: bool):
        self.full, self.k, self.margins = full, k, margins
        self.rows, self.cols = full.shape
        self.flat = full.ravel()
        n = self.flat.size
        self.primary = frozenset(i for i in range(n) if 0 < self.flat[i] < k)
        last_r, last_c = self.rows - 1, self.cols - 1
        self.total = np.array([margins and (i // self.cols == last_r or i % self.cols == last_c) for i in range(n)])
        # With totals the equations read, per row and column, "cells - total = 0"; flipping the sign of
        # the total row and the total column makes every line sum to 0, so that a way to change hidden
        # cells without changing anything published is a cycle of the graph rows <-> columns.
        self.sign = np.array([(-1 if margins and i // self.cols == last_r else 1) *
                              (-1 if margins and i % self.cols == last_c else 1) for i in range(n)])
        self.lines: list[tuple[int, list[int]]] = []     # (total cell, its cells)
        self.free = frozenset()     # `<k` cells that some protection can keep from being pinned
        if margins:
            self.lines += [(r * self.cols + last_c, [r * self.cols + c for c in range(last_c)]) for r in range(self.rows)]
            self.lines += [(last_r * self.cols + c, [r * self.cols + c for r in range(last_r)]) for c in range(self.cols)]
            # Hiding more only adds moves, so a cell pinned with every count hidden is pinned whatever is
            # hidden: published zeros and marks alone give it (a line "0, <3, <3" whose total is <3).
            everything = frozenset(i for i in range(n) if self.flat[i] > 0)
            moves = self._residual(everything)
            self.free = frozenset(p for p in self.primary if self._pin_repair(p, everything, moves) is None)

    def ends(self, i: int) -> tuple[int, int]:
        """The two nodes of cell i: its row (0..rows-1) and its column (rows..rows+cols-1)."""
        return i // self.cols, self.rows + i % self.cols

    def violation(self, hidden: frozenset) -> list[int] | None:
        """None when ``hidden`` is safe; otherwise the cells one of which any safe superset must hide
        (empty when nothing can repair it)."""
        if not self.margins:
            return None
        found = self._small_line(hidden)
        if found is None:
            found = self._bridge(hidden)
        if found is None and self.free:
            found = self._pinned(hidden)
        return found

    def _open(self, cells: Iterable[int], hidden: frozenset) -> list[int]:
        return [i for i in cells if i not in hidden and self.flat[i] > 0]

    def _small_line(self, hidden: frozenset) -> list[int] | None:
        """Rule 3: a line with its total published whose hidden cells are one, or fewer than k people."""
        best = None
        for total, cells in self.lines:
            if total in hidden:
                continue
            inside = [i for i in cells if i in hidden]
            if inside and (len(inside) == 1 or self.flat[inside].sum() < self.k):
                repair = self._open(cells + [total], hidden)
                if best is None or len(repair) < len(best):
                    best = repair
                if len(best) <= 1:
                    break
        return best

    def _adjacency(self, hidden: frozenset) -> dict[int, list[tuple[int, int]]]:
        adjacent: dict[int, list[tuple[int, int]]] = {}
        for i in hidden:
            a, b = self.ends(i)
            adjacent.setdefault(a, []).append((b, i))
            adjacent.setdefault(b, []).append((a, i))
        return adjacent

    def _bridge(self, hidden: frozenset) -> list[int] | None:
        """Rule 1: a hidden cell that no cycle of hidden cells passes through is determined by the totals."""
        adjacent = self._adjacency(hidden)
        order: dict[int, int] = {}
        low: dict[int, int] = {}
        bridge = None

        def visit(node: int, via: int) -> None:   # Tarjan's bridges (graphs here have < 40 nodes)
            nonlocal bridge
            order[node] = low[node] = len(order)
            for other, cell in adjacent.get(node, ()):
                if cell == via:
                    continue
                if other in order:
                    low[node] = min(low[node], order[other])
                    continue
                visit(other, cell)
                low[node] = min(low[node], low[other])
                if low[other] > order[node] and bridge is None:
                    bridge = cell

        for node in list(adjacent):
            if node not in order:
                visit(node, -1)
        if bridge is None:
            return None
        side = self._component(adjacent, self.ends(bridge)[0], bridge)
        other = self._component(adjacent, self.ends(bridge)[1], bridge)
        return min((self._leaving(side, hidden), self._leaving(other, hidden)), key=len)

    @staticmethod
    def _component(adjacent, start: int, without: int) -> set[int]:
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for other, cell in adjacent.get(node, ()):
                if cell != without and other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen

    def _leaving(self, nodes: set[int], hidden: frozenset) -> list[int]:
        """Open cells with exactly one end in ``nodes``."""
        return [i for i in range(self.flat.size) if i not in hidden and self.flat[i] > 0
                and ((self.ends(i)[0] in nodes) != (self.ends(i)[1] in nodes))]

    def bounds(self, i: int) -> tuple[float, float]:
        """What the mark of hidden cell i tells: ``<k`` is 1..k-1, ``×`` is k or more."""
        return (1, self.k - 1) if self.flat[i] < self.k else (self.k, np.inf)

    def _pinned(self, hidden: frozenset) -> list[int] | None:
        """Rule 2: a `<k` cell that can take only one value given the totals and the marks' bounds."""
        forward = self._residual(hidden)
        for p in sorted(self.free & hidden):
            repair = self._pin_repair(p, hidden, forward)
            if repair is not None:
                return repair
        return None

    def _residual(self, hidden: frozenset) -> dict[int, list[tuple[int, int]]]:
        """The moves by one that keep every hidden cell within its bounds, as directed edges.

        From the true table, cell p can change iff a cycle of hidden cells through p can be shifted by one
        (every cell staying within its bounds): the tables with these margins are flows, their polytope is
        integral, and any other solution differs from this one by such cycles."""
        forward: dict[int, list[tuple[int, int]]] = {}
        for i in hidden:
            lo, hi = self.bounds(i)
            v, s = self.flat[i], self.sign[i]
            r, c = self.ends(i)
            if lo <= v + s <= hi:
                forward.setdefault(r, []).append((c, i))
            if lo <= v - s <= hi:
                forward.setdefault(c, []).append((r, i))
        return forward

    def _pin_repair(self, p: int, hidden: frozenset, forward) -> list[int] | None:
        """None when cell p can move; otherwise the open cells that could free it."""
        r, c = self.ends(p)
        reached = []
        for start, goal in ((c, r), (r, c)):    # p up: back from its column to its row; p down: the reverse
            if not any(cell == p for _, cell in forward.get(goal, ())):
                continue                       # p cannot move this way itself
            seen = self._reach(forward, start, p)
            if goal in seen:
                return None
            reached.append(seen)
        return sorted({i for seen in reached for i in self._leaving(seen, hidden)})

    @staticmethod
    def _reach(forward, start: int, without: int) -> set[int]:
        seen, todo = {start}, [start]
        while todo:
            node = todo.pop()
            for other, cell in forward.get(node, ()):
                if cell != without and other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen


def _cost_cells(table: _Table) -> Callable[[int], tuple]:
    """(a) people in every hidden cell, totals included (τ-Argus, sdcTable), then the number of cells."""
    return lambda i: (int(table.flat[i]), 0, 1)


def _cost_totals(table: _Table) -> Callable[[int], tuple]:
    """(b) people in hidden cells of the table itself; a withheld total hides nobody's own count."""
    return lambda i: (0 if table.total[i] else int(table.flat[i]), int(table.total[i]), 1)


def _add(a: tuple, b: tuple) -> tuple:
    return tuple(x + y for x, y in zip(a, b))


def _search(table: _Table, cost: Callable[[int], tuple], budget: int = SEARCH_BUDGET) -> frozenset:
    """The cheapest safe set of hidden cells: greedy first (an upper bound), then best-first search."""
    base = frozenset(table.primary)

    def total_cost(cells) -> tuple:
        out = (0, 0, 0)
        for i in cells:
            out = _add(out, cost(i))
        return out

    best = _greedy(table, cost, base)
    best_cost = total_cost(best) if best is not None else (np.inf,)
    if best is not None and best == base:
        return best
    heap = [(total_cost(base), 0, base)]
    seen = {base}
    opened = 0
    while heap and opened < budget:
        spent, _, hidden = heapq.heappop(heap)
        if spent >= best_cost:
            break
        opened += 1
        repair = table.violation(hidden)
        if repair is None:
            best, best_cost = hidden, spent
            break
        for i in repair:
            more = hidden | {i}
            if more in seen:
                continue
            seen.add(more)
            more_cost = _add(spent, cost(i))
            if more_cost < best_cost:
                heapq.heappush(heap, (more_cost, len(seen), more))
    if best is None:   # nothing repairs it: hide every count that is not 0
        best = frozenset(i for i in range(table.flat.size) if table.flat[i] > 0)
    return best


def _greedy(table: _Table, cost, base: frozenset) -> frozenset | None:
    hidden = base
    for _ in range(table.flat.size + 1):
        repair = table.violation(hidden)
        if repair is None:
            break
        if not repair:
            return None
        hidden = hidden | {min(repair, key=lambda i: (cost(i), i))}
    else:
        return None
    for i in sorted(hidden - base, key=lambda i: (cost(i), i), reverse=True):   # drop what is not needed
        if table.violation(hidden - {i}) is None:
            hidden = hidden - {i}
    return hidden


# =========================================================================== protections

@dataclass(frozen=True)
class Grouping:
    """A candidate regrouping of a table: ``counts`` summed so that ``members[label]`` are the original
    labels behind each label of ``axis`` ("index" or "columns")."""

    counts: pd.DataFrame
    members: dict
    axis: str


@dataclass(frozen=True)
class Protection:
    """A suppressed table: what is published, what is hidden, how, and at what cost."""

    published: pd.DataFrame          # with Total row/column when there are totals: int, "<k" or "×"
    mask: pd.DataFrame               # True where a cell or a total is hidden
    method: str                      # "cells", "totals" or "grouped" (see the module docstring)
    lost: float                      # share of people whose own count is not shown (information_lost)
    members: dict = field(default_factory=dict)   # grouped label -> original labels (method "grouped")

    @property
    def totals_withheld(self) -> int:
        """Totals hidden (not counting totals that are small counts themselves)."""
        if TOTAL not in self.published.index:
            return 0
        cells = [(r, c) for r in self.mask.index for c in self.mask.columns if TOTAL in (r, c)]
        return sum(1 for r, c in cells if self.mask.at[r, c] and self.published.at[r, c] == SECONDARY)

    @property
    def hidden(self) -> int:
        return int(self.mask.to_numpy().sum())


def _extended(values: np.ndarray) -> np.ndarray:
    n_rows, n_cols = values.shape
    full = np.zeros((n_rows + 1, n_cols + 1), dtype=np.int64)
    full[:n_rows, :n_cols] = values
    full[:n_rows, n_cols] = values.sum(axis=1)
    full[n_rows, :n_cols] = values.sum(axis=0)
    full[n_rows, n_cols] = values.sum()
    return full


def _frames(counts: pd.DataFrame, full: np.ndarray, hidden: frozenset, k: int, totals: bool):
    index = list(counts.index) + ([TOTAL] if totals else [])
    columns = list(counts.columns) + ([TOTAL] if totals else [])
    flat = full.ravel()
    shown = np.array([mark(v, k) if i in hidden else int(v) for i, v in enumerate(flat)], dtype=object)
    mask = np.array([i in hidden for i in range(flat.size)])
    return (pd.DataFrame(shown.reshape(full.shape), index=index, columns=columns, dtype=object),
            pd.DataFrame(mask.reshape(full.shape), index=index, columns=columns))


def _interior(frame: pd.DataFrame, totals: bool) -> pd.DataFrame:
    return frame.iloc[:-1, :-1] if totals else frame


def _candidates(counts: pd.DataFrame, k: int, totals: bool) -> list[Protection]:
    values = counts.fillna(0).to_numpy(dtype=np.int64)
    full = _extended(values) if totals else values
    table = _Table(full, k, totals)
    out = []
    for method, cost in (("cells", _cost_cells), ("totals", _cost_totals)):
        if method == "totals" and not totals:
            continue
        hidden = _search(table, cost(table)) if totals else table.primary
        published, mask = _frames(counts, full, hidden, k, totals)
        if totals and derivable(published, mask):      # the exact check has the last word
            hidden = frozenset(i for i in range(table.flat.size) if table.flat[i] > 0)
            published, mask = _frames(counts, full, hidden, k, totals)
        out.append(Protection(published, mask, method,
                              information_lost(values, _interior(mask, totals).to_numpy())))
    return out


def _rank(p: Protection) -> tuple:
    """Fewest people hidden; on a tie the table as it was (a grouping must hide strictly fewer: "NGO <5"
    still says who was interviewed), then fewer totals withheld, then fewer cells hidden."""
    return (round(p.lost, 12), p.method == "grouped", p.totals_withheld, p.hidden, METHODS.index(p.method))


def candidates(counts: pd.DataFrame, k: int = 5, totals: bool = True,
               groupings: Iterable[Grouping] = ()) -> list[Protection]:
    """The candidate protections of a table: (a) ``cells``, (b) ``totals`` (with totals only) and (c) one
    ``grouped`` per grouping given (``merge_neighbours``, ``merge_small_rows``), each with its cost."""
    counts = counts.fillna(0).astype("int64")
    options = _candidates(counts, k, totals)
    values = counts.to_numpy()
    for grouping in groupings:
        inner = min(_candidates(grouping.counts.fillna(0).astype("int64"), k, totals), key=_rank)
        owner = {old: new for new, olds in grouping.members.items() for old in olds}
        hidden = _interior(inner.mask, totals)
        lost = np.zeros(values.shape, dtype=bool)
        for r, row in enumerate(counts.index):
            for c, col in enumerate(counts.columns):
                new_r, new_c = (owner[row], col) if grouping.axis == "index" else (row, owner[col])
                merged = grouping.members[new_r if grouping.axis == "index" else new_c]
                lost[r, c] = len(merged) > 1 or bool(hidden.at[new_r, new_c])
        options.append(Protection(inner.published, inner.mask, "grouped", information_lost(values, lost),
                                  dict(grouping.members)))
    return options


def protect(counts: pd.DataFrame, k: int = 5, totals: bool = True,
            groupings: Iterable[Grouping] = ()) -> Protection:
    """The protection of a rows × columns table of people counts (with its row, column and grand totals
    when ``totals``) that hides the smallest share of people (see the module docstring)."""
    return min(candidates(counts, k, totals, groupings), key=_rank)


def _cost_kept_column_totals(table: _Table) -> Callable[[int], tuple]:
    """(a), except that a column total or the grand total costs more than every cell together."""
    big = 2 * int(np.abs(table.flat).sum()) + 1
    last_row = (table.rows - 1) * table.cols
    return lambda i: (big if i >= last_row and i not in table.primary else int(table.flat[i]), 0, 1)


def protect_column_totals_shown(counts: pd.DataFrame, k: int = 5) -> Protection:
    """Like ``protect`` with totals, for a table whose column totals and grand total are shown elsewhere
    (publish mode: a page's metrics, a table of the same people one level up): complementary cells are
    chosen among the cells and the row totals, and a column total is withheld only when nothing else
    protects the table (then it is marked in ``mask``, and the caller must not show it)."""
    counts = counts.fillna(0).astype("int64")
    values = counts.to_numpy()
    full = _extended(values)
    table = _Table(full, k, True)
    hidden = _search(table, _cost_kept_column_totals(table))
    published, mask = _frames(counts, full, hidden, k, True)
    if derivable(published, mask):
        hidden = frozenset(i for i in range(table.flat.size) if table.flat[i] > 0)
        published, mask = _frames(counts, full, hidden, k, True)
    return Protection(published, mask, "cells", information_lost(values, _interior(mask, True).to_numpy()))


def merge_neighbours(counts: pd.DataFrame, k: int, join: Callable[[str, str], str] = lambda a, b: f"{a} or {b}"
                     ) -> list[Grouping]:
    """Candidates that merge the column with the fewest people among those holding a small count with its
    left or its right neighbour (columns in their order: Yes, Partially, No)."""
    values = counts.fillna(0).to_numpy(dtype=np.int64)
    small = [c for c in range(values.shape[1]) if ((values[:, c] > 0) & (values[:, c] < k)).any()]
    if not small or values.shape[1] < 2:
        return []
    rare = min(small, key=lambda c: (values[:, c].sum(), c))
    out = []
    for left in (rare - 1, rare):
        if left < 0 or left + 1 >= values.shape[1]:
            continue
        a, b = counts.columns[left], counts.columns[left + 1]
        name = join(str(a), str(b))
        grouped = counts.drop(columns=[a, b])
        grouped.insert(left, name, counts[a] + counts[b])
        members = {c: (c,) for c in counts.columns if c not in (a, b)} | {name: (a, b)}
        out.append(Grouping(grouped, members, "columns"))
    return out


def merge_small_rows(counts: pd.DataFrame, k: int, others: str = "Others") -> list[Grouping]:
    """A candidate that merges the rows holding a small count into one row ``others`` (at least two rows)."""
    values = counts.fillna(0).to_numpy(dtype=np.int64)
    small = [counts.index[r] for r in range(values.shape[0]) if ((values[r] > 0) & (values[r] < k)).any()]
    if len(small) < 2 or len(small) == len(counts):
        return []
    keep = counts.drop(index=small)
    grouped = pd.concat([keep, counts.loc[small].sum().to_frame(others).T])
    members = {r: (r,) for r in keep.index} | {others: tuple(small)}
    return [Grouping(grouped, members, "index")]


def group_up(df: pd.DataFrame, fine: str, coarse: str, value: str, k: int = 5, share: float = 0.5) -> tuple[pd.DataFrame, str]:
    """Sum `fine` rows up to `coarse` when more than `share` of the fine non-zero cells would be hidden.

    Returns (frame, level used). Rows without a coarse label keep their fine label."""
    nonzero = df[df[value] > 0]
    if nonzero.empty:
        return df, fine
    if (nonzero[value] < k).mean() <= share:
        return df, fine
    grouped = df.assign(**{coarse: df[coarse].fillna(df[fine])})
    keep = [c for c in df.columns if c not in (fine, value) and c != coarse and grouped[c].nunique(dropna=False) <= 1]
    out = grouped.groupby([coarse, *keep], dropna=False, sort=False, as_index=False)[value].sum()
    return out, coarse


# =========================================================================== checks

def derivable(published: pd.DataFrame, mask: pd.DataFrame) -> list[tuple]:
    """Hidden cells that the published totals determine exactly (should be none).

    Unknowns are the hidden cells; each row and each column gives one equation (cells sum to the
    total cell of that line). A hidden cell is determined when its unit vector lies in the row space
    of the equations restricted to the unknowns."""
    return [(published.index[r], published.columns[c]) for r, c in _derivable_positions(mask.to_numpy())]


def pinned(full: pd.DataFrame, mask: pd.DataFrame, k: int) -> list[tuple]:
    """`<k` cells that the published totals and the marks' bounds (`<k` is 1..k-1, `×` is k or more)
    narrow to one value. None should be, unless the marks and the published zeros alone give the value
    away whatever else is hidden (k = 2: `<2` says 1; a line "0, <3, <3" whose total is <3).

    ``full`` holds the true counts with their totals (last row and column), ``mask`` what is hidden."""
    if k < 3:
        return []
    table = _Table(full.to_numpy(dtype=np.int64), k, True)
    hidden = frozenset(np.flatnonzero(mask.to_numpy().ravel()).tolist())
    forward = table._residual(hidden)
    return [(full.index[p // table.cols], full.columns[p % table.cols])
            for p in sorted(table.primary & hidden) if table._pin_repair(p, hidden, forward) is not None]


def _derivable_positions(hidden: np.ndarray) -> list[tuple[int, int]]:
    cells = [(r, c) for r in range(hidden.shape[0]) for c in range(hidden.shape[1]) if hidden[r, c]]
    if not cells:
        return []
    position = {cell: i for i, cell in enumerate(cells)}
    equations = []
    rows, cols = hidden.shape
    for r in range(rows):  # sum of row r's cells (all but the last column) == last column
        eq = np.zeros(len(cells))
        for c in range(cols):
            if (r, c) in position:
                eq[position[(r, c)]] = -1.0 if c == cols - 1 else 1.0
        equations.append(eq)
    for c in range(cols):
        eq = np.zeros(len(cells))
        for r in range(rows):
            if (r, c) in position:
                eq[position[(r, c)]] = -1.0 if r == rows - 1 else 1.0
        equations.append(eq)
    A = np.array([e for e in equations if e.any()]) if any(e.any() for e in equations) else np.zeros((0, len(cells)))
    rank = np.linalg.matrix_rank(A) if len(A) else 0
    found = []
    for cell, i in position.items():
        unit = np.zeros(len(cells))
        unit[i] = 1.0
        stacked = np.vstack([A, unit]) if len(A) else unit[None, :]
        if np.linalg.matrix_rank(stacked) == rank:
            found.append(cell)
    return found


def mask_small(value, k: int = 5):
    """A single count as shown in workshop mode."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return value
    return label(k) if 0 < int(value) < k else int(value)
