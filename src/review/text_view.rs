//! The text pane of a document page: the normalized text, escaped, with
//! every extracted item wrapped at its span and page numbers beside it.
//!
//! Spans of different items may nest (a turn inside a section, a diagnostic
//! inside a turn) or cross (a list that starts inside one turn and ends in
//! the next). HTML elements can only nest, so the text is cut at every span
//! boundary and each item becomes one or more fragments: a `<span>` that
//! would cross another is closed and opened again after it. Every fragment
//! carries `data-ref` (the item's id); the first also carries the id
//! `t-<ref>` that the item's link on the other pane scrolls to.

use std::fmt::Write as _;

use super::html;
use crate::report::Severity;

/// What kind of item a mark highlights (also its CSS class, and, in this
/// order, which of two marks with the same span is the outer one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Section,
    List,
    Dispatch,
    Deployment,
    Turn,
    Diagnostic(Severity),
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Section => "hl k-section",
            Kind::List => "hl k-list",
            Kind::Dispatch => "hl k-dispatch",
            Kind::Deployment => "hl k-deployment",
            Kind::Turn => "hl k-turn",
            Kind::Diagnostic(Severity::Error) => "hl k-diag d-error",
            Kind::Diagnostic(Severity::Warning) => "hl k-diag d-warning",
            Kind::Diagnostic(Severity::Info) => "hl k-diag d-info",
        }
    }
}

/// One item to highlight: `text[start..end]`.
#[derive(Debug, Clone)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// The item's id (`turn-3`), unique on the page.
    pub id: String,
    /// Shown when the pointer rests on the item.
    pub title: String,
    /// Alternate shading (every other turn), so neighbours stay apart.
    pub alt: bool,
}

/// The largest char boundary of `text` at or before `i` (spans from a
/// report that does not match its text must not split a character).
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Writes the text pane's content: `text` with `marks` and, when
/// `page_starts` is given, a page number (linked to `pdf_url#page=N` when
/// there is a URL) where each page starts.
pub fn render(out: &mut String, text: &str, mut marks: Vec<Mark>, page_starts: &[usize], pdf_url: Option<&str>) {
    for m in &mut marks {
        m.start = floor_boundary(text, m.start);
        m.end = floor_boundary(text, m.end).max(m.start);
    }
    // Outer first: by start, the longer first, then by kind.
    marks.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(a.kind.cmp(&b.kind))
            .then(a.id.cmp(&b.id))
    });
    let pages: Vec<(usize, u32)> = page_starts
        .iter()
        .enumerate()
        .map(|(i, &s)| (floor_boundary(text, s), i as u32 + 1))
        .collect();
    let mut cuts: Vec<usize> = Vec::with_capacity(marks.len() * 2 + pages.len() + 1);
    for m in &marks {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.extend(pages.iter().map(|p| p.0));
    cuts.sort_unstable();
    cuts.dedup();

    let mut open: Vec<usize> = Vec::new();
    let mut next_mark = 0;
    let mut next_page = 0;
    let mut pos = 0;
    for cut in cuts {
        html::text(out, &text[pos..cut]);
        pos = cut;
        close_ending(out, &marks, &mut open, cut);
        while let Some(&(at, n)) = pages.get(next_page)
            && at == cut
        {
            page_number(out, n, pdf_url);
            next_page += 1;
        }
        while let Some(m) = marks.get(next_mark)
            && m.start == cut
        {
            if m.end == m.start {
                fragment(out, m, Fragment::Point);
            } else {
                fragment(out, m, Fragment::First);
                open.push(next_mark);
            }
            next_mark += 1;
        }
    }
    html::text(out, &text[pos..]);
    for _ in open {
        out.push_str("</span>");
    }
}

/// Closes the marks that end at `cut`; marks opened inside them that go on
/// are closed with them and opened again (as later fragments).
fn close_ending(out: &mut String, marks: &[Mark], open: &mut Vec<usize>, cut: usize) {
    let Some(first) = open.iter().position(|&i| marks[i].end == cut) else {
        return;
    };
    let closed = open.split_off(first);
    for _ in &closed {
        out.push_str("</span>");
    }
    for i in closed {
        if marks[i].end != cut {
            fragment(out, &marks[i], Fragment::Again);
            open.push(i);
        }
    }
}

