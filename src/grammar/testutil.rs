//! Test helper: builds a [`Normalized`] document and its list groups from
//! plain lines, the way segmentation is expected to (a stand-in until the
//! segment stage lands, and independent of it).
//!
//! - A line starting with a marker (`- 1.`, `1.`, `1)`, `-`, `•`, `*`) is a
//!   list item; the marker is cut from its content, a number kept, and any
//!   indentation makes it depth 1. `o` after a marker stays in the content.
//! - An indented line without marker right after an item continues it (the
//!   item's block then spans both lines).
//! - Other non-blank lines are paragraphs; a blank line ends a list group.
//! - A group's heading is the block before its first item when that block
//!   is a paragraph.

use std::sync::LazyLock;

use regex::Regex;

use crate::text::{Block, BlockKind, ListGroup, Normalized};

static MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\s*)((?:[-•*]|\d+[.)])(?:\s+(\d+)[.)])?)\s+").expect("static regex"));

/// The document and the list groups of `text`.
pub fn doc_from_text(text: &str) -> (Normalized, Vec<ListGroup>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut groups: Vec<ListGroup> = Vec::new();
    let mut open_group = false;
    let mut offset = 0;
    let mut prev_blank = true;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let end = start + body.len();
        if body.trim().is_empty() {
            open_group = false;
            prev_blank = true;
            continue;
        }
        if let Some(c) = MARKER.captures(body) {
            let whole = c.get(0).map_or(0, |m| m.end());
            let marker = c.get(2).map_or("", |m| m.as_str()).to_string();
            let number = c
                .get(3)
                .map(|m| m.as_str())
                .or_else(|| c.get(2).map(|m| m.as_str().trim_end_matches(['.', ')'])))
                .and_then(|s| s.parse().ok());
            let depth = u8::from(c.get(1).is_some_and(|m| !m.as_str().is_empty()));
            blocks.push(Block {
                kind: BlockKind::ListItem { depth, marker, number },
                span: (start, end),
                content: (start + whole, end),
            });
            let idx = blocks.len() - 1;
            if open_group && let Some(g) = groups.last_mut() {
                g.items.push(idx);
            } else {
                let heading = idx.checked_sub(1).filter(|&h| blocks[h].kind == BlockKind::Paragraph);
                groups.push(ListGroup {
                    heading,
                    items: vec![idx],
                });
                open_group = true;
            }
        } else if !prev_blank
            && body.starts_with(char::is_whitespace)
            && let Some(last) = blocks.last_mut()
            && matches!(last.kind, BlockKind::ListItem { .. })
        {
            last.span.1 = end;
            last.content.1 = end;
        } else {
            open_group = false;
            let lead = body.len() - body.trim_start().len();
            blocks.push(Block {
                kind: BlockKind::Paragraph,
                span: (start, end),
                content: (start + lead, end),
            });
        }
        prev_blank = false;
    }
    let doc = Normalized {
        text: text.to_string(),
        blocks,
        ..Default::default()
    };
    (doc, groups)
}

#[test]
fn doc_from_text_builds_items_groups_and_headings() {
    let text = "Record:\n\n- 1. A b\n  wrapped\n- 2. C\n\n• TCCs: X\nPara\n 1) D\n";
    let (doc, groups) = doc_from_text(text);
    assert_eq!(groups.len(), 3);
    assert_eq!(groups[0].heading.map(|h| doc.content(h)), Some("Record:"));
    assert_eq!(doc.content(groups[0].items[0]), "A b\n  wrapped");
    assert_eq!(
        doc.blocks[groups[0].items[1]].kind,
        BlockKind::ListItem {
            depth: 0,
            marker: "- 2.".into(),
            number: Some(2)
        }
    );
    assert_eq!(groups[1].heading, None);
    assert_eq!(doc.content(groups[1].items[0]), "TCCs: X");
    assert_eq!(groups[2].heading.map(|h| doc.content(h)), Some("Para"));
    assert!(matches!(
        doc.blocks[groups[2].items[0]].kind,
        BlockKind::ListItem {
            depth: 1,
            number: Some(1),
            ..
        }
    ));
}
