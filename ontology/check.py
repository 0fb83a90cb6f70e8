#!/usr/bin/env python3
"""Validate the policykg vocabulary and concept lexicon.

Usage:
    python3 ontology/check.py [--gold DIR] [--corpus DIR] [--no-coverage]

Parses ontology/policykg.ttl and ontology/concepts.ttl (needs rdflib:
`pip install rdflib`) and checks:

  vocabulary  every class, property and individual named by the contract
              (design/ONTOLOGY.md) is defined, with rdfs:label @en and @zh,
              rdfs:comment @en, and rdfs:domain + rdfs:range for properties;
  lexicon     at least MIN_CONCEPTS concepts in kgc:scheme; exactly one
              skos:prefLabel@zh per concept and at most one prefLabel per
              language; prefLabel@zh is the IRI's local name; pref and alt
              labels disjoint within and across concepts (no label used twice);
              altLabel language tags follow the convention (@zh has CJK,
              @en is Latin script); no label in stoplist.txt, none shorter than
              2 characters, none with surrounding whitespace; top concepts
              declared on both sides (topConceptOf / hasTopConcept); every
              non-top concept has a skos:broader that is a concept of the
              scheme; broader and narrower are exact inverses; no broader
              cycles; related is symmetric and disjoint from broader/narrower.

Prints a summary and exits 1 on any violation. Coverage figures (share of the
hand-made gold concept lists that are labels; how many concepts occur in a
corpus folder) are informational only and are skipped when the shared data is
absent (default locations: ../shared/gold and
../shared/corpus/scale/rmrb_2019_2020 relative to the repository root).
"""

import argparse
import glob
import json
import os
import re
import sys
from collections import defaultdict

try:
    import rdflib
    from rdflib import RDF, RDFS, OWL, Literal, Namespace, URIRef
except ImportError:  # pragma: no cover
    sys.exit("check.py needs rdflib: pip install rdflib")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MIN_CONCEPTS = 400

KG = Namespace("https://w3id.org/policykg/ns#")
KGC = "https://w3id.org/policykg/concept/"
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEME = URIRef(KGC + "scheme")

CONTRACT_CLASSES = [
    "Document", "Article", "Section", "Paragraph", "Sentence",
    "Recommendation", "Mention", "Cooccurrence", "Scope",
]
CONTRACT_INDIVIDUALS = ["SentenceScope", "ParagraphScope", "ArticleScope"]
CONTRACT_PROPERTIES = [
    "ordinal", "text", "sourceLine", "sha256", "encoding", "subtitle",
    "column", "deck", "marker", "inParagraph", "concept", "context",
    "mentions", "scope", "count", "npmi", "jaccard", "dice", "logLikelihood",
    "associationStrength", "pmi", "discovered", "community", "pagerank",
    "betweenness", "weightedDegree", "component", "mentionCount",
    "documentCount", "list", "intro", "lexiconHash",
]

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
LATIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9+\-. ]*$")


class Report:
    def __init__(self):
        self.errors = []

    def error(self, msg):
        self.errors.append(msg)


def lang_literals(g, s, p):
    return [o for o in g.objects(s, p) if isinstance(o, Literal)]


def check_vocabulary(rep, path):
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    if not list(g.subjects(RDF.type, OWL.Ontology)):
        rep.error(f"{path}: no owl:Ontology header")

    def labelled(term):
        labels = lang_literals(g, term, RDFS.label)
        langs = {l.language for l in labels}
        for lang in ("en", "zh"):
            if lang not in langs:
                rep.error(f"vocabulary: {term.n3(g.namespace_manager)} has no rdfs:label@{lang}")
        if not any(c.language == "en" for c in lang_literals(g, term, RDFS.comment)):
            rep.error(f"vocabulary: {term.n3(g.namespace_manager)} has no rdfs:comment@en")

    for name in CONTRACT_CLASSES:
        t = KG[name]
        if (t, RDF.type, OWL.Class) not in g and (t, RDF.type, RDFS.Class) not in g:
            rep.error(f"vocabulary: class kg:{name} not defined")
        labelled(t)
    for name in CONTRACT_INDIVIDUALS:
        t = KG[name]
        if (t, RDF.type, KG.Scope) not in g:
            rep.error(f"vocabulary: individual kg:{name} is not a kg:Scope")
        labelled(t)
    prop_types = {OWL.DatatypeProperty, OWL.ObjectProperty, RDF.Property, OWL.AnnotationProperty}
    for name in CONTRACT_PROPERTIES:
        t = KG[name]
        if not (set(g.objects(t, RDF.type)) & prop_types):
            rep.error(f"vocabulary: property kg:{name} not defined")
        labelled(t)
        if g.value(t, RDFS.domain) is None:
            rep.error(f"vocabulary: kg:{name} has no rdfs:domain")
        if g.value(t, RDFS.range) is None:
            rep.error(f"vocabulary: kg:{name} has no rdfs:range")
    # every kg: term used anywhere is defined (typed) in this file
    defined = {s for s in g.subjects(RDF.type, None) if str(s).startswith(str(KG))}
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(str(KG))}
    for t in sorted(used - defined):
        rep.error(f"vocabulary: kg term {t} used but not defined")
    return g, len(CONTRACT_CLASSES), len(CONTRACT_PROPERTIES)


