//! Output names: from an input's path relative to its root to the name its
//! report and text are written under.
//!
//! Rules (also in the README):
//! - the name is the input's path relative to its root, `/`-separated, with
//!   the extension kept (`a.txt` and `a.pdf` give `reports/a.txt.json` and
//!   `reports/a.pdf.json`);
//! - with several roots on the command line, each name is prefixed by its
//!   root's label: the root's last path component (`run in1 in2` gives
//!   `in1/a.txt` and `in2/a.txt`); two roots with the same label get `~2`,
//!   `~3` appended to the label in command-line order;
//! - each component is sanitized: control characters, `\`, and the
//!   characters Windows forbids (`: * ? " < > |`) become `_`, and `.`/`..`
//!   or empty components cannot occur;
//! - names that are then equal, or equal ignoring case and Unicode
//!   normalization (so the output can be copied to a case- and
//!   normalization-insensitive file system such as macOS's, where `café`
//!   in NFC and in NFD are one name), are told apart by appending `~2`,
//!   `~3`, ... to the later ones in sorted order;
//! - an output file name that would be longer than [`MAX_NAME_BYTES`]
//!   (most file systems refuse more) is shortened: cut at a character
//!   boundary, then `~` and 16 hex digits of a hash of the whole name, so
//!   the same input always gets the same short name and two long names get
//!   different ones. The report's `source.file` keeps the full name.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// Longest file name (in bytes) an output is given: the limit of ext4,
/// APFS, NTFS (in UTF-16 units, never fewer than bytes/3) and most others.
pub const MAX_NAME_BYTES: usize = 255;

/// The key two names collide under on a case- and normalization-
/// insensitive file system: canonical composition (NFC), then lower case.
fn fold_key(name: &str) -> String {
    name.nfc().collect::<String>().to_lowercase()
}

/// One path component made safe to use as a file name.
pub fn sanitize_component(c: &str) -> String {
    let mut s: String = c
        .chars()
        .map(|ch| {
            if ch.is_control() || matches!(ch, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                ch
            }
        })
        .collect();
    if s.is_empty() || s == "." || s == ".." {
        s = s.replace('.', "_");
        if s.is_empty() {
            s.push('_');
        }
    }
    s
}

/// The sanitized `/`-separated name of `rel` (a path relative to its root).
/// Components that are `..`, `.`, a root or a prefix are dropped, so the
/// result never points outside the folder it is joined to.
pub fn relative_name(rel: &Path) -> String {
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(os) => Some(sanitize_component(&os.to_string_lossy())),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        "_".to_string()
    } else {
        parts.join("/")
    }
}

/// Labels for several input roots (see the module doc); empty strings when
/// there is only one root.
pub fn root_labels(roots: &[PathBuf]) -> Vec<String> {
    if roots.len() <= 1 {
        return vec![String::new(); roots.len()];
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    roots
        .iter()
        .map(|r| {
            let base = r
                .components()
                .rev()
                .find_map(|c| match c {
                    Component::Normal(os) => Some(sanitize_component(&os.to_string_lossy())),
                    _ => None,
                })
                .unwrap_or_else(|| "root".to_string());
            let n = seen.entry(fold_key(&base)).or_insert(0);
            *n += 1;
            if *n == 1 { base } else { format!("{base}~{n}") }
        })
        .collect()
}

/// Joins a root label and a relative name.
pub fn with_label(label: &str, name: &str) -> String {
    if label.is_empty() {
        name.to_string()
    } else {
        format!("{label}/{name}")
    }
}

/// Makes `names` unique, ignoring case and Unicode normalization: the
/// second and later of equal names (in the given order) get `~2`, `~3`, ...
/// appended. The caller sorts first, so the result is deterministic.
pub fn dedupe(names: &mut [String]) {
    let mut taken: HashMap<String, usize> = names.iter().map(|n| (fold_key(n), 0)).collect();
    let mut first_seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for name in names.iter_mut() {
        let key = fold_key(name);
        if first_seen.insert(key.clone()) {
            continue;
        }
        let mut k = taken.get(&key).copied().unwrap_or(0).max(1);
        loop {
            k += 1;
            let candidate = format!("{name}~{k}");
            let ckey = fold_key(&candidate);
            if !taken.contains_key(&ckey) {
                taken.insert(key.clone(), k);
                taken.insert(ckey.clone(), 0);
                first_seen.insert(ckey);
                *name = candidate;
                break;
            }
        }
    }
}

/// `base` joined with the `/`-separated `name` plus `suffix`, component by
/// component (so a name can never make the path absolute or climb out).
pub fn output_path(base: &Path, name: &str, suffix: &str) -> PathBuf {
    let mut p = base.to_path_buf();
    let parts: Vec<&str> = name.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        let safe = sanitize_component(part);
        if i + 1 == parts.len() {
            p.push(shortened(&safe, suffix));
        } else {
            p.push(shortened(&safe, ""));
        }
    }
    p
}

