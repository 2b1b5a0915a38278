//! Text repair: from [`RawText`] to [`Normalized`].
//!
//! Owns the normalized text that every span of the report points into. Per
//! line it applies Unicode NFC, folds odd spaces, removes converter
//! artifacts (TeX math-mode lines, Markdown emphasis and escapes) and
//! recognizes Markdown headings and list markers. Lines are grouped into
//! blocks: a blank line, a form feed or a page end closes a paragraph, a
//! list marker opens an item, and inside a paragraph a line that ends well
//! short of the paragraph's width (the next word would have fit) is a
//! deliberate break. Line-end hyphenation is repaired, and a paragraph that a
//! page break or a stray blank line cut mid-sentence is joined to its rest.
//! The text is then rewritten block by block (blocks separated by a blank
//! line), so each block, joined ones included, is one contiguous range.
//! Every repair is an `info` diagnostic whose span points into that text.

use crate::document::deadline;
use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::lexicon;
use crate::report::Diagnostic;
use crate::text::{Block, BlockKind, Normalized, PageMap, RawText};

mod blocks;
mod emit;
mod furniture;
mod geometry;
mod hyphenation;
mod lines;
mod markup;
mod rejoin;

use blocks::*;
use emit::*;
use furniture::Furniture;
use hyphenation::*;
use lines::*;
use markup::*;
use rejoin::*;

/// The raw text of a PDF from the lines its reader laid out: the geometry
/// pass (`normalize/geometry.rs`) removes the furniture it can place on the page and
/// builds paragraphs from line spacing and indents, one string per page,
/// for the text passes of [`normalize`].
pub fn pdf_text(lines: Vec<crate::pdf::layout::PageLines>, mut diagnostics: Vec<Diagnostic>) -> RawText {
    let pages = geometry::render(lines, &mut diagnostics);
    RawText {
        pages,
        paged: true,
        diagnostics,
    }
}

/// Repairs raw text into the normalized text that spans point into.
pub fn normalize(raw: &RawText) -> Normalized {
    let words = word_set(&raw.pages);
    let mut sheets = read_sheets(raw);
    furniture::mark(&mut sheets, raw.paged);
    let stats = LineStats::of(&sheets);
    let mut pres: Vec<Pre> = Vec::new();
    let mut at = At { page: 0, sheet: 0 };
    let mut tick = deadline::Ticker::new();
    'sheets: for sheet in &sheets {
        at.page = sheet.page;
        let mut para: Vec<&Line> = Vec::new();
        for line in &sheet.lines {
            // Past the document's deadline the text is cut short here; the
            // pipeline then fails the document with limit.timeout.
            if tick.expired() {
                break 'sheets;
            }
            if let Some(kind) = line.furniture {
                if kind == Furniture::PageNumber {
                    close_para(&mut para, at, &words, stats, &mut pres);
                    at.sheet += 1;
                }
                if let Some(prev) = pres.last_mut() {
                    let at = prev.body.len();
                    prev.repairs.push(furniture_repair(kind, &line.text, at));
                }
                continue;
            }
            if line.text.is_empty() || line.rule {
                close_para(&mut para, at, &words, stats, &mut pres);
                continue;
            }
            para.push(line);
        }
        close_para(&mut para, at, &words, stats, &mut pres);
        at.sheet += 1;
    }
    let pres = rejoin(pres);
    let depths = list_depths(&pres);
    emit(pres, &depths, raw)
}

/// Groups the lines of one input paragraph into blocks and clears it.
fn close_para(para: &mut Vec<&Line>, at: At, words: &LazyVocab<'_>, stats: LineStats, pres: &mut Vec<Pre>) {
    if !para.is_empty() {
        group_lines(para, at, words, stats, pres);
        para.clear();
    }
}

/// The repair recorded (on the block before) for a removed furniture line.
fn furniture_repair(kind: Furniture, text: &str, at: usize) -> Repair {
    let (code, message) = match kind {
        Furniture::PageNumber => (
            "normalize.page-number-removed",
            format!("Removed the page number line \"{text}\" between paragraphs."),
        ),
        Furniture::Running => (
            "normalize.running-line-removed",
            format!("Removed the running header or footer line \"{text}\"."),
        ),
    };
    Repair {
        code,
        message,
        range: (at, at),
    }
}

