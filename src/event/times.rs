//! Start times in front matter: "8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00 a.m.
//! New York", "20:00 JST (13:00 CET)", "20:00-21:30 GMT+9", "Tokyo 20:00 /
//! Paris 13:00", "20h00 (Tokyo time)".
//!
//! Finds each time and the place written with it; [`super`] resolves the
//! places to zones (see [`super::zones`]) and computes the instants.

use std::sync::LazyLock;

use regex::Regex;

/// A start time and the place written with it, as byte ranges of the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeMention {
    pub hour: i8,
    pub minute: i8,
    /// The time as written (a range "20:00-21:30" included).
    pub range: (usize, usize),
    /// The place as written, None when the time stands alone.
    pub place: Option<(usize, usize)>,
}

const AMPM: &str = r"(a\.?\s?m\b\.?|p\.?\s?m\b\.?|noon\b|midnight\b)?";

static TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(\d{{1,2}})(?:[:.h](\d{{2}}))?\s*{AMPM}")).expect("valid time regex"));
static RANGE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:-|\u{{2013}}|\u{{2014}}|to|until|till)\s*(\d{{1,2}})(?:[:.h](\d{{2}}))?\s*{AMPM}"
    ))
    .expect("valid range regex")
});
/// Written offsets, masked so their digits are not read as times.
static OFFSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:gmt|utc)\s*[+\-\u{2212}]\s*\d{1,2}(?::?\d{2})?").expect("valid offset regex")
});

/// p.m. and noon are afternoon; a.m. and midnight are not.
fn is_pm(s: Option<regex::Match>) -> Option<bool> {
    s.map(|m| {
        let w = m.as_str().to_lowercase();
        w.starts_with('p') || w.starts_with('n')
    })
}

/// 24-hour clock from a 12-hour or 24-hour reading; None if impossible.
fn to_24(hour: i32, minute: i32, pm: Option<bool>) -> Option<(i8, i8)> {
    if minute > 59 {
        return None;
    }
    let h = match pm {
        None if hour <= 23 => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
        None => return None,
    };
    Some((i8::try_from(h).ok()?, i8::try_from(minute).ok()?))
}

const OPEN: &[char] = &['(', '['];
const CLOSE: &[char] = &[',', ';', '/', '|', ')', ']', '(', '[', '\u{2022}', '\u{00b7}'];

/// Trims a place candidate; None when nothing place-like is left.
fn trim_place(line: &str, start: usize, end: usize, leading_words: &[&str]) -> Option<(usize, usize)> {
    let s = line.get(start..end)?;
    let lead = s.len()
        - s.trim_start_matches(|c: char| c.is_whitespace() || OPEN.contains(&c))
            .len();
    let mut a = start + lead;
    let mut b = start
        + s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '=' | '.' | '\u{2013}'))
            .len();
    // "in Paris", "at 8:00 p.m." and labels such as "Time:" carry no place.
    loop {
        let cur = line.get(a..b)?;
        let Some((w, rest)) = leading_words.iter().find_map(|w| {
            let head = cur.get(..w.len())?;
            let rest = cur.get(w.len()..)?;
            let whole_word = rest.chars().next().is_none_or(|c| !c.is_alphanumeric());
            (head.eq_ignore_ascii_case(w) && whole_word).then_some((w, rest))
        }) else {
            break;
        };
        a += w.len() + (rest.len() - rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':').len());
    }
    let cur = line.get(a..b)?;
    if let Some(stripped) = cur.strip_suffix(':') {
        b = a + stripped.trim_end().len();
    }
    let cur = line.get(a..b)?;
    let words = cur.split_whitespace().count();
    let alpha = cur.chars().any(|c| c.is_alphabetic());
    if !alpha || words == 0 || words > 5 {
        return None;
    }
    Some((a, b))
}

