//! The people registry: merges the ways one person is written.
//!
//! Owns the mapping from writings (speaker headers, presenter names, body
//! mentions such as "Mr. Tanaka") to [`Person`]s. Writings whose name
//! words are the same (in any order, any capitalization) are one person;
//! which word is the family name is decided by the document itself: the
//! word that running text uses after an honorific ("Mr. Sato"), else an
//! all-caps word, else the last word. A one-word writing resolves by family
//! name when exactly one person has it; when several do, it is reported as
//! ambiguous and never assigned. Hands the registry, each turn's speaker and
//! each presenter's person to the pipeline.

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;

use crate::lexicon;
use crate::report::{Diagnostic, Person, Span};
use crate::segment::Segmented;
use crate::segment::header::{Mentions, find_mentions};
use crate::text::Normalized;

/// The registry and how each turn's header resolved.
#[derive(Debug, Clone, Default)]
pub struct People {
    pub people: Vec<Person>,
    /// Per turn of the segmentation, the index in `people` of its speaker.
    pub turn_speakers: Vec<Option<usize>>,
    /// Per presenter name, the index in `people`.
    pub presenters: Vec<Option<usize>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// One way the document writes a name (header or presenter line).
#[derive(Debug, Clone)]
struct Writing {
    honorific: Option<String>,
    /// Name words as written.
    words: Vec<String>,
    affiliation: Option<String>,
    /// Whether it comes from a speaker header (affiliations count only there).
    from_header: bool,
    span: Option<Span>,
}

impl Writing {
    fn key(&self) -> Vec<String> {
        let mut k: Vec<String> = self.words.iter().map(|w| lexicon::fold(w)).collect();
        k.sort();
        k
    }

