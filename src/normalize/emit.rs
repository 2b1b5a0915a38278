//! The rewrite: blocks written out one after the other (separated by a
//! blank line) into the normalized text, with the page map and every
//! repair as an `info` diagnostic whose span points into that text.

use super::*;

/// Writes the normalized text (blocks separated by a blank line), the
/// blocks, the page map and the repair diagnostics.
pub(super) fn emit(pres: Vec<Pre>, depths: &[u8], raw: &RawText) -> Normalized {
    let mut text = String::new();
    let mut blocks = Vec::with_capacity(pres.len());
    let npages = raw.pages.len();
    let mut first_at: Vec<Option<usize>> = vec![None; npages];
    let mut diagnostics = raw.diagnostics.clone();
    let mut pending = Vec::new();
    for (i, pre) in pres.into_iter().enumerate() {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        let prefix = match &pre.kind {
            PreKind::Para => String::new(),
            PreKind::Heading(level) => format!("{} ", "#".repeat(*level as usize)),
            PreKind::Item { marker, .. } => format!("{marker} "),
        };
        text.push_str(&prefix);
        let content_start = text.len();
        text.push_str(&pre.body);
        let end = text.len();
        if let Some(slot) = first_at.get_mut(pre.page)
            && slot.is_none()
        {
            *slot = Some(start);
        }
        for (off, page) in &pre.page_marks {
            if let Some(slot) = first_at.get_mut(*page)
                && slot.is_none()
            {
                *slot = Some(content_start + off);
            }
        }
        let kind = match pre.kind {
            PreKind::Para => BlockKind::Paragraph,
            PreKind::Heading(level) => BlockKind::Heading { level },
            PreKind::Item { marker, number, .. } => BlockKind::ListItem {
                depth: depths.get(i).copied().unwrap_or(0),
                marker,
                number,
            },
        };
        blocks.push(Block {
            kind,
            span: (start, end),
            content: (content_start, end),
        });
        // Merge a block's repairs of the same code into one diagnostic.
        let mut by_code: Vec<(&'static str, String, usize, usize)> = Vec::new();
        for r in pre.repairs {
            let (s, e) = (content_start + r.range.0, content_start + r.range.1);
            // Joins are one repair each; line-level repairs are merged.
            let each = matches!(r.code, "normalize.paragraph-rejoined" | "normalize.hyphenation-joined");
            if !each && let Some(x) = by_code.iter_mut().find(|x| x.0 == r.code && x.1 == r.message) {
                x.2 = x.2.min(s);
                x.3 = x.3.max(e);
            } else {
                by_code.push((r.code, r.message, s, e));
            }
        }
        for (code, message, s, e) in by_code {
            pending.push((code, message, s, e));
        }
    }
    text.push('\n');
    let pages = if raw.paged {
        let mut starts = vec![0usize; npages];
        let mut next = text.len();
        for p in (0..npages).rev() {
            if let Some(at) = first_at[p] {
                next = next.min(at);
            }
            starts[p] = next;
        }
        if let Some(s) = starts.first_mut() {
            *s = 0;
        }
        // Keep the starts ascending whatever the joins did.
        for p in 1..npages {
            if starts[p] < starts[p - 1] {
                starts[p] = starts[p - 1];
            }
        }
        PageMap { starts }
    } else {
        PageMap::default()
    };
    // Ingestion's diagnostics about a page name only the page: they point
    // at the start of its text.
    for d in diagnostics.iter_mut() {
        if let Some(span) = d.span.as_mut()
            && let Some(start) = span.page.and_then(|p| pages.starts.get((p as usize).wrapping_sub(1)))
        {
            (span.start, span.end) = (*start, *start);
        }
    }
    for (code, message, mut s, e) in pending {
        let mut e = e.min(text.len()).max(s);
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        while !text.is_char_boundary(e) {
            e += 1;
        }
        diagnostics.push(Diagnostic::info(code, message, Some(pages.span(s, e))));
    }
    Normalized {
        text,
        pages,
        blocks,
        diagnostics,
    }
}