/// Finds start times in `line`, skipping the byte ranges in `skip` (a date).
pub(crate) fn find_times(line: &str, skip: &[(usize, usize)]) -> Vec<TimeMention> {
    let mut masked: Vec<(usize, usize)> = skip.to_vec();
    masked.extend(OFFSET.find_iter(line).map(|m| (m.start(), m.end())));
    let work: String = line
        .char_indices()
        .map(|(i, c)| {
            if masked.iter().any(|&(a, b)| i >= a && i < b) {
                " ".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();

    // Times and the range they cover.
    let mut hits: Vec<(i8, i8, usize, usize)> = Vec::new();
    let mut pos = 0;
    while let Some(caps) = work.get(pos..).and_then(|rest| TIME.captures(rest)) {
        let Some(whole) = caps.get(0) else { break };
        let start = pos + whole.start();
        // The match may end in spaces (masked offsets among them).
        let mut end = start + whole.as_str().trim_end().len();
        pos = end.max(start + 1);
        while !work.is_char_boundary(pos) && pos < work.len() {
            pos += 1;
        }
        let minutes = caps.get(2);
        let ampm = is_pm(caps.get(3));
        if minutes.is_none() && ampm.is_none() {
            continue; // a bare number is not a time
        }
        let Some(hour) = caps.get(1).and_then(|m| m.as_str().parse::<i32>().ok()) else {
            continue;
        };
        let minute = minutes.and_then(|m| m.as_str().parse::<i32>().ok()).unwrap_or(0);
        let mut pm = ampm;
        if let Some(rc) = work.get(end..).and_then(|rest| RANGE_END.captures(rest))
            && let Some(rwhole) = rc.get(0)
        {
            let end_pm = is_pm(rc.get(3));
            if pm.is_none() && end_pm.is_some() {
                // "8:00-9:30 p.m.": the end's a.m./p.m. covers the start,
                // unless that would put the start after the end ("11-1 p.m.").
                let end_hour = rc.get(1).and_then(|m| m.as_str().parse::<i32>().ok()).unwrap_or(0);
                let inherit = to_24(hour, minute, end_pm);
                let end24 = to_24(end_hour, 0, end_pm);
                pm = match (inherit, end24) {
                    (Some((sh, _)), Some((eh, _))) if sh > eh => Some(false),
                    _ => end_pm,
                };
            }
            end += rwhole.as_str().trim_end().len();
            pos = end;
        }
        let Some((h, m)) = to_24(hour, minute, pm) else {
            continue;
        };
        hits.push((h, m, start, end));
    }

    // Places: after each time by default; before it when the first time has
    // a place before it and none after ("Tokyo 20:00, Paris 13:00").
    let after = |i: usize| -> Option<(usize, usize)> {
        let (_, _, _, end) = hits[i];
        let limit = hits.get(i + 1).map_or(line.len(), |h| h.2);
        let seg = line.get(end..limit)?;
        let skip = seg.len()
            - seg
                .trim_start_matches(|c: char| c.is_whitespace() || OPEN.contains(&c))
                .len();
        let stop = seg[skip..].find(CLOSE).map_or(seg.len(), |k| k + skip);
        trim_place(line, end, end + stop, &["in", "at", "local time", "time"])
    };
    let before = |i: usize| -> Option<(usize, usize)> {
        let (_, _, start, _) = hits[i];
        let floor = if i == 0 { 0 } else { hits[i - 1].3 };
        let floor = masked
            .iter()
            .filter(|r| r.1 <= start && r.1 > floor)
            .map(|r| r.1)
            .max()
            .unwrap_or(floor);
        let seg = line.get(floor..start)?;
        let from = seg
            .rfind(CLOSE)
            .map_or(0, |k| k + seg[k..].chars().next().map_or(1, char::len_utf8));
        trim_place(
            line,
            floor + from,
            start,
            &["time", "start", "starts at", "starts", "from", "at"],
        )
    };
    let place_first = !hits.is_empty()
        && after(0).is_none_or(|r| super::zones::resolve(line.get(r.0..r.1).unwrap_or("")).is_none())
        && before(0).is_some_and(|r| super::zones::resolve(line.get(r.0..r.1).unwrap_or("")).is_some());
    (0..hits.len())
        .map(|i| {
            let (hour, minute, start, end) = hits[i];
            let place = if place_first {
                before(i).or_else(|| after(i))
            } else {
                after(i)
            };
            TimeMention {
                hour,
                minute,
                range: (start, end),
                place,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(line: &str) -> Vec<(String, Option<String>)> {
        find_times(line, &[])
            .into_iter()
            .map(|t| {
                (
                    format!("{:02}:{:02}", t.hour, t.minute),
                    t.place.map(|(a, b)| line[a..b].to_string()),
                )
            })
            .collect()
    }

    fn pair(t: &str, p: &str) -> (String, Option<String>) {
        (t.to_string(), Some(p.to_string()))
    }

    #[test]
    fn twelve_hour_times_with_cities_after() {
        assert_eq!(
            read("8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00 a.m. New York"),
            vec![
                pair("20:00", "Tokyo"),
                pair("13:00", "Paris"),
                pair("07:00", "New York")
            ]
        );
        assert_eq!(read("12:30 a.m. London"), vec![pair("00:30", "London")]);
        assert_eq!(read("12 pm Geneva"), vec![pair("12:00", "Geneva")]);
        assert_eq!(
            read("12:00 noon Paris, 12 midnight Tokyo"),
            vec![pair("12:00", "Paris"), pair("00:00", "Tokyo")]
        );
    }

    #[test]
    fn twenty_four_hour_times_and_abbreviations() {
        assert_eq!(
            read("20:00 JST (13:00 CET)"),
            vec![pair("20:00", "JST"), pair("13:00", "CET")]
        );
        assert_eq!(read("20h00 (Tokyo time)"), vec![pair("20:00", "Tokyo time")]);
        assert_eq!(read("at 20.00 in Kyoto"), vec![pair("20:00", "Kyoto")]);
    }

    #[test]
    fn offsets_are_places_not_times() {
        assert_eq!(read("20:00 GMT+9"), vec![pair("20:00", "GMT+9")]);
        assert_eq!(read("20:00 UTC+09:00"), vec![pair("20:00", "UTC+09:00")]);
    }

    #[test]
    fn ranges_give_the_start() {
        assert_eq!(read("20:00-21:30 JST"), vec![pair("20:00", "JST")]);
        assert_eq!(read("8:00 \u{2013} 9:30 p.m. Tokyo"), vec![pair("20:00", "Tokyo")]);
        assert_eq!(read("11:00 - 1:00 p.m. Paris"), vec![pair("11:00", "Paris")]);
    }

    #[test]
    fn places_before_times() {
        assert_eq!(
            read("Tokyo 20:00 / Paris 13:00 / New York 07:00"),
            vec![
                pair("20:00", "Tokyo"),
                pair("13:00", "Paris"),
                pair("07:00", "New York")
            ]
        );
        assert_eq!(read("Time: 20:00"), vec![("20:00".to_string(), None)]);
    }

    #[test]
    fn not_times() {
        assert!(read("Up to now, Japan dispatched 12,750 personnel to 29 missions").is_empty());
        assert!(read("25:00 Tokyo").is_empty());
        assert!(read("13 p.m. Tokyo").is_empty());
        assert!(read("8 amendments").is_empty());
    }

    #[test]
    fn skipped_ranges_are_not_read() {
        let line = "27.07.2022 20:00 JST";
        let t = find_times(line, &[(0, 10)]);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].hour, t[0].minute), (20, 0));
    }
}
