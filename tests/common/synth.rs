//! A seeded generator of seminar reports in the genre, with the gold it
//! knows (the `shared/gold` shape), for tests that must catch what nobody
//! wrote a fixture for.
//!
//! Every element is drawn from a documented space (see `docs/generator.md`):
//! organizers and title-block layouts; date and time lines in many styles
//! and time zones, daylight-saving change days included; compiler lines with
//! one or two names; section-heading styles; honorifics (abbreviated,
//! spelled out, military, Spanish); names of many naming cultures (given
//! first or family first in capitals, particles, Spanish and Portuguese
//! double family names, patronymics, initials, hyphenated given names,
//! apostrophes, accents); header layouts (one line with a dash, comma or
//! parentheses, two lines, Markdown bold); short-form headers for replies
//! (resolved among people who share a family name by the honorific);
//! ordinary lists; and dispatch records with numeric or month-name dates,
//! open ends, spaced or `×` multiplication, approximate and maximum
//! figures, phased strengths, roles with digits, slashed missions, country
//! aliases, planted role typos and entries wrapped across lines.
//!
//! Output is plain text or Markdown. The same seed always gives the same
//! document (the generator uses its own SplitMix64, not `rand`, so that a
//! seed stays reproducible whatever version of a crate is in the tree).
#![allow(dead_code)]

use jiff::civil::{Date, Weekday, date};
use jiff::tz::TimeZone;
use serde_json::{Value, json};

/// SplitMix64 (Steele, Lea, Flood 2014): small, seedable, stable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 1.0 < p
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A generated document and its gold.
pub struct Generated {
    pub seed: u64,
    /// `doc.txt` or `doc.md`.
    pub file_name: String,
    pub text: String,
    pub gold: Value,
}

// ---------------------------------------------------------------- names

#[derive(Clone, Copy, PartialEq)]
enum Gender {
    F,
    M,
}

/// How a culture writes a person.
#[derive(Clone, Copy, PartialEq)]
enum Culture {
    /// Given Family ("Anne-Marie Tremblay", "Michael O'Brien").
    Western,
    /// Given particle Family ("Jan van der Berg", "Ana de Souza").
    Particle,
    /// Given Family1 Family2 ("José Ramírez Ortega").
    Iberian,
    /// Given bin/binti Father ("Rashid bin Ahmad"): referred to by the
    /// given name.
    Patronymic,
    /// FAMILY Given in headers ("MORI Takeshi"), "Given Family" canonical.
    EastAsian,
    /// Initials and family ("M.M. Ali", "A. B. Duale").
    Initials,
}

const GIVEN_F: &[&str] = &[
    "Anne-Marie",
    "Ingrid",
    "Aminata",
    "Fatoumata",
    "Louise",
    "Hanna",
    "Sophie",
    "Olena",
    "Grace",
    "Leila",
    "Marta",
    "Chiara",
    "Zeynep",
    "Amélie",
    "Małgorzata",
    "Siobhán",
    "Nadia",
    "Ewa",
    "Helena",
    "Rebecca",
    "Priya",
    "Wanjiru",
    "Astrid",
    "Mei-Ling",
    "Lucía",
    "Ngozi",
];
const GIVEN_M: &[&str] = &[
    "Michael",
    "Erik",
    "Kwame",
    "Jean-Baptiste",
    "Tomas",
    "Lukas",
    "Ahmed",
    "Samuel",
    "Dmitri",
    "Anand",
    "Klaus",
    "Pierre-Louis",
    "Olu",
    "Björn",
    "François",
    "Thabo",
    "Mehmet",
    "Rafael",
    "Oluwaseun",
    "Niall",
    "Stefan",
    "Kofi",
    "Yusuf",
    "Mateusz",
    "Emeka",
];
const FAMILY_W: &[&str] = &[
    "Tremblay",
    "O'Brien",
    "Mensah",
    "Sandberg",
    "Holm",
    "Keita",
    "Adeyemi",
    "Kovalenko",
    "Okafor",
    "Haddad",
    "Riedel",
    "Nowak",
    "Lindqvist",
    "Müller",
    "Dubois",
    "Fischer",
    "Kowalczyk",
    "D'Amico",
    "N'Diaye",
    "Brennan",
    "Novák",
    "Eriksen",
    "Whitfield",
    "Kamau",
    "Osei",
    "Ferreira",
    "Yilmaz",
    "Papadopoulos",
    "Okonkwo-Bello",
    "McAllister",
];
const PARTICLE_FAMILY: &[&str] = &[
    "van der Berg",
    "de Souza",
    "dos Santos",
    "de la Cruz",
    "van Dijk",
    "von Albrecht",
    "di Marco",
    "da Silva",
    "van den Broek",
    "de Vries",
    "del Valle",
    "le Roux",
    "ter Horst",
];
const IBERIAN_GIVEN_F: &[&str] = &[
    "María José",
    "Ana Lucía",
    "Carmen",
    "Lucía",
    "Beatriz",
    "Inês",
    "Mariana",
];
const IBERIAN_GIVEN_M: &[&str] = &[
    "José",
    "Eduardo",
    "Carlos Alberto",
    "Juan Pablo",
    "Joaquim",
    "Andrés",
    "Tiago",
];
const IBERIAN_FAMILY: &[&str] = &[
    "Ramírez",
    "Ortega",
    "Sánchez",
    "Vidal",
    "García",
    "Márquez",
    "Pérez",
    "Gómez",
    "Costa",
    "Ribeiro",
    "Mendes",
    "Fernández",
    "Oliveira",
    "Castro",
    "Núñez",
    "Rocha",
];
const PATRON_GIVEN_M: &[&str] = &["Rashid", "Hafiz", "Azlan", "Faisal", "Kamal"];
const PATRON_GIVEN_F: &[&str] = &["Siti", "Nurul", "Aisyah", "Farah"];
const PATRON_FATHER: &[&str] = &["Ahmad", "Hassan", "Ismail", "Abdullah", "Yusof", "Omar"];
const EAST_ASIAN: &[(&str, &str)] = &[
    ("MORI", "Takeshi"),
    ("PARK", "Ji-hoon"),
    ("KIM", "Min-jun"),
    ("TANAKA", "Hiroshi"),
    ("SATO", "Aiko"),
    ("CHOI", "Soo-yeon"),
    ("LEE", "Sang-min"),
    ("SUZUKI", "Emi"),
    ("WATANABE", "Kenji"),
    ("NAKAMURA", "Yuki"),
    ("YAMAMOTO", "Haruto"),
    ("KANG", "Hye-jin"),
    ("ITO", "Naoko"),
    ("HAYASHI", "Daisuke"),
];
const INITIALS: &[&str] = &["M.M.", "A. B.", "J. K.", "K.", "S.T.", "R. N.", "E."];
const FAMILY_INITIALS: &[&str] = &[
    "Ali",
    "Duale",
    "Mensah",
    "Rahman",
    "Banda",
    "Chowdhury",
    "Phiri",
    "Otieno",
];

