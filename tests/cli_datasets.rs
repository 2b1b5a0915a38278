//! The datasets for querying across reports (issue 15): row ids and keys that
//! join, document keys that survive a second input root, `persons.jsonl`,
//! `events.jsonl`, `diagnostics.jsonl`, `roles.jsonl` and the `--csv`
//! tables, all byte-identical on a rerun and covered by `--check`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{cmd, seed, small_doc, tree};
use serde_json::Value;

fn run(inputs: &[&Path], out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    cmd().arg("run").args(inputs).arg("--out").arg(out).args(extra).assert()
}

fn rows(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// An input folder: the seed report twice (as two documents) and two small
/// reports.
fn corpus(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("seed.txt"), seed()).unwrap();
    std::fs::write(input.join("sub/seed-copy.txt"), seed()).unwrap();
    std::fs::write(input.join("a.txt"), small_doc(1)).unwrap();
    std::fs::write(input.join("b.txt"), small_doc(2)).unwrap();
    input
}

#[test]
fn turns_join_people_on_document_and_id_and_persons_on_person_key() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let out = dir.path().join("out");
    run(&[&input], &out, &[]).success();
    let turns = rows(&out.join("turns.jsonl"));
    let people = rows(&out.join("people.jsonl"));
    let persons = rows(&out.join("persons.jsonl"));
    assert!(turns.len() > 20, "{}", turns.len());
    // (document, id) is a key of people.jsonl, person_key one of persons.jsonl.
    let people_by: BTreeMap<(String, String), &Value> = people
        .iter()
        .map(|p| {
            (
                (p["document"].as_str().unwrap().into(), p["id"].as_str().unwrap().into()),
                p,
            )
        })
        .collect();
    assert_eq!(people_by.len(), people.len());
    let persons_by: BTreeMap<&str, &Value> = persons.iter().map(|p| (p["person_key"].as_str().unwrap(), p)).collect();
    assert_eq!(persons_by.len(), persons.len());
    let mut joined = 0;
    for t in &turns {
        let Some(id) = t["speaker_id"].as_str() else {
            assert!(t["person_key"].is_null());
            continue;
        };
        let p = people_by[&(t["document"].as_str().unwrap().to_string(), id.to_string())];
        assert_eq!(p["person_key"], t["person_key"]);
        assert!(persons_by.contains_key(t["person_key"].as_str().unwrap()));
        joined += 1;
    }
    let with_speaker = turns.iter().filter(|t| !t["speaker_id"].is_null()).count();
    assert_eq!(joined, with_speaker);
    // Turn counts add up: per people row, and per person across the batch.
    let people_turns: u64 = people.iter().map(|p| p["turns"].as_u64().unwrap()).sum();
    let persons_turns: u64 = persons.iter().map(|p| p["turns"].as_u64().unwrap()).sum();
    assert_eq!(people_turns as usize, with_speaker);
    assert_eq!(persons_turns as usize, with_speaker);
    // The seed's people are in two documents and merged, one row each.
    let merged: Vec<&&Value> = persons_by.values().filter(|p| p["merged"] == true).collect();
    assert!(merged.len() >= 10, "{}", merged.len());
    for p in merged {
        assert_eq!(p["documents"].as_array().unwrap().len(), 2, "{p}");
    }
    // Every row of every dataset has a row id unique in the batch.
    for name in ["dispatches", "turns", "people", "events", "diagnostics"] {
        let r = rows(&out.join(format!("{name}.jsonl")));
        let ids: BTreeSet<&str> = r.iter().map(|x| x["row_id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), r.len(), "{name}");
    }
}

#[test]
fn events_and_diagnostics_have_one_row_per_report_and_per_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let out = dir.path().join("out");
    run(&[&input], &out, &[]).success();
    let events = rows(&out.join("events.jsonl"));
    let docs: Vec<&str> = events.iter().map(|e| e["document"].as_str().unwrap()).collect();
    assert_eq!(docs, ["a.txt", "b.txt", "seed.txt", "sub/seed-copy.txt"]);
    let seed_event = &events[2];
    assert_eq!(seed_event["date"], "2022-07-27");
    assert!(seed_event["title"].as_str().unwrap().contains("Peace"));
    assert!(!seed_event["organizers"].as_array().unwrap().is_empty());
    let diagnostics = rows(&out.join("diagnostics.jsonl"));
    for e in &events {
        let doc = e["document"].as_str().unwrap();
        let report: Value =
            serde_json::from_slice(&std::fs::read(out.join(format!("reports/{doc}.json"))).unwrap()).unwrap();
        let want: Vec<&Value> = report["diagnostics"].as_array().unwrap().iter().collect();
        let got: Vec<&Value> = diagnostics.iter().filter(|d| d["document"] == doc).collect();
        assert_eq!(got.len(), want.len(), "{doc}");
        assert_eq!(e["counts"]["diagnostics"], want.len());
        assert_eq!(e["counts"]["turns"], report["turns"].as_array().unwrap().len());
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g["code"], w["code"]);
        }
    }
}

