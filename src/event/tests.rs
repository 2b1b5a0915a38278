//! Unit tests of the front-matter reader, on front matters written for them.

use super::*;
use crate::report::Severity;
use crate::text::Block;

/// A document cut into blocks at blank lines, like the plain-text path.
fn doc(text: &str) -> Normalized {
    let mut blocks = Vec::new();
    let mut offset = 0;
    for para in text.split("\n\n") {
        let start = offset + (para.len() - para.trim_start().len());
        let end = offset + para.trim_end().len();
        if end > start {
            let heading = text[start..end].starts_with('#');
            blocks.push(Block {
                kind: if heading {
                    BlockKind::Heading { level: 1 }
                } else {
                    BlockKind::Paragraph
                },
                span: (start, end),
                content: (start, end),
            });
        }
        offset += para.len() + 2;
    }
    Normalized {
        text: text.to_string(),
        blocks,
        ..Default::default()
    }
}

fn run(text: &str) -> FrontMatter {
    let d = doc(text);
    let n = d.blocks.len();
    extract(&d, 0..n)
}

fn codes(fm: &FrontMatter) -> Vec<(Severity, String)> {
    fm.diagnostics.iter().map(|d| (d.severity, d.code.clone())).collect()
}

fn has(fm: &FrontMatter, code: &str) -> bool {
    fm.diagnostics.iter().any(|d| d.code == code)
}

fn places(fm: &FrontMatter) -> Vec<(String, String, Option<String>, Option<String>)> {
    fm.event
        .local_times
        .iter()
        .map(|t| {
            (
                t.place.clone(),
                t.local.clone(),
                t.time_zone.clone(),
                t.utc_offset.clone(),
            )
        })
        .collect()
}

fn lt(
    place: &str,
    local: &str,
    zone: Option<&str>,
    offset: Option<&str>,
) -> (String, String, Option<String>, Option<String>) {
    (place.into(), local.into(), zone.map(Into::into), offset.map(Into::into))
}

const CLASSIC: &str = "$Alpha\\ Peace\\ Institute\\ (API)$\n\nBeta Research Association of Japan (BRAJ)\n\nand\n\nGamma Council on Global Affairs (GCGA) Osaka\nPresent\n\nMs. Keiko TANAKA\n\non\n\nPeace Operations: Old Lessons, New Tasks\n\nWednesday, 27 July 2022 8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00 a.m. New York\n\nReport compiled by: Jan Kowalski\n";

#[test]
fn classic_layout_reads_every_field() {
    let fm = run(CLASSIC);
    let e = &fm.event;
    assert_eq!(
        e.organizers,
        vec![
            "Alpha Peace Institute (API)",
            "Beta Research Association of Japan (BRAJ)",
            "Gamma Council on Global Affairs (GCGA) Osaka"
        ]
    );
    assert_eq!(fm.presenter_names, vec!["Ms. Keiko TANAKA"]);
    assert_eq!(e.title.as_deref(), Some("Peace Operations: Old Lessons, New Tasks"));
    assert_eq!(e.date.as_deref(), Some("2022-07-27"));
    assert_eq!(e.weekday.as_deref(), Some("Wednesday"));
    assert_eq!(e.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
    assert_eq!(
        places(&fm),
        vec![
            lt("Tokyo", "20:00", Some("Asia/Tokyo"), Some("+09:00")),
            lt("Paris", "13:00", Some("Europe/Paris"), Some("+02:00")),
            lt("New York", "07:00", Some("America/New_York"), Some("-04:00")),
        ]
    );
    assert_eq!(e.compiled_by.as_deref(), Some("Jan Kowalski"));
    assert!(has(&fm, "event.artifact-removed"));
    assert!(
        !fm.diagnostics.iter().any(|d| d.severity == Severity::Warning),
        "{:?}",
        codes(&fm)
    );
    // Spans point at the text they name.
    let d = doc(CLASSIC);
    for diag in &fm.diagnostics {
        let s = diag.span.expect("span");
        assert!(s.start < s.end && s.end <= d.text.len());
    }
}

#[test]
fn bold_markup_and_headings_are_stripped() {
    let fm = run(
        "# Seminar Report\n\n**Delta Foundation (DF)**\n\n**Presents**\n\n**Dr. Ana López**\n\non\n\n**Water and Peace**\n\nJuly 27, 2022, 20:00 JST\n",
    );
    assert_eq!(fm.event.organizers, vec!["Delta Foundation (DF)"]);
    assert_eq!(fm.presenter_names, vec!["Dr. Ana López"]);
    assert_eq!(fm.event.title.as_deref(), Some("Water and Peace"));
    assert_eq!(fm.event.date.as_deref(), Some("2022-07-27"));
    assert_eq!(fm.event.weekday, None);
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
    assert_eq!(
        places(&fm),
        vec![lt("JST", "20:00", Some("Asia/Tokyo"), Some("+09:00"))]
    );
}

#[test]
fn organizers_on_the_present_line_and_split_only_when_clear() {
    let fm = run(
        "University of Oslo and Kyoto University present\n\nProf. Ola Nordmann\n\non\n\nArctic Security\n\n2022-07-27 13:00 CEST\n",
    );
    assert_eq!(fm.event.organizers, vec!["University of Oslo", "Kyoto University"]);
    assert!(has(&fm, "event.organizers-split"));
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));

    // "Peace and Conflict Studies" is one name, not two organizers.
    let fm = run("Center for Peace and Conflict Studies\nPresents\n\nMr. John Smith\n\non\n\nTopic\n");
    assert_eq!(fm.event.organizers, vec!["Center for Peace and Conflict Studies"]);
}

