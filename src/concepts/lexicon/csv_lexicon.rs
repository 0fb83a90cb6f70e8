//! Reading the CSV lexicon format.

use super::*;

/// One data row, with where each cell starts in the file.
struct Row {
    line: u64,
    raw: String,
    label: String,
    alt_labels: Vec<String>,
    broader: Vec<String>,
}

/// Which field holds which column.
struct Columns {
    label: usize,
    alt_labels: Option<usize>,
    broader: Option<usize>,
    count: usize,
}

/// Parses the CSV text into concepts of [`USER_SCHEME`]; broader names
/// resolve within the file first, then in `bundled`.
pub(super) fn parse(text: &str, path: &Path, bundled: &Lexicon) -> Result<Vec<Concept>> {
    let rows = rows(text, path)?;
    let mut concepts = Vec::with_capacity(rows.len());
    let mut names: HashMap<&str, (usize, u64)> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        for name in std::iter::once(&row.label).chain(&row.alt_labels) {
            if let Some(&(_, line)) = names.get(name.as_str()) {
                let message = format!("label “{name}” is already used on line {line}");
                return Err(malformed(path, row, name, message));
            }
            names.insert(name, (i, row.line));
        }
        concepts.push(concept(row, path)?);
    }
    for (i, row) in rows.iter().enumerate() {
        for name in &row.broader {
            let iri = match names.get(name.as_str()) {
                Some(&(j, _)) => concepts[j].iri.clone(),
                None => bundled_iri(bundled, name)
                    .ok_or_else(|| unknown_broader(path, row, name, bundled))?,
            };
            if iri == concepts[i].iri {
                return Err(malformed(
                    path,
                    row,
                    name,
                    format!("“{name}” cannot be its own broader concept"),
                ));
            }
            push_unique(&mut concepts[i].broader, vec![iri]);
        }
    }
    Ok(concepts)
}

/// The IRI of the bundled concept `name` designates, if any.
fn bundled_iri(bundled: &Lexicon, name: &str) -> Option<String> {
    bundled
        .lookup(name)
        .map(|i| bundled.concepts()[i].iri.clone())
}

fn unknown_broader(path: &Path, row: &Row, name: &str, bundled: &Lexicon) -> Error {
    let suggestions = bundled.suggest(name);
    let hint = if suggestions.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", suggestions.join(", "))
    };
    let message =
        format!("broader “{name}” names no concept in this file or in the bundled lexicon{hint}");
    malformed(path, row, name, message)
}

/// The concept a row describes; its labels must be usable.
fn concept(row: &Row, path: &Path) -> Result<Concept> {
    for label in std::iter::once(&row.label).chain(&row.alt_labels) {
        if let Some(problem) = label_problem(label) {
            return Err(malformed(path, row, label, problem));
        }
    }
    let Some(iri) = concept_iri(&row.label) else {
        let message = format!("label “{}” cannot be made into an IRI", row.label);
        return Err(malformed(path, row, &row.label, message));
    };
    let mut concept = Concept::new(&iri, &row.label, USER_SCHEME);
    for alt in &row.alt_labels {
        concept.add_alt_label(alt, if alt.is_ascii() { "en" } else { "zh" });
    }
    Ok(concept)
}

/// Reads the header and the data rows (blank rows skipped).
fn rows(text: &str, path: &Path) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| csv_error(path, text, &e))?
        .clone();
    let lines: Vec<&str> = text.split('\n').collect();
    let columns = columns(&header, lines[0], path)?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, text, &e))?;
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(1, |p| record_line(text, p.byte()));
        let raw = lines
            .get(line as usize - 1)
            .copied()
            .unwrap_or("")
            .to_owned();
        rows.push(row(&record, &columns, line, raw, path)?);
    }
    Ok(rows)
}

