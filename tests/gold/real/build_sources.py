"""Merge the annotators' source rows (``sources.d/*.csv``) into ``sources.csv`` with the split.

The split is by publisher (a site: its registrable domain, so ``opolska.zhp.pl`` and
``dolnoslaska.zhp.pl`` are one publisher), decided once, before any extraction change, and never by
looking at keys or outputs: publishers are ordered by a hash of their domain and, kind of page by kind
of page, about a third of each kind's publishers go to ``test`` (at least one where a kind has two or
more), the rest to ``dev``. A publisher already in ``sources.csv`` keeps its split, so adding pages
never moves a page between splits. Usage: ``python3 tests/gold/real/build_sources.py``.
"""

from __future__ import annotations

import csv
import hashlib
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
COLUMNS = ("doc_id", "url", "publisher", "kind", "split", "retrieved", "site", "via")
# second-level domains under which the registrable name is one label deeper
SECOND_LEVEL = {
    "com.pl",
    "org.pl",
    "gov.pl",
    "edu.pl",
    "net.pl",
    "info.pl",
    "waw.pl",
    "bial.pl",
    "gmina.pl",
    "powiat.pl",
    "lodz.pl",
    "krakow.pl",
    "wroc.pl",
    "poznan.pl",
    "gda.pl",
    "szczecin.pl",
    "blogspot.com",  # a blog host: each blog is its own publisher
    "republika.pl",  # a host of personal and school sites (forty-fourth session): each site is its own publisher
}
TEST_SHARE = 1 / 3
# one body on two domains is one publisher (one split, one fold): an annotator's page on the second domain takes
# the first's site (forty-second session: a PCPR's own domain beside the town's subdomain, a university's and a
# regional tourist organisation's second domains, a gmina's hyphenated domain; forty-third session: a gmina's old
# domain, the Senate's second domain of its archive and senators' offices; forty-fourth session: a national park's
# second domain, a gmina's cultural centre on the gmina's domain beside its own, a powiat's second domain, a
# school's old site on a host of personal sites; forty-fifth session: a town museum's own domain beside its page on
# the town's domain; forty-seventh session: a society's old domain, a parish's second site beside its page on a
# host, a powiat's old domain; forty-eighth session: a university foundation's domain beside its science park's, a
# cluster's campaign site, a federation's project site, a foundation's second site, the body running a regional
# support centre whose site is keyed)
SAME_PUBLISHER = {
    "pcprkrotoszyn.pl": "krotoszyn.pl",
    "unilodz.eu": "uni.lodz.pl",
    "podlaskie.it": "podlaskieit.pl",
    "e-tarnawatka.pl": "etarnawatka.pl",
    "gminasanok.com": "gminasanok.pl",
    "senat.pl": "senat.gov.pl",
    "tpn.pl": "tpn.gov.pl",
    "pruszczgda.pl": "kulturatutaj.pl",
    "powiatstargardzki.pl": "powiatstargardzki.eu",
    "zsokartuzy.republika.pl": "zso-kartuzy.edu.pl",
    "muzeumbiecz.pl": "biecz.pl",
    "ocaliwonicz.pl": "iwonicz-zdroj.pl",
    "horyzontychoroszczy.pl": "choroszcz.pl",
    "ptsm.szczecin.pl": "ptsm.org.pl",
    "luzino.pl": "luzino.eu",
    "pulawy.pl": "gminapulawy.pl",
    "gieraltowice.com.pl": "gieraltowice.pl",
    "szubintowarzystwo.pl": "sztk.pl",
    "cerkiew.eu": "ndg.pl",
    "powiatwalecki.com.pl": "powiatwalecki.pl",
    "fuam.pl": "ppnt.poznan.pl",
    "demokracjabezposrednia.com": "klaster.org.pl",
    "aleje-alleen-pomerania.eu": "gajanet.pl",
    "zdow.pl": "wyspyzycia.pl",
    "rcwip.pl": "dowes.pl",
}


def site(url: str) -> str:
    """The registrable domain of a page's address (``www.x.gmina.pl`` -> ``x.gmina.pl``)."""
    host = (urlparse(url).hostname or "").lower().rstrip(".").removeprefix("www.").removeprefix("www0.")
    labels = host.split(".")
    keep = 3 if ".".join(labels[-2:]) in SECOND_LEVEL else 2
    registrable = ".".join(labels[-keep:])
    return SAME_PUBLISHER.get(registrable, registrable)


def _rank(domain: str) -> str:
    return hashlib.sha256(f"projekty-real-split:{domain}".encode()).hexdigest()


def read_rows() -> list[dict]:
    rows = []
    for path in sorted((HERE / "sources.d").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                row = {k: (v or "").strip() for k, v in row.items()}
                row["site"] = site(row["url"])
                rows.append(row)
    return rows


def previous_splits() -> dict[str, str]:
    path = HERE / "sources.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    # by the site as recorded and as site() reads it now (an address ending in a dot, ``razemtychy.pl.``, was
    # once its own site ``pl.``): a publisher keeps its split whichever way its site is spelled
    return {**{r["site"]: r["split"] for r in rows}, **{site(r["url"]): r["split"] for r in rows}}


def assign(rows: list[dict]) -> dict[str, str]:
    """site -> split: earlier decisions kept; new sites stratified by the kind of their first page."""
    decided = previous_splits()
    kind_of: dict[str, str] = {}
    for r in rows:
        kind_of.setdefault(r["site"], r["kind"])
    by_kind: dict[str, list[str]] = defaultdict(list)
    for s in sorted(kind_of, key=_rank):
        by_kind[kind_of[s]].append(s)
    out = dict(decided)
    for sites in by_kind.values():
        quota = math.ceil(len(sites) * TEST_SHARE) if len(sites) >= 2 else 0
        have = sum(out.get(s) == "test" for s in sites)
        for s in sites:
            if s not in out:
                out[s] = "test" if have < quota else "dev"
                have += out[s] == "test"
    return out


def main() -> int:
    rows = read_rows()
    ids = Counter(r["doc_id"] for r in rows)
    dup = [d for d, n in ids.items() if n > 1]
    if dup:
        print(f"duplicate doc_ids: {dup}")
        return 1
    splits = assign(rows)
    for r in rows:
        r["split"] = splits[r["site"]]
        if not (HERE / "pages" / f"{r['doc_id']}.txt").exists() or not (HERE / "keys" / f"{r['doc_id']}.json").exists():
            print(f"{r['doc_id']}: page or key missing")
            return 1
    rows.sort(key=lambda r: (r["split"], r["doc_id"]))
    with (HERE / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: r.get(k, "") for k in COLUMNS})
    for split in ("dev", "test"):
        part = [r for r in rows if r["split"] == split]
        print(
            f"{split}: {len(part)} pages, {len({r['site'] for r in part})} publishers, "
            f"kinds {dict(sorted(Counter(r['kind'] for r in part).items()))}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
