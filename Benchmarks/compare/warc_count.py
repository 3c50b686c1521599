#!/usr/bin/env python3
"""Trawl — warc_count.py
Counts the records of WARC/ARC files per WARC-Type with warcio, for cross-checking Trawl's reader.

Usage:
    pip install warcio
    python3 Benchmarks/compare/warc_count.py ../shared/corpus/warc            # a table
    python3 Benchmarks/compare/warc_count.py --tsv ../shared/corpus/warc      # file<TAB>type:count,…<TAB>error

Each file is read with warcio's ArchiveIterator (ARC records converted to WARC types, so an ARC
file header counts as `warcinfo`). warcio stops at the first malformed record; the error it raised
is printed next to the counts it reached.
"""

import argparse
import collections
import os
import sys

from warcio.archiveiterator import ArchiveIterator


def count(path):
    """Returns ({record type: count}, error message or '') for one file."""
    counts = collections.Counter()
    error = ""
    with open(path, "rb") as stream:
        try:
            for record in ArchiveIterator(stream, arc2warc=True):
                counts[record.rec_type] += 1
        except Exception as exc:  # warcio raises several types on malformed input
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return counts, error


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="files or directories")
    parser.add_argument("--tsv", action="store_true", help="machine-readable output")
    args = parser.parse_args()
    paths = []
    for name in args.inputs:
        if os.path.isdir(name):
            paths += sorted(os.path.join(name, entry) for entry in os.listdir(name) if not entry.startswith("."))
        else:
            paths.append(name)
    for path in paths:
        counts, error = count(path)
        summary = ",".join(f"{kind}:{counts[kind]}" for kind in sorted(counts))
        if args.tsv:
            print(f"{os.path.basename(path)}\t{summary}\t{error}")
        else:
            print(f"{os.path.basename(path):70} {sum(counts.values()):4}  {summary}" + (f"  [{error}]" if error else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
