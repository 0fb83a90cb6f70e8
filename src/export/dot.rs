//! Graphviz DOT, as Graphviz and Gephi read it.
//!
//! Input: a [`Network`]. Output: one undirected `graph` whose node and
//! edge statements carry every attribute value: ids and text quoted
//! (`"kgc:经济全球化"`), numbers bare, `label` for nodes and `weight` for
//! edges. Control characters are left out; newlines become `\n`.

use super::network::{Attribute, Network, Value};
use crate::error::Result;
use std::collections::BTreeMap;
use std::io::Write;

/// Writes `network` as DOT to `out`.
pub(super) fn write(network: &Network, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "graph \"policykg\" {{")?;
    for node in &network.nodes {
        let mut attributes = vec![format!("label={}", quote(&node.label))];
        attributes.extend(values(&network.node_attributes, &node.values));
        writeln!(out, "  {} [{}];", quote(&node.id), attributes.join(", "))?;
    }
    for edge in &network.edges {
        let mut attributes = vec![format!("weight={}", Value::Double(edge.weight).render())];
        attributes.extend(values(&network.edge_attributes, &edge.values));
        writeln!(
            out,
            "  {} -- {} [{}];",
            quote(&edge.source),
            quote(&edge.target),
            attributes.join(", ")
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

/// `name=value` for each attribute with a value, in declared order.
fn values<'a>(
    attributes: &'a [Attribute],
    values: &'a BTreeMap<String, Value>,
) -> impl Iterator<Item = String> + 'a {
    attributes.iter().filter_map(|attribute| {
        let value = match values.get(&attribute.name)? {
            Value::Text(text) => quote(text),
            number => number.render(),
        };
        Some(format!("{}={value}", name_id(&attribute.name)))
    })
}

/// An attribute name as a DOT id: bare when it is a plain identifier,
/// quoted otherwise.
fn name_id(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        name.to_owned()
    } else {
        quote(name)
    }
}

/// `text` as a DOT double-quoted string: `\` and `"` escaped, newlines as
/// `\n`, other control characters left out.
pub(super) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_and_backslashes() {
        assert_eq!(quote("a\"b\\c\nd\u{7}"), r#""a\"b\\c\nd""#);
        assert_eq!(name_id("npmi"), "npmi");
        assert_eq!(name_id("skos:note"), r#""skos:note""#);
    }
}