#[test]
fn organizers_named_by_dialogue_or_coalition_split_but_a_lone_word_does_not() {
    let fm =
        run("Horn Security Dialogue and Lake Region Centre for Peace present\n\nDr. A. Ghani\n\non\n\nSomething Big\n");
    assert_eq!(
        fm.event.organizers,
        vec!["Horn Security Dialogue", "Lake Region Centre for Peace"]
    );
    let fm = run("Centre for Peace and Dialogue presents\n\nDr. A. Ghani\n\non\n\nSomething Big\n");
    assert_eq!(fm.event.organizers, vec!["Centre for Peace and Dialogue"]);
}

#[test]
fn wrapped_organizer_lines_are_joined() {
    let fm = run("Epsilon Council on the\nUnited Nations System\n\nPresent\n\nDr. A. Ghani\n\non\n\nSomething Big\n");
    assert_eq!(
        fm.event.organizers,
        vec!["Epsilon Council on the United Nations System"]
    );
    assert!(has(&fm, "event.organizer-joined"));
}

#[test]
fn several_presenters_and_affiliations() {
    let fm = run(
        "Zeta Institute (ZI)\n\nPresents\n\nH.E. Amb. Maria Rossi, Permanent Representative of Italy\n\nand\n\nGen. HASEGAWA Ken\n\non\n\nBlue Helmets Today\n",
    );
    assert_eq!(fm.presenter_names, vec!["H.E. Amb. Maria Rossi", "Gen. HASEGAWA Ken"]);
    assert!(has(&fm, "event.presenter-affiliation"));

    let fm = run("Eta Forum\n\nPresents\n\nMr. Li Wei and Ms. Sato Yuki\n\non\n\nTwo Views\n");
    assert_eq!(fm.presenter_names, vec!["Mr. Li Wei", "Ms. Sato Yuki"]);
}

#[test]
fn without_on_the_line_after_presenters_is_the_title() {
    let fm = run("Theta Society\n\nPresents\n\nDr. Omar Haddad\n\nRebuilding After War\n\n27.07.2022\n");
    assert_eq!(fm.presenter_names, vec!["Dr. Omar Haddad"]);
    assert_eq!(fm.event.title.as_deref(), Some("Rebuilding After War"));
    assert!(has(&fm, "event.title-guessed"));
    assert_eq!(fm.event.date.as_deref(), Some("2022-07-27"));
    // No time given: no instant, no local times.
    assert_eq!(fm.event.start_utc, None);
    assert!(fm.event.local_times.is_empty());
}

#[test]
fn labelled_front_matter() {
    let fm = run(
        "Organized by: Iota Centre (IC); Kappa Association (KA)\n\nTitle: \"Cities and Climate\"\n\nSpeaker: Prof. Jane Doe, University of Nowhere\n\nDate: Wed 27 Jul 2022\n\nTime: 20:00-21:30 JST\n\nRapporteur: John Roe.\n",
    );
    assert_eq!(fm.event.organizers, vec!["Iota Centre (IC)", "Kappa Association (KA)"]);
    assert_eq!(fm.event.title.as_deref(), Some("Cities and Climate"));
    assert_eq!(fm.presenter_names, vec!["Prof. Jane Doe"]);
    assert_eq!(fm.event.date.as_deref(), Some("2022-07-27"));
    assert_eq!(fm.event.weekday.as_deref(), Some("Wed"));
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
    assert_eq!(fm.event.compiled_by.as_deref(), Some("John Roe"));
}

