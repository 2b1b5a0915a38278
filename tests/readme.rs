//! The README and `docs/` against the program (issue 15: they must describe
//! exactly what it does). The README and docs are read at test time, so
//! these checks follow their edits:
//!
//! - every command of a shell block is run (the main job in a temporary
//!   copy of `input/`, so the committed `output/` is never touched), or is
//!   on the list of commands not run here, with the reason; the test
//!   command is the one `.ci/run` calls;
//! - the output layout lists exactly the files a run writes, and the
//!   summary line the README quotes is what a rerun prints;
//! - the options of the command-line synopsis are those of `--help`, both
//!   ways, and the subcommands those of `rapporteur --help`;
//! - every exit code of the table is produced (130 by `tests/batch.rs`),
//!   and no other;
//! - the minimum Rust version is `Cargo.toml`'s, and every file, link and
//!   test name the docs mention exists.
//!
//! Markdown is read by hand (fenced blocks, headings, backticks): the
//! checks need no more, and a Markdown parser would be one more dependency.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{cmd, tree};
use regex::Regex;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The README and every `docs/*.md`, as (path, text), README first.
fn documents() -> Vec<(String, String)> {
    let mut docs: Vec<String> = std::fs::read_dir(root().join("docs"))
        .expect("docs/ exists")
        .flatten()
        .map(|e| format!("docs/{}", e.file_name().to_string_lossy()))
        .filter(|n| n.ends_with(".md"))
        .collect();
    docs.sort();
    std::iter::once("README.md".to_string())
        .chain(docs)
        .map(|n| {
            let text = read(&n);
            (n, text)
        })
        .collect()
}

/// A fenced block: its info string (`sh`, `text`, ...) and its body.
struct Block {
    info: String,
    body: String,
}

fn fenced_blocks(md: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for line in md.lines() {
        match open.as_mut() {
            Some(_) if line.trim_start().starts_with("```") => out.extend(open.take()),
            Some(b) => {
                b.body.push_str(line);
                b.body.push('\n');
            }
            None if line.trim_start().starts_with("```") => {
                open = Some(Block {
                    info: line.trim_start().trim_start_matches('`').trim().to_string(),
                    body: String::new(),
                })
            }
            None => {}
        }
    }
    out
}

/// The text under the heading `title` (up to the next heading of the same
/// or a higher level).
fn section<'a>(md: &'a str, title: &str) -> &'a str {
    let re = Regex::new(&format!(r"(?m)^(#+) {}\s*$", regex::escape(title))).unwrap();
    let m = re
        .captures(md)
        .unwrap_or_else(|| panic!("the README has no section {title:?}"));
    let level = m[1].len();
    let rest = &md[m.get(0).unwrap().end()..];
    let next = Regex::new(&format!(r"(?m)^#{{1,{level}}} ")).unwrap();
    next.find(rest).map_or(rest, |n| &rest[..n.start()])
}

/// The commands of a shell block: continuation lines joined, comments and
/// blank lines dropped.
fn shell_commands(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending = String::new();
    for line in body.lines() {
        let line = match line.find(" #") {
            Some(i) if !line[..i].contains(['\'', '"']) => &line[..i],
            _ => line,
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
        } else {
            pending.push_str(line);
            out.push(std::mem::take(&mut pending));
        }
    }
    out
}

/// Commands of the docs' shell blocks that this test does not run, by
/// prefix, with the reason.
const NOT_RUN: &[(&str, &str)] = &[
    ("cargo install", "installs into ~/.cargo/bin"),
    (
        "cargo build",
        "a release build: minutes, and the tests run a debug build",
    ),
    ("cargo bench", "benchmarks take minutes"),
    ("python3 ../shared/", "needs the shared material outside the repository"),
    ("bench/", "benchmarks take minutes"),
];

