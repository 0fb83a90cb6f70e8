#!/usr/bin/env python3
"""Side-by-side benchmark: `policykg ingest` against the reference pipeline
(../shared/bench: Python jieba + rdflib + networkx) on the same folder.

Each round runs policykg on a fresh store, then the reference, one after
the other; after all rounds it prints the median wall time and peak memory
(maximum resident set size, from /usr/bin/time) of each, and their ratios.
It also times a re-ingest of the unchanged folder after each policykg run.

    python3 benches/versus_reference.py ../shared/corpus/scale/rmrb_2019_2020 --rounds 3

Needs a release build (`cargo build --release`) and the reference's venv,
which it sets up with ../shared/bench/setup.sh when --python is not given.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"


def timed(command, log):
    """Runs command under /usr/bin/time; returns (wall seconds, peak MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats:
        result = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", stats.name, *command],
            stdout=log,
            stderr=log,
        )
        if result.returncode not in (0, 3):
            sys.exit(f"failed ({result.returncode}): {' '.join(map(str, command))}")
        wall, kib = stats.read().split()[-2:]
        return float(wall), int(kib) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--python", help="Python with jieba, rdflib, networkx")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    policykg = ROOT / "target" / "release" / "policykg"
    if not policykg.exists():
        sys.exit("build first: cargo build --release")
    python = args.python or subprocess.run(
        [str(BENCH / "setup.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()

    work = Path(tempfile.mkdtemp(prefix="policykg-bench-"))
    log = open(work / "log.txt", "w")
    ours, theirs, again = [], [], []
    try:
        for round in range(1, args.rounds + 1):
            db = work / "store.db"
            shutil.rmtree(db, ignore_errors=True)
            ours.append(timed([policykg, "--db", db, "ingest", args.folder], log))
            again.append(timed([policykg, "--db", db, "ingest", args.folder], log))
            out = work / "peer"
            shutil.rmtree(out, ignore_errors=True)
            theirs.append(
                timed(
                    [python, BENCH / "peer_py" / "pipeline.py", args.folder,
                     BENCH / "lexicon.txt", out],
                    log,
                )
            )
            print(
                f"round {round}: policykg {ours[-1][0]:.1f} s {ours[-1][1]:.0f} MiB "
                f"(re-ingest {again[-1][0]:.2f} s); "
                f"reference {theirs[-1][0]:.1f} s {theirs[-1][1]:.0f} MiB",
                file=sys.stderr,
            )
    finally:
        log.close()
        shutil.rmtree(work, ignore_errors=True)

    def median(runs, i):
        return statistics.median(r[i] for r in runs)

    figures = {
        "folder": str(args.folder),
        "rounds": args.rounds,
        "policykg_seconds": median(ours, 0),
        "policykg_peak_mib": median(ours, 1),
        "reingest_seconds": median(again, 0),
        "reference_seconds": median(theirs, 0),
        "reference_peak_mib": median(theirs, 1),
    }
    figures["speedup"] = figures["reference_seconds"] / figures["policykg_seconds"]
    figures["memory_ratio"] = figures["policykg_peak_mib"] / figures["reference_peak_mib"]
    figures["reingest_share"] = figures["reingest_seconds"] / figures["policykg_seconds"]
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{'':12} {'wall (median)':>14} {'peak RSS':>10}")
    print(f"{'policykg':12} {figures['policykg_seconds']:>12.2f} s {figures['policykg_peak_mib']:>6.0f} MiB")
    print(f"{'reference':12} {figures['reference_seconds']:>12.2f} s {figures['reference_peak_mib']:>6.0f} MiB")
    print(f"speedup {figures['speedup']:.2f}x; memory {figures['memory_ratio']:.2f} of the reference; "
          f"re-ingest {figures['reingest_seconds']:.2f} s ({100 * figures['reingest_share']:.1f}% of the first ingest)")


if __name__ == "__main__":
    main()
