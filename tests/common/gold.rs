//! The gold comparison of `shared/tools/score_gold.py`, ported to Rust so
//! that tests need no Python, and the one scorer the tests share.
//!
//! Areas, as the scorer defines them: event (share of the fields title,
//! date, start_utc, compiled_by and each organizer that are right), people
//! (F1 of names averaged with the share of gold people whose affiliation is
//! right), turns (0.9 x the F1 of the longest common subsequence of speaker
//! and first eight words, plus 0.1 x the share of turns with the right
//! section), dispatches (F1 of dispatch atoms) and joined sentences (share
//! whole in one paragraph; scored only when the gold lists some). `overall`
//! is their mean.
//!
//! Each area also lists what it missed, so that a failing test says why;
//! `misses` is empty exactly when every scored area is perfect.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The scorer's text normalization: NFKC, curly apostrophe and dashes
/// folded, whitespace collapsed, case folded.
pub fn norm(s: &str) -> String {
    let s: String = s.nfkc().collect();
    let s = s.replace('\u{2019}', "'").replace(['\u{2013}', '\u{2014}'], "-");
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn norm_opt(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(norm(s)),
        other => Some(norm(&other.to_string())),
    }
}

/// A unit role with a final plural `s` dropped, as the scorer compares roles.
fn norm_role(v: &Value) -> String {
    let s = norm_opt(v).unwrap_or_default();
    s.strip_suffix('s').map(str::to_string).unwrap_or(s)
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn first8(s: &str) -> String {
    norm(&s.split_whitespace().take(8).collect::<Vec<_>>().join(" "))
}

/// F1 as the scorer computes it, with its conventions for empty sides
/// (nothing predicted and nothing wanted is perfect).
fn f1(tp: usize, npred: usize, ngold: usize) -> f64 {
    let p = if npred > 0 {
        tp as f64 / npred as f64
    } else if ngold == 0 {
        1.0
    } else {
        0.0
    };
    let r = if ngold > 0 { tp as f64 / ngold as f64 } else { 1.0 };
    if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
}

/// The score of one report against its gold, by area.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub event: f64,
    pub people: f64,
    pub turns: f64,
    pub dispatches: f64,
    /// None when the gold lists no split sentences (the area is not scored).
    pub joined: Option<f64>,
    /// What was missed, one line each; empty when every area is perfect.
    pub misses: Vec<String>,
}

impl Score {
    /// The mean of the scored areas, as the scorer's `overall`.
    pub fn overall(&self) -> f64 {
        let mut parts = vec![self.event, self.people, self.turns, self.dispatches];
        parts.extend(self.joined);
        parts.iter().sum::<f64>() / parts.len() as f64
    }
}

fn score_event(gold: &Value, rep: &Value, misses: &mut Vec<String>) -> f64 {
    let (ge, re) = (&gold["event"], &rep["event"]);
    let (mut fields, mut ok) = (0, 0);
    for k in ["title", "date", "start_utc", "compiled_by"] {
        fields += 1;
        if norm_opt(&ge[k]) == norm_opt(&re[k]) {
            ok += 1;
        } else {
            misses.push(format!("event {k}: want {} got {}", ge[k], re[k]));
        }
    }
    let have: Vec<Option<String>> = arr(&re["organizers"]).iter().map(norm_opt).collect();
    for o in arr(&ge["organizers"]) {
        fields += 1;
        if have.contains(&norm_opt(o)) {
            ok += 1;
        } else {
            misses.push(format!("organizer missing: {o} (got {})", re["organizers"]));
        }
    }
    ok as f64 / fields as f64
}

fn score_people(gold: &Value, rep: &Value, misses: &mut Vec<String>) -> f64 {
    let index = |v: &Value| -> HashMap<Option<String>, Value> {
        arr(&v["people"])
            .iter()
            .map(|p| (norm_opt(&p["name"]), p.clone()))
            .collect()
    };
    let (g, r) = (index(gold), index(rep));
    let tp = g.keys().filter(|k| r.contains_key(*k)).count();
    let f = f1(tp, r.len(), g.len());
    let mut aff_ok = 0;
    for (n, gp) in &g {
        match r.get(n) {
            None => misses.push(format!("person missing: {n:?}")),
            Some(rp) if norm_opt(&gp["affiliation"]) != norm_opt(&rp["affiliation"]) => misses.push(format!(
                "affiliation of {n:?}: want {} got {}",
                gp["affiliation"], rp["affiliation"]
            )),
            Some(_) => aff_ok += 1,
        }
    }
    misses.extend(
        r.keys()
            .filter(|n| !g.contains_key(*n))
            .map(|n| format!("extra person: {n:?}")),
    );
    let aff = if g.is_empty() {
        1.0
    } else {
        aff_ok as f64 / g.len() as f64
    };
    (f + aff) / 2.0
}

fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            dp[i][j] = if a[i] == b[j] {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    dp[0][0]
}

/// A report turn's opening: its paragraphs, or its `text` when it has none
/// (as the scorer reads it).
fn turn_text(t: &Value) -> String {
    let paras: Vec<&str> = arr(&t["paragraphs"]).iter().filter_map(Value::as_str).collect();
    if paras.is_empty() {
        t["text"].as_str().unwrap_or("").to_string()
    } else {
        paras.join(" ")
    }
}