/// What this test does with one command of a shell block.
#[derive(Debug, PartialEq)]
enum Plan {
    /// `rapporteur ARGS` (or `cargo run [--release] -- ARGS`), run here.
    Run(Vec<String>),
    /// `cargo test`: the test command, which `.ci/run` must call.
    TestCommand,
    NotRun(&'static str),
}

fn plan(command: &str) -> Plan {
    // Environment assignments (`GEN_SEED=83 cargo test ...`) aside.
    let words: Vec<&str> = command
        .split_whitespace()
        .skip_while(|w| w.contains('=') && !w.starts_with('-'))
        .collect();
    let args = |rest: &[&str]| Plan::Run(rest.iter().map(|w| w.to_string()).collect());
    match words.as_slice() {
        ["rapporteur", rest @ ..] => args(rest),
        ["cargo", "run", rest @ ..] => match rest.iter().position(|w| *w == "--") {
            Some(i) => args(&rest[i + 1..]),
            None => args(&[]),
        },
        ["cargo", "test"] => Plan::TestCommand,
        ["cargo", "test", ..] => Plan::NotRun("a part of the test command, which CI runs whole"),
        _ => match NOT_RUN.iter().find(|(prefix, _)| words.join(" ").starts_with(prefix)) {
            Some((_, why)) => Plan::NotRun(why),
            None => panic!(
                "a shell block holds {command:?}, which tests/readme.rs neither runs nor lists in NOT_RUN with a reason"
            ),
        },
    }
}

/// A temporary folder holding a copy of the bundled `input/` (and nothing
/// else), to run the README's commands in.
fn copy_of_input() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in tree(&root().join("input")) {
        let to = dir.path().join("input").join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    dir
}

/// Runs `rapporteur ARGS` in `dir`: (exit code, stdout, stderr).
fn rapporteur_in(dir: &Path, args: &[String]) -> (i32, String, String) {
    let out = cmd().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Modification times of every file under `dir`.
fn mtimes(dir: &Path) -> Vec<(String, std::time::SystemTime)> {
    tree(dir)
        .into_keys()
        .map(|k| {
            let t = std::fs::metadata(dir.join(&k)).unwrap().modified().unwrap();
            (k, t)
        })
        .collect()
}

#[test]
fn every_command_of_a_shell_block_is_run_or_listed_with_a_reason() {
    let mut ran = 0;
    for (doc, text) in documents() {
        for block in fenced_blocks(&text)
            .iter()
            .filter(|b| ["sh", "bash", "console"].contains(&b.info.as_str()))
        {
            for command in shell_commands(&block.body) {
                if let Plan::Run(args) = plan(&command) {
                    let dir = copy_of_input();
                    let (code, _, stderr) = rapporteur_in(dir.path(), &args);
                    assert_eq!(code, 0, "{doc}: `{command}` exits {code}: {stderr}");
                    ran += 1;
                }
            }
        }
    }
    assert!(ran > 0, "no shell block runs rapporteur: where is the main command?");
}

/// The quick start's main command on a copy of `input/`: it writes
/// `output/`; run again it prints the summary the README quotes and writes
/// nothing; `--force` gives the same bytes; `--check` passes.
#[test]
fn the_quick_start_main_command_does_what_the_readme_says() {
    let readme = read("README.md");
    let quick = section(&readme, "Quick start");
    let commands: Vec<String> = fenced_blocks(quick)
        .iter()
        .filter(|b| b.info == "sh")
        .flat_map(|b| shell_commands(&b.body))
        .collect();
    let main = commands
        .iter()
        .find_map(|c| match plan(c) {
            Plan::Run(args) if args.first().map(String::as_str) == Some("run") => Some(args),
            _ => None,
        })
        .expect("the quick start gives the main command (`... run`)");
    assert!(
        commands.iter().any(|c| plan(c) == Plan::TestCommand),
        "the quick start gives the test command"
    );
    let quoted = Regex::new(r"`(\d+ ok, \d+ failed, \d+ skipped[^`]*)`")
        .unwrap()
        .captures(quick)
        .expect("the quick start quotes the summary of a run with nothing to do")[1]
        .to_string();

    let dir = copy_of_input();
    let out = dir.path().join("output");
    let (code, _, stderr) = rapporteur_in(dir.path(), &main);
    assert_eq!(code, 0, "{stderr}");
    assert!(out.join("manifest.json").is_file(), "the main command writes output/");
    let before = tree(&out);
    let times = mtimes(&out);

    let (code, _, stderr) = rapporteur_in(dir.path(), &main);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&quoted),
        "the README says a run with nothing to do prints `{quoted}`; it printed: {stderr}"
    );
    assert_eq!(mtimes(&out), times, "a run with nothing to do wrote something");