/// Where a block starts: its page (for the page map) and its sheet (a page
/// or the piece of one between form feeds or page numbers, for the
/// page-break rejoin).
#[derive(Debug, Clone, Copy)]
pub(super) struct At {
    page: usize,
    sheet: usize,
}

/// A cleaned line of input.
#[derive(Debug, Clone)]
pub(super) struct Line {
    /// Indentation width (tab = 4).
    indent: usize,
    text: String,
    /// Markdown horizontal rule (`---`): a paragraph break, not text.
    rule: bool,
    repairs: Vec<(&'static str, String)>,
    /// Set by the furniture pass: the line is not text.
    furniture: Option<Furniture>,
}

/// What a block will be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum PreKind {
    Para,
    Heading(u8),
    Item {
        indent: usize,
        marker: String,
        number: Option<u32>,
    },
}

/// A repair inside a block: code, message, byte range in `Pre::body`.
#[derive(Debug, Clone)]
pub(super) struct Repair {
    code: &'static str,
    message: String,
    range: (usize, usize),
}

/// A block before emission.
#[derive(Debug, Clone)]
pub(super) struct Pre {
    kind: PreKind,
    body: String,
    /// Page (0-based) where the block starts.
    page: usize,
    /// Byte offsets in `body` where text of a later page starts.
    page_marks: Vec<(usize, usize)>,
    /// Sheets (see [`At`]) where the block starts and ends.
    sheet: usize,
    last_sheet: usize,
    repairs: Vec<Repair>,
    /// Number of input lines merged into this block (for layout rules).
    lines: usize,
    /// True when the block's last input line runs to the paragraph's full
    /// width (a wrapped paragraph that a page end may have cut).
    full_last_line: bool,
}

pub(super) fn new_pre(kind: PreKind, at: At) -> Pre {
    Pre {
        kind,
        body: String::new(),
        page: at.page,
        page_marks: Vec::new(),
        sheet: at.sheet,
        last_sheet: at.sheet,
        repairs: Vec::new(),
        lines: 0,
        full_last_line: false,
    }
}

pub(super) fn flush(cur: &mut Option<Pre>, out: &mut Vec<Pre>) {
    if let Some(pre) = cur.take() {
        out.push(pre);
    }
}

