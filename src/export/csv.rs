//! CSV in Gephi's spreadsheet convention: a node table and an edge table.
//!
//! Input: a [`Network`]. Output: `nodes.csv` with `Id`, `Label` and a
//! column per node attribute (`type`, `iri`, `mentionCount`, ...; `community`
//! and the other measures when the store has them), and `edges.csv` with
//! `Source`, `Target`, `Type` (`Undirected`), `Weight` and a column per
//! edge attribute (`kind`, `count`, `npmi`, ...). UTF-8, `\n` line ends,
//! an empty cell where a node or edge has no value; optionally the byte
//! order mark Excel needs to show Chinese.
//!
//! Cells a spreadsheet would run as formulas (text starting with `=`, `+`,
//! `-`, `@`, a tab or a carriage return) get a leading `'`; numbers in
//! numeric columns (such as `-0.5`) are written as they are.

use super::network::{Attribute, Network, Value};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::io::Write;

/// The byte order mark, as Excel expects it at the start of a UTF-8 file.
pub(super) const BOM: &[u8] = "\u{FEFF}".as_bytes();

/// Writes the node table after `preamble` (the BOM, or nothing).
pub(super) fn write_nodes(network: &Network, preamble: &[u8], out: &mut dyn Write) -> Result<()> {
    let mut writer = start(preamble, out)?;
    let mut header = vec!["Id".to_owned(), "Label".to_owned()];
    header.extend(network.node_attributes.iter().map(|a| neutralise(&a.name)));
    writer.write_record(&header).map_err(csv_error)?;
    for node in &network.nodes {
        let mut record = vec![neutralise(&node.id), neutralise(&node.label)];
        record.extend(cells(&network.node_attributes, &node.values));
        writer.write_record(&record).map_err(csv_error)?;
    }
    writer.flush()?;
    Ok(())
}

/// Writes the edge table after `preamble` (the BOM, or nothing).
pub(super) fn write_edges(network: &Network, preamble: &[u8], out: &mut dyn Write) -> Result<()> {
    let mut writer = start(preamble, out)?;
    let mut header: Vec<String> = ["Source", "Target", "Type", "Weight"]
        .map(str::to_owned)
        .to_vec();
    header.extend(network.edge_attributes.iter().map(|a| neutralise(&a.name)));
    writer.write_record(&header).map_err(csv_error)?;
    for edge in &network.edges {
        let mut record = vec![
            neutralise(&edge.source),
            neutralise(&edge.target),
            "Undirected".to_owned(),
            Value::Double(edge.weight).render(),
        ];
        record.extend(cells(&network.edge_attributes, &edge.values));
        writer.write_record(&record).map_err(csv_error)?;
    }
    writer.flush()?;
    Ok(())
}

/// A CSV writer on `out`, after `preamble`.
fn start<'a>(preamble: &[u8], out: &'a mut dyn Write) -> Result<csv::Writer<&'a mut dyn Write>> {
    out.write_all(preamble)?;
    Ok(csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out))
}

/// One cell per attribute: numbers as they are, text neutralised, empty
/// when there is no value.
fn cells<'a>(
    attributes: &'a [Attribute],
    values: &'a BTreeMap<String, Value>,
) -> impl Iterator<Item = String> + 'a {
    attributes
        .iter()
        .map(|attribute| match values.get(&attribute.name) {
            None => String::new(),
            Some(Value::Text(text)) => neutralise(text),
            Some(number) => number.render(),
        })
}

/// `text` made inert for spreadsheets: a leading `'` when it starts with
/// a character that makes a formula.
pub(super) fn neutralise(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn csv_error(error: csv::Error) -> Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => Error::Io(error),
        other => Error::Io(std::io::Error::other(format!("CSV: {other:?}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        assert_eq!(neutralise("=1+2"), "'=1+2");
        assert_eq!(neutralise("+86"), "'+86");
        assert_eq!(neutralise("-x"), "'-x");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("经济全球化"), "经济全球化");
        assert_eq!(neutralise("a=b"), "a=b");
    }
}
