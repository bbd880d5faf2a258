"""What the report draws, gathered from a release's tables: totals, tallies and the listed records."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal

import pandas as pd

from pipeline.report.rows import floats, opt_ints, project_rows, strs
from schemas.fields import AMOUNT_KINDS
from schemas.tables import TABLES

TOP_ORGS = 15
TOP_UNITS = 12
# Records drawn one by one (timeline bars, evidence rows): the first ones in page order. A page of
# more is neither readable nor cheap to build; the aggregates still cover every record.
MAX_LISTED = 1000
NO_FUNDER = "(no funder named)"
FUNDER_KIND = "grant"  # the one kind of amount summed by funder (kinds are never added together)


@dataclass(frozen=True, slots=True)
class TimelineBar:
    """One project's bar in the timeline: from the start of its first year to the end of its last."""

    id: str  # the project id (the bar links to its record)
    title: str
    start: int
    end: int
    section: str  # the top heading the record stands under


def timeline_rows(projects: pd.DataFrame) -> list[TimelineBar]:
    """Projects with years, ordered by first year (then last year, then position)."""
    rows = [
        TimelineBar(
            p.project_id,
            p.title,
            p.year_start,
            p.year_end if p.year_end is not None else p.year_start,
            p.section.split(" / ")[0] if p.section else "(no section)",
        )
        for p in project_rows(projects)
        if p.year_start is not None
    ]
    return sorted(rows, key=lambda r: (r.start, r.end, r.id))


@dataclass(slots=True)
class _Sum:
    """A running total of amounts and how many there were (or, by funder, in how many projects)."""

    total: Decimal
    n: int = 0


_EXACT = Context(prec=400)  # enough digits for sums of doubles to stay exact
LISTED_TABLES = ("projects", "amounts", "counts", "dates", "project_organisations", "mentions")


