"""Read GraphML files with networkx; print what each holds as JSON.

Usage: python3 graphml_networkx.py FILE...

Prints one JSON object per file, in a list: node and edge counts, the sum
of edge weights, every edge as [source, target, weight] (ends sorted, list
sorted), and every node's label. Used by tests/export.rs; needs
`pip install networkx`.
"""

import json
import sys

import networkx


def describe(path):
    graph = networkx.read_graphml(path)
    if graph.is_directed():
        raise SystemExit(f"{path}: expected an undirected graph")
    edges = sorted(
        sorted([a, b]) + [float(data["weight"])] for a, b, data in graph.edges(data=True)
    )
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "weight": sum(w for _, _, w in edges),
        "edge_list": edges,
        "labels": {node: data.get("label") for node, data in graph.nodes(data=True)},
    }


if __name__ == "__main__":
    print(json.dumps([describe(path) for path in sys.argv[1:]], ensure_ascii=False))