/// Appends `text` (a line's content) to a block after `sep`, carrying the
/// line's repairs over with their range.
pub(super) fn append_line(pre: &mut Pre, text: &str, line: &Line, sep: &str) {
    pre.body.push_str(sep);
    let start = pre.body.len();
    pre.body.push_str(text.trim());
    let end = pre.body.len();
    for (code, message) in &line.repairs {
        pre.repairs.push(Repair {
            code,
            message: message.clone(),
            range: (start, end),
        });
    }
    pre.lines += 1;
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_ranges_are_nfc_and_fold_to_themselves() {
        use unicode_normalization::char::canonical_combining_class;
        let ranges = [
            ('\u{a1}', '\u{2ff}'),
            ('\u{2010}', '\u{202e}'),
            ('\u{2030}', '\u{203f}'),
        ];
        for (lo, hi) in ranges {
            for c in lo..=hi {
                let s = format!("a{c}b");
                assert!(is_plain(&s), "{c:?}");
                assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
                let line = clean_line(&s);
                assert_eq!(line.text, s, "{c:?}");
                assert!(line.repairs.is_empty(), "{c:?}");
            }
        }
        for s in [
            " a",
            "a  b",
            "a\tb",
            "a\u{a0}b",
            "a\u{2003}b",
            "a\u{202f}b",
            "a\u{200b}b",
            "a\u{85}b",
            "e\u{301}",
            "\u{2000}",
        ] {
            assert!(!is_plain(s), "{s:?}");
        }
        assert!(is_plain("Peace – “keeping” — it’s… •"));
    }

    use super::*;

    fn norm(s: &str) -> Normalized {
        normalize(&RawText {
            pages: vec![s.to_string()],
            paged: false,
            diagnostics: vec![],
        })
    }

    fn contents(n: &Normalized) -> Vec<&str> {
        (0..n.blocks.len()).map(|i| n.content(i)).collect()
    }

    #[test]
    fn math_mode_lines_become_plain() {
        let n = norm("$Kyoto\\ Peace\\ Center\\ (KPC)$\n\nNext");
        assert_eq!(contents(&n), vec!["Kyoto Peace Center (KPC)", "Next"]);
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.math-mode"));
        // A price is not math.
        assert_eq!(
            contents(&norm("It cost $5 and $10 in total.")),
            vec!["It cost $5 and $10 in total."]
        );
    }

    #[test]
    fn emphasis_and_escapes_are_read_as_plain() {
        let n = norm("**Mr. Ken Abe** said *this* and 1\\. that");
        assert_eq!(n.content(0), "Mr. Ken Abe said this and 1. that");
    }

    #[test]
    fn odd_spaces_fold_and_nfc_applies() {
        let n = norm("Caf\u{65}\u{301}\u{a0}au  lait\u{200b}");
        assert_eq!(n.content(0), "Café au lait");
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.space-folded"));
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.unicode-nfc"));
    }

    #[test]
    fn running_headers_and_footers_are_dropped() {
        let page = |n: u32, body: &str| format!("Annual Forum Proceedings 2021\n\n{body}\n\n- {n} -\n");
        let text = [
            page(1, "The forum opened with a welcome by the chair of the\nboard."),
            page(2, "Speakers then took the floor."),
            page(3, "The forum closed."),
        ]
        .join("\u{c}");
        let n = norm(&text);
        assert_eq!(
            contents(&n),
            vec![
                "The forum opened with a welcome by the chair of the board.",
                "Speakers then took the floor.",
                "The forum closed."
            ]
        );
        assert!(n.diagnostics.iter().any(|d| d.code == "normalize.running-line-removed"));
        // Without form feeds, page-number lines cut the pages.
        let n = norm("Forum Report\n\nFirst part.\n\nPage 1\n\nForum Report\n\nSecond part.\n\nPage 2\n");
        assert_eq!(contents(&n), vec!["First part.", "Second part."]);
        // A line that also stands inside a page is text (a repeated header).
        let n = norm("Dr. A\n\nSpoke.\n\nDr. B\n\nAsked.\n\nDr. A\n\nReplied.\n\u{c}Dr. A\n\nMore.");
        assert_eq!(contents(&n).iter().filter(|c| **c == "Dr. A").count(), 3);
    }

    #[test]
    fn running_lines_never_empty_a_page() {
        // Each page holds only a line that repeats up to a number: it is the
        // text, kept, and the keeping is reported on every page.
        let text = (1..=3)
            .map(|n| format!("Speech by the Minister, part {n}\n"))
            .collect::<Vec<_>>()
            .join("\u{c}");
        let n = norm(&text);
        for k in 1..=3 {
            assert!(
                n.text.contains(&format!("Speech by the Minister, part {k}")),
                "{:?}",
                n.text
            );
        }
        let kept: Vec<_> = n
            .diagnostics
            .iter()
            .filter(|d| d.code == "normalize.furniture-kept")
            .collect();
        assert!(!kept.is_empty(), "{:?}", n.diagnostics);
        let span = kept[0].span.expect("span");
        assert!(n.text[span.start..span.end].starts_with("Speech by the Minister, part 1"));
        // Beside a body, the same line is a running header.
        let bodies = ["The forum opened.", "Speakers spoke.", "The forum closed."];
        let text = (1..=3)
            .map(|n| format!("Speech by the Minister, part {n}\n\n{}\n", bodies[n - 1]))
            .collect::<Vec<_>>()
            .join("\u{c}");
        assert_eq!(contents(&norm(&text)), bodies);
    }

    #[test]
    fn list_markers_are_structure() {
        let n = norm("Heading:\n\n- 1. First,\n- 2. Second\n - o Nested\n• Bullet\n1) Paren\na. Letter");
        let kinds: Vec<_> = n.blocks.iter().map(|b| b.kind.clone()).collect();
        assert_eq!(kinds[0], BlockKind::Paragraph);
        assert_eq!(
            kinds[1],
            BlockKind::ListItem {
                depth: 0,
                marker: "- 1.".into(),
                number: Some(1)
            }
        );
        assert_eq!(
            kinds[3],
            BlockKind::ListItem {
                depth: 1,
                marker: "- o".into(),
                number: None
            }
        );
        assert_eq!(
            contents(&n)[1..],
            ["First,", "Second", "Nested", "Bullet", "Paren", "Letter"]
        );
        assert_eq!(&n.text[n.blocks[1].span.0..n.blocks[1].span.1], "- 1. First,");
    }

    #[test]
    fn marker_alone_on_a_line_takes_the_next_line() {
        let n = norm("1.\nUN Operations,\n2.\nOther operations");
        assert_eq!(contents(&n), vec!["UN Operations,", "Other operations"]);
    }

    #[test]
    fn split_paragraphs_are_rejoined_contiguously() {
        let n = norm("He spoke about the end of\n\nthe Cold War and more.\n\nNext one.");
        assert_eq!(
            contents(&n),
            vec!["He spoke about the end of the Cold War and more.", "Next one."]
        );
        let d = n.diagnostics.iter().find(|d| d.code == "normalize.paragraph-rejoined");
        let span = d.and_then(|d| d.span).expect("span");
        assert_eq!(&n.text[span.start..span.end], "of the");
    }

    #[test]
    fn page_breaks_split_and_rejoin_with_page_map() {
        let raw = RawText {
            pages: vec![
                "Intro line.\n\nThe delegates spoke at length of the".into(),
                "matter at hand.\n\nNew para.".into(),
            ],
            paged: true,
            diagnostics: vec![],
        };
        let n = normalize(&raw);
        assert_eq!(n.content(1), "The delegates spoke at length of the matter at hand.");
        let at = n.text.find("matter").expect("found");
        assert_eq!(n.pages.starts, vec![0, at]);
        let s = n.block_span(1);
        assert_eq!((s.page, s.page_end), (Some(1), Some(2)));
    }

    #[test]
    fn capitalized_continuation_joins_only_across_pages() {
        let raw = RawText {
            pages: vec![
                "The delegates agreed that the proposals of the".into(),
                "Member States needed further work before the vote.\n\nShort Title".into(),
            ],
            paged: true,
            diagnostics: vec![],
        };
        let n = normalize(&raw);
        assert_eq!(n.blocks.len(), 2);
        assert!(
            n.content(0)
                .ends_with("of the Member States needed further work before the vote.")
        );
        let n = norm(
            "The delegates agreed that the proposals of the\n\nMember States needed further work before the vote.",
        );
        assert_eq!(n.blocks.len(), 2);
    }

    #[test]
    fn full_last_line_at_a_page_end_continues() {
        let page1 = "The delegates agreed on the text of the resolution after a long night.\n\
                     They then turned to the budget, which took the rest of the week to settle.";
        let page2 = "Nobody expected the final vote to be unanimous, yet it was in the end.";
        let raw = RawText {
            pages: vec![page1.into(), page2.into()],
            paged: true,
            diagnostics: vec![],
        };
        assert_eq!(normalize(&raw).blocks.len(), 1);
        // A short last line ends the paragraph.
        let page1 = "The delegates agreed on the text of the resolution after a long night.\nThey stopped.";
        let raw = RawText {
            pages: vec![page1.into(), page2.into()],
            paged: true,
            diagnostics: vec![],
        };
        assert_eq!(normalize(&raw).blocks.len(), 2);
    }

    #[test]
    fn numbered_marker_lines_and_list_headings_in_wrapped_text() {
        let n = norm(
            "running footer 8\n5.\nThe use of force is limited.\n12.\nMFO Sinai 2019: Staff (2).\nCurrent Dispatch to Missions:",
        );
        let kinds: Vec<bool> = n
            .blocks
            .iter()
            .map(|b| matches!(b.kind, BlockKind::ListItem { .. }))
            .collect();
        assert_eq!(kinds, vec![false, true, true, false]);
        assert_eq!(n.content(3), "Current Dispatch to Missions:");
    }

    #[test]
    fn label_lines_are_blocks_of_their_own() {
        let n = norm(
            "Wednesday, 27 July 2022 8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00 a.m. New York\nReport compiled by: Ann Lee",
        );
        assert_eq!(n.blocks.len(), 2);
        assert_eq!(n.content(1), "Report compiled by: Ann Lee");
    }

    #[test]
    fn dashes_inside_wrapped_lines_are_text() {
        let n = norm("a new conference had to be called to draw a separate agenda\n– this is not a holistic approach.");
        assert_eq!(n.blocks.len(), 1);
        let n = norm("Items:\n– first item,\n– second item.");
        assert_eq!(n.blocks.len(), 3);
    }

    #[test]
    fn no_rejoin_after_closing_punctuation_or_name_lines() {
        let n = norm("A full sentence ends here.\n\nlowercase start\n\nMr. Naoto HISAJIMA\n\non");
        assert_eq!(n.blocks.len(), 4);
    }

    #[test]
    fn form_feed_is_a_paragraph_break_that_can_rejoin() {
        let n = norm("The committee agreed after a long debate that the\u{c}report was ready.");
        assert_eq!(
            contents(&n),
            vec!["The committee agreed after a long debate that the report was ready."]
        );
    }

    #[test]
    fn wrapped_lines_join_and_short_lines_break() {
        let text = "Mr. Naoto Hisajima\nDirector-General, Secretariat of the International Peace Headquarters,\nCabinet Office, Government of Japan";
        let n = norm(text);
        assert_eq!(
            contents(&n),
            vec![
                "Mr. Naoto Hisajima",
                "Director-General, Secretariat of the International Peace Headquarters, Cabinet Office, Government of Japan"
            ]
        );
    }

    #[test]
    fn hyphenation_across_lines() {
        let n = norm(
            "the Inter\u{2010}\nnational Peace Cooperation and the self-\ndefense forces of the self-defense kind",
        );
        assert_eq!(
            n.content(0),
            "the International Peace Cooperation and the self-defense forces of the self-defense kind"
        );
    }

    #[test]
    fn hard_hyphens_are_compounds_where_soft_ones_hyphenate() {
        let n = norm(
            "a long line of text that ends with a broken Inter\u{2010}\nnational word and then civil-\nsociety groups",
        );
        assert_eq!(
            n.content(0),
            "a long line of text that ends with a broken International word and then civil-society groups"
        );
        let n = norm("a long line of text that ends with a broken inter-\nnational word and then self-\nreliance");
        assert_eq!(
            n.content(0),
            "a long line of text that ends with a broken international word and then self-reliance"
        );
    }

    #[test]
    fn genre_compounds_close_without_evidence_and_follow_it_with() {
        let n = norm("field positions in peace-\nkeeping missions and peace-\nbuilders");
        assert_eq!(
            n.content(0),
            "field positions in peacekeeping missions and peacebuilders"
        );
        // The document's own spelling wins.
        let n = norm("peace-keeping is old. field positions in peace-\nkeeping missions");
        assert_eq!(
            n.content(0),
            "peace-keeping is old. field positions in peace-keeping missions"
        );
    }

    #[test]
    fn lone_page_numbers_are_removed_and_the_sentence_rejoined() {
        for folio in ["- 2 -", "12", "– 7 –", "Page 3", "Page 3 of 7", "3/7"] {
            let n = norm(&format!(
                "The first part of the sentence runs on to the\n\n{folio}\n\n\u{c}rest of it here."
            ));
            assert_eq!(n.blocks.len(), 1, "{folio}");
            assert_eq!(
                n.content(0),
                "The first part of the sentence runs on to the rest of it here."
            );
            assert!(
                n.diagnostics.iter().any(|d| d.code == "normalize.page-number-removed"),
                "{folio}"
            );
        }
        // Not page numbers: a year, a numbered marker, a number in a sentence.
        for keep in ["2022", "1.", "12 delegates attended."] {
            let n = norm(&format!("Some text.\n\n{keep}"));
            assert_eq!(n.blocks.len(), 2, "{keep}");
        }
    }

    #[test]
    fn markdown_headings() {
        let n = norm("# Part I: Presentation\n\nText.");
        assert_eq!(n.blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(n.content(0), "Part I: Presentation");
    }

    #[test]
    fn empty_and_odd_inputs_do_not_panic() {
        for s in [
            "",
            "\n\n",
            "\u{c}",
            "-",
            "1.",
            "$",
            "$$",
            "**",
            "- \n- ",
            "é\u{2010}\nü",
        ] {
            let n = norm(s);
            for b in &n.blocks {
                assert!(n.text.get(b.span.0..b.span.1).is_some());
            }
        }
    }
}