#[test]
fn a_second_root_leaves_the_document_keys_of_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let other = dir.path().join("more/in");
    std::fs::create_dir_all(&other).unwrap();
    // The same name as one of the first root, and a new one.
    std::fs::write(other.join("a.txt"), small_doc(7)).unwrap();
    std::fs::write(other.join("c.txt"), small_doc(8)).unwrap();
    let out = dir.path().join("out");
    run(&[&input], &out, &[]).success();
    let before: BTreeSet<String> = rows(&out.join("events.jsonl"))
        .iter()
        .map(|e| e["document"].as_str().unwrap().to_string())
        .collect();
    let turns_before = std::fs::read(out.join("turns.jsonl")).unwrap();
    run(&[&input, &other], &out, &[])
        .success()
        .stderr(predicates::str::contains("4 skipped"));
    let after: BTreeSet<String> = rows(&out.join("events.jsonl"))
        .iter()
        .map(|e| e["document"].as_str().unwrap().to_string())
        .collect();
    assert!(before.is_subset(&after), "{before:?} {after:?}");
    let added: Vec<&String> = after.difference(&before).collect();
    assert_eq!(added, ["c.txt", "in~2/a.txt"]);
    // The first root's rows are unchanged, byte for byte.
    let turns_after = String::from_utf8(std::fs::read(out.join("turns.jsonl")).unwrap()).unwrap();
    for line in String::from_utf8(turns_before).unwrap().lines() {
        assert!(turns_after.lines().any(|l| l == line));
    }
}