/// Honorifics: (as the header writes it, how the body refers, gender or
/// None for any).
const HONORIFICS: &[(&str, &str, Option<Gender>)] = &[
    ("Mr.", "Mr.", Some(Gender::M)),
    ("Ms.", "Ms.", Some(Gender::F)),
    ("Mrs.", "Mrs.", Some(Gender::F)),
    ("Dr.", "Dr.", None),
    ("Dr", "Dr", None),
    ("Prof.", "Prof.", None),
    ("Professor", "Professor", None),
    ("Ambassador", "Ambassador", None),
    ("Amb.", "Ambassador", None),
    ("H.E.", "Ambassador", None),
    ("Lt. Gen.", "Lt. Gen.", None),
    ("Maj. Gen.", "General", None),
    ("Brig. Gen.", "Brig. Gen.", None),
    ("Col.", "Col.", None),
    ("Lt. Col.", "Lt. Col.", None),
    ("Col. (ret.)", "Col.", None),
    ("Sra.", "Sra.", Some(Gender::F)),
    ("Sr.", "Sr.", Some(Gender::M)),
    ("Mme", "Mme", Some(Gender::F)),
];

/// A person of the generated event.
#[derive(Clone)]
pub struct Person {
    gender: Gender,
    /// The honorific as headers write it ("" for none).
    hon: String,
    /// The honorific as prose writes it ("Ambassador" for "Amb.").
    ref_hon: String,
    /// The name as headers write it ("MORI Takeshi", "Naoto HISAJIMA").
    header_name: String,
    /// How prose and short headers name the person ("Mori", "van der Berg").
    short: String,
    /// The canonical "Given Family".
    pub canonical: String,
    pub affiliation: String,
}