    let forced: Vec<String> = main.iter().cloned().chain(["--force".to_string()]).collect();
    assert_eq!(rapporteur_in(dir.path(), &forced).0, 0);
    assert!(tree(&out) == before, "--force changed the bytes");
    let check: Vec<String> = main.iter().cloned().chain(["--check".to_string()]).collect();
    let (code, stdout, _) = rapporteur_in(dir.path(), &check);
    assert_eq!((code, stdout.as_str()), (0, ""), "--check after a run");
}

/// The README's test command is what `.ci/run` runs (flags such as
/// `--locked` aside).
#[test]
fn ci_runs_the_readmes_test_command() {
    let ci = read(".ci/run");
    let calls_it = ci.lines().map(str::trim).any(|l| {
        let words: Vec<&str> = l.split_whitespace().filter(|w| !w.starts_with("--")).collect();
        words == ["cargo", "test"]
    });
    assert!(calls_it, ".ci/run does not call the README's `cargo test`");
}

/// A line of the output layout: a path pattern (`<name>` stands for any
/// document name) and the flag it needs (`with --review: ...`), if any.
fn layout() -> Vec<(Regex, String, Option<String>)> {
    let readme = read("README.md");
    let block = fenced_blocks(section(&readme, "Output layout"))
        .into_iter()
        .find(|b| b.body.starts_with("output/"))
        .expect("the output layout starts with output/");
    let with = Regex::new(r"^with (--[a-z-]+)").unwrap();
    block
        .body
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.trim();
            let (path, what) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            let pattern = format!("^{}$", regex::escape(path).replace("<name>", ".+"));
            let flag = with.captures(what.trim()).map(|c| c[1].to_string());
            (Regex::new(&pattern).unwrap(), path.to_string(), flag)
        })
        .collect()
}

/// A run writes exactly the files the layout lists: every file matches a
/// line, every line a file; lines `with --FLAG` only with that flag.
#[test]
fn the_output_layout_lists_exactly_what_a_run_writes() {
    let layout = layout();
    let flags: BTreeSet<String> = layout.iter().filter_map(|(_, _, f)| f.clone()).collect();
    for with_flags in [false, true] {
        let dir = copy_of_input();
        let mut args = vec!["run".to_string()];
        if with_flags {
            args.extend(flags.iter().cloned());
        }
        let (code, _, stderr) = rapporteur_in(dir.path(), &args);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let written: Vec<String> = tree(&dir.path().join("output")).into_keys().collect();
        for f in &written {
            let line = layout.iter().find(|(re, _, _)| re.is_match(f));
            assert!(
                line.is_some(),
                "{args:?} wrote {f}, which the README's output layout does not list"
            );
            let (_, path, flag) = line.unwrap();
            assert!(with_flags || flag.is_none(), "{path} is written without {flag:?}");
        }
        for (re, path, flag) in &layout {
            if with_flags || flag.is_none() {
                assert!(
                    written.iter().any(|f| re.is_match(f)),
                    "the README lists {path} but {args:?} wrote none: {written:?}"
                );
            }
        }
    }
}

/// The synopsis of `## Command line`, by subcommand: the options it names
/// (`[limits]` stands for run's limit options) and, for `completions`, the
/// shells.
fn synopsis() -> Vec<(String, BTreeSet<String>, Vec<String>)> {
    let readme = read("README.md");
    let block = fenced_blocks(section(&readme, "Command line"))
        .into_iter()
        .find(|b| b.body.starts_with("rapporteur "))
        .expect("the command line section starts with a synopsis");
    let option = Regex::new(r"(?:^|[\s\[|])(--?[a-zA-Z][a-z-]*)").unwrap();
    let mut subs: Vec<(String, String)> = Vec::new();
    for line in block.body.lines() {
        match line.strip_prefix("rapporteur ") {
            Some(rest) => {
                let (sub, tail) = rest.split_once(' ').unwrap_or((rest, ""));
                subs.push((sub.to_string(), tail.to_string()));
            }
            None => subs.last_mut().expect("a synopsis line").1.push_str(line),
        }
    }
    let options_of =
        |tail: &str| -> BTreeSet<String> { option.captures_iter(tail).map(|c| c[1].to_string()).collect() };
    let limits: BTreeSet<String> = options_of(&subs.iter().find(|(s, _)| s == "run").expect("run").1)
        .into_iter()
        .filter(|o| o.starts_with("--max-") || o == "--doc-timeout" || o.starts_with("--password"))
        .collect();
    subs.iter()
        .map(|(sub, tail)| {
            let mut opts = options_of(tail);
            if tail.contains("limits") {
                opts.extend(limits.iter().cloned());
            }
            let words: Vec<String> = tail
                .split_whitespace()
                .flat_map(|w| w.split('|'))
                .map(str::to_string)
                .collect();
            (sub.clone(), opts, words)
        })
        .collect()
}

