//! Keys that hold across the documents of a batch: row ids, person keys and
//! role keys. Each is a function of one row of one report (never of the other
//! documents of the run), so a document's rows are the same bytes in every
//! run that includes it, and the datasets of skipped documents can be reused.
//!
//! - `row_id`: `<document>#<kind>:<position>` (`a.pdf#turn:3`,
//!   `a.pdf#person:naoto-hisajima`, `a.pdf#dispatch:0`); unique in the batch
//!   because document names are.
//! - `person_key`: the folded canonical name (see [`name_key`]), plus
//!   `~` and 8 hex digits of the SHA-256 of the folded affiliation when the
//!   person has one. Two people rows share a key exactly when their canonical
//!   names fold the same and their affiliations fold the same (or both have
//!   none): the only merge that is safe without looking at other documents.
//! - `role_key`: the role folded word by word through the lexicon's role
//!   vocabulary (abbreviations expanded, activity nouns reduced to the agent
//!   noun, plurals singularized): "Engineering Units" and "Engineer Unit"
//!   both give `engineer-unit`.

use crate::pipeline::sha256_hex;
use crate::report::Person;

/// The row id of the `position`-th row of `kind` in `document`.
pub fn row_id(document: &str, kind: &str, position: impl std::fmt::Display) -> String {
    format!("{document}#{kind}:{position}")
}

/// Folds text for a key: Unicode NFC, lower case, runs of anything but
/// letters and digits become one `-`; Latin letters lose their diacritics
/// (`José Ørsted` -> `jose-orsted`), other scripts are kept as written
/// (stripping marks there would merge different names, as が and か).
pub fn name_key(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in text.nfc() {
        if !c.is_alphanumeric() {
            dash = !out.is_empty();
            continue;
        }
        if dash {
            out.push('-');
            dash = false;
        }
        if (c as u32) < 0x250 {
            // Latin: the ASCII slug of the letter (ß -> ss, ø -> o, é -> e).
            let folded = crate::people::slug(&c.to_string());
            if folded != "person" {
                out.push_str(&folded);
                continue;
            }
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The batch-wide key of a person row (see the module doc).
pub fn person_key(p: &Person) -> String {
    let name = name_key(&p.name);
    let name = if name.is_empty() { "person".to_string() } else { name };
    match p.affiliation.as_deref().map(name_key).filter(|a| !a.is_empty()) {
        Some(aff) => format!("{name}~{}", &sha256_hex(aff.as_bytes())[..8]),
        None => name,
    }
}

pub use crate::lexicon::role_key;

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, affiliation: Option<&str>) -> Person {
        Person {
            id: crate::people::slug(name),
            name: name.into(),
            honorific: None,
            given_name: None,
            family_name: None,
            affiliation: affiliation.map(str::to_string),
            variants: vec![],
        }
    }

    #[test]
    fn name_keys_fold_latin_and_keep_other_scripts() {
        assert_eq!(name_key("José  Ørsted-Łukasz"), "jose-orsted-lukasz");
        assert_eq!(name_key("McCAIN"), "mccain");
        assert_eq!(name_key("山田 太郎"), "山田-太郎");
        assert_ne!(name_key("が"), name_key("か"));
    }

    #[test]
    fn person_keys_merge_only_equal_name_and_affiliation() {
        let a = person_key(&person("Akira Tanaka", Some("Professor, Kyoto University")));
        let b = person_key(&person("Akira TANAKA", Some("professor,  Kyoto University.")));
        let c = person_key(&person("Akira Tanaka", Some("Ministry of Defense")));
        let d = person_key(&person("Akira Tanaka", None));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, d);
        assert_eq!(d, "akira-tanaka");
        assert!(
            a.starts_with("akira-tanaka~") && a.len() == "akira-tanaka~".len() + 8,
            "{a}"
        );
    }

    #[test]
    fn role_keys_group_spellings_of_one_role() {
        let k = role_key("Engineering Unit");
        assert_eq!(k, "engineer-unit");
        assert_eq!(role_key("Engineer Units"), k);
        assert_eq!(role_key("Engineering Units"), k);
        // Not named in any rule: the same lexicon folds them.
        assert_eq!(role_key("Staff Officers"), role_key("Staff Officer"));
        assert_eq!(role_key("Medical Companies"), role_key("Medical Company"));
        assert_eq!(role_key("Movement Control Units"), "movement-control-unit");
        assert_eq!(role_key("HQ Staff"), role_key("Headquarters Staff"));
        assert_eq!(role_key("Civilian Police"), "civilian-police");
        assert_eq!(role_key("Logistics Battalion"), "logistics-battalion");
        assert_ne!(role_key("Cease-fire observers"), role_key("Staff Officers"));
    }
}