    fn as_written(&self) -> String {
        match &self.honorific {
            Some(h) => format!("{h} {}", self.words.join(" ")),
            None => self.words.join(" "),
        }
    }
}

/// A person being built: writings merged by their name words.
#[derive(Debug, Clone)]
struct Cluster {
    key: Vec<String>,
    writings: Vec<usize>,
    given: Vec<String>,
    family: Vec<String>,
    variants: Vec<String>,
}

/// Name words of a name string as written ("Akira TANAKA" -> 2 words).
fn words_of(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| w.trim_matches([',', ';', ':']).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Builds the registry from speaker headers, presenter names and mentions.
pub fn resolve(doc: &Normalized, seg: &Segmented, presenter_names: &[String]) -> People {
    let mentions = &seg.mentions;
    let mut diagnostics = Vec::new();
    let mut writings: Vec<Writing> = Vec::new();
    // Presenters first: they stand in the front matter, before any header.
    let mut presenter_writing = Vec::new();
    for p in presenter_names {
        let (honorific, rest) = match lexicon::leading_honorific(p.trim()) {
            Some((h, at)) => (Some(h), p.trim()[at..].to_string()),
            None => (None, p.trim().to_string()),
        };
        let words = words_of(&rest);
        if words.is_empty() {
            presenter_writing.push(None);
            continue;
        }
        presenter_writing.push(Some(writings.len()));
        writings.push(Writing {
            honorific,
            words,
            affiliation: None,
            from_header: false,
            span: None,
        });
    }
    let mut turn_writing = Vec::new();
    for t in &seg.turns {
        let words = words_of(&t.header.name);
        if words.is_empty() {
            turn_writing.push(None);
            continue;
        }
        turn_writing.push(Some(writings.len()));
        writings.push(Writing {
            honorific: t.header.honorific.clone(),
            words,
            affiliation: t.header.affiliation.clone(),
            from_header: true,
            span: Some(doc.span(t.span.0, doc.blocks[t.header_blocks.end - 1].span.1)),
        });
    }

    // Merge multi-word writings with the same words into clusters.
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut cluster_of: Vec<Option<usize>> = vec![None; writings.len()];
    // A writing whose words end another, longer writing is a short form of
    // it ("Mr. van der Berg", "Professor Rocha Castro"): it resolves below
    // with the one-word forms.
    let folded: Vec<Vec<String>> = writings
        .iter()
        .map(|w| w.words.iter().map(|x| lexicon::fold(x)).collect())
        .collect();
    let is_tail_of_another = |wi: usize| {
        folded
            .iter()
            .any(|o| o.len() > folded[wi].len() && o.ends_with(&folded[wi]))
    };
    for (wi, w) in writings.iter().enumerate() {
        if w.words.len() < 2 || is_tail_of_another(wi) {
            continue;
        }
        let key = w.key();
        let ci = match clusters.iter().position(|c| c.key == key) {
            Some(ci) => ci,
            None => {
                clusters.push(Cluster {
                    key,
                    writings: Vec::new(),
                    given: Vec::new(),
                    family: Vec::new(),
                    variants: Vec::new(),
                });
                clusters.len() - 1
            }
        };
        clusters[ci].writings.push(wi);
        cluster_of[wi] = Some(ci);
    }
    for c in &mut clusters {
        decide_family(c, &writings, mentions);
    }
    // A short header of several words that ends exactly one person's full
    // name ("General Gómez Costa" for Juan Pablo Gómez Costa) writes that
    // person's family name: it extends the family part to those words.
    for (wi, w) in writings.iter().enumerate() {
        if cluster_of[wi].is_some() || w.words.len() < 2 || !w.from_header {
            continue;
        }
        let tail = &folded[wi];
        let ends: Vec<usize> = (0..clusters.len())
            .filter(|&ci| {
                let first = &folded[clusters[ci].writings[0]];
                first.len() > tail.len() && first.ends_with(tail)
            })
            .collect();
        if let [ci] = ends[..] {
            let c = &mut clusters[ci];
            let model = &writings[c.writings[0]].words;
            let family_folded: Vec<String> = c.family.iter().map(|x| lexicon::fold(x)).collect();
            if !c.family.first().is_some_and(|f| lexicon::is_patronymic_link(f))
                && tail.len() > family_folded.len()
                && tail.ends_with(&family_folded)
            {
                let cut = model.len() - tail.len();
                c.given = model[..cut].to_vec();
                c.family = model[cut..].to_vec();
            }
        }
    }
    // Short writings resolve by the name the person is addressed by (the
    // family name; the given name of a patronymic), and among people who
    // share it by the honorific.
    for (wi, w) in writings.iter().enumerate() {
        if cluster_of[wi].is_some() || !is_short_writing(w, &clusters) {
            continue;
        }
        let f = w.words.iter().map(|x| lexicon::fold(x)).collect::<Vec<_>>().join(" ");
        let mut hits: Vec<usize> = (0..clusters.len())
            .filter(|&ci| clusters[ci].given.len() + clusters[ci].family.len() > 0)
            .filter(|&ci| address_key(&clusters[ci]) == f)
            .collect();
        if hits.len() > 1
            && let Some(h) = &w.honorific
        {
            let class = lexicon::honorific_class(h);
            let same: Vec<usize> = hits
                .iter()
                .copied()
                .filter(|&ci| {
                    clusters[ci].writings.iter().any(|&o| {
                        writings[o]
                            .honorific
                            .as_deref()
                            .is_some_and(|oh| lexicon::honorific_class(oh) == class)
                    })
                })
                .collect();
            if same.len() == 1 {
                diagnostics.push(Diagnostic::info(
                    "people.short-header-by-honorific",
                    format!(
                        "The header \"{}\" names a family name several people share; read as the one written with the same honorific.",
                        w.as_written()
                    ),
                    w.span,
                ));
                hits = same;
            }
        }
        match hits.as_slice() {
            [ci] => {
                clusters[*ci].writings.push(wi);
                cluster_of[wi] = Some(*ci);
            }
            [] => {
                clusters.push(Cluster {
                    key: vec![f],
                    writings: vec![wi],
                    given: Vec::new(),
                    family: w.words.clone(),
                    variants: Vec::new(),
                });
                cluster_of[wi] = Some(clusters.len() - 1);
            }
            _ => {
                diagnostics.push(Diagnostic::warning(
                    "people.ambiguous-header",
                    format!(
                        "The header \"{}\" names a family name that several people share; not assigned.",
                        w.as_written()
                    ),
                    w.span,
                ));
            }
        }
    }
    for c in &mut clusters {
        c.writings.sort_unstable();
        for &wi in &c.writings {
            let v = writings[wi].as_written();
            if !c.variants.contains(&v) {
                c.variants.push(v);
            }
        }
    }

    // Body mentions: every block outside the speaker headers.
    let header_blocks: HashSet<usize> = seg.turns.iter().flat_map(|t| t.header_blocks.clone()).collect();
    let mut inline_heads: HashMap<usize, usize> = HashMap::new();
    for t in &seg.turns {
        if let Some(p) = t.paragraphs.first()
            && t.body_blocks.first().is_none_or(|&b| doc.blocks[b].content != *p)
        {
            inline_heads.insert(t.header_blocks.start, p.0);
        }
    }
    // The clusters' family names no longer change: fold them once for all
    // the mentions.
    let family_keys: Vec<FamilyKey> = clusters.iter().map(FamilyKey::of).collect();
    for bi in 0..doc.blocks.len() {
        let (cs, ce) = doc.blocks[bi].content;
        let from = if header_blocks.contains(&bi) {
            match inline_heads.get(&bi) {
                Some(&at) => at,
                None => continue,
            }
        } else {
            cs
        };
        let Some(text) = doc.text.get(from..ce) else { continue };
        // Segmentation found the mentions of every block's content already;
        // only a header block's inline body is scanned again.
        let found;
        let block_mentions = match mentions.in_block(bi) {
            Some(ms) if from == cs && mentions.block_count() == doc.blocks.len() => ms,
            _ => {
                found = find_mentions(text);
                &found[..]
            }
        };
        for m in block_mentions {
            resolve_mention(doc, from, m, &mut clusters, &family_keys, &mut diagnostics);
        }
    }

    // Persons, ids.
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut people = Vec::new();
    let mut person_of_cluster = vec![0usize; clusters.len()];
    for (ci, c) in clusters.iter().enumerate() {
        let given = c
            .given
            .iter()
            .map(|w| lexicon::normal_case(w))
            .collect::<Vec<_>>()
            .join(" ");
        let family = c
            .family
            .iter()
            .map(|w| lexicon::normal_case(w))
            .collect::<Vec<_>>()
            .join(" ");
        let name = if given.is_empty() {
            family.clone()
        } else {
            format!("{given} {family}")
        };
        let base = slug(&name);
        let mut id = base.clone();
        let mut k = 2;
        while used_ids.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        used_ids.insert(id.clone());
        let first_header = c.writings.iter().map(|&w| &writings[w]).find(|w| w.from_header);
        let honorific = first_header
            .and_then(|w| w.honorific.clone())
            .or_else(|| c.writings.iter().find_map(|&w| writings[w].honorific.clone()));
        let affiliation = c
            .writings
            .iter()
            .map(|&w| &writings[w])
            .find(|w| w.from_header && w.affiliation.is_some())
            .and_then(|w| w.affiliation.clone());
        person_of_cluster[ci] = people.len();
        people.push(Person {
            id,
            name,
            honorific,
            given_name: (!given.is_empty()).then_some(given),
            family_name: (!family.is_empty()).then_some(family),
            affiliation,
            variants: c.variants.clone(),
        });
    }
    for (wi, w) in writings.iter().enumerate() {
        if w.words.len() >= 2
            && let Some(ci) = cluster_of[wi]
            && let Some(first) = w.words.first()
            && clusters[ci].family.first().is_some_and(|f| lexicon::fold_eq(f, first))
            && clusters[ci].given.len() + clusters[ci].family.len() == w.words.len()
            && !clusters[ci].given.is_empty()
        {
            diagnostics.push(Diagnostic::info(
                "people.family-name-first",
                format!(
                    "Read \"{}\" as family name first ({}).",
                    w.as_written(),
                    people[person_of_cluster[ci]].name
                ),
                w.span,
            ));
        }
    }

    let mut turn_speakers = Vec::with_capacity(seg.turns.len());
    for (ti, t) in seg.turns.iter().enumerate() {
        let mut who = turn_writing[ti]
            .and_then(|wi| cluster_of[wi])
            .map(|ci| person_of_cluster[ci]);
        // "Answer: General Pérez Gómez replied ...": an unnamed label whose
        // text opens with a title word and the family name of one person.
        if who.is_none()
            && t.header.label.is_some()
            && let Some(&(a, b)) = t.paragraphs.first()
            && let Some(pi) = opening_family_mention(doc.text.get(a..b).unwrap_or(""), &people)
        {
            diagnostics.push(Diagnostic::info(
                "people.label-speaker-from-text",
                format!(
                    "The header \"{}\" names nobody; speaker read as {} from the opening words.",
                    t.header.text, people[pi].name
                ),
                Some(doc.span(a, b)),
            ));
            who = Some(pi);
        }
        if who.is_none()
            && t.header.name.is_empty()
            && let Some(role) = &t.header.role
        {
            // A role speaker ("The PRESIDING OFFICER."): the role is the
            // speaker; no person is expected.
            diagnostics.push(Diagnostic::info(
                "people.role-speaker",
                format!("The header \"{}\" names a role ({role}) and no person.", t.header.text),
                Some(doc.span(t.span.0, doc.blocks[t.header_blocks.end - 1].span.1)),
            ));
        } else if who.is_none() {
            diagnostics.push(Diagnostic::warning(
                "people.unresolved-speaker",
                format!(
                    "The header \"{}\" names nobody that can be resolved; speaker left empty.",
                    t.header.text
                ),
                Some(doc.span(t.span.0, doc.blocks[t.header_blocks.end - 1].span.1)),
            ));
        }
        turn_speakers.push(who);
    }
    let presenters = presenter_writing
        .iter()
        .map(|w| w.and_then(|wi| cluster_of[wi]).map(|ci| person_of_cluster[ci]))
        .collect();
    People {
        people,
        turn_speakers,
        presenters,
        diagnostics,
    }
}

/// Decides given and family name words of a cluster of writings that share
/// their words.
fn decide_family(c: &mut Cluster, writings: &[Writing], mentions: &Mentions) {
    let Some(&first_wi) = c.writings.first() else { return };
    let first = &writings[first_wi].words;
    if let Some(k) = first.iter().position(|w| lexicon::is_patronymic_link(w))
        && k > 0
        && k + 1 < first.len()
    {
        c.given = first[..k].to_vec();
        c.family = first[k..].to_vec();
        return;
    }
    let all: Vec<&Vec<String>> = c.writings.iter().map(|&w| &writings[w].words).collect();
    // Candidate family words: the first or last word of some writing.
    let mut cands: Vec<String> = Vec::new();
    for w in &all {
        for x in [w.first(), w.last()].into_iter().flatten() {
            if !cands.iter().any(|c| lexicon::fold_eq(c, x)) {
                cands.push(x.clone());
            }
        }
    }
    let score = |x: &String| {
        let caps = all
            .iter()
            .any(|w| w.iter().any(|y| lexicon::fold_eq(y, x) && lexicon::is_all_caps(y)));
        (mentions.count(x), caps)
    };
    let last = first.last().cloned().unwrap_or_default();
    let mut best = last.clone();
    let mut best_score = score(&last);
    for x in &cands {
        let s = score(x);
        if s > best_score {
            best = x.clone();
            best_score = s;
        }
    }
    // The writing that has the family word at its end gives the order of
    // the given names; otherwise the family word was written first.
    let fam = lexicon::fold(&best);
    let model = all
        .iter()
        .find(|w| w.last().is_some_and(|l| lexicon::fold_cow(l) == fam))
        .or_else(|| all.first())
        .map(|w| (*w).clone())
        .unwrap_or_default();
    let mut given: Vec<String> = model.iter().filter(|w| lexicon::fold_cow(w) != fam).cloned().collect();
    let mut family = vec![
        model
            .iter()
            .find(|w| lexicon::fold_cow(w) == fam)
            .cloned()
            .unwrap_or(best),
    ];
    // A two-word family name that running text uses as such
    // ("Lt. Gen. Mendoza Ruiz" for Carlos Mendoza Ruiz).
    if given.len() >= 2 && family.len() == 1 {
        let tail = vec![given[given.len() - 1].clone(), family[0].clone()];
        if mentions.count_words(&tail) > 0 && mentions.count(&family[0]) == 0 {
            given.pop();
            family = tail;
        }
    }
    // A patronymic: the link word and what follows are the family part,
    // in the order written ("Rashid bin Ahmad", never "bin Rashid").
    if let Some(k) = model.iter().position(|w| lexicon::is_patronymic_link(w))
        && k > 0
    {
        c.given = model[..k].to_vec();
        c.family = model[k..].to_vec();
        return;
    }
    // Particles before the family name belong to it ("von der Leyen").
    while given.last().is_some_and(|p| lexicon::is_particle(p)) {
        if let Some(p) = given.pop() {
            family.insert(0, p);
        }
    }
    c.given = given;
    c.family = family;
}

/// The folded name a person is addressed by after an honorific: the
/// family name, or for a patronymic the given name ("Dr. Rashid").
fn address_key(c: &Cluster) -> String {
    let words = if c.family.first().is_some_and(|f| lexicon::is_patronymic_link(f)) && !c.given.is_empty() {
        &c.given
    } else {
        &c.family
    };
    words.iter().map(|x| lexicon::fold(x)).collect::<Vec<_>>().join(" ")
}

/// True for a writing that is a short form of a multi-word name: one word,
/// or several that are exactly some person's address name ("Mr. van der
/// Berg", "Dr. Ramírez Ortega").
fn is_short_writing(w: &Writing, clusters: &[Cluster]) -> bool {
    if w.words.len() == 1 {
        return true;
    }
    let f = w.words.iter().map(|x| lexicon::fold(x)).collect::<Vec<_>>().join(" ");
    clusters
        .iter()
        .any(|c| !c.given.is_empty() && !c.writings.is_empty() && address_key(c) == f && c.key != w.key())
}

/// Resolves one body mention: its full name words, or its first word as
/// family name when exactly one person has it.
/// The one person whose family name follows the opening title word of
/// `text` ("General Pérez Gómez replied", "Dr. Lee said"), if exactly one.
fn opening_family_mention(text: &str, people: &[Person]) -> Option<usize> {
    let toks: Vec<&str> = text.split_whitespace().take(5).collect();
    let title = toks.first()?;
    if !title.starts_with(char::is_uppercase) {
        return None;
    }
    let fold_tok = |w: &str| lexicon::fold(lexicon::strip_possessive(w.trim_end_matches([',', ';', ':', '.'])));
    // The family name, or the last two words of the name when the family
    // name was not told apart ("Pérez Gómez" of "Ana Lucía Pérez Gómez").
    let hits: Vec<usize> = (0..people.len())
        .filter(|&pi| {
            let mut tails: Vec<Vec<String>> = Vec::new();
            if let Some(fam) = people[pi].family_name.as_deref() {
                tails.push(fam.split_whitespace().map(lexicon::fold).collect());
            }
            let name: Vec<String> = people[pi].name.split_whitespace().map(lexicon::fold).collect();
            if name.len() >= 3 {
                tails.push(name[name.len() - 2..].to_vec());
            }
            tails.iter().any(|tail| {
                let after: Vec<String> = toks.iter().skip(1).take(tail.len()).map(|w| fold_tok(w)).collect();
                !tail.is_empty() && after == *tail
            })
        })
        .collect();
    match hits.as_slice() {
        [pi] => Some(*pi),
        _ => None,
    }
}

/// A cluster's family name folded for comparison: word by word, and
/// joined by a space.
struct FamilyKey {
    words: Vec<String>,
    joined: String,
}

impl FamilyKey {
    fn of(c: &Cluster) -> FamilyKey {
        let words: Vec<String> = c.family.iter().map(|x| lexicon::fold(x)).collect();
        let joined = words.join(" ");
        FamilyKey { words, joined }
    }
}

/// `family_keys[ci]` is [`FamilyKey::of`] `clusters[ci]`.
#[inline(never)]
fn resolve_mention(
    doc: &Normalized,
    base: usize,
    m: &crate::segment::header::Mention,
    clusters: &mut [Cluster],
    family_keys: &[FamilyKey],
    diagnostics: &mut Vec<Diagnostic>,
) {
    for k in (1..=m.tokens.len()).rev() {
        let words = &m.tokens[..k];
        let mut key: Vec<String> = words.iter().map(|w| lexicon::fold(w)).collect();
        key.sort();
        let folded: Vec<String> = words.iter().map(|w| lexicon::fold(w)).collect();
        let hits: Vec<usize> = if k >= 2 {
            (0..clusters.len())
                .filter(|&ci| clusters[ci].key == key || family_keys[ci].words == folded)
                .collect()
        } else {
            (0..clusters.len())
                .filter(|&ci| family_keys[ci].joined == key[0] || family_keys[ci].words.last() == Some(&key[0]))
                .collect()
        };
        let written = format!("{} {}", m.honorific, words.join(" "));
        match hits.as_slice() {
            [ci] => {
                if !clusters[*ci].variants.contains(&written) {
                    clusters[*ci].variants.push(written);
                }
                return;
            }
            [] => continue,
            _ => {
                let start = base + m.start;
                let end = start + m.honorific.len() + 1 + words.join(" ").len();
                diagnostics.push(Diagnostic::warning(
                    "people.ambiguous-mention",
                    format!("\"{written}\" may be any of several people with that family name; not assigned."),
                    Some(doc.span(start, end.min(base + m.end).max(start))),
                ));
                return;
            }
        }
    }
}

/// A stable ASCII slug of a name ("Akira Tanaka" -> `akira-tanaka`).
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in name.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'ø' | 'Ø' => "o",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'ß' => "ss",
            'đ' | 'Đ' | 'ð' | 'Ð' => "d",
            'ł' | 'Ł' => "l",
            'ı' => "i",
            'þ' | 'Þ' => "th",
            _ => "",
        };
        let piece: String = if !mapped.is_empty() {
            mapped.to_string()
        } else if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase().to_string()
        } else {
            String::new()
        };
        if piece.is_empty() {
            if !out.is_empty() {
                dash = true;
            }
            continue;
        }
        if dash {
            out.push('-');
            dash = false;
        }
        out.push_str(&piece);
    }
    if out.is_empty() { "person".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::normalize;
    use crate::segment::segment;
    use crate::text::RawText;

    fn run(s: &str, presenters: &[&str]) -> People {
        let n = normalize(&RawText {
            pages: vec![s.to_string()],
            paged: false,
            diagnostics: vec![],
        });
        let g = segment(&n);
        let names: Vec<String> = presenters.iter().map(|s| s.to_string()).collect();
        resolve(&n, &g, &names)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]
        /// Whatever the text, the three stages do not panic and every span
        /// they hand on lies on character boundaries of the text.
        #[test]
        fn stages_never_panic(s in "(Mr\\. |Dr\\. |H\\.E\\. |Question: |Part II: |[A-Z][a-z]{1,6} |[a-z]{1,5} |[A-Z]{2,5} |- |1\\. |o |• |\n|\n\n|\x0c|:|,|\\.|\u{2010}|\u{a0}|\\$|\\*\\*|é|# ){0,80}") {
            let n = normalize(&RawText { pages: vec![s.clone(), s], paged: true, diagnostics: vec![] });
            for b in &n.blocks {
                proptest::prop_assert!(n.text.get(b.span.0..b.span.1).is_some());
                proptest::prop_assert!(n.text.get(b.content.0..b.content.1).is_some());
            }
            let g = segment(&n);
            for t in &g.turns {
                proptest::prop_assert!(n.text.get(t.span.0..t.span.1).is_some());
                for p in &t.paragraphs {
                    proptest::prop_assert!(n.text.get(p.0..p.1).is_some());
                }
            }
            let p = resolve(&n, &g, &["Mr. Ken Abe".to_string(), String::new()]);
            proptest::prop_assert_eq!(p.turn_speakers.len(), g.turns.len());
            for d in n.diagnostics.iter().chain(&p.diagnostics).chain(&g.diagnostics) {
                if let Some(sp) = d.span {
                    proptest::prop_assert!(n.text.get(sp.start..sp.end).is_some());
                }
            }
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Naoto Hisajima"), "naoto-hisajima");
        assert_eq!(slug("José Ørsted-Łukasz"), "jose-orsted-lukasz");
        assert_eq!(slug("!!"), "person");
    }

    #[test]
    fn family_name_first_and_all_caps_merge() {
        let doc = "Part I: Talk\n\nMr. Sukehiro HASEGAWA Former Envoy, Timor-Leste\n\nMr. Hasegawa opened the talk.\n\n\
                   Mr. Hasegawa Sukehiro\n\nFormer Envoy, Timor-Leste\n\nMr. Hasegawa closed the talk.";
        let p = run(doc, &["Mr. Sukehiro HASEGAWA"]);
        assert_eq!(p.people.len(), 1);
        let x = &p.people[0];
        assert_eq!(x.name, "Sukehiro Hasegawa");
        assert_eq!(x.id, "sukehiro-hasegawa");
        assert_eq!(x.family_name.as_deref(), Some("Hasegawa"));
        assert_eq!(x.affiliation.as_deref(), Some("Former Envoy, Timor-Leste"));
        assert!(x.variants.contains(&"Mr. Hasegawa".to_string()));
        assert!(x.variants.contains(&"Mr. Hasegawa Sukehiro".to_string()));
        assert_eq!(p.turn_speakers, vec![Some(0), Some(0)]);
        assert_eq!(p.presenters, vec![Some(0)]);
        assert!(p.diagnostics.iter().any(|d| d.code == "people.family-name-first"));
    }

    #[test]
    fn family_name_first_decided_by_mentions_alone() {
        let doc = "Part I: Talk\n\nMr. Tanaka Hiroshi Senior Fellow, Kobe Institute\n\nMr. Tanaka opened the talk.";
        let p = run(doc, &[]);
        assert_eq!(p.people.len(), 1);
        assert_eq!(p.people[0].name, "Hiroshi Tanaka");
        assert_eq!(p.people[0].id, "hiroshi-tanaka");
        assert_eq!(
            p.people[0].affiliation.as_deref(),
            Some("Senior Fellow, Kobe Institute")
        );
    }

    #[test]
    fn shared_family_names_are_ambiguous() {
        let doc = "Part I: Talk\n\nMr. Ken Inoue Vice-President, Peace Association\n\nMr. Inoue asked a question.\n\n\
                   Mr. Daiki Inoue Graduate Student, Geneva\n\nMr. Daiki Inoue is a member of the board.";
        let p = run(doc, &[]);
        assert_eq!(p.people.len(), 2);
        assert!(p.diagnostics.iter().any(|d| d.code == "people.ambiguous-mention"));
        assert!(!p.people[0].variants.contains(&"Mr. Inoue".to_string()));
        assert!(p.people[1].variants.contains(&"Mr. Daiki Inoue".to_string()));
    }

    #[test]
    fn labels_without_names_are_unresolved_with_a_warning() {
        let doc = "Q&A\n\nQuestion: Why is that so?\n\nAnswer: Because it is.";
        let p = run(doc, &[]);
        assert_eq!(p.turn_speakers, vec![None, None]);
        assert_eq!(
            p.diagnostics
                .iter()
                .filter(|d| d.code == "people.unresolved-speaker")
                .count(),
            2
        );
    }

    #[test]
    fn unnamed_answer_label_takes_the_family_name_after_a_title_word() {
        let doc = "Part I: Talk\n\nMaj. Gen. Ana PÉREZ GÓMEZ (Naval College): Thanks.\n\nDr. Ken Ito (Tokyo): Thanks too.\n\n\
                   Q&A\n\nQ: Dr. Ito asked why.\n\nA: General Pérez Gómez replied that it was late.\n\nA: Someone said no.";
        let p = run(doc, &[]);
        let n = p.turn_speakers.len();
        assert!(n >= 2);
        assert_eq!(
            p.turn_speakers[n - 2].map(|i| p.people[i].name.as_str()),
            Some("Ana Pérez Gómez")
        );
        assert_eq!(p.turn_speakers[n - 1], None);
    }

    #[test]
    fn presenter_without_header_is_a_person() {
        let p = run(
            "Part I: Talk\n\nDr. Ann Lee Chair, Board\n\nDr. Lee spoke well.",
            &["Prof. Jan de Vries"],
        );
        assert_eq!(p.people.len(), 2);
        // Presenters stand in the front matter: first in document order.
        assert_eq!(p.people[0].name, "Jan de Vries");
        assert_eq!(p.people[0].family_name.as_deref(), Some("de Vries"));
        assert_eq!(p.presenters, vec![Some(0)]);
    }
}