#[test]
fn csv_tables_parse_with_their_header_and_match_the_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let out = dir.path().join("out");
    run(&[&input], &out, &["--csv"]).success();
    let read = |name: &str| -> (Vec<String>, Vec<csv::StringRecord>) {
        let mut r = csv::Reader::from_path(out.join(name)).unwrap();
        let header = r.headers().unwrap().iter().map(str::to_string).collect();
        let records = r.records().map(|x| x.unwrap()).collect();
        (header, records)
    };
    let (h, events) = read("csv/events.csv");
    assert_eq!(&h[..4], ["document", "sha256", "row_id", "title"]);
    assert_eq!(events.len(), 4);
    let (h, people) = read("csv/people.csv");
    assert!(h.contains(&"person_key".to_string()));
    assert_eq!(people.len(), rows(&out.join("people.jsonl")).len());
    let (h, turns) = read("csv/turns.csv");
    let jsonl_turns = rows(&out.join("turns.jsonl"));
    assert_eq!(turns.len(), jsonl_turns.len());
    // Paragraphs (with commas, quotes and newlines) survive the quoting.
    let text = h.iter().position(|c| c == "text").unwrap();
    for (rec, t) in turns.iter().zip(&jsonl_turns) {
        let paragraphs: Vec<&str> = t["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        assert_eq!(&rec[text], paragraphs.join("\n\n"));
    }
    let (h, phases) = read("csv/dispatch_phases.csv");
    for col in [
        "mission",
        "locations",
        "start",
        "end",
        "role",
        "role_key",
        "qualifier",
        "from",
        "personnel",
        "rotations",
        "max",
    ] {
        assert!(h.contains(&col.to_string()), "{col}");
    }
    let want: usize = rows(&out.join("dispatches.jsonl"))
        .iter()
        .flat_map(|d| d["units"].as_array().unwrap().clone())
        .map(|u| u["phases"].as_array().unwrap().len())
        .sum();
    assert_eq!(phases.len(), want);
    // Recorded in the manifest (so a later run may delete them), and gone
    // when --csv is left out.
    let m = common::manifest(&out);
    let files: Vec<&str> = m["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"csv/turns.csv"), "{files:?}");
    run(&[&input], &out, &["--check"])
        .code(1)
        .stdout(predicates::str::contains("would delete: csv/turns.csv"));
    run(&[&input], &out, &[]).success();
    assert!(!out.join("csv").exists());
}

#[test]
fn roles_are_grouped_under_one_key_and_the_grouping_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let out = dir.path().join("out");
    run(&[&input], &out, &[]).success();
    let dispatches = rows(&out.join("dispatches.jsonl"));
    let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in &dispatches {
        for u in d["units"].as_array().unwrap() {
            by_key
                .entry(u["role_key"].as_str().unwrap().into())
                .or_default()
                .insert(u["role"].as_str().unwrap().into());
        }
    }
    let roles = rows(&out.join("roles.jsonl"));
    assert_eq!(roles.len(), by_key.len());
    let grouped: Vec<&Value> = roles.iter().filter(|r| r["grouped"] == true).collect();
    assert!(!grouped.is_empty());
    for r in grouped {
        let spellings: BTreeSet<String> = r["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["role"].as_str().unwrap().into())
            .collect();
        assert_eq!(spellings, by_key[r["role_key"].as_str().unwrap()]);
        assert!(spellings.len() > 1);
    }
}

#[test]
fn reruns_give_identical_bytes_and_check_passes() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run(&[&input], &a, &["--csv", "--jobs", "1"]).success();
    run(&[&input], &b, &["--csv", "--jobs", "4", "--force"]).success();
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(tb[k] == *v, "{k} differs between runs");
    }
    // A rerun reuses everything and changes no byte; --check agrees.
    run(&[&input], &a, &["--csv"]).success();
    assert!(tree(&a) == ta);
    run(&[&input], &a, &["--csv", "--check"]).success().stdout("");
    // A dataset edited by hand is found by --check.
    std::fs::write(a.join("persons.jsonl"), "{}\n").unwrap();
    run(&[&input], &a, &["--csv", "--check"])
        .code(1)
        .stdout(predicates::str::contains("would change: persons.jsonl"));
}

/// The per-document report carries each unit's `role_key`, the same key the
/// dispatches dataset and `roles.jsonl` group by.
#[test]
fn report_units_carry_the_role_key_of_the_datasets() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path());
    let out = dir.path().join("out");
    let report: Value = serde_json::from_slice(
        &cmd()
            .arg("extract")
            .arg(input.join("seed.txt"))
            .output()
            .unwrap()
            .stdout,
    )
    .expect("extract prints a report");
    let units: Vec<&Value> = report["dispatches"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["units"].as_array().unwrap())
        .collect();
    assert!(!units.is_empty());
    for u in &units {
        let key = u["role_key"].as_str().expect("every unit has a role_key");
        assert!(!key.is_empty() && !key.contains(' '), "{u}");
    }
    let engineering: Vec<&str> = units
        .iter()
        .filter(|u| u["role"].as_str().is_some_and(|r| r.starts_with("Engineering Unit")))
        .map(|u| u["role_key"].as_str().unwrap())
        .collect();
    assert!(
        !engineering.is_empty() && engineering.iter().all(|k| *k == "engineer-unit"),
        "{engineering:?}"
    );
    run(&[&input], &out, &[]).success();
    let row_keys: Vec<String> = rows(&out.join("dispatches.jsonl"))
        .iter()
        .filter(|r| r["document"] == "seed.txt")
        .flat_map(|r| {
            r["units"]
                .as_array()
                .unwrap()
                .iter()
                .map(|u| u["role_key"].as_str().unwrap().to_string())
        })
        .collect();
    let report_keys: Vec<String> = units
        .iter()
        .map(|u| u["role_key"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(row_keys, report_keys);
}
