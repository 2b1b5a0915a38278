//! One case per label form of every profile, and the forms that must not
//! read as labels (salutations, sentences, front-matter fields).

use super::*;

/// (profile, honorific, name, affiliation, role, language, body) of a label.
type Read = (
    Profile,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn r(
    p: Profile,
    h: Option<&str>,
    n: &str,
    a: Option<&str>,
    role: Option<&str>,
    lang: Option<&str>,
    body: Option<&str>,
) -> Read {
    let o = |x: Option<&str>| x.map(str::to_string);
    (p, o(h), n.to_string(), o(a), o(role), o(lang), o(body))
}

fn parts(s: &str) -> Option<Read> {
    let l = read(s)?;
    let body = l.body_at.map(|at| s[at..].to_string());
    Some((l.profile, l.honorific, l.name, l.affiliation, l.role, l.language, body))
}

#[test]
fn record_labels() {
    use Profile::Record;
    let cases: Vec<(&str, Read)> = vec![
        (
            "Mr. WARNER. Mr. President, I yield.",
            r(
                Record,
                Some("Mr."),
                "WARNER",
                None,
                None,
                None,
                Some("Mr. President, I yield."),
            ),
        ),
        (
            "Mrs. NORTHUP. Thank you.",
            r(Record, Some("Mrs."), "NORTHUP", None, None, None, Some("Thank you.")),
        ),
        (
            "Miss McMORRIS. I rise.",
            r(Record, Some("Miss"), "McMORRIS", None, None, None, Some("I rise.")),
        ),
        (
            "Mr. DeFAZIO. I object.",
            r(Record, Some("Mr."), "DeFAZIO", None, None, None, Some("I object.")),
        ),
        (
            "Mr. VAN HOLLEN. Yes.",
            r(Record, Some("Mr."), "VAN HOLLEN", None, None, None, Some("Yes.")),
        ),
        (
            "Ms. ROS-LEHTINEN. I yield.",
            r(Record, Some("Ms."), "ROS-LEHTINEN", None, None, None, Some("I yield.")),
        ),
        (
            "Mr. SMITH of New Jersey. Mr. Chairman, I include this.",
            r(
                Record,
                Some("Mr."),
                "SMITH",
                Some("New Jersey"),
                None,
                None,
                Some("Mr. Chairman, I include this."),
            ),
        ),
        (
            "The PRESIDING OFFICER. Without objection.",
            r(
                Record,
                None,
                "",
                None,
                Some("Presiding Officer"),
                None,
                Some("Without objection."),
            ),
        ),
        (
            "The SPEAKER pro tempore (Mr. Poe). The gentleman is recognized.",
            r(
                Record,
                Some("Mr."),
                "Poe",
                None,
                Some("Speaker pro tempore"),
                None,
                Some("The gentleman is recognized."),
            ),
        ),
        (
            "The Acting CHAIRMAN (Mr. Kolbe). The Clerk will report.",
            r(
                Record,
                Some("Mr."),
                "Kolbe",
                None,
                Some("Acting Chairman"),
                None,
                Some("The Clerk will report."),
            ),
        ),
        (
            "The Acting CHAIRMAN (during the vote). Members are advised.",
            r(
                Record,
                None,
                "",
                None,
                Some("Acting Chairman"),
                None,
                Some("Members are advised."),
            ),
        ),
        (
            "CHAIRMAN LEVIN. The hearing will come to order.",
            r(
                Record,
                None,
                "LEVIN",
                None,
                Some("Chairman"),
                None,
                Some("The hearing will come to order."),
            ),
        ),
        ("Mr. KOHL.", r(Record, Some("Mr."), "KOHL", None, None, None, None)),
    ];
    for (s, want) in cases {
        assert_eq!(parts(s), Some(want), "{s}");
    }
}

#[test]
fn colon_labels() {
    use Profile::{Chamber, Court, InlineName, Minutes};
    let cases: Vec<(&str, Read)> = vec![
        (
            "Mr. Tanaka (Japan): I thank you.",
            r(
                Chamber,
                Some("Mr."),
                "Tanaka",
                Some("Japan"),
                None,
                None,
                Some("I thank you."),
            ),
        ),
        (
            "Mr. Dupont (France) (spoke in French): Merci.",
            r(
                Chamber,
                Some("Mr."),
                "Dupont",
                Some("France"),
                None,
                Some("French"),
                Some("Merci."),
            ),
        ),
        (
            "The President: I give the floor to Japan.",
            r(
                Chamber,
                None,
                "",
                None,
                Some("President"),
                None,
                Some("I give the floor to Japan."),
            ),
        ),
        (
            "The President (spoke in Arabic): We resume.",
            r(
                Chamber,
                None,
                "",
                None,
                Some("President"),
                Some("Arabic"),
                Some("We resume."),
            ),
        ),
        (
            "The Minister for Energy (Mr. Murungi): Thank you.",
            r(
                Chamber,
                Some("Mr."),
                "Murungi",
                None,
                Some("Minister for Energy"),
                None,
                Some("Thank you."),
            ),
        ),
        (
            "The Temporary Deputy Speaker (Dr. Wekesa): Order!",
            r(
                Chamber,
                Some("Dr."),
                "Wekesa",
                None,
                Some("Temporary Deputy Speaker"),
                None,
                Some("Order!"),
            ),
        ),
        (
            "Hon. (Ms.) Achieng: On a point of order.",
            r(
                Chamber,
                Some("Hon. (Ms.)"),
                "Achieng",
                None,
                None,
                None,
                Some("On a point of order."),
            ),
        ),
        (
            "Eng. Kamau: Thank you.",
            r(Chamber, Some("Eng."), "Kamau", None, None, None, Some("Thank you.")),
        ),
        (
            "Hon. ole Sankok: I support.",
            r(
                Chamber,
                Some("Hon."),
                "ole Sankok",
                None,
                None,
                None,
                Some("I support."),
            ),
        ),
        (
            "MR. OTIENO: Thank you.",
            r(Court, Some("MR."), "OTIENO", None, None, None, Some("Thank you.")),
        ),
        (
            "CHIEF JUSTICE ROBERTS: We will hear argument.",
            r(
                Court,
                None,
                "ROBERTS",
                None,
                Some("Chief Justice"),
                None,
                Some("We will hear argument."),
            ),
        ),
        (
            "JUSTICE GINSBURG: Counsel?",
            r(Court, None, "GINSBURG", None, Some("Justice"), None, Some("Counsel?")),
        ),
        (
            "GENERAL CLEMENT: Yes.",
            r(Court, Some("General"), "CLEMENT", None, None, None, Some("Yes.")),
        ),
        (
            "SENATOR SMITH: Thank you.",
            r(Court, Some("SENATOR"), "SMITH", None, None, None, Some("Thank you.")),
        ),
        (
            "THE COURT: Be seated.",
            r(Court, None, "", None, Some("Court"), None, Some("Be seated.")),
        ),
        (
            "Ann Lee: Welcome.",
            r(InlineName, None, "Ann Lee", None, None, None, Some("Welcome.")),
        ),
        (
            "SFC: We agreed.",
            r(Minutes, None, "SFC", None, None, None, Some("We agreed.")),
        ),
        (
            "The President:",
            r(Chamber, None, "", None, Some("President"), None, None),
        ),
    ];
    for (s, want) in cases {
        assert_eq!(parts(s), Some(want), "{s}");
    }
}

#[test]
fn salutations_sentences_and_fields_are_not_labels() {
    for s in [
        "Mr. President, I yield the floor.",
        "Mr. Chairman, I include the letter.",
        "Hon. Members, we resume.",
        "Mr. Speaker: I rise.",
        "Madam Speaker: I rise.",
        "Mr. Warner said that he agreed.",
        "The committee met at 10:30.",
        "Date: 12 March 2024",
        "Venue: Nairobi",
        "Note: all figures are estimates.",
        "The result was: nothing changed.",
        "Mr. WARNER said so.",
        "The PRESIDING OFFICER said so.",
    ] {
        assert_eq!(read(s), None, "{s}");
    }
}

#[test]
fn roster_resolves_abbreviations_initials_and_surnames() {
    use roster::{RosterEntry, resolve};
    let e = |name: &str, abbr: Option<&str>| RosterEntry {
        name: name.into(),
        abbreviation: abbr.map(Into::into),
        affiliation: None,
        block: 0,
    };
    let r = vec![
        e("Sarah F. Clark", Some("SFC")),
        e("Tom Ode", None),
        e("PAUL D. CLEMENT", None),
        e("Ann Lee", None),
        e("Bo Lee", None),
    ];
    assert_eq!(resolve(&r, "SFC").map(|e| e.name.as_str()), Some("Sarah F. Clark"));
    assert_eq!(resolve(&r, "TO").map(|e| e.name.as_str()), Some("Tom Ode"));
    assert_eq!(resolve(&r, "CLEMENT").map(|e| e.name.as_str()), Some("PAUL D. CLEMENT"));
    // Two people share the surname: no guess.
    assert_eq!(resolve(&r, "LEE"), None);
    assert_eq!(resolve(&r, "XYZ"), None);
}
