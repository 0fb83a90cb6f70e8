#!/usr/bin/env bash
# Compares what two policykg binaries write for the same input: every
# export format of every network and of the RDF, every named query and
# `outline`, on the seed and dev corpora (or the folders you name).
# A redesign that keeps behaviour must leave them byte-identical.
#
# usage: benches/same_output.sh BEFORE_BINARY AFTER_BINARY [INPUT...]
#   e.g. git worktree add /tmp/before <commit> && (cd /tmp/before && cargo build --release)
#        benches/same_output.sh /tmp/before/target/release/policykg target/release/policykg
# Exits 0 when every output is identical, 1 (with a diff summary) otherwise.
set -euo pipefail

if [ $# -lt 2 ]; then
    sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
before=$1
after=$2
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
inputs=("$@")
if [ ${#inputs[@]} -eq 0 ]; then
    inputs=("$here/../shared/corpus/seed" "$here/../shared/corpus/dev")
fi
for input in "${inputs[@]}"; do
    [ -e "$input" ] || { echo "no such input: $input" >&2; exit 2; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Writes every output of binary $1 under folder $2.
outputs() {
    local bin=$1 out=$2 db="$2/db"
    mkdir -p "$out/export" "$out/queries"
    "$bin" --db "$db" ingest "${inputs[@]}" >/dev/null 2>&1
    find "${inputs[@]}" -type f \( -name '*.txt' -o -name '*.md' \) -print0 | sort -z |
        xargs -0 "$bin" outline >"$out/outline.txt"
    for graph in concepts mentions articles; do
        for format in graphml gexf dot; do
            "$bin" --db "$db" export --format "$format" --graph "$graph" \
                --out "$out/export/$graph.$format" >/dev/null 2>&1
        done
        "$bin" --db "$db" export --format csv --graph "$graph" \
            --out "$out/export/$graph-csv" >/dev/null 2>&1
    done
    "$bin" --db "$db" export --format graphml --concept 制度型开放 --scope sentence \
        --out "$out/export/around.graphml" >/dev/null 2>&1
    for format in nquads trig turtle; do
        "$bin" --db "$db" export --format "$format" --out "$out/export/all.$format" >/dev/null 2>&1
    done
    local articles first second
    articles=$("$bin" --db "$db" query --name articles --format csv)
    first=$(printf '%s\n' "$articles" | sed -n 2p | cut -d, -f1)
    second=$(printf '%s\n' "$articles" | sed -n 3p | cut -d, -f1)
    printf '%s\n' "$articles" >"$out/queries/articles.csv"
    local name params
    while read -r name params; do
        # shellcheck disable=SC2086 # params are split on purpose
        "$bin" --db "$db" query --name "$name" --format csv $params \
            >"$out/queries/$name.csv"
    done <<EOF
concepts-by-frequency
articles-for-concept --param concept=制度型开放
recommendations-for-concept --param concept=制度型开放
cooccurring-concepts --param concept=经济全球化
shared-concepts --param article1=$first --param article2=$second
concept-timeline --param concept=经济全球化
bridge-concepts
recommendations-by-article --param article=$first
article-concepts --param article=$first
concept-contexts --param concept=制度型开放
central-concepts
EOF
    rm -rf "$db"
}

outputs "$before" "$work/before"
outputs "$after" "$work/after"
if diff -r -q "$work/before" "$work/after"; then
    echo "identical: $(find "$work/after" -type f | wc -l) outputs"
else
    echo "outputs differ (above)" >&2
    exit 1
fi
