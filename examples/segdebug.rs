use rapporteur::text::RawText;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let pages: Vec<String> = text.split('\u{c}').map(|s| s.to_string()).collect();
    let raw = RawText {
        pages,
        paged: true,
        diagnostics: vec![],
    };
    let n = rapporteur::normalize::normalize(&raw);
    let seg = rapporteur::segment::segment(&n);
    let heads: std::collections::HashSet<usize> = seg.turns.iter().flat_map(|t| t.header_blocks.clone()).collect();
    for (i, b) in n.blocks.iter().enumerate() {
        let c = n.content(i);
        let tag = if heads.contains(&i) {
            "H"
        } else if seg.sections.iter().any(|s| s.block == i) {
            "S"
        } else {
            " "
        };
        let kind = match &b.kind {
            rapporteur::text::BlockKind::ListItem { depth, .. } => format!("L{depth}"),
            rapporteur::text::BlockKind::Heading { .. } => "#".into(),
            _ => "P".into(),
        };
        println!("{i:4} {tag} {kind} {}", c.chars().take(110).collect::<String>());
    }
}