/// The options of `rapporteur SUB --help` (long and short forms), with
/// `--help` and `--version` left out.
fn help_options(sub: &str) -> (BTreeSet<String>, String) {
    let help = cmd().args([sub, "--help"]).output().unwrap();
    assert!(help.status.success(), "{sub} --help");
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let re = Regex::new(r"(?m)^\s+(?:(-[a-zA-Z]), )?(--[a-z-]+)").unwrap();
    let mut opts = BTreeSet::new();
    for c in re.captures_iter(&help) {
        if ["--help", "--version"].contains(&&c[2]) {
            continue;
        }
        opts.insert(c[2].to_string());
        if let Some(short) = c.get(1) {
            opts.insert(format!("{}|{}", short.as_str(), &c[2]));
        }
    }
    (opts, help)
}

#[test]
fn the_synopsis_names_every_subcommand_and_option_and_no_other() {
    let synopsis = synopsis();
    let top = cmd().arg("--help").output().unwrap();
    let top = String::from_utf8_lossy(&top.stdout).into_owned();
    let listed: BTreeSet<String> = Regex::new(r"(?m)^  ([a-z]+)  ")
        .unwrap()
        .captures_iter(&top)
        .map(|c| c[1].to_string())
        .filter(|s| s != "help")
        .collect();
    let documented: BTreeSet<String> = synopsis.iter().map(|(s, _, _)| s.clone()).collect();
    assert_eq!(documented, listed, "subcommands: README synopsis vs rapporteur --help");
    let values = Regex::new(r"\[possible values: ([^\]]+)\]").unwrap();
    for (sub, readme_opts, words) in &synopsis {
        let (help_opts, help) = help_options(sub);
        for o in readme_opts {
            let known = help_opts.contains(o) || help_opts.iter().any(|h| h.starts_with(&format!("{o}|")));
            assert!(
                known,
                "the README gives `rapporteur {sub} {o}`, which `{sub} --help` does not list:\n{help}"
            );
        }
        for h in help_opts.iter().filter(|h| !h.contains('|')) {
            let short = help_opts
                .iter()
                .find_map(|x| x.strip_suffix(&format!("|{h}")).map(str::to_string));
            let named = readme_opts.contains(h) || short.as_ref().is_some_and(|s| readme_opts.contains(s));
            assert!(
                named,
                "`rapporteur {sub}` has {h}, which the README's synopsis does not name"
            );
        }
        cmd()
            .args([sub.as_str(), "--version"])
            .assert()
            .success()
            .stdout(predicates::str::contains(env!("CARGO_PKG_VERSION")));
        if sub == "completions" {
            let possible: BTreeSet<String> = values.captures(&help).expect("completions lists its shells")[1]
                .split(", ")
                .map(str::to_string)
                .collect();
            let shells: BTreeSet<String> = words.iter().cloned().collect();
            assert_eq!(shells, possible, "the README's shells vs completions --help");
            for shell in &shells {
                cmd().args(["completions", shell]).assert().success();
            }
        }
    }
}

