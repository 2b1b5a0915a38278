//! The overall gold score of a report, as `shared/tools/score_gold.py`
//! computes it: the mean of event (share of fields right), people (F1 of
//! names averaged with the share of affiliations right), turns (0.9 x the
//! F1 of the longest common subsequence of speaker and first eight words,
//! 0.1 x the share of turns with the right section), dispatches (F1 of
//! dispatch atoms) and joined sentences (share whole in one paragraph, when
//! the gold lists some).

use std::collections::{BTreeSet, HashMap, HashSet};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn norm(s: &str) -> String {
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

fn arr(v: &Value) -> &[Value] {
    v.as_array().map(Vec::as_slice).unwrap_or(&[])
}

fn first8(s: &str) -> String {
    norm(&s.split_whitespace().take(8).collect::<Vec<_>>().join(" "))
}

/// Precision, recall and F1 as the scorer defines them for empty sides.
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

fn event(gold: &Value, rep: &Value) -> f64 {
    let (ge, re) = (&gold["event"], &rep["event"]);
    let mut fields = 0;
    let mut ok = 0;
    for k in ["title", "date", "start_utc", "compiled_by"] {
        fields += 1;
        ok += usize::from(norm_opt(&ge[k]) == norm_opt(&re[k]));
    }
    let have: Vec<Option<String>> = arr(&re["organizers"]).iter().map(norm_opt).collect();
    for o in arr(&ge["organizers"]) {
        fields += 1;
        ok += usize::from(have.contains(&norm_opt(o)));
    }
    ok as f64 / fields as f64
}

fn people(gold: &Value, rep: &Value) -> f64 {
    let index = |v: &Value| -> HashMap<Option<String>, Option<String>> {
        arr(&v["people"])
            .iter()
            .map(|p| (norm_opt(&p["name"]), norm_opt(&p["affiliation"])))
            .collect()
    };
    let (g, r) = (index(gold), index(rep));
    let both: Vec<&Option<String>> = g.keys().filter(|k| r.contains_key(*k)).collect();
    let f = f1(both.len(), r.len(), g.len());
    let aff = if g.is_empty() {
        1.0
    } else {
        both.iter().filter(|k| g[**k] == r[**k]).count() as f64 / g.len() as f64
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

fn turns(gold: &Value, rep: &Value) -> f64 {
    let g: Vec<(Option<String>, String)> = arr(&gold["turns"])
        .iter()
        .map(|t| (norm_opt(&t["speaker"]), first8(t["first_words"].as_str().unwrap_or(""))))
        .collect();
    let r: Vec<(Option<String>, String)> = arr(&rep["turns"])
        .iter()
        .map(|t| {
            let paras: Vec<&str> = arr(&t["paragraphs"]).iter().filter_map(Value::as_str).collect();
            (norm_opt(&t["speaker"]), first8(&paras.join(" ")))
        })
        .collect();
    let f = f1(lcs(&g, &r), r.len(), g.len());
    let gs: Vec<Option<String>> = arr(&gold["turns"]).iter().map(|t| norm_opt(&t["section"])).collect();
    let rs: Vec<Option<String>> = arr(&rep["turns"]).iter().map(|t| norm_opt(&t["section"])).collect();
    let sections = if !gs.is_empty() && gs.len() == rs.len() {
        gs.iter().zip(&rs).filter(|(a, b)| a == b).count() as f64 / gs.len() as f64
    } else {
        0.0
    };
    0.9 * f + 0.1 * sections
}

fn atoms(d: &Value, idx: usize) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(format!("{idx} mission {:?}", norm_opt(&d["mission"])));
    out.insert(format!("{idx} start {}", d["start"]));
    out.insert(format!("{idx} end {}", d["end"]));
    for l in arr(&d["locations"]) {
        out.insert(format!("{idx} location {:?}", norm_opt(l)));
    }
    for u in arr(&d["units"]) {
        let role = norm_opt(&u["role"]).unwrap_or_default();
        let role = role.strip_suffix('s').unwrap_or(&role).to_string();
        out.insert(format!("{idx} role {role}"));
        for (k, ph) in arr(&u["phases"]).iter().enumerate() {
            for f in ["qualifier", "from", "personnel", "rotations", "max"] {
                out.insert(format!("{idx} {role} {k} {f} {}", ph[f]));
            }
        }
    }
    out
}

fn dispatches(gold: &Value, rep: &Value) -> f64 {
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
    let ga: BTreeSet<String> = gd.iter().enumerate().flat_map(|(i, d)| atoms(d, i)).collect();
    let ra: BTreeSet<String> = rd
        .iter()
        .enumerate()
        .flat_map(|(ri, d)| atoms(d, pair_of.get(&ri).copied().unwrap_or(1000 + ri)))
        .collect();
    f1(ga.intersection(&ra).count(), ra.len(), ga.len())
}

fn joined(gold: &Value, rep: &Value) -> Option<f64> {
    let want: Vec<String> = arr(&gold["joined_sentences"])
        .iter()
        .filter_map(Value::as_str)
        .map(norm)
        .collect();
    if want.is_empty() {
        return None;
    }
    let paras: Vec<String> = arr(&rep["turns"])
        .iter()
        .flat_map(|t| arr(&t["paragraphs"]).iter().filter_map(Value::as_str).map(norm))
        .collect();
    let ok = want
        .iter()
        .filter(|s| paras.iter().any(|p| p.contains(s.as_str())))
        .count();
    Some(ok as f64 / want.len() as f64)
}

/// The overall score of `rep` against `gold` (1.0 is perfect).
pub fn score(gold: &Value, rep: &Value) -> f64 {
    let mut parts = vec![
        event(gold, rep),
        people(gold, rep),
        turns(gold, rep),
        dispatches(gold, rep),
    ];
    parts.extend(joined(gold, rep));
    parts.iter().sum::<f64>() / parts.len() as f64
}
