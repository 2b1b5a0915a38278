//! Dates in front matter: "Wednesday, 27 July 2022", "July 27, 2022",
//! "27.07.2022", "2022-07-27", "Wed 27 Jul 2022", "2022年7月27日".
//!
//! Hands on the civil date, the weekday as written and the byte ranges they
//! occupy in the line (so the time reader can skip them).

use std::sync::LazyLock;

use jiff::civil::{Date, Weekday};
use regex::Regex;

use crate::lexicon::MONTHS;

const WD: &str =
    r"((?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|fri|sat|sun)\b\.?)";

/// A month name or abbreviation, from the lexicon's month table: the full
/// names first, then the three-letter abbreviations ("sept" before "sep"),
/// in one capture group, with an optional dot.
fn month_pattern() -> String {
    let mut alts: Vec<&str> = MONTHS.to_vec();
    for m in MONTHS {
        let abbr = m.get(..3).unwrap_or(m);
        if abbr == "sep" {
            alts.push("sept");
        }
        if abbr != m {
            alts.push(abbr);
        }
    }
    format!(r"({})\b\.?", alts.join("|"))
}

fn re(pattern: String) -> Regex {
    Regex::new(&pattern).expect("valid date regex")
}

/// Day month year: "27 July 2022", "27th of July, 2022"; a range of days
/// ("27-28 July 2022") gives its first day.
static DMY_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let mon = month_pattern();
    re(format!(
        r"(?i)\b(?:{WD}\s*,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|\u{{2013}}|\u{{2014}}|to|and|&)\s*\d{{1,2}}(?:st|nd|rd|th)?)?(?:\s+of)?\s+{mon}\s*,?\s+(\d{{4}})\b"
    ))
});
/// Month day year: "July 27, 2022".
static MDY_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    let mon = month_pattern();
    re(format!(
        r"(?i)\b(?:{WD}\s*,?\s+)?{mon}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|\u{{2013}}|\u{{2014}})\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s*,?\s+(\d{{4}})\b"
    ))
});
/// Year first: "2022-07-27", "2022/7/27", "2022.07.27".
static YMD_NUM: LazyLock<Regex> = LazyLock::new(|| {
    re(format!(
        r"(?i)\b(?:{WD}\s*,?\s+)?(\d{{4}})([\-/.])(\d{{1,2}})[\-/.](\d{{1,2}})\b"
    ))
});
/// Year last: "27.07.2022", "07/27/2022".
static XXY_NUM: LazyLock<Regex> = LazyLock::new(|| {
    re(format!(
        r"(?i)\b(?:{WD}\s*,?\s+)?(\d{{1,2}})([\-/.])(\d{{1,2}})[\-/.](\d{{4}})\b"
    ))
});
/// East Asian: "2022年7月27日".
static CJK: LazyLock<Regex> = LazyLock::new(|| re(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日".to_string()));
/// A weekday in parentheses after the date: "27 July 2022 (Wednesday)".
static WD_AFTER: LazyLock<Regex> = LazyLock::new(|| re(format!(r"(?i)^\s*,?\s*\(\s*{WD}\s*\)")));

/// How sure the reading of a numeric date's day/month order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Order {
    /// Month written as a word, year first, or one number above 12.
    Certain,
    /// Both numbers could be the month; the written weekday decided.
    ByWeekday,
    /// Both numbers could be the month; day first was assumed.
    AssumedDayFirst,
}

/// A date found in a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub date: Date,
    /// The weekday as written ("Wednesday", "Wed."), None if not written.
    pub weekday: Option<String>,
    /// The weekday the text names, when it names one.
    pub weekday_value: Option<Weekday>,
    /// Byte range of the whole match (weekday included) in the line.
    pub range: (usize, usize),
    pub order: Order,
}

fn month_of(word: &str) -> Option<i8> {
    let w = word.trim_end_matches('.').to_lowercase();
    let idx = MONTHS.iter().position(|m| w.starts_with(m.get(..3).unwrap_or(m)))?;
    i8::try_from(idx + 1).ok()
}

