//! Where each key and value of `klacht.toml` sits: the file parsed by `toml_edit` into a small
//! tree of values that keeps the byte position of every key and value, from `toml_edit`'s
//! public spans, so that every error can name its line.

use super::quote;
use std::ops::Range;
use toml_edit::{ArrayOfTables, ImDocument, InlineTable, Item, Key, Table, TomlError, Value};

/// A TOML value.
#[derive(Debug)]
pub(super) enum Node {
    Table(Vec<Entry>),
    Array(Vec<Located>),
    Text(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// An unquoted date or date-time, as written.
    Datetime(String),
}

impl Node {
    /// The value as shown in a message.
    pub(super) fn show(&self) -> String {
        match self {
            Node::Table(_) => "{…}".to_string(),
            Node::Array(_) => "[…]".to_string(),
            Node::Text(t) => quote(t),
            Node::Int(n) => n.to_string(),
            Node::Float(x) => x.to_string(),
            Node::Bool(b) => b.to_string(),
            Node::Datetime(d) => d.clone(),
        }
    }
}

/// A key of a table, its byte position, and its value.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) key: String,
    /// `None` where the parser has none for the key.
    pub(super) key_at: Option<usize>,
    pub(super) value: Located,
}

/// A value and the byte position where it starts, when the parser knows it (an implicit table
/// such as `values` in `[values.channel]` has none of its own).
#[derive(Debug)]
pub(super) struct Located {
    pub(super) node: Node,
    pub(super) at: Option<usize>,
}

/// Parses `text` as a TOML document. The document is kept immutable (`ImDocument`): a
/// `DocumentMut` would drop the spans.
pub(super) fn parse(text: &str) -> Result<Located, TomlError> {
    let doc = ImDocument::parse(text)?;
    Ok(table(doc.as_table()))
}

/// The line (1-based) holding byte `byte_offset` of `text`.
///
/// ```
/// assert_eq!(klacht::config::line_of("a = 1\nb = 2\n", 6), 2);
/// ```
pub fn line_of(text: &str, byte_offset: usize) -> usize {
    let end = byte_offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn start(span: Option<Range<usize>>) -> Option<usize> {
    span.map(|s| s.start)
}

fn entry(key: Option<&Key>, name: &str, value: Located) -> Entry {
    Entry {
        key: name.to_string(),
        key_at: start(key.and_then(Key::span)),
        value,
    }
}

fn table(t: &Table) -> Located {
    let entries = t
        .iter()
        .filter_map(|(name, v)| Some(entry(t.key(name), name, item(v)?)))
        .collect();
    Located {
        node: Node::Table(entries),
        at: start(t.span()),
    }
}

fn inline_table(t: &InlineTable) -> Node {
    Node::Table(
        t.iter()
            .map(|(name, v)| entry(t.key(name), name, value(v)))
            .collect(),
    )
}

fn array_of_tables(a: &ArrayOfTables) -> Located {
    Located {
        node: Node::Array(a.iter().map(table).collect()),
        at: start(a.span()),
    }
}

/// `None` for an empty slot, which a parsed document does not have.
fn item(i: &Item) -> Option<Located> {
    match i {
        Item::None => None,
        Item::Value(v) => Some(value(v)),
        Item::Table(t) => Some(table(t)),
        Item::ArrayOfTables(a) => Some(array_of_tables(a)),
    }
}

fn value(v: &Value) -> Located {
    let node = match v {
        Value::String(s) => Node::Text(s.value().clone()),
        Value::Integer(n) => Node::Int(*n.value()),
        Value::Float(x) => Node::Float(*x.value()),
        Value::Boolean(b) => Node::Bool(*b.value()),
        Value::Datetime(d) => Node::Datetime(d.value().to_string()),
        Value::Array(a) => Node::Array(a.iter().map(value).collect()),
        Value::InlineTable(t) => inline_table(t),
    };
    Located {
        node,
        at: start(v.span()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entry `name` of a table node.
    fn get<'n>(node: &'n Node, name: &str) -> &'n Entry {
        match node {
            Node::Table(entries) => entries
                .iter()
                .find(|e| e.key == name)
                .unwrap_or_else(|| panic!("no {name}")),
            other => panic!("{other:?} is no table"),
        }
    }

    #[test]
    fn keys_and_values_keep_where_they_start() {
        let text = "company = \"X\"\n\
                    [targets]\n\
                    close = { 1 = 5 }\n\
                    [values.channel]\n\
                    Post = \"letter\"\n\
                    [calendar]\n\
                    closures = [\"2026-01-01\", 2026-12-24]\n\
                    a.b = 1\n";
        let at = |needle: &str| text.find(needle).unwrap();
        let root = parse(text).unwrap();

        let company = get(&root.node, "company");
        assert_eq!(company.key_at, Some(at("company")));
        assert_eq!(company.value.at, Some(at("\"X\"")));
        assert!(matches!(&company.value.node, Node::Text(t) if t == "X"));

        // A table from a header starts at its header; an inline table at its brace.
        let targets = get(&root.node, "targets");
        assert_eq!(targets.key_at, Some(at("targets")));
        assert_eq!(targets.value.at, Some(at("[targets]")));
        let close = get(&targets.value.node, "close");
        assert_eq!(close.value.at, Some(at("{ 1")));
        let one = get(&close.value.node, "1");
        assert_eq!(
            (one.key_at, one.value.at),
            (Some(at("1 =")), Some(at("5 }")))
        );

        // `values` has no header of its own: its key sits in `[values.channel]`, the table
        // itself has no position.
        let values = get(&root.node, "values");
        assert_eq!(values.key_at, Some(at("values")));
        assert_eq!(values.value.at, None);
        let post = get(&get(&values.value.node, "channel").value.node, "Post");
        assert_eq!(post.key_at, Some(at("Post")));

        // Array items each have their own position; a date stays as written.
        let closures = get(&get(&root.node, "calendar").value.node, "closures");
        let Node::Array(items) = &closures.value.node else {
            panic!("no array")
        };
        let starts: Vec<Option<usize>> = items.iter().map(|i| i.at).collect();
        assert_eq!(starts, [Some(at("\"2026-01-01\"")), Some(at("2026-12-24"))]);
        assert!(matches!(&items[1].node, Node::Datetime(d) if d == "2026-12-24"));

        // A dotted key names its table where it is written.
        let a = get(&get(&root.node, "calendar").value.node, "a");
        assert_eq!(a.key_at, Some(at("a.b")));
        assert_eq!(get(&a.value.node, "b").key_at, Some(at("b = 1")));
    }

    #[test]
    fn syntax_errors_carry_their_position() {
        let text = "a = 1\nb = = 2\n";
        let e = parse(text).unwrap_err();
        let span = e.span().expect("a span");
        assert_eq!(line_of(text, span.start), 2);
        assert!(!e.message().is_empty());
    }

    #[test]
    fn line_of_counts_lines_from_one() {
        assert_eq!(line_of("", 0), 1);
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 1), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\r\nb\r\nc", 6), 3);
        assert_eq!(line_of("a\nb", 99), 2);
    }
}
