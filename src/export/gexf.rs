//! GEXF 1.3, Gephi's own format.
//!
//! Input: a [`Network`] and a one-line description. Output: one static,
//! undirected GEXF 1.3 graph: node and edge attributes declared in
//! `<attributes class="node|edge">` with their GEXF type (`string`,
//! `integer`, `long`, `double`), node labels, edge weights, and an
//! `<attvalue>` for every value present. Edge ids are their positions in
//! the sorted edge list. No modification date is written, so the same
//! network always gives the same bytes.

use super::network::{Attribute, Network, Value, ValueKind};
use super::xml::escape;
use crate::error::Result;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes `network` as GEXF 1.3 to `out`.
pub(super) fn write(network: &Network, description: &str, out: &mut dyn Write) -> Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">"#
    )?;
    writeln!(out, "  <meta>")?;
    writeln!(out, "    <creator>policykg</creator>")?;
    writeln!(
        out,
        "    <description>{}</description>",
        escape(description)
    )?;
    writeln!(out, "  </meta>")?;
    writeln!(
        out,
        r#"  <graph mode="static" defaultedgetype="undirected">"#
    )?;
    declare(out, "node", &network.node_attributes)?;
    declare(out, "edge", &network.edge_attributes)?;
    writeln!(out, "    <nodes>")?;
    for node in &network.nodes {
        writeln!(
            out,
            r#"      <node id="{}" label="{}">"#,
            escape(&node.id),
            escape(&node.label)
        )?;
        write_values(out, &network.node_attributes, &node.values)?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, edge) in network.edges.iter().enumerate() {
        writeln!(
            out,
            r#"      <edge id="{i}" source="{}" target="{}" weight="{}">"#,
            escape(&edge.source),
            escape(&edge.target),
            Value::Double(edge.weight).render()
        )?;
        write_values(out, &network.edge_attributes, &edge.values)?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")?;
    Ok(())
}

/// `<attributes class="…">`: attribute `i` has id `i`.
fn declare(out: &mut dyn Write, class: &str, attributes: &[Attribute]) -> Result<()> {
    writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
    for (i, attribute) in attributes.iter().enumerate() {
        writeln!(
            out,
            r#"      <attribute id="{i}" title="{}" type="{}"/>"#,
            escape(&attribute.name),
            gexf_type(attribute.kind)
        )?;
    }
    writeln!(out, "    </attributes>")?;
    Ok(())
}

/// The GEXF type of an attribute's values.
fn gexf_type(kind: ValueKind) -> &'static str {
    match kind {
        ValueKind::Text => "string",
        ValueKind::Double => "double",
        ValueKind::Int => "integer",
        ValueKind::Long => "long",
    }
}

/// `<attvalues>` with the values present, by attribute id.
fn write_values(
    out: &mut dyn Write,
    attributes: &[Attribute],
    values: &BTreeMap<String, Value>,
) -> Result<()> {
    writeln!(out, "        <attvalues>")?;
    for (i, attribute) in attributes.iter().enumerate() {
        if let Some(value) = values.get(&attribute.name) {
            writeln!(
                out,
                r#"          <attvalue for="{i}" value="{}"/>"#,
                escape(&value.render())
            )?;
        }
    }
    writeln!(out, "        </attvalues>")?;
    Ok(())
}
