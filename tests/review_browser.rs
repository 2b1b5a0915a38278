//! The review pages in a real browser: headless Chromium (Debian's
//! `chromium`) loads them from `file://`. A small script added to a copy of
//! each page checks the DOM after load (one element per turn, dispatch,
//! person and diagnostic of the report; a click on a turn scrolls its span
//! into view; the hostile document's markup stayed text) and writes its
//! findings into the DOM, which `--dump-dom` prints. `--screenshot` takes a
//! picture of the seed's page and of the index, checked for not being blank.
//!
//! Without chromium the tests say so loudly and pass, except in CI (the
//! `CI` variable set), where a missing browser fails them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use rapporteur::Report;
use rapporteur::batch::manifest::Manifest;
use serde_json::Value;

const CHROMIUM: &str = "chromium";

/// The browser, or None (after a loud message) when it is absent outside CI.
fn chromium() -> Option<&'static str> {
    let found = Command::new(CHROMIUM)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if found {
        return Some(CHROMIUM);
    }
    if std::env::var_os("CI").is_some() {
        panic!("chromium is not installed; CI must run the browser tests (apt-get install -y chromium)");
    }
    eprintln!("\n*** SKIPPED: the review browser test needs `chromium` (apt-get install -y chromium) ***\n");
    None
}

/// One batch with review pages over the bundled inputs and the hostile
/// document, shared by the tests.
fn batch() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-browser");
        let _ = std::fs::remove_dir_all(&root);
        let input = root.join("in");
        std::fs::create_dir_all(&input).unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for f in [
            "input/hisajima-2022-07-27.chromium.pdf",
            "input/hisajima-2022-07-27.txt",
            "fixtures/review/hostile.txt",
        ] {
            let src = repo.join(f);
            std::fs::copy(&src, input.join(src.file_name().unwrap())).unwrap();
        }
        let out = root.join("out");
        common::cmd()
            .args(["run", "--review", "--quiet", "--out"])
            .arg(&out)
            .arg(&input)
            .assert()
            .success();
        out
    })
}

fn report(out: &Path, name: &str) -> Report {
    serde_json::from_slice(&std::fs::read(out.join("reports").join(format!("{name}.json"))).unwrap()).unwrap()
}

/// Runs headless chromium on `url` with `args` and returns its stdout.
fn run_chromium(browser: &str, args: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap();
    format!(
        "file://{}",
        rapporteur::review::html::url_of_relative(&abs.to_string_lossy())
    )
}

/// Loads a copy of `page` with `check` (a function body that returns a
/// value, run after load) added, and returns what it returned.
fn self_check(browser: &str, page: &Path, check: &str) -> Value {
    let html = std::fs::read_to_string(page).unwrap();
    let script = format!(
        "<script>window.addEventListener('load', function () {{ setTimeout(function () {{ \
         var result; try {{ result = (function () {{ {check} }})(); }} catch (e) {{ result = {{ error: String(e) }}; }} \
         var pre = document.createElement('pre'); pre.id = 'selfcheck'; \
         pre.textContent = 'SELFCHECK' + JSON.stringify(result) + 'END'; document.body.appendChild(pre); }}, 100); }});</script>"
    );
    let at = html.rfind("</body>").expect("a page ends with </body>");
    let copy = page.with_file_name(format!("check-{}", page.file_name().unwrap().to_string_lossy()));
    std::fs::write(&copy, format!("{}{script}{}", &html[..at], &html[at..])).unwrap();
    let dom = run_chromium(
        browser,
        &["--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom"],
        &file_url(&copy),
    );
    std::fs::remove_file(&copy).unwrap();
    const MARK: &str = "<pre id=\"selfcheck\">SELFCHECK";
    let start = dom
        .find(MARK)
        .unwrap_or_else(|| panic!("no self-check result in the DOM:\n{dom}"))
        + MARK.len();
    let end = dom[start..].find("END").unwrap() + start;
    // The result went through textContent: HTML-escaped in the dump.
    let json = dom[start..end]
        .replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"))
}

