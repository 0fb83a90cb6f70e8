//! GraphML, as networkx, igraph, Gephi, yEd and Cytoscape read it.
//!
//! Input: a [`Network`]. Output: one GraphML document with a `<key>` per
//! attribute, declared separately for nodes (`for="node"`) and edges
//! (`for="edge"`) with its `attr.type` (`string`, `int`, `long` or
//! `double`); no graph-level keys. The node label is the key named
//! `label`, the edge weight the key named `weight` (which networkx and
//! igraph take as the weight). The graph is undirected; ids are never
//! empty and all text is escaped, with characters XML forbids left out.

use super::network::{Attribute, Network, Value, ValueKind};
use super::xml::escape;
use crate::error::Result;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes `network` as GraphML to `out`.
pub(super) fn write(network: &Network, out: &mut dyn Write) -> Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    let node_keys = declare_keys(out, "node", "n", "label", &network.node_attributes)?;
    let edge_keys = declare_keys(out, "edge", "e", "weight", &network.edge_attributes)?;
    // How the network was chosen, for the reader of the file: as a
    // comment, since graph-level keys trip some importers (Gephi reads
    // only node and edge keys).
    for (name, text) in &network.description {
        writeln!(out, "  <!-- {name}: {} -->", comment(text))?;
    }
    writeln!(out, r#"  <graph id="G" edgedefault="undirected">"#)?;
    for node in &network.nodes {
        writeln!(out, r#"    <node id="{}">"#, escape(&node.id))?;
        write_data(out, "n0", &node.label)?;
        write_values(out, &node_keys, &node.values)?;
        writeln!(out, "    </node>")?;
    }
    for edge in &network.edges {
        writeln!(
            out,
            r#"    <edge source="{}" target="{}">"#,
            escape(&edge.source),
            escape(&edge.target)
        )?;
        write_data(out, "e0", &Value::Double(edge.weight).render())?;
        write_values(out, &edge_keys, &edge.values)?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}

/// Declares the keys of one domain (`for`): key `{prefix}0` is `first`
/// (the label or the weight), then one per attribute. Returns the key id of
/// each attribute, in the order of `attributes`.
fn declare_keys<'a>(
    out: &mut dyn Write,
    domain: &str,
    prefix: &str,
    first: &str,
    attributes: &'a [Attribute],
) -> Result<Vec<(String, &'a Attribute)>> {
    let first_type = if domain == "node" { "string" } else { "double" };
    writeln!(
        out,
        r#"  <key id="{prefix}0" for="{domain}" attr.name="{first}" attr.type="{first_type}"/>"#
    )?;
    let mut keys = Vec::new();
    for (i, attribute) in attributes.iter().enumerate() {
        let id = format!("{prefix}{}", i + 1);
        let kind = key_type(attribute.kind);
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{}" attr.type="{kind}"/>"#,
            escape(&attribute.name)
        )?;
        keys.push((id, attribute));
    }
    Ok(keys)
}

/// The GraphML type of an attribute's values.
fn key_type(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Text => "string",
        ValueKind::Double => "double",
        ValueKind::Int => "int",
        ValueKind::Long => "long",
    }
}

/// The `<data>` of each attribute that has a value here.
fn write_values(
    out: &mut dyn Write,
    keys: &[(String, &Attribute)],
    values: &BTreeMap<String, Value>,
) -> Result<()> {
    for (id, attribute) in keys {
        if let Some(value) = values.get(&attribute.name) {
            write_data(out, id, &value.render())?;
        }
    }
    Ok(())
}

fn write_data(out: &mut dyn Write, key: &str, text: &str) -> Result<()> {
    writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(text))?;
    Ok(())
}

/// `text` made safe inside an XML comment, which may not hold `--`.
fn comment(text: &str) -> String {
    escape(text).replace("--", "- -")
}
