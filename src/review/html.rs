//! HTML building blocks shared by the review pages: escaping of every text
//! that comes from a document or a report, URLs of files relative to a page,
//! and the head and foot every page shares.
//!
//! Nothing from a document is ever written into a `<script>` or `<style>`
//! element or into an event-handler attribute: document text only goes
//! through [`text`] (element content) and [`attr`] (quoted attribute
//! values), which is what keeps a hostile report inert.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// The stylesheet of every page (inlined: the pages are self-contained).
const CSS: &str = include_str!("assets/review.css");
/// The script of every page: highlighting, scrolling, filtering. Static
/// text; document data reaches it only through the DOM.
const JS: &str = include_str!("assets/review.js");

/// Appends `s` escaped for element content.
pub fn text(out: &mut String, s: &str) {
    escape(out, s, false);
}

/// Appends `s` escaped for a double-quoted attribute value.
pub fn attr(out: &mut String, s: &str) {
    escape(out, s, true);
}

fn escape(out: &mut String, s: &str, in_attr: bool) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if in_attr => "&quot;",
            b'\'' if in_attr => "&#39;",
            // NUL and the other C0 controls but tab and newline are not
            // allowed in HTML text; shown as the replacement character.
            0..=8 | 11 | 12 | 14..=31 | 127 => "\u{fffd}",
            b'\r' => "\n",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped for element content, as a new string.
pub fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    text(&mut out, s);
    out
}

/// Characters kept as they are in a path segment of a URL.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// A relative URL (`../input/a%20b.pdf`) for a `/`-separated relative path.
pub fn url_of_relative(rel: &str) -> String {
    rel.split('/')
        .map(|seg| utf8_percent_encode(seg, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The `/`-separated path that leads from the folder `from` to `to`, both
/// made absolute against the working folder (lexically: links are not
/// resolved, so the result depends only on the two paths as given).
///
/// Hand-written rather than taken from `pathdiff`: it is a dozen lines on
/// top of `std::path::absolute`, and a new dependency for them was not
/// worth it.
pub fn relative_path(from: &Path, to: &Path) -> Option<String> {
    let clean = |p: &Path| -> Option<Vec<String>> {
        let abs: PathBuf = std::path::absolute(p).ok()?;
        let mut parts: Vec<String> = Vec::new();
        for c in abs.components() {
            match c {
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                Component::ParentDir => {
                    parts.pop();
                }
                Component::CurDir | Component::RootDir => {}
                // Another drive: no relative path leads there.
                Component::Prefix(_) => return None,
            }
        }
        Some(parts)
    };
    let (from, to) = (clean(from)?, clean(to)?);
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut rel: Vec<&str> = std::iter::repeat_n("..", from.len() - common).collect();
    rel.extend(to[common..].iter().map(String::as_str));
    Some(rel.join("/"))
}

/// The start of a page up to and including `<body>`.
pub fn head(out: &mut String, title: &str, body_class: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<meta name=\"generator\" content=\"{} {}\">",
        env!("CARGO_PKG_NAME"),
        env!("CARGO_PKG_VERSION")
    );
    out.push_str("<title>");
    text(out, title);
    out.push_str("</title>\n<style>\n");
    out.push_str(CSS);
    out.push_str("</style>\n</head>\n<body class=\"");
    attr(out, body_class);
    out.push_str("\">\n");
}

/// The end of a page: the script, then `</body></html>`.
pub fn foot(out: &mut String) {
    out.push_str("<script>\n");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
}

/// "p. 3" or "pp. 3–5" for a span's pages, or nothing for text inputs.
pub fn pages_label(page: Option<u32>, page_end: Option<u32>) -> Option<String> {
    match (page, page_end) {
        (Some(a), Some(b)) if b > a => Some(format!("pp. {a}\u{2013}{b}")),
        (Some(a), _) => Some(format!("p. {a}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escaped("<script>alert('x')</script> & co"),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; co"
        );
        let mut a = String::new();
        attr(&mut a, "\" onmouseover='x'");
        assert_eq!(a, "&quot; onmouseover=&#39;x&#39;");
        assert_eq!(escaped("a\0b\r\nc\u{7}"), "a\u{fffd}b\n\nc\u{fffd}");
        assert_eq!(escaped("plain é text"), "plain é text");
    }

    #[test]
    fn urls_encode_each_segment() {
        assert_eq!(url_of_relative("../in put/a#1?.pdf"), "../in%20put/a%231%3F.pdf");
        assert_eq!(url_of_relative("é.pdf"), "%C3%A9.pdf");
    }

    #[test]
    fn relative_paths_climb_out_of_the_page_folder() {
        let r = relative_path(Path::new("/o/review/sub"), Path::new("/i/sub/a.pdf")).unwrap();
        assert_eq!(r, "../../../i/sub/a.pdf");
        let r = relative_path(Path::new("/o/review"), Path::new("/o/review/x/../a.pdf")).unwrap();
        assert_eq!(r, "a.pdf");
    }

    #[test]
    fn page_labels() {
        assert_eq!(pages_label(Some(2), Some(2)).as_deref(), Some("p. 2"));
        assert_eq!(pages_label(Some(2), Some(4)).as_deref(), Some("pp. 2\u{2013}4"));
        assert_eq!(pages_label(None, None), None);
    }
}
