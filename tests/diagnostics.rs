//! The registry of codes (`src/diagnostics.rs`) against the program that
//! emits them: every diagnostic built in `src/` names a registered code at a
//! severity the registry lists, no registered code is dead, no code is
//! spelled as a bare string outside the registry, and `docs/diagnostics.md`
//! is the registry's Markdown (`rapporteur diagnostics`), byte for byte.
//!
//! A code that is not registered does not compile (the constructors take a
//! `Code`); what the compiler cannot see, the severity at each call site and
//! the codes forwarded through a variable, is checked here by reading the
//! sources. `RAPPORTEUR_UPDATE_DOCS=1 cargo test --test diagnostics`
//! rewrites the doc after a change to the registry.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rapporteur::diagnostics::{self, Code, Emitted, REGISTRY};
use rapporteur::report::Severity;
use regex::Regex;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// Each source file of the crate but the registry, cut at its test module
/// (tests compare codes as strings, which is fine).
fn program_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files
        .into_iter()
        .filter(|p| !p.ends_with("src/diagnostics.rs"))
        .filter(|p| !p.file_name().is_some_and(|n| n == "tests.rs" || n == "testutil.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
            let name = p.strip_prefix(root).unwrap().display().to_string();
            (name, text[..cut].to_string())
        })
        .collect()
}

fn by_variant() -> BTreeMap<String, Code> {
    REGISTRY.iter().map(|(c, _)| (format!("{c:?}"), *c)).collect()
}

fn severity(name: &str) -> Severity {
    match name {
        "info" | "Info" => Severity::Info,
        "warning" | "Warning" => Severity::Warning,
        "error" | "Error" => Severity::Error,
        other => panic!("unknown severity {other}"),
    }
}

/// Places that build a diagnostic from a code held in a variable, with the
/// severity they use: the codes that reach them must allow it.
const FORWARDING: &[(&str, Severity)] = &[
    // Normalize's block repairs (`Repair::code`), all info.
    ("src/normalize/emit.rs", Severity::Info),
];

#[test]
fn every_call_site_names_a_registered_code_at_a_registered_severity() {
    // A call `Diagnostic::warning(Code::X, ..)`, or the constructor paired
    // with its code in a table (`(Diagnostic::warning, Code::X, ..)`).
    let variants = by_variant();
    let direct = Regex::new(
        r"Diagnostic::(?:(info|warning|error)[(,]\s*|new\(\s*Severity::(\w+)\s*,\s*)(Code::(\w+)|[a-z_][\w.]*)",
    )
    .unwrap();
    let mut problems = Vec::new();
    let mut sites = 0;
    for (file, text) in program_sources() {
        for m in direct.captures_iter(&text) {
            sites += 1;
            let sev = severity(m.get(1).or(m.get(2)).unwrap().as_str());
            match m.get(4) {
                Some(v) => {
                    let code = variants[v.as_str()];
                    if !code.allows(sev) {
                        problems.push(format!(
                            "{file}: {code} built at {sev:?}, registered as {:?}",
                            code.entry().emitted
                        ));
                    }
                }
                None => {
                    if !FORWARDING.contains(&(file.as_str(), sev)) {
                        problems.push(format!(
                            "{file}: a diagnostic built from {:?}: add the place to FORWARDING",
                            &m[3]
                        ));
                    }
                }
            }
        }
    }
    assert!(
        sites > 50,
        "the scan found only {sites} call sites: is the pattern stale?"
    );
    // The codes forwarded by normalize are the ones its stage names outside
    // a direct call site.
    let code_ref = Regex::new(r"Code::(\w+)").unwrap();
    for (file, text) in program_sources() {
        if let Some((_, sev)) = FORWARDING
            .iter()
            .find(|(f, _)| file.starts_with(&f[..f.rfind('/').unwrap()]))
        {
            let direct_at: BTreeSet<usize> = direct
                .captures_iter(&text)
                .filter_map(|m| m.get(3))
                .map(|g| g.start())
                .collect();
            for m in code_ref.captures_iter(&text) {
                if direct_at.contains(&m.get(0).unwrap().start()) {
                    continue;
                }
                let code = variants[&m[1]];
                if !code.allows(*sev) {
                    problems.push(format!("{file}: {code} may be forwarded at {sev:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_registered_code_is_emitted_somewhere() {
    let code_ref = Regex::new(r"Code::(\w+)").unwrap();
    let used: BTreeSet<String> = program_sources()
        .iter()
        .flat_map(|(_, text)| {
            code_ref
                .captures_iter(text)
                .map(|m| m[1].to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let dead: Vec<&str> = REGISTRY
        .iter()
        .filter(|(c, _)| !used.contains(&format!("{c:?}")))
        .map(|(_, e)| e.code)
        .collect();
    assert!(dead.is_empty(), "registered but never emitted: {dead:?}");
}

#[test]
fn no_code_is_spelled_as_a_string_outside_the_registry() {
    let mut problems = Vec::new();
    for (file, text) in program_sources() {
        for (_, e) in REGISTRY {
            if e.code.contains('.') && text.contains(&format!("\"{}\"", e.code)) {
                problems.push(format!(
                    "{file}: \"{}\" (use Code::{:?})",
                    e.code,
                    Code::find(e.code).unwrap()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn failures_are_exactly_the_error_kinds() {
    use rapporteur::ErrorKind;
    let kinds = [
        ErrorKind::Io(String::new()),
        ErrorKind::Empty,
        ErrorKind::NoText,
        ErrorKind::Replaced(String::new()),
        ErrorKind::TooLarge { actual: 0, limit: 0 },
        ErrorKind::TooManyPages { actual: 0, limit: 0 },
        ErrorKind::InflateLimit { limit: 0 },
        ErrorKind::Timeout {
            budget: std::time::Duration::ZERO,
        },
        ErrorKind::Abandoned {
            budget: std::time::Duration::ZERO,
            after: std::time::Duration::ZERO,
        },
        ErrorKind::NoTextLayer,
        ErrorKind::Encrypted,
        ErrorKind::WrongPassword,
        ErrorKind::Damaged(String::new()),
        ErrorKind::WrongFormat {
            expected: "PDF",
            found: String::new(),
        },
        ErrorKind::Output(String::new()),
        ErrorKind::Internal(String::new()),
    ];
    let from_kinds: BTreeSet<&str> = kinds.iter().map(|k| k.code()).collect();
    let registered: BTreeSet<&str> = REGISTRY
        .iter()
        .filter(|(_, e)| e.emitted == Emitted::Failure)
        .map(|(_, e)| e.code)
        .collect();
    assert_eq!(from_kinds, registered);
}

#[test]
fn docs_diagnostics_md_is_generated_from_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md");
    let generated = diagnostics::markdown();
    if std::env::var_os("RAPPORTEUR_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == generated,
        "docs/diagnostics.md is stale: run `RAPPORTEUR_UPDATE_DOCS=1 cargo test --test diagnostics`"
    );
    for (_, e) in REGISTRY {
        assert!(generated.contains(&format!("| `{}` |", e.code)), "{}", e.code);
    }
}

#[test]
fn the_cli_prints_the_registry() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .arg("diagnostics")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8(out.stdout).unwrap(), diagnostics::markdown());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rapporteur"))
        .args(["diagnostics", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), REGISTRY.len());
    assert_eq!(rows[0]["code"], REGISTRY[0].1.code);
    assert!(rows.iter().any(|r| r["emitted"] == "failure"));
    assert!(
        rows.iter()
            .any(|r| r["emitted"]["diagnostic"] == serde_json::json!(["info", "warning"]))
    );
}
