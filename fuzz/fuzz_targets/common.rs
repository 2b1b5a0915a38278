//! Invariants every successful extraction must keep, shared by the `text`
//! and `pdf` fuzz targets (included with `#[path]`).

use rapporteur::Extraction;
use rapporteur::report::Span;

fn check_span(text: &str, pages: Option<u32>, span: &Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} span {span:?} out of bounds (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} span {span:?} cuts a character"
    );
    match pages {
        None => assert!(
            span.page.is_none() && span.page_end.is_none(),
            "{what} span {span:?} has a page"
        ),
        Some(n) => {
            if let (Some(a), Some(b)) = (span.page, span.page_end) {
                assert!(
                    1 <= a && a <= b && b <= n.max(1),
                    "{what} span {span:?} pages outside 1..={n}"
                );
            }
        }
    }
}

/// Spans in bounds and on character boundaries, the text hash matching the
/// text, and the report serializing.
pub fn check(x: &Extraction) {
    let r = &x.report;
    let t = &x.text;
    let pages = r.source.pages;
    assert_eq!(r.source.text_sha256, rapporteur::pipeline::sha256_hex(t.as_bytes()));
    for s in &r.sections {
        check_span(t, pages, &s.span, "section");
    }
    for s in &r.turns {
        check_span(t, pages, &s.span, "turn");
    }
    for s in &r.dispatches {
        check_span(t, pages, &s.span, "dispatch");
    }
    for s in &r.deployments {
        check_span(t, pages, &s.span, "deployment");
    }
    for s in &r.lists {
        check_span(t, pages, &s.span, "list");
    }
    for d in &r.diagnostics {
        if let Some(s) = &d.span {
            check_span(t, pages, s, &d.code);
        }
    }
    let json = rapporteur::emit::report_json(r);
    assert!(!json.is_empty());
}
