//! Pre-parse checks on the raw bytes of a PDF, before lopdf sees them.
//!
//! Owns the decision "is this worth handing to the PDF parser at all": an
//! empty input, a file that is not a PDF (an HTML page or a Word file saved
//! as `.pdf`), and object nesting deeper than a limit are refused here with a
//! clear [`Error`]. The nesting check is what keeps a recursive parser from
//! ever overflowing the stack (a stack overflow aborts the whole process and
//! cannot be caught): one linear pass over the bytes that counts open arrays
//! (`[`) and dictionaries (`<<`) outside comments, strings and stream data,
//! and fails as soon as the count passes the limit.
//!
//! Hands on nothing but `Ok(())`: the bytes are not changed.
//!
//! After parsing, [`page_tree`] walks the page tree without recursion and
//! visits each node once: lopdf's own walk bounds a cycle only by the object
//! count, so it lists pages twice or, when a node's kids start with the node
//! itself, no pages at all.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

use crate::diagnostics::Code;
use crate::error::{Error, ErrorKind, Position};
use crate::report::Diagnostic;

/// The default nesting limit: lopdf's own parser stops at 100 levels, so a
/// deeper file would fail there anyway, only with a less helpful message.
/// Real documents nest a few levels (a page's resources, a font's widths).
pub const DEFAULT_MAX_DEPTH: usize = 100;

/// Readers accept the `%PDF-` header anywhere in the first kilobyte.
pub const HEADER_WINDOW: usize = 1024;

/// Every check, in order: [`check_not_empty`], [`check_header`],
/// [`check_nesting`]. Linear in the input; no allocation.
pub fn check(bytes: &[u8], max_depth: usize) -> Result<(), Error> {
    check_not_empty(bytes)?;
    check_header(bytes)?;
    check_nesting(bytes, max_depth)
}

/// Fails with `input.empty` on zero bytes or white space only.
pub fn check_not_empty(bytes: &[u8]) -> Result<(), Error> {
    if bytes.iter().all(|&b| is_white(b)) {
        return Err(ErrorKind::Empty.into());
    }
    Ok(())
}

/// Fails with `input.wrong-format` when `%PDF-` is not in the first
/// [`HEADER_WINDOW`] bytes, naming what the file looks like instead.
pub fn check_header(bytes: &[u8]) -> Result<(), Error> {
    let head = &bytes[..bytes.len().min(HEADER_WINDOW)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(());
    }
    Err(ErrorKind::WrongFormat {
        expected: "PDF",
        found: describe(bytes).to_string(),
    }
    .into())
}

