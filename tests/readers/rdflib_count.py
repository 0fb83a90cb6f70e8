"""Parse RDF files with rdflib, an independent parser; print statement counts.

Usage: python3 rdflib_count.py FORMAT FILE...   (FORMAT: nquads, trig, turtle)

Prints a JSON list with, per file, the number of quads (nquads, trig:
statements over all graphs, the default graph included) or triples
(turtle). Used by tests/export.rs; needs `pip install rdflib`.
"""

import json
import sys

import rdflib


def count(path, fmt):
    if fmt == "turtle":
        graph = rdflib.Graph()
        graph.parse(path, format="turtle")
        return len(graph)
    dataset = rdflib.Dataset()
    dataset.parse(path, format=fmt)
    return sum(1 for _ in dataset.quads((None, None, None, None)))


if __name__ == "__main__":
    fmt = sys.argv[1]
    print(json.dumps([count(path, fmt) for path in sys.argv[2:]]))