class ReportData:
    """What the report draws, gathered from a release's tables a run of whole documents at a time
    (:meth:`add`), so a release is never held at once: totals and tallies for the charts, and the
    tables' rows for the first ``MAX_LISTED`` records. Money is summed exactly (``Decimal``), so the
    totals do not depend on how the runs were cut."""

    def __init__(self, org_names: dict[str, str]):
        self.names = org_names
        self.max_listed = MAX_LISTED  # read when built, so a test can lower it
        self.rows = dict.fromkeys(TABLES, 0)
        self.year_min: int | None = None
        self.year_max: int | None = None
        self.funder_links = 0
        self.source_urls: list[str] = []
        self._kind: dict[tuple[str, str], _Sum] = {}  # (kind, currency) -> total, amounts
        self._funder: dict[tuple[str, str], _Sum] = {}  # (currency, funder) -> total, projects; grants only
        self._roles: dict[str, dict[str, int]] = {}
        self._units: dict[str, list[int]] = {}
        self._listed: dict[str, list[pd.DataFrame]] = {name: [] for name in LISTED_TABLES}
        self._n_listed = 0

    @classmethod
    def of_tables(cls, t: dict[str, pd.DataFrame]) -> ReportData:
        """The report data of whole tables (one run)."""
        orgs = t["organisations"]
        data = cls(dict(zip(strs(orgs, "org_id"), strs(orgs, "name"), strict=True)))
        data.add({name: df for name, df in t.items() if name != "organisations"})
        data.rows["organisations"] = len(t["organisations"])
        return data

    def add(self, t: dict[str, pd.DataFrame]) -> None:
        for name, df in t.items():
            self.rows[name] += len(df)
        self.source_urls += [str(u) for u in t["documents"]["source_url"].dropna()]
        p = t["projects"]
        starts, ends = p["year_start"].dropna(), p["year_end"].dropna()
        if len(starts):
            first = int(starts.min())
            self.year_min = first if self.year_min is None else min(self.year_min, first)
        if len(ends):
            last = int(ends.max())
            self.year_max = last if self.year_max is None else max(self.year_max, last)
        links = t["project_organisations"]
        roles = links["role"].astype(str)
        funders = links[roles == "funder"]
        self.funder_links += len(funders)
        self._add_money(t["amounts"], funders)
        for oid, role in zip(strs(links, "org_id"), strs(links, "role"), strict=True):
            tally = self._roles.setdefault(self.names.get(oid, oid), {})
            tally[role] = tally.get(role, 0) + 1
        c = t["counts"]
        for unit, value, low in zip(strs(c, "unit"), opt_ints(c, "value"), opt_ints(c, "value_min"), strict=True):
            n = value if value is not None else (low if low is not None else 0)
            unit_tally = self._units.setdefault(unit, [0, 0])
            unit_tally[0] += n
            unit_tally[1] += 1
        self._add_listed(t)

    def _add_money(self, amounts: pd.DataFrame, funders: pd.DataFrame) -> None:
        """Totals per kind and currency; every grant (``FUNDER_KIND``) counts for each funder named in its
        project (a project's amounts and links are in the same run); ``funders``: the run's links with the
        role funder."""
        by_project: dict[str, set[str]] = {}
        for pid, oid in zip(strs(funders, "project_id"), strs(funders, "org_id"), strict=True):
            by_project.setdefault(pid, set()).add(self.names.get(oid, oid))
        projects: dict[tuple[str, str], set[str]] = {}
        for pid, value, cur, kind in zip(
            strs(amounts, "project_id"),
            floats(amounts, "value"),
            strs(amounts, "currency"),
            strs(amounts, "kind"),
            strict=True,
        ):
            exact = Decimal(value)
            tally = self._kind.setdefault((kind, cur), _Sum(Decimal(0)))
            tally.total = _EXACT.add(tally.total, exact)
            tally.n += 1
            if kind != FUNDER_KIND:
                continue
            for name in sorted(by_project.get(pid, {NO_FUNDER})):
                tally = self._funder.setdefault((cur, name), _Sum(Decimal(0)))
                tally.total = _EXACT.add(tally.total, exact)
                projects.setdefault((cur, name), set()).add(pid)
        for key, pids in projects.items():
            self._funder[key].n += len(pids)

    def _add_listed(self, t: dict[str, pd.DataFrame]) -> None:
        room = self.max_listed - self._n_listed
        if room <= 0:
            return
        projects = t["projects"].head(room)
        self._n_listed += len(projects)
        ids, docs = set(projects["project_id"]), set(projects["doc_id"])
        self._listed["projects"].append(projects)
        for name in ("amounts", "counts", "dates", "project_organisations"):
            self._listed[name].append(t[name][t[name]["project_id"].isin(ids)])
        self._listed["mentions"].append(t["mentions"][t["mentions"]["doc_id"].isin(docs)])

    def listed(self) -> dict[str, pd.DataFrame]:
        """The tables' rows for the listed records (the first ``MAX_LISTED`` in release order)."""
        from schemas.models import empty_frame

        return {
            name: pd.concat(parts, ignore_index=True) if parts else empty_frame(name)
            for name, parts in self._listed.items()
        }

    def money_by_kind(self) -> list[tuple[str, str, float, int]]:
        """(kind, currency, total, number of amounts): kinds in vocabulary order, then largest total first.
        Amounts of different kinds are never added together (a grant is part of a project's value)."""
        order = {k: i for i, k in enumerate(AMOUNT_KINDS)}
        return sorted(
            ((k, c, float(s.total), s.n) for (k, c), s in self._kind.items()),
            key=lambda t: (order.get(t[0], len(order)), -t[2], t[1]),
        )

    def money_by_funder(self) -> dict[str, list[tuple[str, float, int]]]:
        """{currency: [(funder name, total of grants, number of projects)]}: every grant of a project counts
        for each funder named in it (so grants of co-funded projects appear under every funder)."""
        out: dict[str, list[tuple[str, float, int]]] = {}
        for (cur, name), s in self._funder.items():
            out.setdefault(cur, []).append((name, float(s.total), s.n))
        return {c: sorted(v, key=lambda t: (-t[1], t[0])) for c, v in sorted(out.items())}

    def org_roles(self, top: int = TOP_ORGS) -> list[tuple[str, dict[str, int]]]:
        """The organisations in most projects, with how often they had each role."""
        return sorted(self._roles.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:top]

    def counts_by_unit(self, top: int = TOP_UNITS) -> list[tuple[str, int, int]]:
        """(unit lemma, sum of the stated numbers, number of counts): a vague count adds its lower bound."""
        return sorted(((u, s, c) for u, (s, c) in self._units.items()), key=lambda t: (-t[1], t[0]))[:top]