def load_stoplist(path):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and not w.startswith("#"):
                words.add(w)
    return words


def check_lexicon(rep, path, stoplist, vocab):
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    if (SCHEME, RDF.type, SKOS.ConceptScheme) not in g:
        rep.error("lexicon: kgc:scheme is not a skos:ConceptScheme")
    if not lang_literals(g, SCHEME, URIRef("http://purl.org/dc/terms/title")):
        rep.error("lexicon: kgc:scheme has no dcterms:title")

    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    in_scheme = set(g.subjects(SKOS.inScheme, SCHEME))
    for c in concepts - in_scheme:
        rep.error(f"lexicon: {c} is a skos:Concept not in kgc:scheme")
    for c in in_scheme - concepts:
        rep.error(f"lexicon: {c} is in kgc:scheme but not a skos:Concept")
    scheme_concepts = concepts & in_scheme
    if len(scheme_concepts) < MIN_CONCEPTS:
        rep.error(f"lexicon: only {len(scheme_concepts)} concepts, need at least {MIN_CONCEPTS}")

    def name(c):
        zh = [l for l in g.objects(c, SKOS.prefLabel) if isinstance(l, Literal) and l.language == "zh"]
        return str(zh[0]) if zh else str(c)

    # labels
    owner = {}  # matchable label text (or (text, lang) for prefLabel@en) -> (concept, kind)
    literal_owner = {}  # (text, lang) over all pref and alt labels -> (concept, kind)
    for c in sorted(scheme_concepts):
        prefs = lang_literals(g, c, SKOS.prefLabel)
        by_lang = defaultdict(list)
        for l in prefs:
            by_lang[l.language].append(l)
        zh = by_lang.get("zh", [])
        if len(zh) != 1:
            rep.error(f"lexicon: {c} has {len(zh)} prefLabel@zh (need exactly 1)")
        for lang, ls in by_lang.items():
            if len(ls) > 1:
                rep.error(f"lexicon: {name(c)} has {len(ls)} prefLabels @{lang}")
        if None in by_lang:
            rep.error(f"lexicon: {name(c)} has a prefLabel without language tag")
        if len(zh) == 1:
            if str(c) != KGC + str(zh[0]):
                rep.error(f"lexicon: IRI {c} does not match prefLabel@zh {zh[0]}")
            if not CJK.search(str(zh[0])):
                rep.error(f"lexicon: prefLabel@zh {zh[0]} has no Chinese character")
        alts = lang_literals(g, c, SKOS.altLabel)
        for l in alts:
            if l.language == "zh" and not CJK.search(str(l)):
                rep.error(f"lexicon: altLabel@zh {l!s} of {name(c)} has no Chinese character (Latin acronyms take @en)")
            elif l.language == "en" and not LATIN.match(str(l)):
                rep.error(f"lexicon: altLabel@en {l!s} of {name(c)} is not a Latin-script acronym")
            elif l.language not in ("zh", "en"):
                rep.error(f"lexicon: altLabel {l!s} of {name(c)} has language tag {l.language!r} (use zh or en)")
        # matchable labels: prefLabel@zh and every altLabel; English prefLabels are checked too
        for kind, ls in (("pref", prefs), ("alt", alts)):
            for l in ls:
                text = str(l)
                if text != text.strip() or not text:
                    rep.error(f"lexicon: label {text!r} of {name(c)} has surrounding whitespace")
                if len(text.strip()) < 2:
                    rep.error(f"lexicon: label {text!r} of {name(c)} is shorter than 2 characters")
                if text in stoplist:
                    rep.error(f"lexicon: label {text!r} of {name(c)} is in the stoplist")
                lit_key = (text, l.language)
                if lit_key in literal_owner:
                    oc, okind = literal_owner[lit_key]
                    if oc == c:
                        rep.error(f"lexicon: {text!r}@{l.language} is used twice by {name(c)} ({okind} and {kind})")
                    else:
                        rep.error(f"lexicon: {text!r}@{l.language} is used by {name(oc)} ({okind}) and {name(c)} ({kind})")
                    continue
                literal_owner[lit_key] = (c, kind)
                if kind == "pref" and l.language == "en":
                    continue  # display label, not matched in Chinese text
                # matchable labels (prefLabel@zh, every altLabel) must be unique
                # as strings, whatever their language tags
                if text in owner:
                    oc, okind = owner[text]
                    rep.error(f"lexicon: label {text!r} used by {name(oc)} ({okind}) and {name(c)} ({kind})")
                else:
                    owner[text] = (c, kind)

    # top concepts
    tops = set(g.subjects(SKOS.topConceptOf, SCHEME))
    has_top = set(g.objects(SCHEME, SKOS.hasTopConcept))
    for c in tops ^ has_top:
        rep.error(f"lexicon: top concept {name(c)} not declared both as topConceptOf and hasTopConcept")
    tops |= has_top

    # hierarchy
    broader = defaultdict(set)
    narrower = defaultdict(set)
    for s, o in g.subject_objects(SKOS.broader):
        broader[s].add(o)
    for s, o in g.subject_objects(SKOS.narrower):
        narrower[s].add(o)
    for c in sorted(scheme_concepts):
        bs = broader.get(c, set())
        if c not in tops and not (bs & scheme_concepts):
            rep.error(f"lexicon: {name(c)} is not a top concept and has no broader concept in the scheme")
        for b in bs:
            if b not in scheme_concepts:
                rep.error(f"lexicon: {name(c)} has broader {b} which is not a concept of the scheme")
            if b == c:
                rep.error(f"lexicon: {name(c)} is broader than itself")
    for s, bs in broader.items():
        for b in bs:
            if s not in narrower.get(b, set()):
                rep.error(f"lexicon: {name(s)} broader {name(b)} but not {name(b)} narrower {name(s)}")
    for s, ns in narrower.items():
        for n in ns:
            if s not in broader.get(n, set()):
                rep.error(f"lexicon: {name(s)} narrower {name(n)} but not {name(n)} broader {name(s)}")
    # cycles (DFS over broader)
    state = {}
    cycles = []

    def visit(c, stack):
        state[c] = 1
        stack.append(c)
        for b in broader.get(c, ()):
            if state.get(b) == 1:
                cycles.append(stack[stack.index(b):] + [b])
            elif b not in state:
                visit(b, stack)
        stack.pop()
        state[c] = 2

    sys.setrecursionlimit(10000)
    for c in scheme_concepts:
        if c not in state:
            visit(c, [])
    for cyc in cycles:
        rep.error("lexicon: broader cycle " + " -> ".join(name(c) for c in cyc))

    # related: symmetric, not between a concept and its broader/narrower ancestors
    def ancestors(c):
        seen, todo = set(), list(broader.get(c, ()))
        while todo:
            x = todo.pop()
            if x not in seen:
                seen.add(x)
                todo.extend(broader.get(x, ()))
        return seen

    for s, o in g.subject_objects(SKOS.related):
        if (o, SKOS.related, s) not in g:
            rep.error(f"lexicon: {name(s)} related {name(o)} but not the reverse")
        if o in ancestors(s) or s in ancestors(o):
            rep.error(f"lexicon: {name(s)} related {name(o)} clashes with the broader hierarchy")
        if o not in scheme_concepts:
            rep.error(f"lexicon: {name(s)} related {o}, not a concept of the scheme")

    # kg: terms used in the lexicon are defined in the vocabulary
    vocab_terms = {s for s in vocab.subjects(RDF.type, None)}
    for triple in g:
        for t in triple:
            if isinstance(t, URIRef) and str(t).startswith(str(KG)) and t not in vocab_terms:
                rep.error(f"lexicon: uses {t}, not defined in policykg.ttl")

    labels = {}
    for c in scheme_concepts:
        ls = [str(l) for l in g.objects(c, SKOS.prefLabel) if isinstance(l, Literal) and l.language == "zh"]
        ls += [str(l) for l in g.objects(c, SKOS.altLabel)]
        labels[c] = ls
    depth_counts = defaultdict(int)
    for c in scheme_concepts:
        depth_counts[min(len(ancestors(c)), 6)] += 1
    stats = {
        "concepts": len(scheme_concepts),
        "tops": sorted(name(t) for t in tops),
        "pref_en": sum(1 for c in scheme_concepts
                       if any(l.language == "en" for l in lang_literals(g, c, SKOS.prefLabel))),
        "alt": sum(1 for _ in g.subject_objects(SKOS.altLabel)),
        "broader": sum(1 for _ in g.subject_objects(SKOS.broader)),
        "related": sum(1 for _ in g.subject_objects(SKOS.related)) // 2,
        "triples": len(g),
    }
    return g, labels, name, stats


