//! `persons.jsonl`: one row per distinct person of the batch, gathered from
//! the rows of `people.jsonl` by their `person_key`.
//!
//! People rows are merged only when their keys are equal, that is when the
//! canonical names fold the same and the affiliations fold the same (or both
//! are absent; see [`super::keys`]). Candidates that are not merged are
//! reported on each row as `similar`, with the reason:
//! - `same-name-other-affiliation`: the same folded name with another
//!   affiliation, or with one where the other has none;
//! - `compatible-initials`: the same family name and given names that agree
//!   initial by initial ("T. Yamamoto" and "Tadamichi Yamamoto");
//! - `family-name-only`: the same family name where one of the two gives no
//!   given name ("Reid" and "Harry Reid").
//!
//! Rows are sorted by `person_key`. Memory grows with the number of distinct
//! people, not with the number of documents.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::keys::name_key;

/// The fields of a `people.jsonl` row that the index reads.
#[derive(Deserialize)]
pub struct PeopleRow {
    pub document: String,
    pub person_key: String,
    pub name: String,
    #[serde(default)]
    pub honorific: Option<String>,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub family_name: Option<String>,
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub turns: usize,
}

/// What the batch knows of one person.
#[derive(Default)]
struct Gathered {
    name: String,
    given_name: Option<String>,
    family_name: Option<String>,
    names: BTreeSet<String>,
    honorifics: BTreeSet<String>,
    affiliations: BTreeSet<String>,
    variants: BTreeSet<String>,
    documents: BTreeSet<String>,
    people_rows: usize,
    turns: usize,
}

/// A person that looks like another one but was not merged with it.
#[derive(Serialize, Clone)]
struct Similar {
    person_key: String,
    name: String,
    reason: &'static str,
}

/// One row of `persons.jsonl`.
#[derive(Serialize)]
struct PersonsRow<'a> {
    person_key: &'a str,
    /// Canonical name of the first people row (in dataset order).
    name: &'a str,
    given_name: Option<&'a str>,
    family_name: Option<&'a str>,
    /// Every canonical name the merged rows give (differing only in case or
    /// diacritics).
    names: Vec<&'a str>,
    honorifics: Vec<&'a str>,
    affiliations: Vec<&'a str>,
    variants: Vec<&'a str>,
    documents: Vec<&'a str>,
    /// How many people rows were merged into this person.
    people_rows: usize,
    /// Turns of this person across the batch.
    turns: usize,
    /// True when rows of several documents were merged.
    merged: bool,
    similar: &'a [Similar],
}

/// Most `similar` entries listed on one row (a common family name would
/// otherwise list every namesake of the batch).
const MAX_SIMILAR: usize = 20;

/// The person index being gathered.
#[derive(Default)]
pub struct PersonIndex {
    persons: BTreeMap<String, Gathered>,
}

impl PersonIndex {
    /// Adds one row of `people.jsonl`.
    pub fn add(&mut self, row: PeopleRow) {
        let g = self.persons.entry(row.person_key).or_default();
        if g.people_rows == 0 {
            g.name = row.name.clone();
            g.given_name = row.given_name.clone();
            g.family_name = row.family_name.clone();
        }
        g.people_rows += 1;
        g.turns += row.turns;
        g.names.insert(row.name);
        g.honorifics.extend(row.honorific);
        g.affiliations.extend(row.affiliation);
        g.variants.extend(row.variants);
        g.documents.insert(row.document);
    }