/// Every code of the exit-code table is produced (130, a signalled run, by
/// `tests/batch.rs`), and the table has no other.
#[test]
fn the_exit_codes_are_those_of_the_table() {
    let readme = read("README.md");
    let table = section(&readme, "Exit codes");
    let codes: BTreeSet<u32> = Regex::new(r"(?m)^\| (\d+) \|")
        .unwrap()
        .captures_iter(table)
        .map(|c| c[1].parse().unwrap())
        .collect();
    assert_eq!(codes, BTreeSet::from([0, 1, 2, 130]), "the exit-code table");
    let dir = copy_of_input();
    let run = |extra: &[&str]| {
        let args: Vec<String> = ["run"].iter().chain(extra).map(|s| s.to_string()).collect();
        rapporteur_in(dir.path(), &args)
    };
    assert_eq!(run(&[]).0, 0, "every document processed");
    // A document that fails: exit 1, with the tally the README quotes.
    let tally = Regex::new(r"`(rapporteur: failed by code: )[^`]*`")
        .unwrap()
        .captures(&readme)
        .expect("the README quotes the failure tally")[1]
        .to_string();
    std::fs::write(dir.path().join("input/broken.pdf"), b"%PDF-1.4 not really").unwrap();
    let (code, _, stderr) = run(&[]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains(&tally), "no `{tally}...` line: {stderr}");
    // With --check: a failure recorded identically is no change (0); an
    // output that would change is 1.
    assert_eq!(run(&["--check"]).0, 0);
    std::fs::write(dir.path().join("input/new.txt"), common::small_doc(1)).unwrap();
    assert_eq!(run(&["--check"]).0, 1);
    // Usage and setup errors.
    assert_eq!(run(&["--no-such-option"]).0, 2);
    assert_eq!(run(&["no-such-folder"]).0, 2);
}