#[test]
fn prominent_line_is_the_title_without_layout() {
    let fm = run(
        "Lambda Network\n\nHuman Security in the Pacific\n\nThursday, 3 March 2022, 10:00 AEDT\n\nPrepared by Sam Lee\n",
    );
    assert_eq!(fm.event.title.as_deref(), Some("Human Security in the Pacific"));
    assert!(has(&fm, "event.title-guessed"));
    assert_eq!(fm.event.organizers, vec!["Lambda Network"]);
    assert!(has(&fm, "event.organizer-guessed"));
    assert_eq!(fm.event.compiled_by.as_deref(), Some("Sam Lee"));
    let fm = run("# Human Security in the Pacific\n\nThursday, 3 March 2022, 10:00 AEDT\n");
    assert_eq!(fm.event.title.as_deref(), Some("Human Security in the Pacific"));
    // Sydney is on daylight time in March: AEDT is right, +11:00.
    assert_eq!(
        places(&fm),
        vec![lt("AEDT", "10:00", Some("Australia/Sydney"), Some("+11:00"))]
    );
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-03-02T23:00:00Z"));
}

#[test]
fn weekday_mismatch_is_a_warning() {
    let fm = run("Title Line Here\n\nTuesday, 27 July 2022\n");
    assert_eq!(fm.event.weekday.as_deref(), Some("Tuesday"));
    assert!(
        fm.diagnostics
            .iter()
            .any(|d| d.code == "event.weekday-mismatch" && d.severity == Severity::Warning)
    );
}

#[test]
fn new_york_in_january_is_standard_time() {
    let fm = run("Some Title Here\n\n15 January 2023, 9:00 a.m. New York / 3:00 p.m. Geneva / 11:00 p.m. Tokyo\n");
    assert_eq!(fm.event.start_utc.as_deref(), Some("2023-01-15T14:00:00Z"));
    assert_eq!(
        places(&fm),
        vec![
            lt("New York", "09:00", Some("America/New_York"), Some("-05:00")),
            lt("Geneva", "15:00", Some("Europe/Zurich"), Some("+01:00")),
            lt("Tokyo", "23:00", Some("Asia/Tokyo"), Some("+09:00")),
        ]
    );
    assert!(!has(&fm, "event.times-disagree"));
}

#[test]
fn places_on_another_day_agree() {
    // 9:00 a.m. in Tokyo on the 27th is 8:00 p.m. in New York on the 26th.
    let fm = run("Some Title Here\n\n27 July 2022, 9:00 a.m. Tokyo, 8:00 p.m. New York\n");
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T00:00:00Z"));
    assert!(!has(&fm, "event.times-disagree"));
    assert_eq!(places(&fm)[1].3.as_deref(), Some("-04:00"));
}

#[test]
fn disagreeing_places_keep_the_first_and_warn() {
    let fm = run("Some Title Here\n\n27 July 2022, 8:00 p.m. Tokyo, 2:00 p.m. Paris, 7:00 a.m. New York\n");
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
    let d = fm
        .diagnostics
        .iter()
        .find(|d| d.code == "event.times-disagree")
        .expect("warning");
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.message.contains("Paris") && !d.message.contains("New York"),
        "{}",
        d.message
    );
}

#[test]
fn a_place_missing_from_every_table_is_null_with_a_warning() {
    let fm = run("Some Title Here\n\n27 July 2022, 8:00 p.m. Tokyo, 1:00 p.m. Atlantis\n");
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
    assert_eq!(places(&fm)[1], lt("Atlantis", "13:00", None, None));
    assert!(
        fm.diagnostics
            .iter()
            .any(|d| d.code == "event.zone-unresolved" && d.severity == Severity::Warning)
    );
}

#[test]
fn southern_hemisphere_daylight_time() {
    // Santiago and Sydney keep daylight time in January, not in July.
    let fm = run("Some Title Here\n\n10 January 2023, 6:00 p.m. Sydney, 4:00 a.m. Santiago\n");
    assert_eq!(fm.event.start_utc.as_deref(), Some("2023-01-10T07:00:00Z"));
    assert_eq!(places(&fm)[0].3.as_deref(), Some("+11:00"));
    assert_eq!(places(&fm)[1].3.as_deref(), Some("-03:00"));
    assert!(!has(&fm, "event.times-disagree"));
    let fm = run("Some Title Here\n\n10 July 2023, 6:00 p.m. Sydney, 4:00 a.m. Santiago\n");
    assert_eq!(places(&fm)[0].3.as_deref(), Some("+10:00"));
    assert_eq!(places(&fm)[1].3.as_deref(), Some("-04:00"));
}