    /// The rows of `persons.jsonl`, each a line of compact JSON, in key
    /// order; `write` is called once per row.
    pub fn rows(&self, mut write: impl FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<u64> {
        let similar = self.similar();
        let mut n = 0;
        for (key, g) in &self.persons {
            let row = PersonsRow {
                person_key: key,
                name: &g.name,
                given_name: g.given_name.as_deref(),
                family_name: g.family_name.as_deref(),
                names: g.names.iter().map(String::as_str).collect(),
                honorifics: g.honorifics.iter().map(String::as_str).collect(),
                affiliations: g.affiliations.iter().map(String::as_str).collect(),
                variants: g.variants.iter().map(String::as_str).collect(),
                documents: g.documents.iter().map(String::as_str).collect(),
                people_rows: g.people_rows,
                turns: g.turns,
                merged: g.documents.len() > 1,
                similar: similar.get(key.as_str()).map_or(&[], Vec::as_slice),
            };
            let mut line = serde_json::to_vec(&row).map_err(std::io::Error::other)?;
            line.push(b'\n');
            write(&line)?;
            n += 1;
        }
        Ok(n)
    }

    /// The `similar` entries of every person, by key.
    fn similar(&self) -> BTreeMap<&str, Vec<Similar>> {
        // Candidates share a folded family name: only those are compared.
        let mut by_family: BTreeMap<String, Vec<(&str, &Gathered)>> = BTreeMap::new();
        for (key, g) in &self.persons {
            by_family.entry(family_key(g)).or_default().push((key, g));
        }
        let mut out: BTreeMap<&str, Vec<Similar>> = BTreeMap::new();
        for group in by_family.values().filter(|g| g.len() > 1) {
            for (i, (ka, a)) in group.iter().enumerate() {
                for (kb, b) in &group[i + 1..] {
                    let Some(reason) = similarity(a, b) else { continue };
                    for (from, to, g) in [(ka, kb, b), (kb, ka, a)] {
                        let list = out.entry(from).or_default();
                        if list.len() < MAX_SIMILAR {
                            list.push(Similar {
                                person_key: to.to_string(),
                                name: g.name.clone(),
                                reason,
                            });
                        }
                    }
                }
            }
        }
        out
    }
}

/// The folded family name of a person: its `family_name`, else the last
/// word of its name.
fn family_key(g: &Gathered) -> String {
    let family = g
        .family_name
        .clone()
        .unwrap_or_else(|| g.name.split_whitespace().last().unwrap_or_default().to_string());
    name_key(&family)
}

/// The given-name words of a person, folded (empty when it has none).
fn given_words(g: &Gathered) -> Vec<String> {
    let given = match &g.given_name {
        Some(given) => given.clone(),
        None if g.family_name.is_some() => String::new(),
        None => {
            let words: Vec<&str> = g.name.split_whitespace().collect();
            words[..words.len().saturating_sub(1)].join(" ")
        }
    };
    name_key(&given)
        .split('-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Why two people of the same family name look like one (`None`: they do
/// not). Only called for people with different keys.
fn similarity(a: &Gathered, b: &Gathered) -> Option<&'static str> {
    if name_key(&a.name) == name_key(&b.name) {
        return Some("same-name-other-affiliation");
    }
    let (ga, gb) = (given_words(a), given_words(b));
    if ga.is_empty() || gb.is_empty() {
        return Some("family-name-only");
    }
    let initials_agree = ga.len() == gb.len()
        && ga.iter().zip(&gb).all(|(x, y)| {
            let (short, long) = if x.chars().count() <= y.chars().count() {
                (x, y)
            } else {
                (y, x)
            };
            short == long || (short.chars().count() == 1 && long.starts_with(short.as_str()))
        });
    initials_agree.then_some("compatible-initials")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(doc: &str, name: &str, given: Option<&str>, family: &str, aff: Option<&str>, turns: usize) -> PeopleRow {
        let p = crate::report::Person {
            id: crate::people::slug(name),
            name: name.into(),
            honorific: None,
            given_name: given.map(str::to_string),
            family_name: Some(family.into()),
            affiliation: aff.map(str::to_string),
            variants: vec![name.into()],
        };
        PeopleRow {
            document: doc.into(),
            person_key: super::super::keys::person_key(&p),
            name: name.into(),
            honorific: None,
            given_name: p.given_name,
            family_name: p.family_name,
            affiliation: p.affiliation,
            variants: p.variants,
            turns,
        }
    }

    fn index(rows: Vec<PeopleRow>) -> Vec<serde_json::Value> {
        let mut idx = PersonIndex::default();
        rows.into_iter().for_each(|r| idx.add(r));
        let mut lines = Vec::new();
        idx.rows(|l| {
            lines.push(serde_json::from_slice(l).unwrap());
            Ok(())
        })
        .unwrap();
        lines
    }

    #[test]
    fn equal_name_and_affiliation_merge_others_are_only_similar() {
        let rows = index(vec![
            row(
                "a.txt",
                "Tadamichi Yamamoto",
                Some("Tadamichi"),
                "Yamamoto",
                Some("Head of UNAMA"),
                2,
            ),
            row(
                "b.txt",
                "Tadamichi YAMAMOTO",
                Some("Tadamichi"),
                "Yamamoto",
                Some("Head of  UNAMA"),
                3,
            ),
            row(
                "c.txt",
                "Tadamichi Yamamoto",
                Some("Tadamichi"),
                "Yamamoto",
                Some("Ministry of Finance"),
                1,
            ),
            row("d.txt", "T. Yamamoto", Some("T."), "Yamamoto", None, 1),
            row("e.txt", "Yamamoto", None, "Yamamoto", None, 4),
            row("e.txt", "Akira Sato", Some("Akira"), "Sato", None, 4),
        ]);
        assert_eq!(rows.len(), 5, "{rows:#?}");
        let merged: Vec<&serde_json::Value> = rows.iter().filter(|r| r["merged"] == true).collect();
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0]["turns"], 5);
        assert_eq!(merged[0]["documents"], serde_json::json!(["a.txt", "b.txt"]));
        let reasons: BTreeSet<&str> = merged[0]["similar"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["reason"].as_str().unwrap())
            .collect();
        assert_eq!(
            reasons,
            BTreeSet::from(["same-name-other-affiliation", "compatible-initials", "family-name-only"])
        );
        let sato = rows.iter().find(|r| r["name"] == "Akira Sato").unwrap();
        assert_eq!(sato["similar"], serde_json::json!([]));
    }
}
