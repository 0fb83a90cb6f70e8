"""Read Gephi CSV exports (nodes.csv, edges.csv) with Python's csv module.

Usage: python3 csv_python.py DIR...

Prints one JSON object per directory, in a list: whether each file starts
with a UTF-8 byte order mark, the headers, node and edge counts, the sum of
the Weight column, every edge as [source, target, weight] (ends sorted,
list sorted), and every node's label. Used by tests/export.rs; needs
nothing beyond the standard library.
"""

import csv
import json
import os
import sys


def read(path):
    with open(path, "rb") as raw:
        bom = raw.read(3) == b"\xef\xbb\xbf"
    with open(path, newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
        return bom, rows


def describe(directory):
    nodes_bom, nodes = read(os.path.join(directory, "nodes.csv"))
    edges_bom, edges = read(os.path.join(directory, "edges.csv"))
    edge_list = sorted(
        sorted([row["Source"], row["Target"]]) + [float(row["Weight"])] for row in edges
    )
    return {
        "bom": [nodes_bom, edges_bom],
        "node_header": list(nodes[0].keys()) if nodes else [],
        "edge_header": list(edges[0].keys()) if edges else [],
        "nodes": len(nodes),
        "edges": len(edges),
        "weight": sum(w for _, _, w in edge_list),
        "edge_list": edge_list,
        "labels": {row["Id"]: row["Label"] for row in nodes},
    }


if __name__ == "__main__":
    print(json.dumps([describe(path) for path in sys.argv[1:]], ensure_ascii=False))
