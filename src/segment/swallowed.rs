//! Checks for turns that may have swallowed the next speaker: when a header
//! is missed, the turn before it runs on with the other speaker's text.
//! Nothing is changed here; each suspicion is a warning diagnostic with the
//! span to look at, handed on to the report.
//!
//! - `segment.long-turn`: a turn with more than [`LONG_FACTOR`] times the
//!   median words of the turns of its section (and at least
//!   [`LONG_MIN_WORDS`]), in a section of at least [`MIN_TURNS`] turns;
//! - `segment.header-shaped-line`: a line of a turn's body that reads as a
//!   speaker header (an honorific, a name and nothing else or an
//!   affiliation, no sentence).

use super::Segmented;
use super::header::{self, LineShape};
use crate::diagnostics::Code;
use crate::lexicon;
use crate::report::Diagnostic;
use crate::text::{BlockKind, Normalized};

/// A turn this many times longer than the median is suspicious.
pub const LONG_FACTOR: usize = 4;
/// Below this many words no turn is called long.
pub const LONG_MIN_WORDS: usize = 400;
/// In a section of fewer turns the median says nothing.
pub const MIN_TURNS: usize = 4;

/// The warnings for `seg`'s turns.
pub fn check(doc: &Normalized, seg: &Segmented) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let words: Vec<usize> = seg
        .turns
        .iter()
        .map(|t| {
            t.paragraphs
                .iter()
                .map(|&(a, b)| doc.text.get(a..b).map_or(0, |s| s.split_whitespace().count()))
                .sum()
        })
        .collect();
    // Turns compare with the others of their section: a presentation is
    // long by nature, a reply in a discussion is not.
    let mut sections: Vec<Option<usize>> = seg.turns.iter().map(|t| t.section).collect();
    sections.dedup();
    for section in sections {
        let members: Vec<usize> = (0..seg.turns.len())
            .filter(|&k| seg.turns[k].section == section)
            .collect();
        if members.len() < MIN_TURNS {
            continue;
        }
        let mut sorted: Vec<usize> = members.iter().map(|&k| words[k]).collect();
        sorted.sort_unstable();
        let median = sorted[sorted.len() / 2].max(1);
        for &k in &members {
            let (t, n) = (&seg.turns[k], words[k]);
            if n >= LONG_MIN_WORDS && n > LONG_FACTOR * median {
                out.push(Diagnostic::warning(
                    Code::SegmentLongTurn,
                    format!(
                        "The turn of \"{}\" runs {n} words, over {LONG_FACTOR} times the median turn of its section ({median}); a later speaker's header may have been missed.",
                        t.header.text
                    ),
                    Some(doc.span(t.span.0, t.span.1)),
                ));
            }
        }
    }
    for t in &seg.turns {
        for &b in &t.body_blocks {
            if matches!(doc.blocks[b].kind, BlockKind::ListItem { .. }) {
                continue;
            }
            let (start, _) = doc.blocks[b].content;
            let content = doc.content(b);
            let mut at = 0;
            for line in content.split('\n') {
                if header_shaped(line, &seg.mentions) {
                    let a = start + at;
                    out.push(Diagnostic::warning(
                        Code::SegmentHeaderShapedLine,
                        format!(
                            "The turn of \"{}\" contains the line \"{}\", which reads as a speaker header; it was kept as text of the turn.",
                            t.header.text,
                            line.trim()
                        ),
                        Some(doc.span(a, a + line.len())),
                    ));
                }
                at += line.len() + 1;
            }
        }
    }
    out
}

/// True for a short line that opens with an honorific and is a name, or a
/// name and an affiliation, and no sentence.
fn header_shaped(line: &str, mentions: &header::Mentions) -> bool {
    let s = line.trim();
    if s.is_empty() || !lexicon::at_most_words(s, 14) || lexicon::ends_sentence(s) || lexicon::is_prose(s) {
        return false;
    }
    matches!(
        header::parse_honorific_line(s, mentions),
        LineShape::NameOnly(_) | LineShape::WithAffiliation(_)
    )
}

#[cfg(test)]
mod tests {
    use crate::normalize::normalize;
    use crate::segment::segment;
    use crate::text::{Normalized, RawText};

    fn testutil_normalized(s: &str) -> Normalized {
        normalize(&RawText {
            pages: vec![s.to_string()],
            paged: false,
            diagnostics: vec![],
        })
    }

    #[test]
    fn a_header_shaped_line_in_a_body_is_reported() {
        let doc = testutil_normalized(
            "Forum\n\nPresents\n\nDr. Ann Lee\n\non\n\nA Title\n\nPart I: Talk\n\n\
             Dr. Ann Lee - Fellow, Peace Institute\n\nDr. Lee spoke about peace and asked a question.\n\n\
             Ms. Eva Lind, Officer, Peace Forum\n",
        );
        let seg = segment(&doc);
        let d = super::check(&doc, &seg);
        assert!(d.iter().any(|d| d.code == "segment.header-shaped-line"), "{d:?}");
    }

    #[test]
    fn a_turn_far_longer_than_the_others_is_reported() {
        let long = "The speaker went on about the mission and its mandate. ".repeat(60);
        let mut text = String::from("Forum\n\nPresents\n\nDr. Ann Lee\n\non\n\nA Title\n\nPart I: Talk\n\n");
        for (name, body) in [
            ("Dr. Ann Lee", "Dr. Lee opened the session briefly."),
            ("Mr. Bo Ek", "Mr. Ek asked a short question."),
            ("Ms. Eva Lind", "Ms. Lind replied in a few words."),
            ("Dr. Ann Lee", long.as_str()),
            ("Mr. Bo Ek", "Mr. Ek thanked everyone."),
        ] {
            text.push_str(&format!("{name} - Fellow, Peace Institute\n\n{body}\n\n"));
        }
        let doc = testutil_normalized(&text);
        let seg = segment(&doc);
        assert!(seg.turns.len() >= 4, "{}", seg.turns.len());
        let d = super::check(&doc, &seg);
        assert_eq!(d.iter().filter(|d| d.code == "segment.long-turn").count(), 1, "{d:?}");
        assert!(!d.iter().any(|d| d.code == "segment.header-shaped-line"), "{d:?}");
    }
}