fn title_case(s: &str) -> String {
    s.split('-')
        .map(|p| {
            let mut cs = p.chars();
            match cs.next() {
                Some(c) => c.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// The family name in capitals, as many reports write it ("O'BRIEN",
/// "van der BERG": particles stay lower case).
fn caps_family(f: &str) -> String {
    f.split(' ')
        .map(|w| {
            if w.chars().next().is_some_and(char::is_lowercase) {
                w.to_string()
            } else {
                w.to_uppercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

const ROLES_OF_PEOPLE: &[&str] = &[
    "Senior Fellow",
    "Director",
    "Programme Officer",
    "Associate Professor",
    "Head of Research",
    "Former Force Commander",
    "Policy Analyst",
    "Deputy Head of Mission",
    "Researcher",
    "Executive Director",
    "Chief of Staff",
    "Senior Adviser",
    "Lecturer in International Relations",
    "Graduate Student",
    "Former Police Commissioner",
    "Legal Officer",
];
const PLACES_OF_WORK: &[&str] = &[
    "Institute for Security Studies",
    "Norman Paterson School of International Affairs",
    "Ministry of Foreign Affairs",
    "Folke Bernadotte Academy",
    "University of Ghana",
    "Kofi Annan International Peacekeeping Training Centre",
    "Permanent Mission to the United Nations",
    "Geneva Centre for Security Policy",
    "Universidad de los Andes",
    "International Crisis Group",
    "National Defence Academy",
    "Clingendael Institute",
    "Pearson Centre",
    "African Union Commission",
    "Department of Peace Operations",
    "Stimson Center",
];

fn affiliation(rng: &mut Rng) -> String {
    let role = rng.pick(ROLES_OF_PEOPLE);
    let org = rng.pick(PLACES_OF_WORK);
    if rng.chance(0.15) {
        org.to_string()
    } else {
        format!("{role}, {org}")
    }
}

fn honorific(rng: &mut Rng, g: Gender) -> (String, String) {
    loop {
        let (h, r, hg) = *rng.pick(HONORIFICS);
        if hg.is_none_or(|x| x == g) {
            return (h.to_string(), r.to_string());
        }
    }
}

/// A person of `culture`; `caps` writes the family name in capitals.
fn person(rng: &mut Rng, culture: Culture, caps: bool) -> Person {
    let gender = if rng.chance(0.5) { Gender::F } else { Gender::M };
    let (hon, ref_hon) = honorific(rng, gender);
    let given_pool = if gender == Gender::F { GIVEN_F } else { GIVEN_M };
    let (header_name, short, canonical) = match culture {
        Culture::Western => {
            let (g, f) = (*rng.pick(given_pool), *rng.pick(FAMILY_W));
            let shown = if caps { caps_family(f) } else { f.to_string() };
            (format!("{g} {shown}"), f.to_string(), format!("{g} {f}"))
        }
        Culture::Particle => {
            let (g, f) = (*rng.pick(given_pool), *rng.pick(PARTICLE_FAMILY));
            let shown = if caps { caps_family(f) } else { f.to_string() };
            (format!("{g} {shown}"), f.to_string(), format!("{g} {f}"))
        }
        Culture::Iberian => {
            let g = *rng.pick(if gender == Gender::F {
                IBERIAN_GIVEN_F
            } else {
                IBERIAN_GIVEN_M
            });
            let f1 = *rng.pick(IBERIAN_FAMILY);
            let mut f2 = *rng.pick(IBERIAN_FAMILY);
            while f2 == f1 {
                f2 = *rng.pick(IBERIAN_FAMILY);
            }
            let f = format!("{f1} {f2}");
            let shown = if caps { caps_family(&f) } else { f.clone() };
            (format!("{g} {shown}"), f.clone(), format!("{g} {f}"))
        }
        Culture::Patronymic => {
            let g = *rng.pick(if gender == Gender::F {
                PATRON_GIVEN_F
            } else {
                PATRON_GIVEN_M
            });
            let link = if gender == Gender::F { "binti" } else { "bin" };
            let father = *rng.pick(PATRON_FATHER);
            let full = format!("{g} {link} {father}");
            (full.clone(), g.to_string(), full)
        }
        Culture::EastAsian => {
            let (f, g) = *rng.pick(EAST_ASIAN);
            let fam = title_case(f);
            (format!("{f} {g}"), fam.clone(), format!("{g} {fam}"))
        }
        Culture::Initials => {
            let (i, f) = (*rng.pick(INITIALS), *rng.pick(FAMILY_INITIALS));
            let shown = if caps { f.to_uppercase() } else { f.to_string() };
            (format!("{i} {shown}"), f.to_string(), format!("{i} {f}"))
        }
    };
    Person {
        gender,
        hon,
        ref_hon,
        header_name,
        short,
        canonical,
        affiliation: affiliation(rng),
    }
}

fn culture(rng: &mut Rng) -> Culture {
    *rng.pick(&[
        Culture::Western,
        Culture::Western,
        Culture::Particle,
        Culture::Iberian,
        Culture::Patronymic,
        Culture::EastAsian,
        Culture::Initials,
    ])
}

// ---------------------------------------------------------------- front matter

const ORGS: &[&str] = &[
    "Kyoto Peacebuilding Center (KPC)",
    "Global Peacebuilding Association of Japan (GPAJ)",
    "Nordic Institute for Mediation Studies",
    "West Africa Resilience Network",
    "Pearson Centre Alumni Association",
    "Canadian Council on International Cooperation (CCIC)",
    "Geneva Centre for Civilian Deployment (GCCD)",
    "Seoul Forum for Peace Operations (SFPO)",
    "Institute for Peace Operations Research",
    "Andean Network of Peacekeeping Training Centres",
    "Baltic Defence College",
    "Centre for Conflict Resolution",
    "Pacific Islands Security Forum",
    "Academic Council on the United Nations System (ACUNS)",
];
/// Organizer names with "and" or "&", only used where each name has its own
/// line (a run-in "A and B present" cannot tell them apart).
const ORGS_WITH_AND: &[&str] = &[
    "Institute for Peace and Security Studies",
    "Centre for Peace & Conflict Research",
    "Association for Training and Research in Peace Operations",
];
const TOPICS: &[&str] = &[
    "Japan's International Peace Cooperation",
    "Policing in UN Peace Operations",
    "Women in Peacekeeping",
    "Water, Climate and Conflict in the Sahel",
    "Protection of Civilians",
    "Technology and Peacekeeping",
    "Mine Action after the Ceasefire",
    "Maritime Security in the Gulf of Guinea",
    "Elections and Transitions",
    "From Blue Helmets to Partnerships",
];
const SUBTITLES: &[&str] = &[
    "Past, Present, and Future",
    "Lessons for Mediators",
    "A Record Revisited",
    "Thirty Years of Contributions",
    "What the Missions Taught Us",
    "Challenges and Opportunities",
];

/// A place of a date line: (how it is written, IANA zone).
const CITY_ZONES: &[(&str, &str)] = &[
    ("Tokyo", "Asia/Tokyo"),
    ("Paris", "Europe/Paris"),
    ("New York", "America/New_York"),
    ("Geneva", "Europe/Zurich"),
    ("London", "Europe/London"),
    ("Ottawa", "America/Toronto"),
    ("Seoul", "Asia/Seoul"),
    ("Nairobi", "Africa/Nairobi"),
    ("Berlin", "Europe/Berlin"),
    ("Washington, D.C.", "America/New_York"),
    ("Bangkok", "Asia/Bangkok"),
    ("Sydney", "Australia/Sydney"),
    ("Addis Ababa", "Africa/Addis_Ababa"),
    ("Brussels", "Europe/Brussels"),
    ("Stockholm", "Europe/Stockholm"),
    ("Accra", "Africa/Accra"),
    ("Los Angeles", "America/Los_Angeles"),
    ("Bogotá", "America/Bogota"),
    ("New Delhi", "Asia/Kolkata"),
    ("Jakarta", "Asia/Jakarta"),
    ("The Hague", "Europe/Amsterdam"),
];
/// Zones whose abbreviations are unambiguous in the genre.
const ABBREV_ZONES: &[&str] = &[
    "Asia/Tokyo",
    "Europe/Paris",
    "America/New_York",
    "Europe/London",
    "Asia/Seoul",
    "America/Los_Angeles",
    "Africa/Nairobi",
    "UTC",
];

const MONTH_NAMES: [&str; 12] = [
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

fn month_abbr(m: usize, rng: &mut Rng) -> String {
    let full = MONTH_NAMES[m - 1];
    if full.len() <= 4 {
        return full.to_string();
    }
    if m == 9 && rng.chance(0.3) {
        return "Sept.".to_string();
    }
    format!("{}.", &full[..3])
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// The event's date: any day of 2015-2025, or (one in four) a day on which
/// Europe or North America changes to or from daylight-saving time.
fn event_date(rng: &mut Rng) -> Date {
    let year = rng.range(2015, 2025) as i16;
    if rng.chance(0.25) {
        let nth_sunday = |m: i8, n: i8| date(year, m, 1).nth_weekday_of_month(n, Weekday::Sunday).expect("date");
        return match rng.below(4) {
            0 => nth_sunday(3, -1),
            1 => nth_sunday(10, -1),
            2 => nth_sunday(3, 2),
            _ => nth_sunday(11, 1),
        };
    }
    let m = rng.range(1, 12) as i8;
    let d = rng.range(1, 28) as i8;
    date(year, m, d)
}

fn clock(h: i8, mi: i8, style: usize) -> String {
    match style {
        0 => format!("{h:02}:{mi:02}"),
        1 => {
            let (h12, ap) = match h {
                0 => (12, "a.m."),
                1..=11 => (h, "a.m."),
                12 => (12, "p.m."),
                _ => (h - 12, "p.m."),
            };
            format!("{h12}:{mi:02} {ap}")
        }
        2 => format!("{h}.{mi:02}"),
        _ => {
            let (h12, ap) = match h {
                0 => (12, "AM"),
                1..=11 => (h, "AM"),
                12 => (12, "PM"),
                _ => (h - 12, "PM"),
            };
            format!("{h12}:{mi:02} {ap}")
        }
    }
}

fn written_date(d: Date, style: usize) -> String {
    let month = MONTH_NAMES[d.month() as usize - 1];
    let wd = weekday_name(d.weekday());
    match style {
        0 => format!("{wd}, {} {month} {}", d.day(), d.year()),
        1 => format!("{wd}, {month} {}, {}", d.day(), d.year()),
        2 => format!("{wd}, {:02}/{:02}/{}", d.day(), d.month(), d.year()),
        3 => format!("{} {month} {}", d.day(), d.year()),
        _ => format!("{wd} {} {month} {}", d.day(), d.year()),
    }
}

/// The date/time line(s) and the gold date and start instant.
fn date_lines(rng: &mut Rng) -> (String, String, Option<String>) {
    let d = event_date(rng);
    let gold_date = d.to_string();
    let h = rng.range(7, 20) as i8;
    let mi = *rng.pick(&[0i8, 0, 30, 15]);
    let style = rng.below(6);
    let clock_style = rng.below(4);
    let places: Vec<(String, String)> = if style == 1 {
        let mut zs: Vec<&str> = Vec::new();
        while zs.len() < rng.range(1, 3) {
            let z = *rng.pick(ABBREV_ZONES);
            if !zs.contains(&z) {
                zs.push(z);
            }
        }
        zs.iter().map(|z| (String::new(), z.to_string())).collect()
    } else {
        let n = if style == 0 { rng.range(1, 3) } else { 1 };
        let mut ps: Vec<(&str, &str)> = Vec::new();
        while ps.len() < n {
            let p = *rng.pick(CITY_ZONES);
            if !ps.iter().any(|q| q.1 == p.1) {
                ps.push(p);
            }
        }
        ps.iter().map(|(c, z)| (c.to_string(), z.to_string())).collect()
    };
    let tz0 = TimeZone::get(&places[0].1).expect("zone");
    let Ok(zoned) = d.at(h, mi, 0, 0).to_zoned_datetime(tz0) else {
        return (written_date(d, 3), gold_date, None);
    };
    let instant = zoned.timestamp();
    let start_utc = instant.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    let local = |zone: &str| {
        let z = instant.to_zoned_datetime(TimeZone::get(zone).expect("zone"));
        (
            z.hour(),
            z.minute(),
            z.time_zone().to_offset_info(instant).abbreviation().to_string(),
        )
    };
    let line = match style {
        // Wednesday, 27 July 2022 8:00 p.m. Tokyo, 1:00 p.m. Paris
        0 => {
            let parts: Vec<String> = places
                .iter()
                .map(|(c, z)| {
                    let (lh, lm, _) = local(z);
                    format!("{} {c}", clock(lh, lm, clock_style))
                })
                .collect();
            format!("{} {}", written_date(d, rng.below(2)), parts.join(", "))
        }
        // Tuesday, April 9, 2024 20:00 JST / 13:00 CEST / 07:00 EDT
        1 => {
            let parts: Vec<String> = places
                .iter()
                .map(|(_, z)| {
                    let (lh, lm, ab) = local(z);
                    format!("{} {ab}", clock(lh, lm, if clock_style == 2 { 0 } else { clock_style }))
                })
                .collect();
            let sep = if rng.chance(0.5) { " / " } else { ", " };
            format!("{}, {}", written_date(d, rng.below(2)), parts.join(sep))
        }
        // Wednesday, 27/07/2022, 14:00-15:30 (Geneva time)
        2 => format!(
            "{}, {}-{} ({} time)",
            written_date(d, 2),
            clock(h, mi, 0),
            clock((h + 1) % 24, mi, 0),
            places[0].0
        ),
        // Date: 16 March 2023 / Time: 15:00-16:30 (Nairobi)
        3 => format!(
            "Date: {}\n\nTime: {}–{} ({})",
            written_date(d, 3),
            clock(h, mi, 0),
            clock((h + 2) % 24, mi, 0),
            places[0].0
        ),
        // 16 March 2023, 15:00 Geneva time
        4 => format!(
            "{}, {} {} time",
            written_date(d, 3),
            clock(h, mi, clock_style),
            places[0].0
        ),
        // Thursday 16 March 2023 | 15:00 (London)
        _ => format!("{} | {} ({})", written_date(d, 4), clock(h, mi, 0), places[0].0),
    };
    (line, gold_date, Some(start_utc))
}

fn plain_name(rng: &mut Rng) -> String {
    let g = if rng.chance(0.5) {
        *rng.pick(GIVEN_F)
    } else {
        *rng.pick(GIVEN_M)
    };
    format!("{g} {}", rng.pick(FAMILY_W))
}

/// The compiler line and its gold (the names as written, both kept).
fn compiler_line(rng: &mut Rng) -> (String, String) {
    let a = plain_name(rng);
    let b = plain_name(rng);
    match rng.below(7) {
        0 => (format!("Report compiled by: {a}"), a),
        1 => (format!("Rapporteur: {a}"), a),
        2 => (format!("Rapporteurs: {a}, {b}"), format!("{a}, {b}")),
        3 => (format!("Prepared by {a} and {b}"), format!("{a} and {b}")),
        4 => (format!("Compiled by {a}"), a),
        5 => (format!("Report prepared by: Dr. {a}"), format!("Dr. {a}")),
        _ => (format!("Rapporteurs: {a} and {b}"), format!("{a} and {b}")),
    }
}

// ---------------------------------------------------------------- sections

/// Heading styles: a heading per section kind (presentation, panel,
/// discussion), numbered as the style does.
fn section_titles(rng: &mut Rng, kinds: &[usize]) -> Vec<String> {
    const WORDS: [[&str; 3]; 4] = [
        ["Presentation", "Comments", "Discussion"],
        ["Keynote", "Panel Responses", "Q&A"],
        ["Opening Session", "Panel", "Open Floor"],
        ["Presentations", "Discussants", "Questions and Answers"],
    ];
    const CAPS: [&str; 3] = ["PRESENTATION", "PANEL", "DISCUSSION"];
    const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
    const ORD: [&str; 4] = ["ONE", "TWO", "THREE", "FOUR"];
    let words = *rng.pick(&WORDS);
    let style = rng.below(7);
    kinds
        .iter()
        .enumerate()
        .map(|(i, &k)| match style {
            0 => format!("Part {}: {}", ROMAN[i], words[k]),
            1 => format!("PART {} – {}", ORD[i], CAPS[k]),
            2 => format!("{}. {}", ROMAN[i], words[k]),
            3 => format!("Session {}: {}", i + 1, words[k]),
            4 => format!("Part {} – {}", i + 1, words[k]),
            5 => [words[0], words[1], "Q&A Session"][k].to_string(),
            _ => format!("Session {} - {}", i + 1, words[k]),
        })
        .collect()
}

// ---------------------------------------------------------------- prose

const OPENING_VERBS: &[&str] = &[
    "opened the session by recalling that",
    "began with a reminder that",
    "welcomed the participants and noted that",
    "started by noting that",
    "argued that",
    "explained that",
    "stressed that",
];
const REPLY_VERBS: &[&str] = &[
    "replied that",
    "answered that",
    "added that",
    "asked whether",
    "agreed that",
    "wondered whether",
    "responded that",
    "questioned whether",
];
const CLAUSES: &[&str] = &[
    "the mandate of the mission had changed several times since its creation",
    "the number of uniformed personnel in UN operations has fallen sharply since the mid-1990s",
    "pre-deployment training should include more practice in mentoring",
    "the protection of civilians depends on the trust of local communities",
    "the regional organizations have taken a larger role in crisis management",
    "the early warning systems have improved, but political will remains the weakest link",
    "women police officers were particularly effective in reaching victims of violence",
    "funding for conflict prevention has not grown in proportion to humanitarian aid",
    "the contingents were widely regarded as professional and well equipped",
    "the lessons of the past decade had not yet been fully learned by member states",
];
const SENTENCES: &[&str] = &[
    "This requires a clear division of labour between the mission and the country team.",
    "The experience of the past decades shows that short commitments have limits.",
    "Several member states have since adopted national strategies for civilian deployment.",
    "The challenge is to translate this reputation into senior appointments.",
    "In the field, the missions depend on reliable communications and logistics.",
    "The discussion showed that these questions remain open.",
    "According to the speaker, the main obstacles are language requirements and recognition of field service.",
];

fn pronoun(p: &Person) -> &'static str {
    if p.gender == Gender::F { "She" } else { "He" }
}

/// How prose names a person ("Dr. Mensah", "Ambassador de la Cruz").
fn reference(p: &Person) -> String {
    if p.ref_hon.is_empty() {
        p.canonical.clone()
    } else {
        format!("{} {}", p.ref_hon, p.short)
    }
}

fn paragraph(rng: &mut Rng, opener: String) -> String {
    let mut s = opener;
    for _ in 0..rng.range(1, 3) {
        s.push(' ');
        let sentence: &&str = rng.pick(SENTENCES);
        s.push_str(sentence);
    }
    s
}

// ---------------------------------------------------------------- dispatches

/// Missions and their locations (as written: aliases and accents included).
const MISSIONS: &[(&str, &[&str])] = &[
    ("UNTAC", &["Cambodia"]),
    ("UNOSOM II", &["Somalia"]),
    ("MONUC/MONUSCO", &["DRC"]),
    ("MONUSCO", &["Democratic Republic of the Congo"]),
    ("UNOCI", &["Côte d'Ivoire"]),
    ("UNMIT", &["Timor Leste"]),
    ("UNMISET", &["Timor-Leste"]),
    ("UNTAET", &["East Timor"]),
    ("UNMISS", &["South Sudan"]),
    ("UNIFIL", &["Lebanon"]),
    ("MINUSMA", &["Mali"]),
    ("UNAMID", &["Sudan"]),
    ("UNMIL", &["Liberia"]),
    ("UNAMSIL", &["Sierra Leone"]),
    ("MINUSTAH", &["Haiti"]),
    ("UNDOF", &["Israel", "Syria", "Lebanon"]),
    ("UNFICYP", &["Cyprus"]),
    ("UNMIK", &["Kosovo"]),
    ("UNMEE", &["Ethiopia", "Eritrea"]),
    ("MINURSO", &["Western Sahara"]),
    ("UNMOGIP", &["India", "Pakistan"]),
    ("MINUSCA", &["Central African Republic"]),
    ("UNAVEM III", &["Angola"]),
    ("UNMIN", &["Nepal"]),
    ("ONUMOZ", &["Mozambique"]),
    ("UNPROFOR", &["Bosnia and Herzegovina"]),
];

/// Unit roles of the genre.
const ROLES: &[&str] = &[
    "Engineering Units",
    "Infantry Units",
    "Staff Officers",
    "Military Observers",
    "Civilian Police",
    "Medical Units",
    "Level 2 Hospital",
    "Level II Hospital",
    "Transport Units",
    "Aviation Units",
    "Signals Units",
    "Liaison & Coordination Personnel",
    "Movement Control Units",
    "Formed Police Units",
    "Military Liaison Officers",
    "Headquarters Staff",
    "Demining Units",
    "Riverine Units",
    "Individual Police Officers",
    "Military Experts on Mission",
];

/// A planted typo: a transposition, a doubled, a dropped or a replaced
/// letter inside one word of at least six letters.
fn typo(rng: &mut Rng, role: &str) -> Option<String> {
    let words: Vec<&str> = role.split(' ').collect();
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].chars().count() >= 6 && words[i].chars().all(|c| c.is_ascii_alphabetic()))
        .collect();
    if long.is_empty() {
        return None;
    }
    let wi = long[rng.below(long.len())];
    let mut cs: Vec<char> = words[wi].chars().collect();
    // Keep the first letter (readers and repairers anchor on it).
    let at = rng.range(1, cs.len() - 2);
    match rng.below(4) {
        0 => cs.swap(at, at + 1),
        1 => cs.insert(at, cs[at]),
        2 => {
            cs.remove(at);
        }
        _ => {
            let c = cs[at];
            cs[at] = if c == 'e' { 'a' } else { 'e' };
        }
    }
    let w: String = cs.into_iter().collect();
    if w == words[wi] {
        return None;
    }
    let mut out: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    out[wi] = w;
    Some(out.join(" "))
}

fn ym(y: usize, m: usize) -> String {
    format!("{y:04}-{m:02}")
}

/// A phase as written and its gold.
fn phase(rng: &mut Rng, first: bool, start_year: usize) -> (String, Value) {
    let p = *rng.pick(&[5usize, 10, 40, 42, 120, 250, 350, 680, 700, 1200]);
    let r = rng.range(1, 12);
    let gold = |q: Value, f: Value, per: Value, rot: Value, max: Value| json!({"qualifier": q, "from": f, "personnel": per, "rotations": rot, "max": max});
    let n = Value::Null;
    let k = if first { rng.below(10) } else { 6 + rng.below(3) };
    match k {
        0 | 1 => (format!("{p}x{r}"), gold(n.clone(), n.clone(), json!(p), json!(r), n)),
        2 => (format!("{p} x {r}"), gold(n.clone(), n.clone(), json!(p), json!(r), n)),
        3 => (format!("{p}×{r}"), gold(n.clone(), n.clone(), json!(p), json!(r), n)),
        4 => {
            let w = *rng.pick(&["approx.", "about", "c.", "approximately", "ca."]);
            (format!("{w} {p}"), gold(n.clone(), n.clone(), json!(p), n.clone(), n))
        }
        5 => (
            format!("max {r}"),
            gold(n.clone(), n.clone(), n.clone(), n.clone(), json!(r)),
        ),
        6 => {
            let y = start_year + rng.range(1, 3);
            (
                format!("from {y} {p}"),
                gold(json!("from"), json!(y.to_string()), json!(p), n.clone(), n),
            )
        }
        7 => {
            let y = start_year + rng.range(1, 3);
            let m = rng.range(1, 12);
            (
                format!("from {} {y} {p}", MONTH_NAMES[m - 1]),
                gold(json!("from"), json!(ym(y, m)), json!(p), n.clone(), n),
            )
        }
        8 => {
            let y = start_year + rng.range(1, 3);
            (
                format!("in {y} {p}x{r}"),
                gold(json!("in"), json!(y.to_string()), json!(p), json!(r), n),
            )
        }
        _ => (format!("{p}"), gold(n.clone(), n.clone(), json!(p), n.clone(), n)),
    }
}

/// The date range as written, and gold start and end.
fn date_range(rng: &mut Rng) -> (String, String, Option<String>) {
    let y0 = rng.range(1989, 2018);
    let m0 = rng.range(1, 12);
    let y1 = y0 + rng.range(0, 6);
    let m1 = if y1 == y0 { rng.range(m0, 12) } else { rng.range(1, 12) };
    let open = rng.chance(0.2);
    let start = ym(y0, m0);
    let end = (!open).then(|| ym(y1, m1));
    let dash = *rng.pick(&["-", " - ", "–", " – ", " to "]);
    let text = match rng.below(5) {
        0 | 1 => {
            let a = format!("{m0:02}.{y0}");
            if open {
                format!("{a}{}{}", dash, rng.pick(&["present", "present", "ongoing"]))
            } else {
                format!("{a}{dash}{m1:02}.{y1}")
            }
        }
        2 => {
            let a = format!("{} {y0}", month_abbr(m0, rng));
            if open {
                format!("{a}{dash}present")
            } else {
                format!("{a}{dash}{} {y1}", month_abbr(m1, rng))
            }
        }
        3 => {
            let a = format!("{} {y0}", MONTH_NAMES[m0 - 1]);
            if open {
                format!("{a} to present")
            } else {
                format!("{a}{dash}{} {y1}", MONTH_NAMES[m1 - 1])
            }
        }
        _ => {
            if open {
                format!("from {} {y0}", month_abbr(m0, rng))
            } else {
                format!("{m0:02}/{y0}{dash}{m1:02}/{y1}")
            }
        }
    };
    (text, start, end)
}

/// One dispatch entry (without marker) and its gold; `seen` is the record's
/// role vocabulary so far (a typo is planted only in a role the reader can
/// know: one of the genre's or one the record already wrote correctly).
fn dispatch_entry(rng: &mut Rng, seen: &mut Vec<String>) -> (String, Value) {
    let (mission, locs) = *rng.pick(MISSIONS);
    let (dates, start, end) = date_range(rng);
    let loc_text = match locs.len() {
        1 => locs[0].to_string(),
        2 => format!("{} and {}", locs[0], locs[1]),
        _ => format!("{}, {} and {}", locs[0], locs[1], locs[2]),
    };
    let comma = if rng.chance(0.5) { "," } else { "" };
    let nunits = rng.range(1, 3);
    let mut roles: Vec<&str> = Vec::new();
    while roles.len() < nunits {
        let r = *rng.pick(ROLES);
        if !roles.iter().any(|x| {
            x.trim_end_matches('s') == r.trim_end_matches('s') || x.contains("Hospital") && r.contains("Hospital")
        }) {
            roles.push(r);
        }
    }
    let start_year: usize = start[..4].parse().expect("year");
    let mut unit_texts = Vec::new();
    let mut unit_golds = Vec::new();
    for role in roles {
        let written = if seen.iter().any(|s| s == role) && rng.chance(0.5) || rng.chance(0.1) {
            typo(rng, role).unwrap_or_else(|| role.to_string())
        } else {
            role.to_string()
        };
        if written == role && !seen.iter().any(|s| s == role) {
            seen.push(role.to_string());
        }
        let nph = if role.contains("Hospital") && rng.chance(0.5) {
            0
        } else {
            rng.range(1, 2)
        };
        let mut ph_texts = Vec::new();
        let mut ph_golds = Vec::new();
        for k in 0..nph {
            let (t, g) = phase(rng, k == 0, start_year);
            ph_texts.push(t);
            ph_golds.push(g);
        }
        unit_texts.push(if ph_texts.is_empty() {
            written
        } else {
            format!("{written} ({})", ph_texts.join(", "))
        });
        unit_golds.push(json!({"role": role, "phases": ph_golds}));
    }
    let text = format!("{mission}{comma} {loc_text} {dates}: {}", unit_texts.join(", "));
    let gold = json!({
        "mission": mission,
        "locations": locs,
        "start": start,
        "end": end,
        "units": unit_golds,
    });
    (text, gold)
}

/// Breaks a long entry once at a space after its colon (a wrapped line),
/// indented or not.
fn wrap(rng: &mut Rng, entry: &str) -> String {
    let Some(colon) = entry.find(": ") else {
        return entry.to_string();
    };
    let spaces: Vec<usize> = entry
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i > colon + 2)
        .map(|(i, _)| i)
        .collect();
    if spaces.len() < 2 {
        return entry.to_string();
    }
    let at = spaces[rng.below(spaces.len() - 1)];
    let indent = if rng.chance(0.6) { "   " } else { "" };
    format!("{}\n{indent}{}", &entry[..at], &entry[at + 1..])
}

/// A dispatch record (introduction and entries) and its gold.
fn dispatch_record(rng: &mut Rng, speaker: &Person, country: &str) -> (String, Vec<Value>) {
    let intro = match rng.below(4) {
        0 => format!("Record of {country}'s Dispatch to Peace Operations since 1992:"),
        1 => format!(
            "{} presented the record of {country}'s dispatches to UN operations:",
            pronoun(speaker)
        ),
        2 => format!("{country}'s dispatches to UN peace operations were the following:"),
        _ => format!(
            "{} listed the main contributions of {country} to UN peacekeeping operations:",
            pronoun(speaker)
        ),
    };
    let n = rng.range(3, 8);
    let marker = rng.below(5);
    let mut seen = Vec::new();
    let mut lines = Vec::new();
    let mut golds = Vec::new();
    for i in 0..n {
        let (mut text, gold) = dispatch_entry(rng, &mut seen);
        let term = if i + 1 == n { "." } else { ";" };
        text.push_str(term);
        if rng.chance(0.25) {
            text = wrap(rng, &text);
        }
        let m = match marker {
            0 => format!("{}. ", i + 1),
            1 => format!("- {}. ", i + 1),
            2 => format!("{}) ", i + 1),
            3 => "- ".to_string(),
            _ => "• ".to_string(),
        };
        lines.push(format!("{m}{text}"));
        golds.push(gold);
    }
    (format!("{intro}\n\n{}", lines.join("\n")), golds)
}

const COUNTRIES: &[&str] = &[
    "Japan",
    "Korea",
    "Canada",
    "Ghana",
    "Brazil",
    "Sweden",
    "Indonesia",
    "Uruguay",
];

// ---------------------------------------------------------------- document

/// Header layouts of a document.
#[derive(Clone, Copy, PartialEq)]
enum Layout {
    Dash,
    Comma,
    TwoLines,
    Parens,
    Bold,
}

fn header(p: &Person, layout: Layout) -> String {
    let name = if p.hon.is_empty() {
        p.header_name.clone()
    } else {
        format!("{} {}", p.hon, p.header_name)
    };
    match layout {
        Layout::Dash => format!("{name} – {}", p.affiliation),
        Layout::Comma => format!("{name}, {}", p.affiliation),
        Layout::TwoLines => format!("{name}\n{}", p.affiliation),
        Layout::Parens => format!("{name} ({})", p.affiliation),
        Layout::Bold => format!("**{name}**, {}", p.affiliation),
    }
}

/// A short-form header naming a repeated speaker ("Dr. Mensah").
fn short_header(p: &Person, markdown: bool) -> String {
    let h = reference(p);
    if markdown { format!("**{h}**") } else { h }
}

struct Turn {
    section: Option<String>,
    speaker: usize,
    header: String,
    paragraphs: Vec<String>,
}

/// What a reader can tell honorifics apart by: "Dr." and "Dr" are one
/// title, so are "Amb.", "Ambassador" and "H.E.", and the ranks of one
/// grade ("Maj. Gen." and "General").
fn hon_class(h: &str) -> String {
    let h = h.split('(').next().unwrap_or(h);
    let folded: String = h
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect();
    let last = folded.split_whitespace().last().unwrap_or("").to_string();
    match last.as_str() {
        "prof" | "professor" => "prof".into(),
        "amb" | "ambassador" | "he" => "amb".into(),
        "gen" | "general" => "gen".into(),
        "mr" | "sr" => "mr".into(),
        "ms" | "mrs" | "sra" | "mme" => "ms".into(),
        _ => last,
    }
}

/// The cast: 3-7 people of mixed cultures, sometimes two sharing a family
/// name (told apart by their honorifics).
fn cast(rng: &mut Rng) -> Vec<Person> {
    let n = rng.range(3, 7);
    let caps = rng.chance(0.4);
    let mut people: Vec<Person> = Vec::new();
    let mut tries = 0;
    while people.len() < n && tries < 200 {
        tries += 1;
        let c = culture(rng);
        let mut p = person(rng, c, caps);
        if c == Culture::EastAsian && rng.chance(0.3) {
            p.hon.clear();
            p.ref_hon.clear();
        }
        let clash = people.iter().any(|q| {
            q.canonical == p.canonical
                || (q.short == p.short
                    && (hon_class(&q.ref_hon) == hon_class(&p.ref_hon) || q.ref_hon.is_empty() || p.ref_hon.is_empty()))
        });
        if !clash {
            people.push(p);
        }
    }
    // Two people of one family name, distinct honorifics.
    if rng.chance(0.25) {
        let base = people[0].clone();
        if let Some(mut twin) = (0..20).map(|_| person(rng, Culture::Western, caps)).find(|q| {
            hon_class(&q.ref_hon) != hon_class(&base.ref_hon)
                && !q.ref_hon.is_empty()
                && !base.ref_hon.is_empty()
                && q.gender != base.gender
        }) {
            let given = twin.canonical.split(' ').next().unwrap_or("Ama").to_string();
            if base.canonical.split(' ').next() != Some(given.as_str()) && !matches!(base.short.as_str(), "") {
                let fam = base.short.clone();
                twin.header_name = if caps {
                    format!("{given} {}", caps_family(&fam))
                } else {
                    format!("{given} {fam}")
                };
                twin.canonical = format!("{given} {fam}");
                twin.short = fam;
                if !people.iter().any(|q| q.canonical == twin.canonical)
                    && base.hon.contains('.') == twin.hon.contains('.')
                {
                    people.push(twin);
                }
            }
        }
    }
    people
}

/// Generates the document of `seed`.
pub fn generate(seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let rng = &mut rng;
    let markdown = rng.chance(0.3);
    let people = cast(rng);
    let layout = if markdown && rng.chance(0.6) {
        Layout::Bold
    } else {
        *rng.pick(&[Layout::Dash, Layout::Comma, Layout::TwoLines, Layout::Parens])
    };
    let mut blocks: Vec<String> = Vec::new();

    // Title block.
    let mut orgs: Vec<String> = Vec::new();
    let two_line_block = rng.chance(0.5);
    while orgs.len() < rng.range(1, 2) {
        let o = if two_line_block && rng.chance(0.3) {
            rng.pick(ORGS_WITH_AND)
        } else {
            rng.pick(ORGS)
        };
        if !orgs.iter().any(|x| x == o) {
            orgs.push(o.to_string());
        }
    }
    let title = if rng.chance(0.7) {
        format!("{}: {}", rng.pick(TOPICS), rng.pick(SUBTITLES))
    } else {
        rng.pick(TOPICS).to_string()
    };
    let presenter = &people[0];
    let h1 = if markdown { "# " } else { "" };
    let h2 = if markdown { "## " } else { "" };
    let presenter_line = if presenter.hon.is_empty() {
        presenter.header_name.clone()
    } else {
        format!("{} {}", presenter.hon, presenter.header_name)
    };
    if two_line_block {
        let mut first = true;
        for o in &orgs {
            if !first {
                blocks.push("and".into());
            }
            blocks.push(o.clone());
            first = false;
        }
        blocks.push("Present".into());
        blocks.push(presenter_line);
        blocks.push("on".into());
        blocks.push(format!("{h2}{title}"));
    } else if rng.chance(0.5) {
        blocks.push(format!("{h1}{} present", orgs.join(" and ")));
        blocks.push(if markdown {
            format!("**{presenter_line}**")
        } else {
            presenter_line
        });
        blocks.push("on".into());
        blocks.push(format!("{h2}{title}"));
    } else {
        blocks.push(format!("{h1}{title}"));
        blocks.push(format!("Organized by {}", orgs.join(" and ")));
    }
    let (date_line, gold_date, start_utc) = date_lines(rng);
    blocks.push(date_line);
    let (comp_line, compiled_by) = compiler_line(rng);
    let compiler_at_end = rng.chance(0.15);
    if !compiler_at_end {
        blocks.push(comp_line.clone());
    }

    // Sections and turns.
    let has_panel = people.len() >= 4 && rng.chance(0.7);
    let kinds: Vec<usize> = if has_panel { vec![0, 1, 2] } else { vec![0, 2] };
    let use_sections = rng.chance(0.85);
    let titles = section_titles(rng, &kinds);
    let closing = use_sections && rng.chance(0.3);
    let mut turns: Vec<Turn> = Vec::new();
    let mut spoken = vec![false; people.len()];
    let panel: Vec<usize> = if has_panel {
        vec![1, 2.min(people.len() - 1)]
    } else {
        vec![]
    };
    let audience: Vec<usize> = (1..people.len()).filter(|i| !panel.contains(i)).collect();
    let country = *rng.pick(COUNTRIES);
    let mut dispatches = Vec::new();
    let new_turn =
        |rng: &mut Rng, section: &Option<String>, who: usize, spoken: &mut Vec<bool>, opener_verbs: &[&str]| {
            let p = &people[who];
            let short = spoken[who] && rng.chance(0.5);
            let header = if short {
                short_header(p, markdown)
            } else {
                header(p, layout)
            };
            spoken[who] = true;
            let opener = format!("{} {} {}.", reference(p), rng.pick(opener_verbs), rng.pick(CLAUSES));
            let mut paragraphs = vec![paragraph(rng, opener)];
            if rng.chance(0.3) {
                let (verb, clause) = (*rng.pick(OPENING_VERBS), *rng.pick(CLAUSES));
                paragraphs.push(paragraph(rng, format!("{} {verb} {clause}.", pronoun(p))));
            }
            Turn {
                section: section.clone(),
                speaker: who,
                header,
                paragraphs,
            }
        };
    for (si, &kind) in kinds.iter().enumerate() {
        let section = use_sections.then(|| titles[si].clone());
        match kind {
            0 => {
                let mut t = new_turn(rng, &section, 0, &mut spoken, OPENING_VERBS);
                if rng.chance(0.6) {
                    let (rec, golds) = dispatch_record(rng, &people[0], country);
                    t.paragraphs.push(rec);
                    dispatches = golds;
                    t.paragraphs.push(paragraph(
                        rng,
                        format!("{} noted that the list is not complete.", reference(&people[0])),
                    ));
                } else if rng.chance(0.4) {
                    let items = [
                        "Consult communities before deployment",
                        "Train staff in conflict-sensitive planning",
                        "Share data among missions",
                    ];
                    let style = *rng.pick(&["- ", "• ", "1) "]);
                    let list: Vec<String> = items
                        .iter()
                        .enumerate()
                        .map(|(i, it)| {
                            let m = if style == "1) " {
                                format!("{}) ", i + 1)
                            } else {
                                style.to_string()
                            };
                            format!("{m}{it}")
                        })
                        .collect();
                    t.paragraphs.push(format!(
                        "{} recommendations were:\n\n{}",
                        if people[0].gender == Gender::F { "Her" } else { "His" },
                        list.join("\n")
                    ));
                }
                turns.push(t);
            }
            1 => {
                for &w in &panel {
                    turns.push(new_turn(rng, &section, w, &mut spoken, OPENING_VERBS));
                }
            }
            _ => {
                let asked: Vec<usize> = if audience.is_empty() {
                    panel.clone()
                } else {
                    audience.clone()
                };
                for &a in asked.iter().take(3) {
                    turns.push(new_turn(rng, &section, a, &mut spoken, REPLY_VERBS));
                    let responder = if !panel.is_empty() && rng.chance(0.3) {
                        panel[rng.below(panel.len())]
                    } else {
                        0
                    };
                    turns.push(new_turn(rng, &section, responder, &mut spoken, REPLY_VERBS));
                }
            }
        }
    }
    if closing {
        let section = Some("Closing Remarks".to_string());
        let who = *panel.first().unwrap_or(&0);
        turns.push(new_turn(rng, &section, who, &mut spoken, OPENING_VERBS));
    }

    // Render.
    let mut current: Option<String> = None;
    for t in &turns {
        if t.section != current {
            if let Some(s) = &t.section {
                blocks.push(format!("{h2}{s}"));
            }
            current = t.section.clone();
        }
        blocks.push(t.header.clone());
        blocks.extend(t.paragraphs.iter().cloned());
    }
    if compiler_at_end {
        blocks.push(comp_line);
    }
    let text = blocks.join("\n\n") + "\n";

    // Gold.
    let mut first_aff: Vec<Option<String>> = vec![None; people.len()];
    for t in &turns {
        if first_aff[t.speaker].is_none() {
            first_aff[t.speaker] = Some(people[t.speaker].affiliation.clone());
        }
    }
    let gold_people: Vec<Value> = people
        .iter()
        .enumerate()
        .filter(|(i, _)| spoken[*i] || *i == 0)
        .map(|(i, p)| json!({"name": p.canonical, "honorific": p.hon, "affiliation": first_aff[i]}))
        .collect();
    let gold_turns: Vec<Value> = turns
        .iter()
        .map(|t| {
            let words: Vec<&str> = t.paragraphs[0].split_whitespace().take(8).collect();
            json!({"section": t.section, "speaker": people[t.speaker].canonical, "first_words": words.join(" ")})
        })
        .collect();
    let gold = json!({
        "document": format!("generated-{seed}"),
        "event": {
            "title": title,
            "date": gold_date,
            "start_utc": start_utc,
            "organizers": orgs,
            "compiled_by": compiled_by,
        },
        "people": gold_people,
        "turns": gold_turns,
        "dispatches": dispatches,
        "joined_sentences": [],
    });
    Generated {
        seed,
        file_name: if markdown { "doc.md".into() } else { "doc.txt".into() },
        text,
        gold,
    }
}