/// What a non-PDF input looks like, from its first bytes.
fn describe(bytes: &[u8]) -> &'static str {
    const MAGIC: [(&[u8], &str); 10] = [
        (
            b"PK\x03\x04",
            "a ZIP archive (perhaps a Word, Excel or OpenDocument file)",
        ),
        (b"\xD0\xCF\x11\xE0", "a legacy Microsoft Office document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"II*\x00", "a TIFF image"),
        (b"MM\x00*", "a TIFF image"),
        (b"%!PS", "a PostScript file"),
        (b"{\\rtf", "an RTF document"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return what;
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = body.iter().position(|&b| !is_white(b)).unwrap_or(body.len());
    let head = &body[start..body.len().min(start + 512)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    if lower.starts_with(b"<!doctype html") || has(b"<html") {
        return "an HTML page";
    }
    if lower.starts_with(b"<?xml") {
        return "an XML file";
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return "UTF-16 text";
    }
    let binary = head.iter().filter(|&&b| b < 0x20 && !is_white(b)).count();
    if binary * 10 > head.len() {
        "unrecognized binary data"
    } else {
        "text without a PDF header"
    }
}

/// PDF white space (ISO 32000-2, 7.2.3).
fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\x0C' | b'\0')
}

/// PDF delimiters (ISO 32000-2, 7.2.3).
fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

/// Whether the keyword `word` starts at `i` as a whole token.
fn keyword_at(bytes: &[u8], i: usize, word: &[u8]) -> bool {
    bytes[i..].starts_with(word)
        && (i == 0 || is_white(bytes[i - 1]) || is_delimiter(bytes[i - 1]))
        && bytes
            .get(i + word.len())
            .is_none_or(|&b| is_white(b) || is_delimiter(b))
}

/// Offset just past the first `needle` at or after `from`, or the end.
fn skip_past(bytes: &[u8], from: usize, needle: &[u8]) -> usize {
    match bytes.get(from..).and_then(|rest| memchr::memmem::find(rest, needle)) {
        Some(p) => from + p + needle.len(),
        None => bytes.len(),
    }
}

fn too_deep(what: &str, max_depth: usize, at: usize) -> Error {
    Error::new(ErrorKind::Damaged(format!(
        "{what} are nested more than {max_depth} levels deep; the file was not parsed"
    )))
    .at(Position {
        byte: Some(at as u64),
        ..Default::default()
    })
}

/// Fails with `pdf.damaged` (and the byte offset) when arrays and
/// dictionaries are nested more than `max_depth` deep, or the parentheses of
/// a literal string are. Comments, strings and stream data are skipped, as a
/// parser would; the count restarts at each `endobj`, since each object is
/// parsed on its own. One pass, constant memory.
pub fn check_nesting(bytes: &[u8], max_depth: usize) -> Result<(), Error> {
    let n = bytes.len();
    let mut depth = 0usize;
    let mut i = 0usize;
    while i < n {
        match bytes[i] {
            b'%' => {
                while i < n && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let start = i;
                let mut level = 1usize;
                i += 1;
                while i < n && level > 0 {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => {
                            level += 1;
                            if level > max_depth {
                                return Err(too_deep("parentheses in a string", max_depth, start));
                            }
                        }
                        b')' => level -= 1,
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                if depth > max_depth {
                    return Err(too_deep("arrays and dictionaries", max_depth, i));
                }
                i += 2;
            }
            b'<' => {
                // A hex string ends at `>`, or (damaged) at the first byte
                // that cannot be in one, where scanning resumes.
                i += 1;
                while i < n && (bytes[i].is_ascii_hexdigit() || is_white(bytes[i])) {
                    i += 1;
                }
                if i < n && bytes[i] == b'>' {
                    i += 1;
                }
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 2;
            }
            b'[' => {
                depth += 1;
                if depth > max_depth {
                    return Err(too_deep("arrays and dictionaries", max_depth, i));
                }
                i += 1;
            }
            b']' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b's' if keyword_at(bytes, i, b"stream") => {
                i = skip_past(bytes, i + 6, b"endstream");
                depth = 0;
            }
            b'e' if keyword_at(bytes, i, b"endobj") => {
                depth = 0;
                i += 6;
            }
            _ => i += 1,
        }
    }
    Ok(())
}

/// Page-tree nodes deeper than this are skipped (lopdf stops at 256 too).
pub const MAX_PAGE_TREE_DEPTH: usize = 256;

/// The pages of a parsed document, in order, and what the walk skipped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTree {
    /// Page objects in document order. A page object listed twice by the
    /// tree is kept twice (readers show it twice); a kid that cannot be read
    /// as a dictionary is kept as a stand-in (read as a blank page), as
    /// lopdf does.
    pub pages: Vec<ObjectId>,
    /// Intermediate (`/Pages`) nodes reached a second time (a cycle, or a
    /// subtree shared by two parents) or below [`MAX_PAGE_TREE_DEPTH`]: not
    /// entered.
    pub skipped: usize,
}

impl PageTree {
    /// The `pdf.page-tree-repaired` warning, when the walk skipped anything.
    pub fn diagnostic(&self) -> Option<Diagnostic> {
        (self.skipped > 0).then(|| {
            Diagnostic::warning(
                Code::PdfPageTreeRepaired,
                format!(
                    "The page tree refers back to its own nodes (a cycle or a shared subtree); {} repeated \
                     reference(s) were skipped and each page was read once.",
                    self.skipped
                ),
                None,
            )
        })
    }
}

fn kids<'a>(doc: &'a Document, node: &'a lopdf::Dictionary) -> &'a [Object] {
    node.get_deref(b"Kids", doc)
        .and_then(Object::as_array)
        .map(|v| v.as_slice())
        .unwrap_or(&[])
}

/// Walks the page tree from the catalog's `/Pages`, depth first, with an
/// explicit stack and each intermediate node entered once. Linear in the
/// size of the tree.
pub fn page_tree(doc: &Document) -> PageTree {
    let mut tree = PageTree::default();
    let Some(root) = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Pages").ok())
        .and_then(|o| o.as_reference().ok())
    else {
        return tree;
    };
    let Ok(root_dict) = doc.get_dictionary(root) else {
        return tree;
    };
    if root_dict.get_type().ok() == Some(b"Page".as_slice()) {
        // A catalog pointing straight at a page: read that page.
        tree.pages.push(root);
        return tree;
    }
    let mut entered: HashSet<ObjectId> = HashSet::from([root]);
    let mut stack: Vec<&[Object]> = vec![kids(doc, root_dict)];
    while let Some(top) = stack.last_mut() {
        let Some((kid, rest)) = top.split_first() else {
            stack.pop();
            continue;
        };
        *top = rest;
        let Ok(id) = kid.as_reference() else {
            continue;
        };
        let Ok(dict) = doc.get_dictionary(id) else {
            tree.pages.push(id);
            continue;
        };
        let is_node = match dict.get_type() {
            Ok(b"Pages") => true,
            Ok(b"Page") => false,
            Ok(_) => continue,
            Err(_) => dict.has(b"Kids"),
        };
        if !is_node {
            tree.pages.push(id);
        } else if stack.len() >= MAX_PAGE_TREE_DEPTH || !entered.insert(id) {
            tree.skipped += 1;
        } else {
            stack.push(kids(doc, dict));
        }
    }
    tree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(open: &str, close: &str, depth: usize) -> Vec<u8> {
        let mut v = b"%PDF-1.7\n1 0 obj\n".to_vec();
        v.extend(open.repeat(depth).bytes());
        v.extend(close.repeat(depth).bytes());
        v.extend(b"\nendobj\n%%EOF\n");
        v
    }

    #[test]
    fn shallow_nesting_passes() {
        assert!(check(&nested("[", "]", DEFAULT_MAX_DEPTH), DEFAULT_MAX_DEPTH).is_ok());
        assert!(check(&nested("<</A ", ">>", DEFAULT_MAX_DEPTH), DEFAULT_MAX_DEPTH).is_ok());
        assert!(check(b"%PDF-1.4\n1 0 obj << /K [1 [2 [3]]] /D << /E <0A1b> >> >> endobj", 4).is_ok());
        assert!(check(b"%PDF-1.4\n1 0 obj << /K [1 [2 [3]]] >> endobj", 3).is_err());
    }

    #[test]
    fn deep_arrays_and_dictionaries_fail_with_the_offset() {
        let e = check(&nested("[", "]", 100_000), DEFAULT_MAX_DEPTH).unwrap_err();
        assert_eq!(e.code(), "pdf.damaged");
        assert_eq!(e.position.byte, Some(17 + 100));
        assert!(e.to_string().contains("nested more than 100 levels deep"), "{e}");
        let e = check(&nested("<</A ", ">>", 101), DEFAULT_MAX_DEPTH).unwrap_err();
        assert_eq!(e.code(), "pdf.damaged");
        // Mixed: arrays inside dictionaries count together.
        let e = check(&nested("<</A [", "]>>", 51), DEFAULT_MAX_DEPTH).unwrap_err();
        assert_eq!(e.code(), "pdf.damaged");
        // Unclosed: the count grows all the same.
        let mut v = b"%PDF-1.7\n".to_vec();
        v.extend([b'['; 200]);
        assert!(check(&v, DEFAULT_MAX_DEPTH).is_err());
    }

    #[test]
    fn brackets_in_strings_comments_and_streams_do_not_count() {
        let deep = "[".repeat(500);
        let cases = [
            format!("%PDF-1.7\n1 0 obj ({deep}) endobj"),
            format!("%PDF-1.7\n1 0 obj (a \\( b {deep}) endobj"),
            format!("%PDF-1.7\n% {deep}\n1 0 obj 1 endobj"),
            format!("%PDF-1.7\n1 0 obj << /Length 500 >>\nstream\n{deep}\nendstream\nendobj"),
            format!("%PDF-1.7\n1 0 obj <0a0b> endobj 2 0 obj <</K 1>> endobj ({deep})"),
        ];
        for c in &cases {
            assert!(check(c.as_bytes(), DEFAULT_MAX_DEPTH).is_ok(), "{c}");
        }
    }

    #[test]
    fn a_name_ending_in_stream_is_not_a_stream() {
        let deep = "[".repeat(200);
        let s = format!("%PDF-1.7\n1 0 obj << /Xstream {deep} >> endobj");
        assert!(check(s.as_bytes(), DEFAULT_MAX_DEPTH).is_err());
    }

    #[test]
    fn unbalanced_objects_do_not_add_up_across_endobj() {
        let one = "1 0 obj [[[[[[[[[[ endobj\n".repeat(1000);
        assert!(check(format!("%PDF-1.7\n{one}").as_bytes(), DEFAULT_MAX_DEPTH).is_ok());
        let closers = "]]]]]>> >>".repeat(50);
        assert!(check(format!("%PDF-1.7\n{closers} [[ ]]").as_bytes(), 2).is_ok());
    }

    #[test]
    fn deep_string_parentheses_fail() {
        let s = format!("%PDF-1.7\n1 0 obj {}{} endobj", "(".repeat(300), ")".repeat(300));
        let e = check(s.as_bytes(), DEFAULT_MAX_DEPTH).unwrap_err();
        assert!(e.to_string().contains("parentheses in a string"), "{e}");
    }

    #[test]
    fn damaged_hex_strings_resume_scanning() {
        let deep = "[".repeat(200);
        let s = format!("%PDF-1.7\n1 0 obj <0a zz {deep}");
        assert!(check(s.as_bytes(), DEFAULT_MAX_DEPTH).is_err());
    }

    #[test]
    fn unterminated_things_end_cleanly() {
        for s in [
            &b"%PDF-1.7\n(abc\\"[..],
            b"%PDF-1.7\n<0a",
            b"%PDF-1.7\n% comment",
            b"%PDF-1.7\nstream\nabc",
            b"%PDF-1.7\n<",
            b"%PDF-1.7 stream",
        ] {
            assert!(check(s, DEFAULT_MAX_DEPTH).is_ok());
        }
    }

    #[test]
    fn empty_inputs() {
        assert_eq!(check(b"", 10).unwrap_err().code(), "input.empty");
        assert_eq!(check(b" \n\r\t", 10).unwrap_err().code(), "input.empty");
    }

    #[test]
    fn header_within_the_first_kilobyte() {
        let mut v = vec![b' '; 1000];
        v.extend(b"%PDF-1.4\n");
        assert!(check(&v, 10).is_ok());
        let mut v = vec![b'x'; 1020];
        v.extend(b"%PDF-1.4\n");
        assert_eq!(check(&v, 10).unwrap_err().code(), "input.wrong-format");
    }

    #[test]
    fn other_formats_are_named() {
        let cases: [(&[u8], &str); 7] = [
            (b"<!DOCTYPE html>\n<html><body>Report</body></html>", "HTML page"),
            (b"\xEF\xBB\xBF  <HTML lang=en>", "HTML page"),
            (b"PK\x03\x04\x14\x00", "ZIP archive"),
            (b"\x89PNG\r\n\x1a\n", "PNG image"),
            (b"Seminar report\nDate: today\n", "text without a PDF header"),
            (b"\x00\x01\x02\x03\x04\x05binary", "binary data"),
            (b"\xFF\xFEa\x00b\x00", "UTF-16 text"),
        ];
        for (bytes, what) in cases {
            let e = check(bytes, 10).unwrap_err();
            assert_eq!(e.code(), "input.wrong-format");
            assert!(
                e.to_string().contains("is not a PDF file") && e.to_string().contains(what),
                "{e}"
            );
        }
    }

    #[test]
    fn linear_on_large_inputs() {
        // 20 MB of mixed tokens: must finish (no quadratic rescans).
        let chunk = "1 0 obj << /A [1 2 (s(t)r) <0a>] /B /streamy >> endobj % c\n";
        let big = format!("%PDF-1.7\n{}", chunk.repeat(20_000_000 / chunk.len()));
        assert!(check(big.as_bytes(), DEFAULT_MAX_DEPTH).is_ok());
        let mut many_streams = b"%PDF-1.7\n".to_vec();
        for _ in 0..100_000 {
            many_streams.extend(b"<< >>\nstream\nxx\nendstream\n");
        }
        assert!(check(&many_streams, DEFAULT_MAX_DEPTH).is_ok());
    }

    fn tree_doc(nodes: &[(u32, &str, &[u32])]) -> Document {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.7");
        for &(id, kind, kids) in nodes {
            let kids: Vec<Object> = kids.iter().map(|&k| Object::Reference((k, 0))).collect();
            let dict = match kind {
                "" => dictionary! { "Kids" => kids },
                "Page" => dictionary! { "Type" => "Page" },
                _ => dictionary! { "Type" => kind, "Kids" => kids },
            };
            doc.objects.insert((id, 0), Object::Dictionary(dict));
        }
        doc.objects.insert(
            (1, 0),
            Object::Dictionary(dictionary! { "Type" => "Catalog", "Pages" => (2, 0) }),
        );
        doc.trailer.set("Root", Object::Reference((1, 0)));
        doc
    }

    fn page_ids(t: &PageTree) -> Vec<u32> {
        t.pages.iter().map(|p| p.0).collect()
    }

    #[test]
    fn page_tree_in_order() {
        let doc = tree_doc(&[
            (2, "Pages", &[3, 4, 6]),
            (3, "Page", &[]),
            (4, "", &[5]),
            (5, "Page", &[]),
            (6, "Page", &[]),
        ]);
        let t = page_tree(&doc);
        assert_eq!(page_ids(&t), vec![3, 5, 6]);
        assert_eq!(t.skipped, 0);
        assert!(t.diagnostic().is_none());
    }

    #[test]
    fn page_tree_cycles_are_entered_once() {
        let doc = tree_doc(&[
            (2, "Pages", &[2, 3, 4, 2]),
            (3, "Page", &[]),
            (4, "Pages", &[2, 5, 4]),
            (5, "Page", &[]),
        ]);
        let t = page_tree(&doc);
        assert_eq!(page_ids(&t), vec![3, 5]);
        assert_eq!(t.skipped, 4);
        let d = t.diagnostic().expect("diagnostic");
        assert_eq!(d.code, "pdf.page-tree-repaired");
        assert!(d.message.contains("4 repeated reference(s)"), "{}", d.message);
    }

    #[test]
    fn page_tree_odd_shapes() {
        // Kids that are missing objects are stand-in pages; other types are
        // skipped; a catalog pointing at a page reads that page.
        let doc = tree_doc(&[(2, "Pages", &[9, 3]), (3, "Font", &[])]);
        assert_eq!(page_ids(&page_tree(&doc)), vec![9]);
        let doc = tree_doc(&[(2, "Page", &[])]);
        assert_eq!(page_ids(&page_tree(&doc)), vec![2]);
        let mut doc = tree_doc(&[]);
        assert!(page_tree(&doc).pages.is_empty());
        doc.trailer = lopdf::Dictionary::new();
        assert!(page_tree(&doc).pages.is_empty());
    }

    #[test]
    fn page_tree_depth_is_bounded_without_recursion() {
        // A chain of 100,000 nested page-tree nodes with a page at the bottom.
        let mut doc = tree_doc(&[]);
        for id in 2..100_002u32 {
            let dict = lopdf::dictionary! { "Type" => "Pages", "Kids" => vec![Object::Reference((id + 1, 0))] };
            doc.objects.insert((id, 0), Object::Dictionary(dict));
        }
        doc.objects.insert(
            (100_002, 0),
            Object::Dictionary(lopdf::dictionary! { "Type" => "Page" }),
        );
        let t = page_tree(&doc);
        assert!(t.pages.is_empty());
        assert_eq!(t.skipped, 1);
    }
}