#[test]
fn the_minimum_rust_version_is_cargo_tomls() {
    let readme = read("README.md");
    let said = Regex::new(r"Rust\s+(\d+\.\d+)\s+or\s+newer")
        .unwrap()
        .captures(&readme)
        .expect("the README gives the minimum Rust version")[1]
        .to_string();
    let toml = read("Cargo.toml");
    let have = Regex::new(r#"(?m)^rust-version = "([^"]+)""#)
        .unwrap()
        .captures(&toml)
        .expect("Cargo.toml sets rust-version")[1]
        .to_string();
    assert_eq!(said, have);
}

/// Relative links and backticked paths of the repository (`src/...`,
/// `tests/...`, `docs/...`, ...) name files that exist, backticked items of
/// this crate (`emit::write_if_changed`) items that exist, and backticked
/// test names (`a_killed_run_resumes_to_the_same_bytes`) functions that
/// exist.
#[test]
fn files_links_and_test_names_in_the_docs_exist() {
    let link = Regex::new(r"\]\(([^)#:\s]+)(?:#[^)]*)?\)").unwrap();
    let path = Regex::new(r"`((?:src|tests|docs|fixtures|bench|benches|scripts|examples|\.ci)/[^`\s]*)`").unwrap();
    let test_name = Regex::new(r"`(?:[a-z_]+::)*([a-z0-9]+(?:_[a-z0-9]+){3,})`").unwrap();
    // `module::item` paths of this crate (the first segment a module under
    // src/, or the crate's name).
    let item = Regex::new(r"`([a-z_]+)(?:::[A-Za-z_]+)*::([A-Za-z_]+)`").unwrap();
    let mut modules: BTreeSet<String> = walkdir::WalkDir::new(root().join("src"))
        .min_depth(1)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_dir() || e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.file_name().to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    modules.insert("rapporteur".to_string());
    let mut sources = String::new();
    for dir in ["src", "tests"] {
        for e in walkdir::WalkDir::new(root().join(dir)).into_iter().flatten() {
            if e.path().extension().is_some_and(|x| x == "rs") {
                sources.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    let (mut missing, mut names) = (Vec::new(), 0);
    for (doc, text) in documents() {
        let base = Path::new(&doc).parent().unwrap().to_path_buf();
        for c in link.captures_iter(&text) {
            if !root().join(&base).join(&c[1]).exists() {
                missing.push(format!("{doc}: link {}", &c[1]));
            }
        }
        for c in path.captures_iter(&text) {
            let p = c[1].trim_end_matches([',', '.', ':', ')']);
            if p.contains(['<', '*', '{']) {
                continue; // a pattern, not a file
            }
            if !root().join(p).exists() {
                missing.push(format!("{doc}: path {p}"));
            }
        }
        for c in item.captures_iter(&text) {
            let (first, last) = (&c[1], &c[2]);
            if !modules.contains(first) {
                continue; // another crate's item (`serde_json::Value`)
            }
            let defined = Regex::new(&format!(r"\b(?:fn|struct|enum|const|static|mod|type|trait) {last}\b")).unwrap();
            let is_file = walkdir::WalkDir::new(root().join("src"))
                .into_iter()
                .flatten()
                .any(|e| e.file_name().to_string_lossy() == format!("{last}.rs"));
            if !defined.is_match(&sources) && !is_file {
                missing.push(format!("{doc}: item {}", &c[0]));
            }
        }
        for c in test_name.captures_iter(&text) {
            names += 1;
            if !sources.contains(&format!("fn {}(", &c[1])) {
                missing.push(format!("{doc}: test or function {}", &c[1]));
            }
        }
    }
    assert!(names > 0, "no test names found: is the pattern still right?");
    assert!(
        missing.is_empty(),
        "the docs name what does not exist:\n{}",
        missing.join("\n")
    );
}

/// Every field of the README's abridged report is a field of the reports
/// of the bundled inputs, at the same place.
#[test]
fn the_abridged_report_names_only_fields_reports_have() {
    let readme = read("README.md");
    let block = fenced_blocks(section(&readme, "A report, abridged"))
        .into_iter()
        .find(|b| b.info == "json")
        .expect("the README shows a report");
    let example: serde_json::Value = serde_json::from_str(&block.body).expect("the abridged report is JSON");
    let reports: Vec<serde_json::Value> = tree(&root().join("input"))
        .into_keys()
        .map(|name| {
            let out = cmd()
                .arg("extract")
                .arg(root().join("input").join(name))
                .output()
                .unwrap();
            serde_json::from_slice(&out.stdout).expect("extract prints a report")
        })
        .collect();
    let mut missing = Vec::new();
    fields_exist(&example, &reports.iter().collect::<Vec<_>>(), "", &mut missing);
    assert!(
        missing.is_empty(),
        "the README's report shows fields no report has: {missing:?}"
    );
}

/// Records in `missing` each key of `example` that none of `actual` has at
/// the same path (array elements against every element).
fn fields_exist(example: &serde_json::Value, actual: &[&serde_json::Value], path: &str, missing: &mut Vec<String>) {
    use serde_json::Value;
    match example {
        Value::Object(fields) => {
            for (k, v) in fields {
                let here: Vec<&Value> = actual.iter().filter_map(|a| a.get(k)).collect();
                if here.is_empty() {
                    missing.push(format!("{path}.{k}"));
                } else {
                    fields_exist(v, &here, &format!("{path}.{k}"), missing);
                }
            }
        }
        Value::Array(items) => {
            let elements: Vec<&Value> = actual.iter().filter_map(|a| a.as_array()).flatten().collect();
            if !elements.is_empty() {
                for item in items {
                    fields_exist(item, &elements, &format!("{path}[]"), missing);
                }
            }
        }
        _ => {}
    }
}

/// Every field of the report's JSON Schema is named (in backticks) in
/// `docs/report-format.md`, which is where new fields must be described.
#[test]
fn the_report_format_doc_names_every_field_of_the_schema() {
    let doc = read("docs/report-format.md");
    let mut fields = BTreeSet::new();
    collect_properties(&rapporteur::report::json_schema(), &mut fields);
    assert!(fields.len() > 20, "few fields found in the schema: {fields:?}");
    let missing: Vec<&String> = fields.iter().filter(|f| !doc.contains(&format!("`{f}`"))).collect();
    assert!(missing.is_empty(), "docs/report-format.md does not name {missing:?}");
}

/// The names of every `properties` object anywhere in a JSON Schema.
fn collect_properties(schema: &serde_json::Value, out: &mut BTreeSet<String>) {
    match schema {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                if k == "properties"
                    && let Some(props) = v.as_object()
                {
                    out.extend(props.keys().cloned());
                }
                collect_properties(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_properties(v, out)),
        _ => {}
    }
}
