//! Country and territory names: ISO 3166-1 alpha-3 codes for the locations of
//! a dispatch entry, and the split of a location list into places.
//!
//! The table is `data/country-names.tsv`, generated from the public-domain
//! `datasets/country-codes` CSV by `scripts/country-names.py` (English CLDR,
//! UNTERM and official names), plus [`ALIASES`]: historical and colloquial
//! names reports use. Names are compared after [`fold`] (case, accents,
//! apostrophes, `&`, hyphens, "the", "St." folded away).
//!
//! Hands on [`code_of`] (name to code) and [`split_locations`] (which pieces
//! of "Israel, Syria and Lebanon" or "Bosnia and Herzegovina" are one place).

use std::collections::HashMap;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// The generated table: `ALPHA3 \t name|name|...`, `#` lines are comments.
const TABLE: &str = include_str!("../../data/country-names.tsv");

/// Historical and colloquial names, and short forms reports use, that the
/// ISO/UN/CLDR names do not cover.
pub const ALIASES: &[(&str, &str)] = &[
    ("East Timor", "TLS"),
    ("Timor Leste", "TLS"),
    ("Zaire", "COD"),
    ("DR Congo", "COD"),
    ("D.R. Congo", "COD"),
    ("DRC", "COD"),
    ("Democratic Republic of Congo", "COD"),
    ("Congo-Kinshasa", "COD"),
    ("Congo-Brazzaville", "COG"),
    ("Republic of Congo", "COG"),
    ("Cote d'Ivoire", "CIV"),
    ("Ivory Coast", "CIV"),
    ("Syria", "SYR"),
    ("Burma", "MMR"),
    ("Swaziland", "SWZ"),
    ("Czech", "CZE"),
    ("Czech Republic", "CZE"),
    ("US", "USA"),
    ("U.S.", "USA"),
    ("USA", "USA"),
    ("United States", "USA"),
    ("UK", "GBR"),
    ("U.K.", "GBR"),
    ("United Kingdom", "GBR"),
    ("Great Britain", "GBR"),
    ("Britain", "GBR"),
    ("Macedonia", "MKD"),
    ("FYROM", "MKD"),
    ("Former Yugoslav Republic of Macedonia", "MKD"),
    ("Kampuchea", "KHM"),
    ("Rhodesia", "ZWE"),
    ("Dahomey", "BEN"),
    ("Upper Volta", "BFA"),
    ("Ceylon", "LKA"),
    ("Siam", "THA"),
    ("Persia", "IRN"),
    ("Holland", "NLD"),
    ("Korea", "KOR"),
    ("North Korea", "PRK"),
    ("Republic of Korea", "KOR"),
    ("Vietnam", "VNM"),
    ("Laos", "LAO"),
    ("Iran", "IRN"),
    ("Russia", "RUS"),
    ("Tanzania", "TZA"),
    ("Bolivia", "BOL"),
    ("Venezuela", "VEN"),
    ("Moldova", "MDA"),
    ("Micronesia", "FSM"),
    ("Palestine", "PSE"),
    ("Vatican", "VAT"),
    ("Cape Verde", "CPV"),
    ("Turkey", "TUR"),
    ("Central African Rep.", "CAF"),
    ("CAR", "CAF"),
];

static INDEX: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for line in TABLE.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((code, names)) = line.split_once('\t') else {
            continue;
        };
        for name in names.split('|') {
            map.entry(fold(name)).or_insert(code);
        }
    }
    for &(name, code) in ALIASES {
        map.insert(fold(name), code);
    }
    map.remove("");
    map
});

/// Folds a name for comparison: accents removed, lower case, `&` as "and",
/// apostrophes, dots, hyphens and "(the)" / leading "the" / trailing `*`
/// removed, "St" as "saint", whitespace collapsed.
pub fn fold(name: &str) -> String {
    let mut flat = String::with_capacity(name.len() + 8);
    // NFKD is the identity on ASCII: skip it for the common case.
    let chars: Box<dyn Iterator<Item = char>> = if name.is_ascii() {
        Box::new(name.chars())
    } else {
        Box::new(name.nfkd())
    };
    for c in chars {
        match c {
            '\u{300}'..='\u{36f}' => {}
            '&' => flat.push_str(" and "),
            '-' | '\u{2010}'..='\u{2015}' | '/' | ',' | '(' | ')' => flat.push(' '),
            '\'' | '\u{2019}' | '\u{2018}' | '.' | '*' => {}
            c => flat.extend(c.to_lowercase()),
        }
    }
    let mut words: Vec<&str> = flat
        .split_whitespace()
        .map(|w| if w == "st" { "saint" } else { w })
        .collect();
    // "the Republic of ..." and the UN table's "Congo (the)".
    if words.first() == Some(&"the") {
        words.remove(0);
    }
    if words.last() == Some(&"the") {
        words.pop();
    }
    words.join(" ")
}