/// `name` + `suffix`, shortened to at most [`MAX_NAME_BYTES`] (see the
/// module doc): the suffix is kept, so the output's kind stays visible.
fn shortened(name: &str, suffix: &str) -> String {
    if name.len() + suffix.len() <= MAX_NAME_BYTES {
        return format!("{name}{suffix}");
    }
    use sha2::Digest;
    let digest = sha2::Sha256::digest(name.as_bytes());
    let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    let room = MAX_NAME_BYTES - suffix.len() - hash.len() - 1;
    let mut cut = room.min(name.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{hash}{suffix}", &name[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_the_extension_and_use_slashes() {
        assert_eq!(relative_name(Path::new("sub/a.txt")), "sub/a.txt");
        assert_eq!(relative_name(Path::new("a.pdf")), "a.pdf");
    }

    #[test]
    fn traversal_and_absolute_components_are_dropped() {
        assert_eq!(relative_name(Path::new("../../etc/passwd.txt")), "etc/passwd.txt");
        assert_eq!(relative_name(Path::new("/abs/x.md")), "abs/x.md");
        assert_eq!(relative_name(Path::new("./a/./b.txt")), "a/b.txt");
        assert_eq!(sanitize_component(".."), "__");
        assert_eq!(sanitize_component("a\\b:c\n.txt"), "a_b_c_.txt");
    }

    #[test]
    fn output_path_stays_under_base() {
        let p = output_path(Path::new("out/reports"), "../x/../../y.txt", ".json");
        assert!(p.starts_with("out/reports"));
        assert!(!p.components().any(|c| matches!(c, Component::ParentDir)));
        assert_eq!(p, Path::new("out/reports/__/x/__/__/y.txt.json"));
    }

    #[test]
    fn labels_for_several_roots() {
        assert_eq!(root_labels(&[PathBuf::from("input")]), vec![String::new()]);
        let l = root_labels(&[PathBuf::from("a/in"), PathBuf::from("b/in"), PathBuf::from("x/")]);
        assert_eq!(l, vec!["in", "in~2", "x"]);
        assert_eq!(with_label("in~2", "a.txt"), "in~2/a.txt");
    }

    #[test]
    fn dedupe_is_case_insensitive_and_stable() {
        let mut names = vec!["A.txt".to_string(), "a.txt".into(), "a.txt".into(), "a.txt~2".into()];
        dedupe(&mut names);
        let lower: std::collections::HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
        assert_eq!(lower.len(), 4, "{names:?}");
        assert_eq!(names[0], "A.txt");
        assert_eq!(names[3], "a.txt~2");
    }

    #[test]
    fn nfc_and_nfd_names_get_distinct_outputs() {
        // "café.txt" composed (NFC) and decomposed (NFD): different bytes,
        // one name on macOS.
        let nfc = "caf\u{e9}.txt".to_string();
        let nfd = "cafe\u{301}.txt".to_string();
        let mut names = vec![nfd.clone(), nfc.clone()];
        dedupe(&mut names);
        assert_eq!(names, vec![nfd, format!("{nfc}~2")]);
        let labels = root_labels(&[PathBuf::from("a/caf\u{e9}"), PathBuf::from("b/cafe\u{301}")]);
        assert_eq!(labels[1], "cafe\u{301}~2");
    }

    #[test]
    fn long_names_are_shortened_deterministically() {
        let long = format!("{}.txt", "é".repeat(126)); // 256 bytes
        let p = output_path(Path::new("reports"), &format!("sub/{long}"), ".json");
        let file = p.file_name().unwrap().to_str().unwrap();
        assert!(file.len() <= MAX_NAME_BYTES, "{} bytes", file.len());
        assert!(file.ends_with(".json") && file.starts_with("éé"), "{file}");
        assert_eq!(p, output_path(Path::new("reports"), &format!("sub/{long}"), ".json"));
        let other = format!("{}x.txt", "é".repeat(126));
        assert_ne!(p, output_path(Path::new("reports"), &format!("sub/{other}"), ".json"));
        // Names that fit are left alone.
        assert_eq!(output_path(Path::new("r"), "a.txt", ".json"), Path::new("r/a.txt.json"));
    }
}