/// What the DOM holds of the report's items, and a click on turn `turn`.
fn dom_check(turn: usize) -> String {
    format!(
        "var vals = function (attr) {{ return Array.prototype.map.call(document.querySelectorAll('[' + attr + ']'), \
           function (e) {{ return e.getAttribute(attr); }}); }}; \
         var before = document.querySelector('.text-pane').scrollTop; \
         document.querySelector('[data-turn=\"{turn}\"] a.go').click(); \
         var pane = document.querySelector('.text-pane').getBoundingClientRect(); \
         var target = document.getElementById('t-turn-{turn}').getBoundingClientRect(); \
         return {{ turns: vals('data-turn'), dispatches: vals('data-dispatch'), people: vals('data-person'), \
           codes: vals('data-code'), before: before, after: document.querySelector('.text-pane').scrollTop, \
           visible: target.top >= pane.top && target.top < pane.bottom, \
           current: document.getElementById('t-turn-{turn}').classList.contains('current'), \
           pwned: window.pwned === undefined ? null : window.pwned, scripts: document.scripts.length, \
           images: document.images.length, title: document.title, \
           text: document.querySelector('.text').textContent, items: document.querySelector('.items-pane').textContent }};"
    )
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

/// The page's markers are exactly the report's items, in order.
fn assert_markers(got: &Value, report: &Report) {
    let turns: Vec<String> = report.turns.iter().map(|t| t.index.to_string()).collect();
    let dispatches: Vec<String> = (0..report.dispatches.len()).map(|i| i.to_string()).collect();
    let people: Vec<String> = report.people.iter().map(|p| p.id.clone()).collect();
    let codes: Vec<String> = report.diagnostics.iter().map(|d| d.code.clone()).collect();
    assert_eq!(strings(&got["turns"]), turns);
    assert_eq!(strings(&got["dispatches"]), dispatches);
    assert_eq!(strings(&got["people"]), people);
    assert_eq!(strings(&got["codes"]), codes);
}

#[test]
fn the_seed_page_has_every_item_and_a_click_scrolls_to_its_span() {
    let Some(browser) = chromium() else { return };
    let out = batch();
    let name = "hisajima-2022-07-27.chromium.pdf";
    let report = report(out, name);
    assert!(report.turns.len() > 10 && !report.dispatches.is_empty() && !report.diagnostics.is_empty());
    let last = report.turns.len() - 1;
    let got = self_check(browser, &out.join(format!("review/{name}.html")), &dom_check(last));
    assert!(got.get("error").is_none(), "{got}");
    assert_markers(&got, &report);
    let (before, after) = (&got["before"], &got["after"]);
    assert_eq!(before, 0);
    assert!(after.as_f64().unwrap() > 0.0, "the text pane scrolled: {after}");
    assert_eq!(got["visible"], true, "the last turn's span is in view after the click");
    assert_eq!(got["current"], true, "and highlighted");
}

#[test]
fn a_hostile_documents_text_stays_inert() {
    let Some(browser) = chromium() else { return };
    let out = batch();
    let report = report(out, "hostile.txt");
    assert!(!report.turns.is_empty() && !report.dispatches.is_empty());
    let got = self_check(browser, &out.join("review/hostile.txt.html"), &dom_check(0));
    assert!(got.get("error").is_none(), "{got}");
    assert_markers(&got, &report);
    assert_eq!(got["pwned"], Value::Null, "no script of the document ran: {got}");
    assert_eq!(got["scripts"], 2, "the page's script and the check's, no other: {got}");
    assert_eq!(got["images"], 0, "no element of the document was made: {got}");
    let text = got["text"].as_str().unwrap();
    assert!(
        text.contains("<script>window.pwned=4</script>"),
        "the markup is shown as text"
    );
    assert!(text.contains("</div></pre></section> closing tags"));
    let items = got["items"].as_str().unwrap();
    assert!(
        items.contains("<svg onload="),
        "the speaker's markup is shown as text: {items}"
    );
    assert!(got["title"].as_str().unwrap().contains("<img src=x"), "{got}");
}

#[test]
fn the_index_lists_every_document_and_filters_by_status_and_code() {
    let Some(browser) = chromium() else { return };
    let out = batch();
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(out.join("manifest.json")).unwrap()).unwrap();
    let code = "people.family-name-first";
    let with_code = manifest
        .documents
        .iter()
        .filter(|d| d.review.as_ref().is_some_and(|r| r.diagnostic_codes.contains_key(code)))
        .count();
    assert!(with_code > 0 && with_code < manifest.documents.len() || with_code == manifest.documents.len());
    let check = format!(
        "var shown = function () {{ return Array.prototype.filter.call(document.querySelectorAll('#docs tbody tr'), \
           function (r) {{ return !r.hidden; }}).length; }}; \
         var all = shown(); var links = Array.prototype.map.call(document.querySelectorAll('#docs tbody a'), \
           function (a) {{ return a.getAttribute('href'); }}); \
         var code = document.getElementById('f-code'); code.value = '{code}'; code.dispatchEvent(new Event('change')); \
         var byCode = shown(); code.value = ''; code.dispatchEvent(new Event('change')); \
         var st = document.getElementById('f-status'); st.value = 'failed'; st.dispatchEvent(new Event('change')); \
         return {{ all: all, links: links, byCode: byCode, failed: shown() }};"
    );
    let got = self_check(browser, &out.join("review/index.html"), &check);
    assert!(got.get("error").is_none(), "{got}");
    assert_eq!(got["all"], manifest.documents.len());
    let links: Vec<String> = manifest
        .documents
        .iter()
        .map(|d| {
            d.review
                .as_ref()
                .unwrap()
                .page
                .trim_start_matches("review/")
                .to_string()
        })
        .collect();
    assert_eq!(strings(&got["links"]), links);
    assert_eq!(got["byCode"], with_code);
    assert_eq!(got["failed"], manifest.summary.failed);
}

/// Share of pixels that differ from the most common colour, and how many
/// colours there are.
fn ink(png_path: &Path) -> (f64, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(png_path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let mut counts: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
    for px in buf[..info.buffer_size()].chunks(channels) {
        *counts.entry(&px[..3.min(channels)]).or_insert(0) += 1;
    }
    let total: usize = counts.values().sum();
    let background = counts.values().copied().max().unwrap_or(0);
    (1.0 - background as f64 / total as f64, counts.len())
}

#[test]
fn screenshots_of_the_seed_page_and_the_index_are_not_blank() {
    let Some(browser) = chromium() else { return };
    let out = batch();
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for (page, png) in [
        ("review/hisajima-2022-07-27.chromium.pdf.html", "seed.png"),
        ("review/index.html", "index.png"),
    ] {
        let png = shots.join(png);
        let _ = std::fs::remove_file(&png);
        run_chromium(
            browser,
            &["--window-size=1400,1000", &format!("--screenshot={}", png.display())],
            &file_url(&out.join(page)),
        );
        let (ink, colours) = ink(&png);
        eprintln!("{}: {:.1}% ink, {colours} colours", png.display(), ink * 100.0);
        assert!(
            ink > 0.05,
            "{page}: only {:.1}% of the screenshot is not background",
            ink * 100.0
        );
        assert!(colours > 50, "{page}: only {colours} colours");
    }
}