#[test]
fn offsets_and_abbreviation_seasons() {
    let fm = run("Some Title Here\n\n2022-07-27, 20:00 GMT+9\n");
    assert_eq!(
        places(&fm),
        vec![lt("GMT+9", "20:00", Some("Etc/GMT-9"), Some("+09:00"))]
    );
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
    let fm = run("Some Title Here\n\n2022-07-27, 20:00 UTC+09:00 (13:00 CET)\n");
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
    // CET in July: Paris is on summer time; reported, zone rule used.
    assert!(has(&fm, "event.zone-abbreviation-season"));
    assert_eq!(places(&fm)[1].3.as_deref(), Some("+02:00"));
    let fm = run("Some Title Here\n\n2022-07-27, 16:30 IST\n");
    assert!(has(&fm, "event.zone-abbreviation-ambiguous"));
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-07-27T11:00:00Z"));
}

#[test]
fn tokyo_time_in_parentheses() {
    let fm = run("Some Title Here\n\n27 July 2022, 20:00 (Tokyo time)\n");
    assert_eq!(
        places(&fm),
        vec![lt("Tokyo time", "20:00", Some("Asia/Tokyo"), Some("+09:00"))]
    );
}

#[test]
fn times_without_zone_or_date() {
    let fm = run("Some Title Here\n\n27 July 2022, 20:00\n");
    assert!(has(&fm, "event.time-without-zone"));
    assert_eq!(fm.event.start_utc, None);
    let fm = run("Some Title Here\n\n20:00 JST\n");
    assert!(has(&fm, "event.no-date-for-times"));
    assert_eq!(fm.event.start_utc, None);
    assert_eq!(places(&fm), vec![lt("JST", "20:00", Some("Asia/Tokyo"), None)]);
    let fm = run("Some Title Here\n\n20:00 UTC+9\n");
    assert_eq!(
        places(&fm),
        vec![lt("UTC+9", "20:00", Some("Etc/GMT-9"), Some("+09:00"))]
    );
    assert_eq!(fm.event.start_utc, None);
}

#[test]
fn dst_gap_is_reported() {
    let fm = run("Some Title Here\n\n13 March 2022, 2:30 a.m. New York\n");
    assert!(has(&fm, "event.local-time-ambiguous"));
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-03-13T07:30:00Z"));
}

#[test]
fn compiler_outside_the_front_matter() {
    let text = "Title Words Here\n\n27 July 2022\n\nPart I\n\nBody text.\n\nRapporteur: Kim Lee\n";
    let d = doc(text);
    let fm = extract(&d, 0..2);
    assert_eq!(fm.event.compiled_by.as_deref(), Some("Kim Lee"));
    assert!(has(&fm, "event.compiled-by-outside-front-matter"));
}

#[test]
fn empty_and_out_of_range_input_does_not_panic() {
    let d = doc("");
    let fm = extract(&d, 0..5);
    assert_eq!(fm.event, Event::default());
    let d = doc("Présent\n\n☃ ☃ $$ ** \\\n\n8:00 p.m. 東京");
    let n = d.blocks.len();
    let _ = extract(&d, 0..n);
    #[allow(clippy::reversed_empty_ranges)]
    let _ = extract(&d, 3..1);
}

#[test]
fn clean_removes_math_mode_and_emphasis() {
    assert_eq!(clean("$Kyoto\\ Peace\\ Center\\ (KPC)$"), "Kyoto Peace Center (KPC)");
    assert_eq!(clean("**Mr. A B**"), "Mr. A B");
    assert_eq!(clean("$\\text{R\\&D Office}$"), "R&D Office");
    assert_eq!(clean("## Title"), "Title");
    assert_eq!(clean("*Italic title*"), "Italic title");
}

#[test]
fn compiler_fallback_needs_a_name() {
    let text = "Title Words Here\n\n27 July 2022\n\nBody text.\n\nReport by the Secretary-General on peacekeeping\n";
    let d = doc(text);
    let fm = extract(&d, 0..2);
    assert_eq!(fm.event.compiled_by, None);
}