fn score_turns(gold: &Value, rep: &Value, misses: &mut Vec<String>) -> f64 {
    let g: Vec<(Option<String>, String)> = arr(&gold["turns"])
        .iter()
        .map(|t| (norm_opt(&t["speaker"]), first8(t["first_words"].as_str().unwrap_or(""))))
        .collect();
    let r: Vec<(Option<String>, String)> = arr(&rep["turns"])
        .iter()
        .map(|t| (norm_opt(&t["speaker"]), first8(&turn_text(t))))
        .collect();
    let f = f1(lcs(&g, &r), r.len(), g.len());
    if g != r {
        let before = misses.len();
        misses.extend(
            g.iter()
                .filter(|k| !r.contains(k))
                .map(|k| format!("turn not matched: {k:?}")),
        );
        misses.extend(
            r.iter()
                .filter(|k| !g.contains(k))
                .map(|k| format!("extra turn: {k:?}")),
        );
        if misses.len() == before {
            misses.push("turns out of order or repeated".to_string());
        }
    }
    let gs: Vec<Option<String>> = arr(&gold["turns"]).iter().map(|t| norm_opt(&t["section"])).collect();
    let rs: Vec<Option<String>> = arr(&rep["turns"]).iter().map(|t| norm_opt(&t["section"])).collect();
    let sections = if !gs.is_empty() && gs.len() == rs.len() {
        gs.iter().zip(&rs).filter(|(a, b)| a == b).count() as f64 / gs.len() as f64
    } else {
        0.0
    };
    if sections < 1.0 {
        misses.push(format!("sections: want {gs:?} got {rs:?}"));
    }
    0.9 * f + 0.1 * sections
}

/// The facts of one dispatch, each tagged with the index of the gold entry
/// it is paired with, so that a fact only counts for its own dispatch.
fn dispatch_atoms(d: &Value, idx: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(format!("{idx} mission {:?}", norm_opt(&d["mission"])));
    out.insert(format!("{idx} start {}", d["start"]));
    out.insert(format!("{idx} end {}", d["end"]));
    for l in arr(&d["locations"]) {
        out.insert(format!("{idx} location {:?}", norm_opt(l)));
    }
    for u in arr(&d["units"]) {
        let role = norm_role(&u["role"]);
        out.insert(format!("{idx} role {role}"));
        for (k, ph) in arr(&u["phases"]).iter().enumerate() {
            for f in ["qualifier", "from", "personnel", "rotations", "max"] {
                out.insert(format!("{idx} {role} {k} {f} {}", ph[f]));
            }
        }
    }
    out
}

fn score_dispatches(gold: &Value, rep: &Value, misses: &mut Vec<String>) -> f64 {
    // Pair entries in order by (mission, start); unpaired report entries get
    // indices no gold entry has, so all their atoms count as extra.
    let key = |d: &Value| (norm_opt(&d["mission"]), d["start"].clone());
    let (gd, rd) = (arr(&gold["dispatches"]), arr(&rep["dispatches"]));
    let mut used = HashSet::new();
    let mut pair_of: HashMap<usize, usize> = HashMap::new();
    for (gi, g) in gd.iter().enumerate() {
        if let Some(ri) = (0..rd.len()).find(|ri| !used.contains(ri) && key(&rd[*ri]) == key(g)) {
            used.insert(ri);
            pair_of.insert(ri, gi);
        }
    }
    let ga: BTreeSet<String> = gd.iter().enumerate().flat_map(|(i, d)| dispatch_atoms(d, i)).collect();
    let ra: BTreeSet<String> = rd
        .iter()
        .enumerate()
        .flat_map(|(ri, d)| dispatch_atoms(d, pair_of.get(&ri).copied().unwrap_or(1000 + ri)))
        .collect();
    misses.extend(
        ga.difference(&ra)
            .take(40)
            .map(|a| format!("dispatch atom missing: {a}")),
    );
    misses.extend(ra.difference(&ga).take(20).map(|a| format!("dispatch atom extra: {a}")));
    f1(ga.intersection(&ra).count(), ra.len(), ga.len())
}

fn score_joined(gold: &Value, rep: &Value, misses: &mut Vec<String>) -> Option<f64> {
    let want: Vec<&str> = arr(&gold["joined_sentences"])
        .iter()
        .filter_map(Value::as_str)
        .collect();
    if want.is_empty() {
        return None;
    }
    let paras: Vec<String> = arr(&rep["turns"])
        .iter()
        .flat_map(|t| arr(&t["paragraphs"]).iter().filter_map(Value::as_str).map(norm))
        .collect();
    let mut ok = 0;
    for s in want.iter() {
        if paras.iter().any(|p| p.contains(&norm(s))) {
            ok += 1;
        } else {
            misses.push(format!("not whole in one paragraph: {s:?}"));
        }
    }
    Some(ok as f64 / want.len() as f64)
}

/// Scores a report (as JSON) against a gold file (as JSON).
pub fn score(gold: &Value, rep: &Value) -> Score {
    let mut misses = Vec::new();
    let event = score_event(gold, rep, &mut misses);
    let people = score_people(gold, rep, &mut misses);
    let turns = score_turns(gold, rep, &mut misses);
    let dispatches = score_dispatches(gold, rep, &mut misses);
    let joined = score_joined(gold, rep, &mut misses);
    Score {
        event,
        people,
        turns,
        dispatches,
        joined,
        misses,
    }
}
