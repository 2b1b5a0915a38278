//! Tests of the whole grammar stage: golden fixtures (`fixtures/grammar/`),
//! record finding, repairs and errors, and a proptest round trip.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::testutil::doc_from_text;
use super::*;
use crate::report::Severity;

fn run(text: &str) -> (Normalized, Records) {
    let (doc, groups) = doc_from_text(text);
    let rec = extract(&doc, &groups);
    (doc, rec)
}

fn codes(rec: &Records) -> Vec<&str> {
    rec.diagnostics.iter().map(|d| d.code.as_str()).collect()
}

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/grammar")
}

/// What a fixture's golden file holds.
fn golden_json(rec: &Records) -> String {
    let value = serde_json::json!({
        "consumed": rec.consumed,
        "dispatches": rec.dispatches,
        "deployments": rec.deployments,
        "diagnostics": rec.diagnostics,
    });
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

/// Every `fixtures/grammar/*.txt` against its `.json`; `GRAMMAR_BLESS=1`
/// rewrites the golden files.
#[test]
fn golden_fixtures() {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(fixture_dir())
        .expect("fixtures/grammar exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 4, "fixtures missing: {inputs:?}");
    let bless = std::env::var_os("GRAMMAR_BLESS").is_some();
    let mut failed = Vec::new();
    for input in inputs {
        let text = std::fs::read_to_string(&input).expect("readable fixture");
        let (_, rec) = run(&text);
        let got = golden_json(&rec);
        let golden = input.with_extension("json");
        if bless {
            std::fs::write(&golden, &got).expect("writable golden file");
            continue;
        }
        let want = std::fs::read_to_string(&golden).unwrap_or_default();
        if want != got {
            let actual = input.with_extension("actual.json");
            let _ = std::fs::write(&actual, &got);
            failed.push(format!("{} differs (see {})", golden.display(), actual.display()));
        }
    }
    assert!(failed.is_empty(), "{failed:#?}\nrerun with GRAMMAR_BLESS=1 to accept");
}

#[test]
fn seed_record_list_reads_every_entry() {
    let text = std::fs::read_to_string(fixture_dir().join("seed.txt")).expect("seed fixture");
    let (_, rec) = run(&text);
    assert_eq!(rec.consumed, [true, true, true, false]);
    assert_eq!(rec.dispatches.len(), 12);
    let d = &rec.dispatches;
    assert_eq!(d[0].index, Some(1));
    assert_eq!(d[0].units[0].role, "Engineering Units");
    assert_eq!(d[0].units[0].role_raw, "Engineering Unites");
    assert_eq!(d[2].locations, ["Israel", "Syria", "Lebanon"]);
    assert_eq!(
        d[2].location_codes,
        [Some("ISR".into()), Some("SYR".into()), Some("LBN".into())]
    );
    assert_eq!(d[4].units[1].role, "Engineer Units");
    assert_eq!(d[4].units[1].phases[2].from.as_deref(), Some("2003-10"));
    assert_eq!(
        (d[9].start.as_deref(), d[9].end.as_deref()),
        (Some("2010-09"), Some("2012-09"))
    );
    assert!(d[10].ongoing && d[10].end.is_none());
    assert_eq!(d[10].units[1].role, "Engineering Unit");
    assert_eq!(d[11].location_codes, [None]);
    let c = codes(&rec);
    assert!(c.contains(&"dispatch.date-separator") && c.contains(&"dispatch.role-spelling"));
    assert!(
        !rec.diagnostics.iter().any(|x| x.severity == Severity::Error),
        "{:#?}",
        rec.diagnostics
    );

    assert_eq!(rec.deployments.len(), 2);
    let dep = &rec.deployments[0];
    assert_eq!(dep.name, "UN Mission in the Republic of South Sudan");
    assert_eq!(dep.since.as_deref(), Some("2011-11"));
    assert_eq!(dep.mandate.len(), 4);
    assert_eq!(dep.military_personnel, Some(13885));
    assert_eq!(dep.contributing_countries, Some(70));
    assert_eq!(dep.contributors, ["Rwanda", "India", "Nepal"]);
    let dep = &rec.deployments[1];
    assert_eq!(dep.name, "Multinational Force and Observers");
    assert_eq!(dep.since.as_deref(), Some("2019-04"));
    assert_eq!(dep.mandate.len(), 2);
    assert_eq!(dep.military_personnel, Some(1154));
    assert_eq!(dep.contributors.len(), 13);
    assert_eq!(dep.contributors[3], "Czech");
}

#[test]
fn spans_and_raw_point_into_the_document() {
    let text = std::fs::read_to_string(fixture_dir().join("seed.txt")).expect("seed fixture");
    let (doc, rec) = run(&text);
    for d in &rec.dispatches {
        assert_eq!(doc.text[d.span.start..d.span.end], d.raw);
    }
    for diag in &rec.diagnostics {
        let s = diag.span.expect("grammar diagnostics have spans");
        assert!(s.start <= s.end && s.end <= doc.text.len());
    }
    let role = rec
        .diagnostics
        .iter()
        .find(|x| x.code == "dispatch.role-spelling")
        .and_then(|x| x.span);
    assert_eq!(role.map(|s| &doc.text[s.start..s.end]), Some("Engineering Unites"));
    let date = rec
        .diagnostics
        .iter()
        .find(|x| x.code == "dispatch.date-separator")
        .and_then(|x| x.span);
    assert_eq!(date.map(|s| &doc.text[s.start..s.end]), Some("09-2012"));
}

#[test]
fn a_list_without_heading_is_a_record_when_most_items_parse() {
    let (_, rec) = run("Some text:\n- UNTAC, Cambodia 09.1992-09.1993: Civilian Police (75);\n\
                        - ONUMOZ Mozambique 05.1993-01.1995: Staff Officers (5x2)\n- a note\n");
    assert_eq!(rec.consumed, [true]);
    assert_eq!(rec.dispatches.len(), 2);
    assert_eq!(codes(&rec), ["dispatch.parse"]);
}

#[test]
fn other_lists_are_left_alone() {
    let (_, rec) = run(
        "Principles:\n- 1. Agreement on a ceasefire.\n- 2. Consent of the parties, 2 of them.\n\
                        - 3. UNTAC, Cambodia 09.1992-09.1993: Civilian Police (75);\n",
    );
    assert_eq!(rec.consumed, [false]);
    assert!(rec.dispatches.is_empty() && rec.diagnostics.is_empty());
    // A record heading alone is not enough: some item must parse.
    let (_, rec) = run("Record of Japan's Dispatch to Peace Operations:\n- 1. Nothing yet.\n");
    assert_eq!(rec.consumed, [false]);
}

#[test]
fn an_entry_wrapped_across_items_is_joined() {
    let (doc, rec) = run("Record of Dispatches to Peace Operations:\n\
                          - 1. UNTAC, Cambodia 09.1992-09.1993: Engineering Units (600x2),\n\
                          - Civilian Police (75);\n\
                          - 2. ONUMOZ Mozambique 05.1993-01.1995: Staff Officers (5x2);\n");
    assert_eq!(rec.dispatches.len(), 2, "{:#?}", rec.diagnostics);
    let d = &rec.dispatches[0];
    assert_eq!(d.units.len(), 2);
    assert!(d.raw.ends_with("Civilian Police (75);"));
    assert_eq!(&doc.text[d.span.start..d.span.end], d.raw);
    assert!(rec.diagnostics.is_empty());
}

#[test]
fn the_last_entry_may_wrap_into_a_paragraph() {
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. UNTAC, Cambodia 09.1992-09.1993: Engineering Units (600x2,\n\
                        from 1993 300), Civilian Police (75);\n\
                        The next paragraph.\n");
    assert_eq!(rec.dispatches.len(), 1);
    assert_eq!(rec.dispatches[0].units.len(), 2);
    assert!(rec.dispatches[0].raw.ends_with("Civilian Police (75);"));
    assert!(rec.diagnostics.is_empty(), "{:#?}", rec.diagnostics);
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. UNTAC, Cambodia 09.1992-09.1993: Engineering Units (600x2),\n\
                        Civilian Police (75);\n");
    assert_eq!(rec.dispatches[0].units.len(), 2);
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. UNTAC, Cambodia 09.1992-09.1993: Engineering Units (600x2),\n\
                        The next paragraph.\n");
    assert_eq!(rec.dispatches[0].units.len(), 1);
    // A paragraph that does not complete the entry is not taken.
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. ONUMOZ Mozambique 05.1993-01.1995: Staff Officers (5x2);\n\
                        - 2. UNTAC, Cambodia 09.1992-09.1993: Engineering Units (600x2,\n\
                        The next paragraph.\n");
    assert_eq!(codes(&rec), ["dispatch.parse"]);
    assert!(!rec.dispatches[1].raw.contains("next"));
    // Units read before the break may have no phases; those the
    // continuation adds must, and the items after it still parse.
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. UNMIL Liberia 12.2000-11.2002: Level 2 Hospital,\n\
                        Demining Units (250x11), Staff Officers (120x9);\n\
                        - 2. UNTAC, Cambodia 09.1992-09.1993: Civilian Police (75).\n");
    assert_eq!(rec.dispatches.len(), 2);
    let roles: Vec<&str> = rec.dispatches[0].units.iter().map(|u| u.role.as_str()).collect();
    assert_eq!(roles, ["Level 2 Hospital", "Demining Units", "Staff Officers"]);
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. UNMIL Liberia 12.2000-11.2002: Level 2 Hospital,\n\
                        The next paragraph.\n");
    assert_eq!(rec.dispatches[0].units.len(), 1);
    // A unit of the lexicon without phases continues the entry as well.
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. UNTAC Cambodia 12.2003-02.2009: Aviation Units (680x5),\n\
                        Level 2 Hospital;\n\
                        - 2. UNTAC, Cambodia 09.1992-09.1993: Civilian Police (75).\n");
    assert_eq!(rec.dispatches[0].units.len(), 2);
}

#[test]
fn the_records_own_roles_win_over_an_equally_close_lexicon_role() {
    // "Signasl" is one edit from "Signal" and from "Signals"; the record
    // writes "Signals Units", also in a group the layout split off.
    let (_, rec) = run("Record of Dispatches to Peace Operations:\n\
                        - 1. UNMIN Nepal 04.1997-05.1999: Signals Units (5), Civilian Police (75);\n\
                        Some paragraph in between.\n\
                        - 2. UNTAC Cambodia 09.1992-09.1993: Signasl Units (250x4).\n");
    let roles: Vec<&str> = rec
        .dispatches
        .iter()
        .flat_map(|d| &d.units)
        .map(|u| u.role.as_str())
        .collect();
    assert_eq!(roles, ["Signals Units", "Civilian Police", "Signals Units"]);
    assert!(codes(&rec).contains(&"dispatch.role-spelling"));
}

#[test]
fn a_failing_entry_is_reported_with_where_it_stopped() {
    let text = "Record of Japan's Dispatch to Peace Operations since 1992:\n\
                - 1. UNTAC, Cambodia 09.1992-09.1993: Engineering Units (600x2), Civilian Police (75\n\
                - 2. ONUMOZ Mozambique in 1993: Staff Officers (5x2);\n\
                - 3. MFO Sinai Peninsula 04.2019-present: Staff Officers (2).\n";
    let (doc, rec) = run(text);
    let errors: Vec<_> = rec
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 2);
    for e in &errors {
        assert_eq!(e.code, "dispatch.parse");
        assert!(e.message.contains("at byte"), "{}", e.message);
    }
    // The first keeps its head and first unit; the second has no head, so no dispatch.
    assert_eq!(rec.dispatches.len(), 2);
    assert_eq!(rec.dispatches[0].units.len(), 1);
    assert_eq!(rec.dispatches[1].mission, "MFO");
    // The stop byte of the first error is the end of its line (the missing ")").
    let line_end = text.find("(75\n").map(|i| i + 3).unwrap_or(0);
    assert!(
        errors[0].message.contains(&format!("at byte {line_end}")),
        "{}",
        errors[0].message
    );
    let span = errors[1].span.expect("span");
    assert!(doc.text[span.start..span.end].starts_with("ONUMOZ"));
    assert!(errors[1].message.contains("ONUMOZ Mozambique in 1993"));
}

#[test]
fn odd_values_are_kept_with_warnings() {
    let (_, rec) = run("Record of Dispatch:\n\
                        - 1. UNTAC Cambodia 09.1995-09.1993: Staff Officers (5x0)\n\
                        - 2. UNTAC Cambodia 13.1995-09.1996: Staff Officers (from 14.1995 5)\n");
    let d = &rec.dispatches;
    assert_eq!(
        (d[0].start.as_deref(), d[0].end.as_deref()),
        (Some("1995-09"), Some("1993-09"))
    );
    assert_eq!(d[0].units[0].phases[0].rotations, Some(0));
    assert_eq!(d[1].start.as_deref(), Some("1995-13"));
    assert_eq!(d[1].units[0].phases[0].from.as_deref(), Some("1995-14"));
    assert_eq!(
        codes(&rec),
        [
            "dispatch.date-order",
            "dispatch.zero-rotations",
            "dispatch.month-range",
            "dispatch.month-range"
        ]
    );
}

#[test]
fn deployment_fields_in_one_run_of_items() {
    // Segmentation may keep "• TCCs:" in the same group (no blank line) and
    // leave the number in the content ("- 1. Name:" as marker "-").
    let (_, rec) = run("Current missions\n\
                        - UNMISS:\n\
                        - Current dispatch: 4 staff officers (11.2011 - present)\n\
                        - Mandate: Protection of civilians.\n\
                        - 2. MFO:\n\
                        - Current dispatch: 2 staff officers\n\
                        • TCCs: Fiji, Japan and Norway\n");
    assert_eq!(rec.consumed, [true]);
    let names: Vec<&str> = rec.deployments.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["UNMISS", "MFO"]);
    assert_eq!(rec.deployments[0].since.as_deref(), Some("2011-11"));
    assert_eq!(rec.deployments[0].mandate, ["Protection of civilians"]);
    assert_eq!(rec.deployments[1].contributors, ["Fiji", "Japan", "Norway"]);
    assert!(rec.diagnostics.is_empty(), "{:#?}", rec.diagnostics);
}

#[test]
fn record_headings() {
    assert!(is_record_heading(
        "Record of Japan's Dispatch to Peace Operations since 1992:"
    ));
    assert!(is_record_heading("Japan's Dispatches to UN Peacekeeping Operations"));
    assert!(is_record_heading("RECORD OF DISPATCHES"));
    assert!(!is_record_heading("Japan's Current Dispatch to Missions:"));
    assert!(!is_record_heading("Record of the meeting"));
}

// ---------------------------------------------------------------------------
// Round trip: generate entries, render them in every surface style, parse.

#[derive(Debug, Clone, PartialEq)]
enum GenPhase {
    Count(u64, Option<u64>),
    Max(u64),
    Qualified(&'static str, u32, Option<u32>, u64, Option<u64>),
}

#[derive(Debug, Clone)]
struct GenEntry {
    number: u32,
    mission: &'static str,
    locations: Vec<&'static str>,
    start: (u32, u32),
    end: Option<(u32, u32)>,
    units: Vec<(&'static str, Vec<GenPhase>)>,
}

#[derive(Debug, Clone)]
struct Style {
    marker: usize,
    comma: bool,
    sep: usize,
    open: usize,
    times: usize,
    month: usize,
    thousands: bool,
    terminator: usize,
    wraps: Vec<bool>,
}

const MISSIONS: &[&str] = &[
    "UNTAC",
    "UNAVEM III",
    "ONUMOZ",
    "MINUSTAH",
    "UNOSOM II",
    "MFO",
    "UNMISS",
];
const PLACES: &[&str] = &[
    "Cambodia",
    "Bosnia and Herzegovina",
    "Israel",
    "Syria",
    "Lebanon",
    "South Sudan",
    "Timor-Leste",
    "DR Congo",
    "Cote d'Ivoire",
    "Sinai Peninsula",
    "Trinidad and Tobago",
];
const ROLES: &[&str] = &[
    "Engineering Units",
    "Engineer Units",
    "Staff Officers",
    "Civilian Police",
    "Cease-fire observers",
    "Liaison & Coordination Personnel",
    "Level II Hospital",
    "Movement Control Units",
];

fn gen_phase() -> impl Strategy<Value = GenPhase> {
    prop_oneof![
        (1u64..20_000, proptest::option::of(1u64..40)).prop_map(|(p, r)| GenPhase::Count(p, r)),
        (1u64..100).prop_map(GenPhase::Max),
        (
            prop_oneof![Just("from"), Just("in")],
            1990u32..2030,
            proptest::option::of(1u32..=12),
            1u64..2000,
            proptest::option::of(1u64..10)
        )
            .prop_map(|(q, y, m, p, r)| GenPhase::Qualified(q, y, m, p, r)),
    ]
}

fn gen_entry() -> impl Strategy<Value = GenEntry> {
    (
        1u32..200,
        proptest::sample::select(MISSIONS),
        proptest::sample::subsequence(PLACES, 1..=3),
        (1u32..=12, 1990u32..2030),
        proptest::option::of((1u32..=12, 1990u32..2030)),
        proptest::collection::vec(
            (
                proptest::sample::select(ROLES),
                proptest::collection::vec(gen_phase(), 1..=3),
            ),
            1..=4,
        ),
    )
        .prop_map(|(number, mission, locations, start, end, units)| GenEntry {
            number,
            mission,
            locations,
            start,
            end,
            units,
        })
}

fn gen_style() -> impl Strategy<Value = Style> {
    (
        0usize..4,
        any::<bool>(),
        0usize..4,
        0usize..4,
        0usize..3,
        0usize..4,
        any::<bool>(),
        0usize..3,
        proptest::collection::vec(proptest::bool::weighted(0.1), 64),
    )
        .prop_map(
            |(marker, comma, sep, open, times, month, thousands, terminator, wraps)| Style {
                marker,
                comma,
                sep,
                open,
                times,
                month,
                thousands,
                terminator,
                wraps,
            },
        )
}

fn render_number(n: u64, thousands: bool) -> String {
    let digits = n.to_string();
    if !thousands || digits.len() <= 3 {
        return digits;
    }
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn render(e: &GenEntry, s: &Style) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let num = |n: u64| render_number(n, s.thousands);
    let times = ["x", "×", " x "][s.times];
    let count = |p: u64, r: Option<u64>| match r {
        Some(r) => format!("{}{times}{r}", num(p)),
        None => num(p),
    };
    let mut out = match s.marker {
        0 => String::new(),
        1 => format!("{}. ", e.number),
        2 => format!("- {}. ", e.number),
        _ => format!("{}) ", e.number),
    };
    out.push_str(e.mission);
    out.push_str(if s.comma { ", " } else { " " });
    let n = e.locations.len();
    for (i, l) in e.locations.iter().enumerate() {
        if i > 0 {
            out.push_str(if i == n - 1 { " and " } else { ", " });
        }
        out.push_str(l);
    }
    out.push_str(&format!(" {:02}.{}", e.start.0, e.start.1));
    let sep = ["-", " – ", "—", " to "][s.sep];
    match e.end {
        Some((m, y)) => out.push_str(&format!("{sep}{m:02}.{y}")),
        None => out.push_str(&format!(
            "{sep}{}",
            ["present", "ongoing", "to date", "Present"][s.open]
        )),
    }
    out.push_str(": ");
    for (i, (role, phases)) in e.units.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(role);
        out.push_str(" (");
        for (k, ph) in phases.iter().enumerate() {
            if k > 0 {
                out.push_str(", ");
            }
            match ph {
                GenPhase::Count(p, r) => out.push_str(&count(*p, *r)),
                GenPhase::Max(m) => out.push_str(&format!("max {m}")),
                GenPhase::Qualified(q, y, m, p, r) => {
                    let when = match (m, s.month) {
                        (None, _) => y.to_string(),
                        (Some(m), 0) => format!("{} {y}", MONTHS[*m as usize - 1]),
                        (Some(m), 1) => format!("{}. {y}", &MONTHS[*m as usize - 1][..3]),
                        (Some(m), 2) => format!("{} {y}", &MONTHS[*m as usize - 1][..3]),
                        (Some(m), _) => format!("{m:02}.{y}"),
                    };
                    out.push_str(&format!("{q} {when} {}", count(*p, *r)));
                }
            }
        }
        out.push(')');
    }
    out.push_str(["", ";", "."][s.terminator]);
    // Wrap: some spaces become line breaks, as PDF text lines do.
    let mut k = 0;
    out.chars()
        .map(|c| {
            if c == ' ' {
                k += 1;
                if s.wraps.get(k % s.wraps.len()).copied().unwrap_or(false) {
                    return '\n';
                }
            }
            c
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn round_trip(e in gen_entry(), s in gen_style()) {
        let text = render(&e, &s);
        let parsed = parse_entry(&text);
        prop_assert!(parsed.is_ok(), "{text:?}: {parsed:?}");
        let Ok(p) = parsed else { unreachable!() };
        prop_assert_eq!(p.number, (s.marker > 0).then_some(e.number));
        prop_assert_eq!(one_line(p.mission), e.mission);
        let places: Vec<String> = countries::split_locations(p.locations)
            .into_iter()
            .map(|(a, b)| one_line(&p.locations[a..b]))
            .collect();
        prop_assert_eq!(places, e.locations.iter().map(|l| l.to_string()).collect::<Vec<_>>());
        prop_assert_eq!(p.start.iso(), format!("{}-{:02}", e.start.1, e.start.0));
        match (e.end, p.end) {
            (Some((m, y)), EndTok::Date(d)) => prop_assert_eq!(d.iso(), format!("{y}-{m:02}")),
            (None, EndTok::Open(_)) => {}
            (want, got) => prop_assert!(false, "end {want:?} vs {got:?}"),
        }
        prop_assert_eq!(p.units.len(), e.units.len());
        for (u, (role, phases)) in p.units.iter().zip(&e.units) {
            prop_assert_eq!(one_line(u.role), *role);
            prop_assert_eq!(roles::repair(&one_line(u.role)), None);
            let got: Vec<GenPhase> = u.phases.iter().map(|ph| match (ph.qualifier, ph.when, ph.max) {
                (_, _, Some(m)) => GenPhase::Max(m),
                (Some(q), Some(w), _) => GenPhase::Qualified(q, w.year, w.month, ph.personnel.unwrap_or(0), ph.rotations),
                _ => GenPhase::Count(ph.personnel.unwrap_or(0), ph.rotations),
            }).collect();
            prop_assert_eq!(&got, phases);
        }
        prop_assert_eq!(p.terminator, [None, Some(';'), Some('.')][s.terminator]);
    }

    #[test]
    fn never_panics_and_positions_are_in_bounds(text in "\\PC{0,200}") {
        match parse_entry(&text) {
            Ok(_) => {}
            Err(e) => prop_assert!(e.pos <= text.len() && text.is_char_boundary(e.pos)),
        }
        let (doc, groups) = doc_from_text(&text);
        let rec = extract(&doc, &groups);
        prop_assert_eq!(rec.consumed.len(), groups.len());
    }
}

#[test]
fn a_wide_space_before_the_last_word_does_not_split_a_character() {
    // Found by `never_panics_and_positions_are_in_bounds`: a no-break space
    // (two bytes) before the last word of a date opening.
    let _ = parse_entry("A0[\u{a0}\u{10a00}");
    let _ = parse_entry("UNTAC Cambodia from\u{a0}Jan.\u{2003}2013: Staff Officers (5);");
}
