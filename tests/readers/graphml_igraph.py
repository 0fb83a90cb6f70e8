"""Read GraphML files with python-igraph; print what each holds as JSON.

Usage: python3 graphml_igraph.py FILE...

Prints one JSON object per file, in a list: node and edge counts, the sum
of edge weights, every edge as [source id, target id, weight] (ends sorted,
list sorted), and every node's label. Used by tests/export.rs; needs
`pip install igraph`.
"""

import json
import sys

import igraph


def describe(path):
    graph = igraph.Graph.Read_GraphML(path)
    if graph.is_directed():
        raise SystemExit(f"{path}: expected an undirected graph")
    ids = graph.vs["id"] if graph.vcount() else []
    weights = graph.es["weight"] if graph.ecount() else []
    edges = sorted(
        sorted([ids[e.source], ids[e.target]]) + [float(w)] for e, w in zip(graph.es, weights)
    )
    labels = graph.vs["label"] if graph.vcount() else []
    return {
        "nodes": graph.vcount(),
        "edges": graph.ecount(),
        "weight": sum(w for _, _, w in edges),
        "edge_list": edges,
        "labels": dict(zip(ids, labels)),
    }


if __name__ == "__main__":
    print(json.dumps([describe(path) for path in sys.argv[1:]], ensure_ascii=False))