/// The ISO 3166-1 alpha-3 code of a country or territory name, or None for
/// places that are not countries ("Sinai Peninsula") and unknown names.
pub fn code_of(name: &str) -> Option<&'static str> {
    if name.len() > 120 {
        return None;
    }
    INDEX.get(&fold(name)).copied()
}

/// At most this many list pieces are tried as one name ("Saint Helena,
/// Ascension and Tristan da Cunha" has three); keeps the split linear.
const MAX_PIECES: usize = 4;

/// Splits a location list at `,`, `;`, " and " and " & ", then joins runs of
/// pieces back where the joined text (as written) is a name in the table,
/// longest run first: "Bosnia and Herzegovina" stays one place, "Israel,
/// Syria and Lebanon" is three. Returns byte ranges into `text`, trimmed.
pub fn split_locations(text: &str) -> Vec<(usize, usize)> {
    let pieces = pieces(text);
    let mut out = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let mut take = 1;
        for n in (2..=MAX_PIECES.min(pieces.len() - i)).rev() {
            let (start, end) = (pieces[i].0, pieces[i + n - 1].1);
            if code_of(&text[start..end]).is_some() {
                take = n;
                break;
            }
        }
        out.push((pieces[i].0, pieces[i + take - 1].1));
        i += take;
    }
    out
}

/// The trimmed, non-empty pieces of a location list between separators.
fn pieces(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // separator ranges
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b',' | b';' => cuts.push((i, i + 1)),
            b'&' => cuts.push((i, i + 1)),
            b'a' | b'A' if word_at(text, i, "and") => cuts.push((i, i + 3)),
            _ => {}
        }
        i += 1;
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for (a, b) in cuts.into_iter().chain(std::iter::once((text.len(), text.len()))) {
        if let Some(r) = trimmed(text, start, a) {
            out.push(r);
        }
        start = b;
    }
    out
}

/// True when `word` stands at byte `i` as a whole word (case-insensitive).
fn word_at(text: &str, i: usize, word: &str) -> bool {
    let end = i + word.len();
    let Some(found) = text.get(i..end) else {
        return false;
    };
    let before = text[..i].chars().next_back().is_none_or(char::is_whitespace);
    let after = text[end..].chars().next().is_none_or(char::is_whitespace);
    before && after && found.eq_ignore_ascii_case(word)
}

/// `start..end` without surrounding whitespace, None when empty.
fn trimmed(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let s = text.get(start..end)?;
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    (!t.is_empty()).then(|| (start + lead, start + lead + t.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_locations(text).into_iter().map(|(a, b)| &text[a..b]).collect()
    }

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Côte d’Ivoire"), "cote divoire");
        assert_eq!(fold("Cote d'Ivoire"), "cote divoire");
        assert_eq!(
            fold("Democratic Republic of the Congo (the)"),
            "democratic republic of the congo"
        );
        assert_eq!(fold("the Republic of South Sudan"), "republic of south sudan");
        assert_eq!(fold("Timor-Leste"), "timor leste");
        assert_eq!(fold("St. Lucia"), "saint lucia");
    }

    #[test]
    fn codes_cover_official_historical_and_colloquial_names() {
        for (name, code) in [
            ("Cambodia", "KHM"),
            ("Timor-Leste", "TLS"),
            ("East Timor", "TLS"),
            ("Zaire", "COD"),
            ("DR Congo", "COD"),
            ("Democratic Republic of the Congo", "COD"),
            ("Cote d'Ivoire", "CIV"),
            ("Côte d'Ivoire", "CIV"),
            ("Syria", "SYR"),
            ("Syrian Arab Republic", "SYR"),
            ("South Sudan", "SSD"),
            ("Sudan", "SDN"),
            ("Bosnia and Herzegovina", "BIH"),
            ("Bosnia & Herzegovina", "BIH"),
            ("Israel", "ISR"),
            ("Lebanon", "LBN"),
            ("HAITI", "HTI"),
            ("Western Sahara", "ESH"),
            ("Golan Heights", ""),
        ] {
            assert_eq!(code_of(name).unwrap_or(""), code, "{name}");
        }
        assert_eq!(code_of("Sinai Peninsula"), None);
    }

    #[test]
    fn and_joins_only_where_the_table_has_the_name() {
        assert_eq!(split("Israel, Syria and Lebanon"), ["Israel", "Syria", "Lebanon"]);
        assert_eq!(split("Bosnia and Herzegovina"), ["Bosnia and Herzegovina"]);
        assert_eq!(
            split("Serbia and Bosnia and Herzegovina"),
            ["Serbia", "Bosnia and Herzegovina"]
        );
        assert_eq!(split("Trinidad and Tobago, Haiti"), ["Trinidad and Tobago", "Haiti"]);
        assert_eq!(split("Sinai Peninsula"), ["Sinai Peninsula"]);
        assert_eq!(split("India & Pakistan"), ["India", "Pakistan"]);
        assert_eq!(split("Andorra"), ["Andorra"]);
        assert_eq!(split(" , and "), Vec::<&str>::new());
    }
}
