//! Throughput of each ingest stage, in MB of raw text per second, on the
//! seed file and on a sample of the dev corpus (`../shared/corpus/dev`).
//!
//! Run with `cargo bench --bench stages`; one criterion group per stage:
//! decode, repair, structure, match (concept mentions), discover, quads
//! (outline → RDF), load (quads → a fresh on-disk store) and relate
//! (co-occurrence and analytics over a store holding the sample).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use oxigraph::model::NamedNode;
use policykg::concepts::discover::{Discovery, DiscoveryConfig};
use policykg::concepts::lexicon::Lexicon;
use policykg::concepts::matcher::Matcher;
use policykg::document::outline::Outline;
use policykg::rdf::{self, ConceptIris, Document};
use policykg::store::Store;
use policykg::{
    concepts::mentions, corpus::relate, document::decode, document::metadata, document::repair,
    document::structure,
};

/// A named set of input files, read into memory once.
struct Sample {
    name: &'static str,
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl Sample {
    fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, b)| b.len() as u64).sum()
    }

    fn texts(&self) -> Vec<String> {
        self.files
            .iter()
            .map(|(_, b)| decode::decode(b).expect("sample decodes").text)
            .collect()
    }

    fn outlines(&self) -> Vec<Outline> {
        self.texts()
            .iter()
            .map(|t| structure::detect(&repair::repair(t)))
            .collect()
    }
}

fn samples() -> Vec<Sample> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let seed = root.join("sample/000_532428ec3c596e7d.txt");
    let mut samples = vec![Sample {
        name: "seed",
        files: vec![read(&seed)],
    }];
    let dev = root.join("../shared/corpus/dev");
    if dev.is_dir() {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dev)
            .expect("dev corpus readable")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        samples.push(Sample {
            name: "dev",
            files: paths.iter().map(|p| read(p)).collect(),
        });
    }
    samples
}

fn read(path: &Path) -> (PathBuf, Vec<u8>) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path.to_path_buf(), bytes)
}

fn documents(sample: &Sample, matcher: &Matcher, concepts: &Arc<ConceptIris>) -> Vec<Document> {
    sample
        .files
        .iter()
        .zip(sample.outlines())
        .map(|((path, bytes), mut outline)| {
            mentions::annotate(&mut outline, matcher);
            let identity = path.display().to_string();
            Document {
                iri: rdf::document_iri(&identity),
                path: identity.clone(),
                file: identity,
                sha256: decode::sha256_hex(bytes),
                encoding: "UTF-8",
                metadata: metadata::resolve(None, path),
                outline,
                concepts: Arc::clone(concepts),
            }
        })
        .collect()
}

// One group per pipeline stage, in pipeline order, each fed the previous
// stage's output: long because it names every stage once, in one place.
fn stages(c: &mut Criterion) {
    let lexicon = Lexicon::bundled();
    let matcher = Matcher::new(&lexicon);
    let concepts = Arc::new(ConceptIris {
        iris: lexicon
            .concepts()
            .iter()
            .map(|c| NamedNode::new_unchecked(c.iri.clone()))
            .collect(),
        hash: lexicon.content_hash(),
    });
    for sample in samples() {
        let bytes = sample.bytes();
        let texts = sample.texts();
        let outlines = sample.outlines();
        let docs = documents(&sample, &matcher, &concepts);
        let quads: Vec<_> = docs.iter().flat_map(rdf::quads).collect();

        let mut group = c.benchmark_group(format!("{}/stages", sample.name));
        group.throughput(Throughput::Bytes(bytes));
        group.sample_size(10);
        group.bench_function("decode", |b| {
            b.iter(|| {
                for (_, raw) in &sample.files {
                    black_box(decode::decode(raw).unwrap());
                }
            })
        });
        group.bench_function("repair", |b| {
            b.iter(|| {
                for text in &texts {
                    black_box(repair::repair(text));
                }
            })
        });
        let lines: Vec<_> = texts.iter().map(|t| repair::repair(t)).collect();
        group.bench_function("structure", |b| {
            b.iter(|| {
                for l in &lines {
                    black_box(structure::detect(l));
                }
            })
        });
        group.bench_function("match", |b| {
            b.iter_batched(
                || outlines.clone(),
                |mut outlines| {
                    for o in &mut outlines {
                        mentions::annotate(o, &matcher);
                    }
                    outlines
                },
                BatchSize::LargeInput,
            )
        });
        let paragraphs: Vec<Vec<&str>> = outlines
            .iter()
            .map(|o| {
                o.articles
                    .iter()
                    .flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str()))
                    .collect()
            })
            .collect();
        group.bench_function("discover", |b| {
            b.iter(|| {
                let mut discovery = Discovery::new(DiscoveryConfig::default());
                for (i, doc) in paragraphs.iter().enumerate() {
                    discovery.add_document(i, doc, matcher.segmenter());
                }
                black_box(discovery)
            })
        });
        group.bench_function("quads", |b| {
            b.iter(|| {
                for d in &docs {
                    black_box(rdf::quads(d));
                }
            })
        });
        group.bench_function("load", |b| {
            b.iter_batched(
                || (tempfile::tempdir().unwrap(), quads.clone()),
                |(dir, quads)| {
                    let store = Store::open(dir.path()).unwrap();
                    store.bulk_load(quads).unwrap();
                    dir
                },
                BatchSize::PerIteration,
            )
        });
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.bulk_load(quads.clone()).unwrap();
        group.bench_function("relate", |b| {
            b.iter(|| black_box(relate::relate(&store).unwrap()))
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
