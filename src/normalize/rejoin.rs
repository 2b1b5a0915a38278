//! Page-break rejoin pass: paragraphs that a page break or a stray blank
//! line cut mid-sentence are joined again, so each paragraph is one block.

use super::*;
use crate::diagnostics::Code;

/// Joins paragraphs that a page break or a stray blank line cut
/// mid-sentence: the first does not end with closing punctuation, the
/// second starts in lower case and is neither a heading nor a list item.
pub(super) fn rejoin(pres: Vec<Pre>) -> Vec<Pre> {
    let mut out: Vec<Pre> = Vec::with_capacity(pres.len());
    for pre in pres {
        if let Some(prev) = out.last_mut()
            && pre.kind == PreKind::Para
            && matches!(prev.kind, PreKind::Para | PreKind::Item { .. })
            && !lexicon::at_most_words(&prev.body, 5)
            && !header_like(&prev.body)
            && (!lexicon::ends_closed(&prev.body)
                && (lexicon::starts_lowercase(&pre.body) || continues_on_next_page(prev, &pre))
                || cut_at_page_end(prev, &pre))
        {
            let last_word = prev.body.rfind(' ').map_or(0, |i| i + 1);
            prev.body.push(' ');
            let at = prev.body.len();
            let page_break = pre.sheet != prev.last_sheet;
            if pre.page != prev.page || prev.page_marks.last().is_some_and(|m| m.1 != pre.page) {
                prev.page_marks.push((at, pre.page));
            }
            prev.body.push_str(&pre.body);
            for (off, page) in pre.page_marks {
                prev.page_marks.push((at + off, page));
            }
            for r in pre.repairs {
                prev.repairs.push(Repair {
                    range: (r.range.0 + at, r.range.1 + at),
                    ..r
                });
            }
            let first_end = prev.body[at..].find(' ').map_or(prev.body.len(), |i| at + i);
            prev.repairs.push(Repair {
                code: Code::NormalizeParagraphRejoined,
                message: if page_break {
                    "Rejoined a paragraph split by a page break.".to_string()
                } else {
                    "Rejoined a paragraph split by a blank line mid-sentence.".to_string()
                },
                range: (last_word, first_end),
            });
            prev.lines += pre.lines;
            prev.full_last_line = pre.full_last_line;
            prev.last_sheet = pre.last_sheet;
            continue;
        }
        out.push(pre);
    }
    out
}

/// True when `next`, on a later page than the end of `prev`, continues
/// `prev`'s sentence although it does not start in lower case ("... the
/// \[page\] Member States agreed."): `prev` has running words, `next` has
/// running words too (or is a short sentence end, or starts with a digit)
/// and is neither a heading nor a header line.
pub(super) fn continues_on_next_page(prev: &Pre, next: &Pre) -> bool {
    let last_word = prev.body.split_whitespace().last().unwrap_or("");
    let item = matches!(prev.kind, PreKind::Item { .. });
    next.sheet > prev.last_sheet
        && (!next.body.starts_with(char::is_uppercase)
            || lexicon::is_function_word(&last_word.to_lowercase())
            || (item || lexicon::has_content_lowercase_words(&prev.body, 1))
                && (lexicon::has_content_lowercase_words(&next.body, 1)
                    || lexicon::ends_closed(&next.body) && lexicon::at_most_words(&next.body, 12)))
        && !header_like(&next.body)
        && !crate::lexicon::is_section_heading(&next.body)
}

/// True when a wrapped paragraph whose last line runs to full width ends
/// a page and prose starts the next page: a paragraph cut by the page end
/// at a sentence boundary (a paragraph's own last line is rarely full).
pub(super) fn cut_at_page_end(prev: &Pre, next: &Pre) -> bool {
    next.sheet > prev.last_sheet
        && prev.full_last_line
        && matches!(prev.kind, PreKind::Para)
        && lexicon::is_prose(&next.body)
        && !header_like(&next.body)
        && !crate::lexicon::is_section_heading(&next.body)
}
