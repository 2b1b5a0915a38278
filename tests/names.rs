//! Output names that every file system can hold: names equal under case
//! and Unicode normalization get `~2`, over-long names are shortened, and
//! control characters in names never reach stderr raw.

mod common;

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;

fn report_names(out: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn nfc_and_nfd_names_do_not_collide_on_a_normalizing_file_system() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // One name on macOS (APFS compares names normalized), two here.
    for (i, name) in ["Caf\u{e9} r\u{e9}sum\u{e9}.txt", "Cafe\u{301} re\u{301}sume\u{301}.txt"]
        .iter()
        .enumerate()
    {
        std::fs::write(input.join(name), common::small_doc(i)).unwrap();
    }
    let out = dir.path().join("out");
    common::cmd()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let names = report_names(&out);
    let folded: HashSet<String> = names
        .iter()
        .map(|n| n.nfc().collect::<String>().to_lowercase())
        .collect();
    assert_eq!(folded.len(), 2, "{names:?}");
    assert!(names.iter().any(|n| n.ends_with("~2.json")), "{names:?}");
    // And a rerun finds both up to date.
    common::cmd()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(predicates::str::contains("2 skipped"));
}

#[test]
fn a_name_near_the_file_system_limit_is_shortened_not_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // 254 bytes: a legal input name whose `.json` output name would be 259.
    let long = format!("{}.txt", "a".repeat(250));
    std::fs::write(input.join(&long), common::small_doc(1)).unwrap();
    let out = dir.path().join("out");
    common::cmd()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--review")
        .assert()
        .success();
    let names = report_names(&out);
    assert_eq!(names.len(), 1);
    assert!(names[0].len() <= 255 && names[0].ends_with(".json"), "{names:?}");
    // The report still names its input in full.
    let manifest = common::manifest(&out);
    assert_eq!(manifest["documents"][0]["file"], long.as_str());
    common::cmd()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .arg("--review")
        .arg("--check")
        .assert()
        .success();
}

#[test]
fn control_characters_in_a_name_are_escaped_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad\u{1b}[31m\u{7}.pdf");
    std::fs::write(&file, b"%PDF-1.4 not really").unwrap();
    let run = common::cmd().arg("extract").arg(&file).output().unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{stderr:?}");
    assert!(stderr.contains("bad\\u{1b}[31m\\u{7}.pdf"), "{stderr:?}");
}
