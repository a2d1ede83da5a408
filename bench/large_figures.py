"""How long and how much memory loading an atlas with a million figures takes.

Run ``python bench/large_figures.py [--rows N] [--keep DIR]``. It writes a synthetic atlas
(a country, 20 regions, 2,000 communes, no boundaries) whose ``figures.csv`` has ``N`` rows
(1,000,000 by default), then loads it in this process (:func:`monographs.load_atlas`),
validates it and chooses its figures (:class:`monographs.Facts`), printing the time
of each step and the peak resident memory (``resource.getrusage``). Not a test: nothing is
asserted. Only the standard library and monographs are used.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
from pathlib import Path

INDICATORS = [
    ("population", "people"),
    ("households", "households"),
    ("foreign_residents", "people"),
    ("unemployment_rate_pct", "percent"),
    ("regularisation_requests", "people"),
]
DIMENSIONS = ["", "maroc", "senegal", "france", "syrie"]
SOURCES = ["census-2014", "census-2024", "survey-2020"]
N_REGIONS, N_COMMUNES = 20, 2_000


def peak_rss_mib() -> float:
    """The peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 1024**2


def write_atlas(root: Path, rows: int) -> Path:
    """Write the synthetic atlas with ``rows`` figures into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "atlas.toml").write_text(
        'title = "Large"\ncountry = "Bigland"\nlanguages = ["fr"]\n'
        'levels = ["country", "region", "commune"]\n',
        encoding="utf-8",
    )
    communes = [
        f"R{r:02d}.{c:04d}" for c in range(N_COMMUNES // N_REGIONS) for r in range(N_REGIONS)
    ]
    with (root / "territories.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["code", "level", "parent_code", "name_fr"])
        w.writerow(["T", "country", "", "Bigland"])
        w.writerows([f"R{r:02d}", "region", "T", f"Région {r}"] for r in range(N_REGIONS))
        w.writerows([c, "commune", c[:3], f"Commune {c}"] for c in communes)
    with (root / "sources.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "title", "date"])
        w.writerows([s, f"Source {s}", f"{s[-4:]}-06-01"] for s in SOURCES)
    with (root / "catalogue.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "unit"])
        w.writerows(INDICATORS)
    with (root / "figures.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["territory_code", "indicator", "year", "dimension", "value", "source_id", "note"]
        )
        n = 0
        year = 1990
        while n < rows:
            for code in communes:
                for ind, unit in INDICATORS:
                    for dim in DIMENSIONS:
                        if n >= rows:
                            break
                        value = (
                            f"{(n % 97) / 2:.1f}".replace(".", ",")
                            if unit == "percent"
                            else str(1000 + n % 5000)
                        )
                        w.writerow([code, ind, year, dim, value, SOURCES[n % len(SOURCES)], ""])
                        n += 1
            year += 1
    return root


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write the atlas here and keep it")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = write_atlas(args.keep or Path(tmp) / "atlas", args.rows)
        size = (root / "figures.csv").stat().st_size
        print(f"figures.csv: {args.rows:,} rows, {size / 1024**2:.1f} MiB")
        before = peak_rss_mib()
        t0 = time.perf_counter()
        from monographs import Facts, load_atlas, validate  # the public API (lazy root)

        t_import = time.perf_counter()
        atlas = load_atlas(root)
        t_load = time.perf_counter()
        print(f"load_atlas  {t_load - t_import:6.1f} s   peak RSS {peak_rss_mib():7.0f} MiB")
        report = validate(atlas)
        t_valid = time.perf_counter()
        print(
            f"validate    {t_valid - t_load:6.1f} s   peak RSS {peak_rss_mib():7.0f} MiB"
            f"   ({len(report.problems)} problems)"
        )
        facts = Facts(atlas)
        t_facts = time.perf_counter()
        print(
            f"Facts       {t_facts - t_valid:6.1f} s   peak RSS {peak_rss_mib():7.0f} MiB"
            f"   ({len(facts._by_key):,} figures chosen)"
        )
        print(
            f"total       {t_facts - t0:6.1f} s   peak RSS {peak_rss_mib():7.0f} MiB "
            f"(before loading: {before:.0f} MiB; imports {t_import - t0:.1f} s)"
        )


if __name__ == "__main__":
    main()