#[test]
fn a_heading_above_the_organizers_is_not_an_organizer() {
    let fm = run(
        "# Report of the Peacekeeping Seminar\n\nMu Institute (MI)\n\nPresents\n\nProf. Ada Byron\n\non\n\nNew Missions\n",
    );
    assert_eq!(fm.event.organizers, vec!["Mu Institute (MI)"]);
    assert_eq!(fm.event.title.as_deref(), Some("New Missions"));
}

#[test]
fn present_at_line_end_needs_a_name_after_it() {
    // A title ending in "Present" is not the "Present" line.
    let fm = run("Japan: Past and Present\n\nWednesday, 27 July 2022, 20:00 JST\n");
    assert!(fm.event.organizers.is_empty());
    assert_eq!(fm.event.title.as_deref(), Some("Japan: Past and Present"));
    let fm = run("Nu Council (NC) proudly presents\n\nDr. Kim Min-jun\n\non\n\nKorean Peninsula\n");
    assert_eq!(fm.event.organizers, vec!["Nu Council (NC)"]);
    assert_eq!(fm.presenter_names, vec!["Dr. Kim Min-jun"]);
}

#[test]
fn two_line_title_after_a_colon() {
    let fm = run(
        "Xi Forum\n\nPresents\n\nMr. Bo Li\n\non\n\nPeacekeeping Reform:\n\nWhat Comes Next\n\n1 June 2021, 9:00 CEST\n",
    );
    assert_eq!(fm.event.title.as_deref(), Some("Peacekeeping Reform: What Comes Next"));
    assert_eq!(fm.event.start_utc.as_deref(), Some("2021-06-01T07:00:00Z"));
}

#[test]
fn times_on_their_own_line() {
    let fm = run(
        "Omicron Society\n\nPresents\n\nMs. Eve Adams\n\non\n\nOcean Governance\n\nFriday, 5 August 2022\n\nTokyo 20:00 / Paris 13:00 / New York 07:00\n",
    );
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-08-05T11:00:00Z"));
    assert_eq!(fm.event.local_times.len(), 3);
}

#[test]
fn organizer_lists_on_one_line() {
    let fm = run("The KPC, GPAJ and ACUNS Tokyo present\n\nMr. Jo Park\n\non\n\nSome Topic\n");
    assert_eq!(fm.event.organizers, vec!["The KPC", "GPAJ", "ACUNS Tokyo"]);
    // The acronym names the whole: one organizer.
    let fm = run("Center for Peace and Conflict Studies (CPCS)\n\nPresents\n\nMr. Jo Park\n\non\n\nSome Topic\n");
    assert_eq!(
        fm.event.organizers,
        vec!["Center for Peace and Conflict Studies (CPCS)"]
    );
    let fm = run("Ministry of Foreign Affairs and Trade\n\nPresents\n\nMr. Jo Park\n\non\n\nSome Topic\n");
    assert_eq!(fm.event.organizers, vec!["Ministry of Foreign Affairs and Trade"]);
    let fm = run("Supported by: Pi Foundation\n\nRho Institute\n\nPresents\n\nMr. Jo Park\n\non\n\nSome Topic\n");
    assert_eq!(fm.event.organizers, vec!["Pi Foundation", "Rho Institute"]);
}

#[test]
fn label_words_need_a_word_boundary() {
    let fm = run("Hostile Environments Institute\n\nPresents\n\nMr. Jo Park\n\non\n\nSome Topic\n");
    assert_eq!(fm.event.organizers, vec!["Hostile Environments Institute"]);
}

mod no_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn any_text_reads_without_panic(
            text in "((Present|on|and|Mr\\. A B|\\$x\\\\ y\\$|\\*\\*|[0-9]{1,2}[:.][0-9]{2}|[ap]\\.m\\.|Tokyo|GMT\\+9|July|2022|[,;/()]|\u{00e9}|\u{6771}|\u{2212}|\n\n|\n| ){0,40})"
        ) {
            let d = doc(&text);
            let n = d.blocks.len();
            let _ = extract(&d, 0..n);
        }

        #[test]
        fn any_line_for_the_readers(line in "\\PC{0,60}") {
            let _ = date::find_date(&line);
            let _ = times::find_times(&line, &[(0, line.len().min(3))]);
            let _ = zones::resolve(&line);
            let _ = clean(&line);
        }
    }
}