/// The weekday a (possibly abbreviated) weekday name means.
pub(crate) fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_lowercase();
    let two = w.get(..2)?;
    Some(match two {
        "mo" => Weekday::Monday,
        "tu" => Weekday::Tuesday,
        "we" => Weekday::Wednesday,
        "th" => Weekday::Thursday,
        "fr" => Weekday::Friday,
        "sa" => Weekday::Saturday,
        "su" => Weekday::Sunday,
        _ => return None,
    })
}

fn num(s: &str) -> Option<i32> {
    s.parse().ok()
}

fn make(y: i32, m: i32, d: i32) -> Option<Date> {
    Date::new(i16::try_from(y).ok()?, i8::try_from(m).ok()?, i8::try_from(d).ok()?).ok()
}

/// The earliest date in `line`, if any.
pub(crate) fn find_date(line: &str) -> Option<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    let mut push = |caps: &regex::Captures, date: Option<Date>, order: Order| {
        let (Some(date), Some(whole)) = (date, caps.get(0)) else {
            return;
        };
        let wd = caps.get(1).map(|m| m.as_str().to_string());
        found.push(FoundDate {
            weekday_value: wd.as_deref().and_then(weekday_of),
            weekday: wd,
            date,
            range: (whole.start(), whole.end()),
            order,
        });
    };
    for caps in DMY_WORDS.captures_iter(line) {
        let date = (|| {
            make(
                num(caps.get(4)?.as_str())?,
                month_of(caps.get(3)?.as_str())?.into(),
                num(caps.get(2)?.as_str())?,
            )
        })();
        push(&caps, date, Order::Certain);
    }
    for caps in MDY_WORDS.captures_iter(line) {
        let date = (|| {
            make(
                num(caps.get(4)?.as_str())?,
                month_of(caps.get(2)?.as_str())?.into(),
                num(caps.get(3)?.as_str())?,
            )
        })();
        push(&caps, date, Order::Certain);
    }
    for caps in YMD_NUM.captures_iter(line) {
        let date = (|| {
            make(
                num(caps.get(2)?.as_str())?,
                num(caps.get(4)?.as_str())?,
                num(caps.get(5)?.as_str())?,
            )
        })();
        push(&caps, date, Order::Certain);
    }
    for caps in XXY_NUM.captures_iter(line) {
        let (Some(a), Some(b), Some(y)) = (
            caps.get(2).and_then(|m| num(m.as_str())),
            caps.get(4).and_then(|m| num(m.as_str())),
            caps.get(5).and_then(|m| num(m.as_str())),
        ) else {
            continue;
        };
        let weekday = caps.get(1).and_then(|m| weekday_of(m.as_str()));
        let (date, order) = if a > 12 || a == b {
            (make(y, b, a), Order::Certain)
        } else if b > 12 {
            (make(y, a, b), Order::Certain)
        } else {
            let dm = make(y, b, a);
            let md = make(y, a, b);
            match weekday {
                Some(w) if md.is_some_and(|d| d.weekday() == w) && !dm.is_some_and(|d| d.weekday() == w) => {
                    (md, Order::ByWeekday)
                }
                Some(w) if dm.is_some_and(|d| d.weekday() == w) => (dm, Order::ByWeekday),
                _ => (dm, Order::AssumedDayFirst),
            }
        };
        push(&caps, date, order);
    }
    for caps in CJK.captures_iter(line) {
        let date = (|| {
            make(
                num(caps.get(1)?.as_str())?,
                num(caps.get(2)?.as_str())?,
                num(caps.get(3)?.as_str())?,
            )
        })();
        if let (Some(date), Some(whole)) = (date, caps.get(0)) {
            found.push(FoundDate {
                date,
                weekday: None,
                weekday_value: None,
                range: (whole.start(), whole.end()),
                order: Order::Certain,
            });
        }
    }
    let mut best = found
        .into_iter()
        .min_by_key(|f| (f.range.0, std::cmp::Reverse(f.range.1)))?;
    if best.weekday.is_none()
        && let Some(caps) = line.get(best.range.1..).and_then(|rest| WD_AFTER.captures(rest))
        && let (Some(whole), Some(w)) = (caps.get(0), caps.get(1))
    {
        best.weekday = Some(w.as_str().to_string());
        best.weekday_value = weekday_of(w.as_str());
        best.range.1 += whole.end();
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    #[test]
    fn month_pattern_is_the_month_table() {
        assert_eq!(
            super::month_pattern(),
            r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?"
        );
        assert_eq!(super::month_of("Sept."), Some(9));
        assert_eq!(super::month_of("December"), Some(12));
        assert_eq!(super::month_of("Julio"), Some(7));
        assert_eq!(super::month_of("Ju"), None);
    }

    use super::*;
    use jiff::civil::date;

    fn d(line: &str) -> (Date, Option<String>) {
        let f = find_date(line).expect("a date");
        (f.date, f.weekday)
    }

    #[test]
    fn day_month_year_with_weekday() {
        assert_eq!(
            d("Wednesday, 27 July 2022 8:00 p.m. Tokyo"),
            (date(2022, 7, 27), Some("Wednesday".into()))
        );
        assert_eq!(d("Wed 27 Jul 2022"), (date(2022, 7, 27), Some("Wed".into())));
        assert_eq!(d("27th of July, 2022"), (date(2022, 7, 27), None));
        assert_eq!(d("Thurs. 3 Sept. 2020"), (date(2020, 9, 3), Some("Thurs.".into())));
    }

    #[test]
    fn day_ranges_give_the_first_day() {
        assert_eq!(d("27-28 July 2022").0, date(2022, 7, 27));
        assert_eq!(d("27 \u{2013} 28 July 2022").0, date(2022, 7, 27));
        assert_eq!(d("July 27-28, 2022").0, date(2022, 7, 27));
    }

    #[test]
    fn month_day_year() {
        assert_eq!(d("July 27, 2022, 20:00 JST"), (date(2022, 7, 27), None));
        assert_eq!(
            d("Wednesday, July 27th, 2022"),
            (date(2022, 7, 27), Some("Wednesday".into()))
        );
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(d("2022-07-27").0, date(2022, 7, 27));
        assert_eq!(d("2022/7/27").0, date(2022, 7, 27));
        let f = find_date("27.07.2022").expect("date");
        assert_eq!((f.date, f.order), (date(2022, 7, 27), Order::Certain));
        let us = find_date("07/27/2022").expect("date");
        assert_eq!((us.date, us.order), (date(2022, 7, 27), Order::Certain));
        let amb = find_date("05/06/2022").expect("date");
        assert_eq!((amb.date, amb.order), (date(2022, 6, 5), Order::AssumedDayFirst));
        // 2022-05-06 is a Friday, 2022-06-05 a Sunday: the weekday decides.
        let by_wd = find_date("Friday 05/06/2022").expect("date");
        assert_eq!((by_wd.date, by_wd.order), (date(2022, 5, 6), Order::ByWeekday));
    }

    #[test]
    fn weekday_after_and_cjk() {
        assert_eq!(d("27 July 2022 (Wed)"), (date(2022, 7, 27), Some("Wed".into())));
        assert_eq!(d("2022年7月27日").0, date(2022, 7, 27));
    }

    #[test]
    fn no_date_or_impossible_dates() {
        assert!(find_date("Japan's International Peace Cooperation: Past, Present, and Future").is_none());
        assert!(find_date("31 February 2022").is_none());
        assert!(find_date("since 1992").is_none());
        assert!(find_date("in May 2022").is_none());
    }

    #[test]
    fn weekday_names() {
        assert_eq!(weekday_of("Tues."), Some(Weekday::Tuesday));
        assert_eq!(weekday_of("Thu"), Some(Weekday::Thursday));
        assert_eq!(weekday_of("x"), None);
    }
}