def gold_concepts(gold_dir):
    out = []
    seed = os.path.join(gold_dir, "seed.json")
    if os.path.exists(seed):
        with open(seed, encoding="utf-8") as f:
            for a in json.load(f).get("articles", []):
                out += a.get("concepts", [])
    for p in sorted(glob.glob(os.path.join(gold_dir, "dev", "*.json"))):
        with open(p, encoding="utf-8") as f:
            out += json.load(f).get("concepts", [])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = os.path.join(os.path.dirname(REPO), "shared")
    ap.add_argument("--gold", default=os.path.join(shared, "gold"))
    ap.add_argument("--corpus", default=os.path.join(shared, "corpus", "scale", "rmrb_2019_2020"))
    ap.add_argument("--no-coverage", action="store_true", help="skip the informational coverage report")
    ap.add_argument("--show-missing", action="store_true", help="list gold concepts that are not labels")
    args = ap.parse_args()

    rep = Report()
    vocab_path = os.path.join(HERE, "policykg.ttl")
    lex_path = os.path.join(HERE, "concepts.ttl")
    stop_path = os.path.join(HERE, "stoplist.txt")
    try:
        vocab, ncls, nprop = check_vocabulary(rep, vocab_path)
    except Exception as e:  # parse error
        print(f"FAIL: cannot parse {vocab_path}: {e}")
        return 1
    stoplist = load_stoplist(stop_path)
    try:
        lex, labels, name, stats = check_lexicon(rep, lex_path, stoplist, vocab)
    except Exception as e:
        print(f"FAIL: cannot parse {lex_path}: {e}")
        return 1

    print(f"policykg.ttl: {len(vocab)} triples; contract classes {ncls}, properties {nprop}: all checked")
    print(f"stoplist.txt: {len(stoplist)} words")
    print(f"concepts.ttl: {stats['triples']} triples; {stats['concepts']} concepts "
          f"({stats['pref_en']} with prefLabel@en), {stats['alt']} altLabels, "
          f"{stats['broader']} broader links, {stats['related']} related pairs")
    print(f"top concepts ({len(stats['tops'])}): {' '.join(stats['tops'])}")

    if not args.no_coverage:
        all_labels = {l for ls in labels.values() for l in ls}
        if os.path.isdir(args.gold):
            gold = gold_concepts(args.gold)
            uniq = sorted(set(gold))
            hit = [x for x in uniq if x in all_labels]
            tok = sum(1 for x in gold if x in all_labels)
            print(f"gold coverage: {len(hit)}/{len(uniq)} distinct gold concepts are labels "
                  f"({len(hit) / max(1, len(uniq)):.1%}); {tok}/{len(gold)} gold entries ({tok / max(1, len(gold)):.1%})")
            missing = [x for x in uniq if x not in all_labels]
            if missing and (args.show_missing or len(missing) <= 20):
                print("  not labels: " + " ".join(missing))
        else:
            print(f"gold coverage: skipped ({args.gold} not found)")
        if os.path.isdir(args.corpus):
            parts = []
            for root, _, files in os.walk(args.corpus):
                for fn in files:
                    if fn.endswith(".txt"):
                        with open(os.path.join(root, fn), encoding="utf-8", errors="replace") as f:
                            parts.append(f.read())
            text = "\n".join(parts)
            occurring = [c for c, ls in labels.items() if any(l in text for l in ls)]
            print(f"corpus: {len(occurring)}/{len(labels)} concepts have a label occurring in "
                  f"{args.corpus} ({len(parts)} files)")
        else:
            print(f"corpus: skipped ({args.corpus} not found)")

    if rep.errors:
        print(f"FAIL: {len(rep.errors)} violation(s)")
        for e in rep.errors:
            print("  " + e)
        return 1
    print("OK: no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main())