/// Finds the named columns in the header (case and spaces ignored).
fn columns(header: &csv::StringRecord, raw: &str, path: &Path) -> Result<Columns> {
    const NAMES: [&str; 3] = ["label", "altlabels", "broader"];
    let mut found: [Option<usize>; 3] = [None; 3];
    for (i, name) in header.iter().enumerate() {
        let wanted = name.trim().to_lowercase();
        let Some(k) = NAMES.iter().position(|n| *n == wanted) else {
            let message = format!(
                "unknown column “{name}”; a CSV lexicon has the columns label,altLabels,broader"
            );
            return Err(header_error(path, raw, i, message));
        };
        if found[k].replace(i).is_some() {
            let message = format!("column “{name}” appears twice");
            return Err(header_error(path, raw, i, message));
        }
    }
    let Some(label) = found[0] else {
        let message =
            "the header has no `label` column; the first line should read label,altLabels,broader"
                .into();
        return Err(Error::Malformed {
            path: path.into(),
            line: 1,
            column: 1,
            message,
        });
    };
    Ok(Columns {
        label,
        alt_labels: found[1],
        broader: found[2],
        count: header.len(),
    })
}

/// An [`Error::Malformed`] at field `index` of the header line `raw`.
fn header_error(path: &Path, raw: &str, index: usize, message: String) -> Error {
    let mut quoted = false;
    let mut fields = 0;
    let mut column = 1;
    for (i, c) in raw.chars().enumerate() {
        if fields == index {
            column = i as u64 + 1;
            break;
        }
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields += 1,
            _ => {}
        }
    }
    if fields < index {
        column = raw.chars().count() as u64 + 1;
    }
    Error::Malformed {
        path: path.to_path_buf(),
        line: 1,
        column,
        message,
    }
}

/// One data row: a non-empty label, names split on the separators.
fn row(
    record: &csv::StringRecord,
    columns: &Columns,
    line: u64,
    raw: String,
    path: &Path,
) -> Result<Row> {
    let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
    let list = |i: Option<usize>| -> Vec<String> {
        cell(i)
            .split(CSV_SEPARATORS)
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut row = Row {
        line,
        raw,
        label: cell(Some(columns.label)).to_owned(),
        alt_labels: list(columns.alt_labels),
        broader: list(columns.broader),
    };
    if record.len() > columns.count {
        let extra = record.get(columns.count).unwrap_or("").to_owned();
        let message = format!(
            "the row has {} fields but the header names {}",
            record.len(),
            columns.count
        );
        return Err(malformed(path, &row, &extra, message));
    }
    if row.label.is_empty() {
        row.raw.clear(); // nothing to point at: report column 1
        return Err(malformed(path, &row, "", "the label cell is empty".into()));
    }
    Ok(row)
}

/// An [`Error::Malformed`] pointing at the first occurrence of `name`
/// on the row's line (column 1 if it is not on that line).
fn malformed(path: &Path, row: &Row, name: &str, message: String) -> Error {
    malformed_at(path, row.line, &row.raw, name, message)
}

/// An [`Error::Malformed`] on `line` (whose text is `raw`) at the first
/// occurrence of `name`, or column 1.
fn malformed_at(path: &Path, line: u64, raw: &str, name: &str, message: String) -> Error {
    let column = match raw.find(name).filter(|_| !name.is_empty()) {
        Some(byte) => raw[..byte].chars().count() as u64 + 1,
        None => 1,
    };
    Error::Malformed {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// A CSV reader error at the line where the reader stopped.
fn csv_error(path: &Path, text: &str, error: &csv::Error) -> Error {
    let line = error.position().map_or(1, |p| record_line(text, p.byte()));
    let message = format!("not valid CSV: {error}");
    Error::Malformed {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    }
}

/// The 1-based line where the record at byte `offset` starts. The
/// reader's offset is just after the previous record, before any blank
/// lines it skipped, so those are stepped over.
fn record_line(text: &str, offset: u64) -> u64 {
    let start = usize::try_from(offset).map_or(text.len(), |o| o.min(text.len()));
    let blank = text.as_bytes()[start..]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    let end = start + blank;
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
}