/// Which `<span>` of a mark is being opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fragment {
    /// The item's first fragment: it carries the id `t-<ref>`.
    First,
    /// A fragment opened again after a crossing mark closed it.
    Again,
    /// The whole of an item with an empty span (a marker where it points).
    Point,
}

/// Opens the `<span>` of `m` (a point is closed at once).
fn fragment(out: &mut String, m: &Mark, which: Fragment) {
    out.push_str("<span class=\"");
    out.push_str(m.kind.class());
    if which == Fragment::Point {
        out.push_str(" point");
    } else if m.alt {
        out.push_str(" alt");
    }
    if which != Fragment::Again {
        out.push_str(" first\" id=\"t-");
        html::attr(out, &m.id);
    }
    out.push_str("\" data-ref=\"");
    html::attr(out, &m.id);
    out.push_str("\" title=\"");
    html::attr(out, &m.title);
    out.push_str("\">");
    if which == Fragment::Point {
        out.push_str("</span>");
    }
}

fn page_number(out: &mut String, n: u32, pdf_url: Option<&str>) {
    let _ = write!(out, "<span class=\"pg\" id=\"page-{n}\" data-page=\"{n}\">");
    match pdf_url {
        Some(url) => {
            out.push_str("<a href=\"");
            html::attr(out, url);
            let _ = write!(out, "#page={n}\">p.&nbsp;{n}</a></span>");
        }
        None => {
            let _ = write!(out, "p.&nbsp;{n}</span>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, kind: Kind, id: &str) -> Mark {
        Mark {
            start,
            end,
            kind,
            id: id.into(),
            title: String::new(),
            alt: false,
        }
    }

    /// The text pane of `text` with `marks`, with no PDF to link to.
    fn rendered(text: &str, marks: Vec<Mark>, pages: &[usize]) -> String {
        let mut out = String::new();
        render(&mut out, text, marks, pages, None);
        out
    }

    /// A rendered pane with the attributes stripped down to the refs.
    fn strip(pane: &str) -> String {
        let re = regex::Regex::new(r#"<span class="[^"]*"(?: id="[^"]*")? data-ref="([^"]*)" title="[^"]*">"#).unwrap();
        re.replace_all(pane, "[$1:").replace("</span>", "]")
    }

    /// The text pane with the attributes stripped down to the refs.
    fn shape(text: &str, marks: Vec<Mark>, pages: &[usize]) -> String {
        strip(&rendered(text, marks, pages))
    }

    #[test]
    fn nested_spans_nest() {
        let s = shape(
            "aaa bbb ccc",
            vec![mark(0, 11, Kind::Section, "s"), mark(4, 7, Kind::Turn, "t")],
            &[],
        );
        assert_eq!(s, "[s:aaa [t:bbb] ccc]");
    }

    #[test]
    fn crossing_spans_are_cut_into_fragments() {
        let out = rendered(
            "0123456789",
            vec![mark(0, 6, Kind::Turn, "a"), mark(3, 9, Kind::List, "b")],
            &[],
        );
        assert_eq!(strip(&out), "[a:012[b:345]][b:678]9");
        assert_eq!(
            out.matches("id=\"t-b\"").count(),
            1,
            "one scroll target per item: {out}"
        );
    }

    #[test]
    fn same_span_orders_by_kind_and_empty_spans_are_points() {
        let s = shape(
            "abc",
            vec![
                mark(0, 3, Kind::Turn, "t"),
                mark(0, 3, Kind::Section, "s"),
                mark(1, 1, Kind::Diagnostic(Severity::Info), "d"),
            ],
            &[],
        );
        assert_eq!(s, "[s:[t:a[d:]bc]]");
    }

    #[test]
    fn bad_spans_are_clamped_to_char_boundaries_and_text_is_escaped() {
        let s = shape("é<b>", vec![mark(1, 99, Kind::Turn, "t")], &[]);
        assert_eq!(s, "[t:é&lt;b&gt;]");
    }

    #[test]
    fn page_numbers_stand_where_pages_start() {
        let mut out = String::new();
        render(&mut out, "one two", Vec::new(), &[0, 4], Some("../a.pdf"));
        assert_eq!(
            out,
            "<span class=\"pg\" id=\"page-1\" data-page=\"1\"><a href=\"../a.pdf#page=1\">p.&nbsp;1</a></span>one \
             <span class=\"pg\" id=\"page-2\" data-page=\"2\"><a href=\"../a.pdf#page=2\">p.&nbsp;2</a></span>two"
        );
    }
}
