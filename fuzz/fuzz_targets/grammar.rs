//! Fuzzes the dispatch-record grammar: `parse_entry` on the input as one
//! entry, then the whole stage (`grammar::extract`) on a document whose
//! first line is a heading and whose other lines are list items. Neither may
//! panic; positions must stay in bounds. Run with `scripts/fuzz.sh`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rapporteur::grammar;
use rapporteur::text::{Block, BlockKind, ListGroup, Normalized};

/// A document of `text`: line 1 a paragraph, every other line a list item
/// (numbered when it starts with a digit); blank lines end a group.
fn document(text: &str) -> (Normalized, Vec<ListGroup>) {
    let mut blocks = Vec::new();
    let mut groups: Vec<ListGroup> = Vec::new();
    let mut offset = 0;
    let mut open = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let end = start + body.len();
        if body.trim().is_empty() {
            open = false;
            continue;
        }
        if n == 0 {
            blocks.push(Block { kind: BlockKind::Paragraph, span: (start, end), content: (start, end) });
            continue;
        }
        let number = body.split(['.', ')']).next().and_then(|d| d.trim().parse::<u32>().ok());
        blocks.push(Block {
            kind: BlockKind::ListItem { depth: 0, marker: "-".into(), number },
            span: (start, end),
            content: (start, end),
        });
        let idx = blocks.len() - 1;
        match groups.last_mut() {
            Some(g) if open => g.items.push(idx),
            _ => {
                let heading = (idx == 1 && blocks[0].kind == BlockKind::Paragraph).then_some(0);
                groups.push(ListGroup { heading, items: vec![idx] });
                open = true;
            }
        }
    }
    let doc = Normalized { text: text.to_string(), blocks, ..Default::default() };
    (doc, groups)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Err(e) = grammar::parse_entry(&text) {
        assert!(e.pos <= text.len() && text.is_char_boundary(e.pos));
    }
    let _ = grammar::starts_entry(&text);
    let (doc, groups) = document(&text);
    let rec = grammar::extract(&doc, &groups);
    assert_eq!(rec.consumed.len(), groups.len());
    for d in &rec.dispatches {
        assert!(d.span.start <= d.span.end && d.span.end <= doc.text.len());
    }
    for d in &rec.diagnostics {
        if let Some(s) = d.span {
            assert!(s.start <= s.end && s.end <= doc.text.len());
        }
    }
});