#[test]
fn role_lines_under_presenters_are_not_names() {
    let fm = run(
        "Sigma Institute\n\nPresent\n\nMr. Al Bo\nDirector-General, Cabinet Office\n\nand\n\nMs. Cy Do\nProfessor, Tau University\n\non\n\nSome Topic\n",
    );
    assert_eq!(fm.presenter_names, vec!["Mr. Al Bo", "Ms. Cy Do"]);
    assert_eq!(fm.event.title.as_deref(), Some("Some Topic"));
}

#[test]
fn compiler_affiliation_is_left_out() {
    let fm = run("Some Title Here\n\nReport compiled by: Jane DOE (Intern, Upsilon Center)\n");
    assert_eq!(fm.event.compiled_by.as_deref(), Some("Jane DOE"));
    assert!(has(&fm, "event.compiler-affiliation"));
    let fm = run("Some Title Here\n\nRapporteurs: Jane Doe and John Roe\n");
    assert_eq!(fm.event.compiled_by.as_deref(), Some("Jane Doe and John Roe"));
}

#[test]
fn a_front_matter_running_into_the_body_is_cut() {
    let text = "Phi Title: Past and Future\n1\n / \n8\nChi Center (CC)\nPresent\nMr. Ro Po\non\nPhi Title: Past and Future\n2 March 2022 10:00 a.m. Geneva\nPart I: Talk\nMr. Ro Po Director\nMr. Po said the meeting at 9:00 a.m. New York was useful.\n";
    let fm = run(text);
    assert_eq!(fm.event.organizers, vec!["Chi Center (CC)"]);
    assert_eq!(fm.event.title.as_deref(), Some("Phi Title: Past and Future"));
    assert_eq!(fm.event.local_times.len(), 1);
    assert_eq!(fm.event.start_utc.as_deref(), Some("2022-03-02T09:00:00Z"));
    assert!(has(&fm, "event.running-header"));
    assert!(has(&fm, "event.front-matter-cut"));
}

#[test]
fn a_wrapped_date_line_is_read_whole() {
    let fm = run("Some Title Here\n\nWednesday, 27 July 2022 8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00\na.m. New York\n");
    assert_eq!(
        places(&fm),
        vec![
            lt("Tokyo", "20:00", Some("Asia/Tokyo"), Some("+09:00")),
            lt("Paris", "13:00", Some("Europe/Paris"), Some("+02:00")),
            lt("New York", "07:00", Some("America/New_York"), Some("-04:00")),
        ]
    );
    // A separate line in the same block that does not continue it stays apart.
    let fm = run("Some Title Here\n\nWednesday, 27 July 2022\nReport compiled by: Al Bo\n");
    assert_eq!(fm.event.compiled_by.as_deref(), Some("Al Bo"));
}

#[test]
fn generic_lines_and_on_variants() {
    let fm = run("Webinar Report\n\nPsi Foundation\n\nPresents\n\nDr. Mo Li\n\non the topic of\n\nWater Wars\n");
    assert_eq!(fm.event.organizers, vec!["Psi Foundation"]);
    assert_eq!(fm.event.title.as_deref(), Some("Water Wars"));
    let fm = run("Psi Foundation\n\nPresents\n\nDr. Mo Li on\n\nWater Wars\n");
    assert_eq!(fm.presenter_names, vec!["Dr. Mo Li"]);
    assert_eq!(fm.event.title.as_deref(), Some("Water Wars"));
}

#[test]
fn a_title_ending_in_about_is_not_the_on_line() {
    let fm = run("Psi Foundation\n\nPresents\n\nDr. Mo Li\n\nWhat Peace Is All About\n\n1 May 2023\n");
    assert_eq!(fm.presenter_names, vec!["Dr. Mo Li"]);
    assert_eq!(fm.event.title.as_deref(), Some("What Peace Is All About"));
    let fm = run("Psi Foundation\n\nPresents\n\nDr. Mo Li\n\nOn\n\nWater Wars\n");
    assert_eq!(fm.event.title.as_deref(), Some("Water Wars"));
}

#[test]
fn labelled_organizers_in_partnership_are_two() {
    let fm = run(
        "Alpha Centre for Peace\n\nPresents\n\nDr. Jane Doe\n\non\n\nRivers and Borders\n\nDate: 14 March 2023 (Tuesday)\n\nOrganised by the Alpha Centre for Peace in partnership with the Beta Learning Network\n\nRapporteur: John Roe\n",
    );
    assert_eq!(fm.event.organizers, ["Alpha Centre for Peace", "Beta Learning Network"]);
}
