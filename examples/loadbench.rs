//! How fast does Oxigraph's bulk loader write these quads? (scratch)
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::store::Store;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let file = args.next().unwrap();
    let db = args.next().unwrap();
    let threads: usize = args.next().map(|s| s.parse().unwrap()).unwrap_or(2);
    let mem: usize = args.next().map(|s| s.parse().unwrap()).unwrap_or(0);
    let data = std::fs::read(&file).unwrap();
    let t = Instant::now();
    let quads: Vec<_> = RdfParser::from_format(RdfFormat::NQuads)
        .for_slice(&data)
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    eprintln!(
        "parsed {} quads in {:.2}s",
        quads.len(),
        t.elapsed().as_secs_f64()
    );
    let store = Store::open(&db).unwrap();
    let t = Instant::now();
    let mut loader = store.bulk_loader().with_num_threads(threads);
    if mem > 0 {
        loader = loader.with_max_memory_size_in_megabytes(mem);
    }
    loader.load_quads(quads).unwrap();
    loader.commit().unwrap();
    eprintln!("loaded in {:.2}s", t.elapsed().as_secs_f64());
}
