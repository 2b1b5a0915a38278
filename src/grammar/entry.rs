//! The grammar of one dispatch entry, in nom 8: one function per rule of
//! `docs/grammar.md`, named after it.
//!
//! ```text
//! - 3. UNDOF Israel, Syria and Lebanon 01.1996-02.2013: Staff Officers (2x3, in 2009 3x4), Liaison & Coordination Personnel (max 6);
//! ```
//!
//! Every rule consumes its input left to right with bounded look-ahead and
//! no rule is retried at another position, so parsing is linear in the
//! length of the entry. Whitespace, line breaks included, may stand wherever
//! the grammar allows a space: an entry wrapped across lines parses as one.
//! The parse borrows from its input; `super` turns it into report types.
//! Hands on [`parse_entry`], [`starts_entry`] and the `Parsed*` types.

use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_while, take_while_m_n, take_while1};
use nom::character::complete::{char, digit1, one_of, satisfy};
use nom::combinator::{consumed, cut, eof, map, map_opt, map_res, not, opt, peek, recognize, value, verify};
use nom::error::{ContextError, ErrorKind, FromExternalError, ParseError, context};
use nom::multi::{many0, separated_list1};
use nom::sequence::{delimited, pair, preceded, terminated};
use nom::{IResult, Parser};

/// A month and year as written in a date range (`09.1992`), or a year alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTok<'a> {
    /// The date as written.
    pub text: &'a str,
    pub year: u32,
    /// None for a year alone (`1992`). May be outside 1-12 (reported, kept).
    pub month: Option<u32>,
    /// True when month and year were separated by a dash (`09-2012`), a
    /// slip that is repaired and reported.
    pub dash_separated: bool,
}

impl DateTok<'_> {
    /// `YYYY-MM`, or `YYYY` for a year alone.
    pub fn iso(&self) -> String {
        match self.month {
            Some(m) => format!("{:04}-{:02}", self.year, m),
            None => format!("{:04}", self.year),
        }
    }
}

/// The end of a date range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndTok<'a> {
    Date(DateTok<'a>),
    /// `present`, `ongoing` or `to date`, as written.
    Open(&'a str),
}

impl<'a> EndTok<'a> {
    /// The end as written.
    pub fn text(&self) -> &'a str {
        match self {
            EndTok::Date(d) => d.text,
            EndTok::Open(t) => t,
        }
    }
}

/// The time a phase qualifier names (`2009`, `March 2003`, `Oct. 2003`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct When {
    pub year: u32,
    pub month: Option<u32>,
}

impl When {
    /// `YYYY` or `YYYY-MM`.
    pub fn iso(&self) -> String {
        match self.month {
            Some(m) => format!("{:04}-{:02}", self.year, m),
            None => format!("{:04}", self.year),
        }
    }
}

/// One strength figure of a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPhase<'a> {
    /// The phase as written.
    pub text: &'a str,
    /// `"from"` or `"in"`, lower case.
    pub qualifier: Option<&'static str>,
    pub when: Option<When>,
    pub personnel: Option<u64>,
    pub rotations: Option<u64>,
    pub max: Option<u64>,
    /// The figure is written as approximate ("approx. 40", "about 40").
    pub approximate: bool,
}

/// One unit: a role and its phases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUnit<'a> {
    /// The role as written (may span a line break).
    pub role: &'a str,
    pub phases: Vec<ParsedPhase<'a>>,
}

/// A parsed dispatch entry; every `&str` is a slice of the parsed input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedEntry<'a> {
    /// The number of the list marker (`- 3.`), if the input has one.
    pub number: Option<u32>,
    pub mission: &'a str,
    /// The location list as written, before it is split into places.
    pub locations: &'a str,
    pub start: DateTok<'a>,
    pub end: EndTok<'a>,
    /// False when the `:` after the date range is missing (repaired, reported).
    pub colon: bool,
    pub units: Vec<ParsedUnit<'a>>,
    /// The `;`, `.` or `,` that ends the entry, if any.
    pub terminator: Option<char>,
}

/// Why an entry does not parse, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError<'a> {
    /// Byte offset into the input where parsing stopped.
    pub pos: usize,
    /// The rule that was expected there.
    pub expected: &'static str,
    /// What parsed before the failure, when the entry's head (number,
    /// mission, locations, date range and colon) parsed: the units that
    /// parsed completely are kept.
    pub partial: Option<Box<ParsedEntry<'a>>>,
}

/// The nom error of this grammar: the remaining input where a rule failed
/// and the innermost rule name (from `context`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrammarError<'a> {
    pub input: &'a str,
    pub kind: ErrorKind,
    pub context: Option<&'static str>,
}

impl<'a> ParseError<&'a str> for GrammarError<'a> {
    fn from_error_kind(input: &'a str, kind: ErrorKind) -> Self {
        GrammarError {
            input,
            kind,
            context: None,
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }

    /// Of two failed alternatives, keeps the one that got further.
    fn or(self, other: Self) -> Self {
        if self.input.len() < other.input.len() {
            self
        } else {
            other
        }
    }
}

impl<'a, E> FromExternalError<&'a str, E> for GrammarError<'a> {
    fn from_external_error(input: &'a str, kind: ErrorKind, _: E) -> Self {
        Self::from_error_kind(input, kind)
    }
}

impl<'a> ContextError<&'a str> for GrammarError<'a> {
    fn add_context(_: &'a str, ctx: &'static str, mut other: Self) -> Self {
        other.context.get_or_insert(ctx);
        other
    }
}

type PResult<'a, T> = IResult<&'a str, T, GrammarError<'a>>;

/// Personnel and rotations of a `count` (`600x2`).
type Count = (u64, Option<u64>);

/// Parses one dispatch entry (the whole input, surrounding whitespace
/// allowed): `entry = entry_head, units, entry_end`. On failure, the error says where parsing stopped and carries
/// the entry's head and complete units when those parsed.
pub fn parse_entry(input: &str) -> Result<ParsedEntry<'_>, EntryError<'_>> {
    fn fail<'a>(
        input: &'a str,
        rest: &str,
        expected: &'static str,
        partial: Option<ParsedEntry<'a>>,
    ) -> EntryError<'a> {
        EntryError {
            pos: input.len().saturating_sub(rest.len()),
            expected,
            partial: partial.map(Box::new),
        }
    }
    fn from_nom(e: nom::Err<GrammarError<'_>>) -> (&str, &'static str) {
        match e {
            nom::Err::Error(e) | nom::Err::Failure(e) => (e.input, e.context.unwrap_or("well-formed text")),
            nom::Err::Incomplete(_) => ("", "more input"),
        }
    }
    let (rest, mut entry) = match entry_head(input) {
        Ok(ok) => ok,
        Err(e) => {
            let (at, what) = from_nom(e);
            return Err(fail(input, at, what, None));
        }
    };
    // units = unit { "," unit } ; parsed one by one so that complete units
    // survive a failure further on.
    let mut rest = rest;
    loop {
        match unit(rest) {
            Ok((r, u)) => {
                entry.units.push(u);
                rest = r;
            }
            Err(e) => {
                let (at, what) = from_nom(e);
                return Err(fail(input, at, what, Some(entry)));
            }
        }
        // Checked before the separator so that a closing "," ends the entry.
        if let Ok((_, t)) = entry_end(rest) {
            entry.terminator = t;
            return Ok(entry);
        }
        match unit_separator(rest) {
            Ok((r, _)) => rest = r,
            Err(e) => {
                let (at, _) = from_nom(e);
                return Err(fail(
                    input,
                    at,
                    "`,` and a unit, `;`, `.` or the end of the entry",
                    Some(entry),
                ));
            }
        }
    }
}

/// True when `text` begins like an entry: a numbered list marker, or a
/// mission, locations and a date. Used to tell a new entry from the
/// continuation of a wrapped one.
pub fn starts_entry(text: &str) -> bool {
    numbered_marker(text).is_ok() || (sp0, mission, opt(mission_comma), locations, date).parse(text).is_ok()
}

/// entry_head = [marker], mission, [","], locations, date_range, [":"]
fn entry_head(i: &str) -> PResult<'_, ParsedEntry<'_>> {
    let (i, _) = sp0(i)?;
    let (i, number) = opt(marker).parse(i)?;
    let (i, mission) = context("mission", mission).parse(i)?;
    let (i, _) = opt(mission_comma).parse(i)?;
    let (i, locations) = context("locations", locations).parse(i)?;
    let (i, (start, end)) = context("date range", date_range).parse(i)?;
    let (i, colon) = opt(preceded(sp0, char(':'))).parse(i)?;
    let head = ParsedEntry {
        number: number.flatten(),
        mission,
        locations,
        start,
        end,
        colon: colon.is_some(),
        units: Vec::new(),
        terminator: None,
    };
    Ok((i, head))
}

/// sp = { whitespace } (line breaks included).
fn sp0(i: &str) -> PResult<'_, &str> {
    take_while(char::is_whitespace)(i)
}

/// sp1 = whitespace { whitespace }
fn sp1(i: &str) -> PResult<'_, &str> {
    take_while1(char::is_whitespace)(i)
}

/// marker = numbered_marker | bullet, sp
fn marker(i: &str) -> PResult<'_, Option<u32>> {
    alt((map(numbered_marker, Some), value(None, terminated(bullet, sp1)))).parse(i)
}

/// numbered_marker = [bullet, sp], digits, ("." | ")"), sp
fn numbered_marker(i: &str) -> PResult<'_, u32> {
    let (i, _) = sp0(i)?;
    let (i, _) = opt(terminated(bullet, sp0)).parse(i)?;
    terminated(
        map_res(take_while_m_n(1, 6, |c: char| c.is_ascii_digit()), str::parse),
        (one_of(".)"), sp1),
    )
    .parse(i)
}

/// bullet = "-" | "–" | "•" | "*" | "·"
fn bullet(i: &str) -> PResult<'_, char> {
    one_of("-–•*·")(i)
}

/// mission = acronym, [sp, roman]   (`UNTAC`, `UNAVEM III`, `MINUSTAH`)
fn mission(i: &str) -> PResult<'_, &str> {
    recognize(pair(acronym, opt(preceded(sp1, roman)))).parse(i)
}

/// acronym = capital, (capital | digit | "-" | "/"), { capital | digit | "-" | "/" }, then a word end
fn acronym(i: &str) -> PResult<'_, &str> {
    // Atomic: a failure is reported at the start of the word.
    let mut word = terminated(
        recognize(pair(
            satisfy(|c| c.is_ascii_uppercase()),
            take_while1(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '/'),
        )),
        word_end,
    );
    word.parse(i)
        .map_err(|e| e.map(|_| GrammarError::from_error_kind(i, ErrorKind::Verify)))
}

/// roman = ("I" | "V" | "X" | "L"), { "I" | "V" | "X" | "L" }, then a word end
fn roman(i: &str) -> PResult<'_, &str> {
    terminated(take_while1(|c| matches!(c, 'I' | 'V' | 'X' | 'L')), word_end).parse(i)
}

/// A word ends where no letter or digit follows.
fn word_end(i: &str) -> PResult<'_, ()> {
    not(satisfy(char::is_alphanumeric)).parse(i)
}

/// The optional comma after the mission.
fn mission_comma(i: &str) -> PResult<'_, char> {
    preceded(sp0, char(',')).parse(i)
}

/// locations = location text up to the first digit: letters, spaces,
/// `,`, `&`, `'`, `-`, `.`, `(`, `)`; split into places afterwards by the
/// country table. Must contain a letter.
fn locations(i: &str) -> PResult<'_, &str> {
    let (_, text) = preceded(
        sp0,
        verify(
            take_while1(|c: char| !c.is_ascii_digit() && !matches!(c, ':' | ';')),
            |s: &str| s.chars().any(char::is_alphabetic),
        ),
    )
    .parse(i)?;
    // A month name ("Jul. 1993") and a "from"/"since" opening the date
    // range are the date's, not the place's.
    let text = strip_date_opening(text);
    let rest = &i[text.as_ptr() as usize + text.len() - i.as_ptr() as usize..];
    // "UNMISS in South Sudan since 2011": the preposition is not the place's.
    let text = match text.get(..3) {
        Some(w) if w.eq_ignore_ascii_case("in ") && text[3..].trim_start().starts_with(char::is_uppercase) => {
            text[3..].trim_start()
        }
        _ => text,
    };
    // The text as written, without the whitespace and a comma before the date.
    let trimmed = text.trim_end().trim_end_matches(',').trim_end();
    Ok((rest, trimmed))
}

/// `text` without a trailing month name (with its dot) and a trailing
/// "from" or "since" before it: the words a month-name date range starts
/// with.
fn strip_date_opening(text: &str) -> &str {
    let mut t = text;
    fn last_word(t: &str) -> (usize, &str) {
        let body = t.trim_end();
        // After the last white-space character, whatever its width (a
        // no-break space is two bytes).
        let start = body
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(k, c)| k + c.len_utf8());
        (start, &body[start..])
    }
    let (start, w) = last_word(t);
    if start > 0 && month_number(w.trim_end_matches('.')).is_some() {
        t = &t[..start];
    }
    let (start, w) = last_word(t);
    if start > 0 && (w.eq_ignore_ascii_case("from") || w.eq_ignore_ascii_case("since")) {
        t = &t[..start];
    }
    t
}

/// date_range = date, sp, ( "to date" | range_sep, sp, range_end )
fn date_range(i: &str) -> PResult<'_, (DateTok<'_>, EndTok<'_>)> {
    let (i, since) = opt(terminated(range_opening, sp1)).parse(i)?;
    let (i, start) = date(i)?;
    let (after_start, _) = sp0(i)?;
    let closed = alt((
        map(open_end, EndTok::Open),
        preceded((range_sep, sp0), context("end date", range_end)),
    ))
    .parse(after_start);
    match (closed, since) {
        (Ok((i, end)), _) => Ok((i, (start, end))),
        // "from Jan. 2013": a start and no end is an open range.
        (Err(nom::Err::Error(_)), Some(word)) => Ok((i, (start, EndTok::Open(word)))),
        (Err(e), _) => Err(e),
    }
}

/// range_opening = ( "from" | "since" ), word_end   (any case)
fn range_opening(i: &str) -> PResult<'_, &str> {
    terminated(alt((tag_no_case("from"), tag_no_case("since"))), word_end).parse(i)
}

/// range_sep = "-" | "‐" | "–" | "—" | "to"
fn range_sep(i: &str) -> PResult<'_, &str> {
    alt((
        tag("-"),
        tag("\u{2010}"),
        tag("\u{2013}"),
        tag("\u{2014}"),
        terminated(tag_no_case("to"), word_end),
    ))
    .parse(i)
}

/// range_end = open_end | date
fn range_end(i: &str) -> PResult<'_, EndTok<'_>> {
    alt((map(open_end, EndTok::Open), map(date, EndTok::Date))).parse(i)
}

/// open_end = "present" | "ongoing" | "to date" (any case)
fn open_end(i: &str) -> PResult<'_, &str> {
    terminated(
        alt((
            tag_no_case("present"),
            tag_no_case("ongoing"),
            recognize((tag_no_case("to"), sp1, tag_no_case("date"))),
        )),
        word_end,
    )
    .parse(i)
}

/// date = month, date_sep, year | year
/// month = digit, [digit]; year = 4 digits; date_sep = "." | "/" | "-" (repaired) | "–" (repaired)
fn date(i: &str) -> PResult<'_, DateTok<'_>> {
    let month_year = map(
        consumed((
            map_res(take_while_m_n(1, 2, |c: char| c.is_ascii_digit()), str::parse::<u32>),
            alt((value(false, one_of("./")), value(true, one_of("-\u{2010}\u{2013}")))),
            year,
        )),
        |(text, (month, dash_separated, year))| DateTok {
            text,
            year,
            month: Some(month),
            dash_separated,
        },
    );
    let year_only = map(consumed(year), |(text, year)| DateTok {
        text,
        year,
        month: None,
        dash_separated: false,
    });
    let month_name_year = map(
        consumed((month_name, opt(char('.')), sp1, year)),
        |(text, (month, _, _, year))| DateTok {
            text,
            year,
            month: Some(month),
            dash_separated: false,
        },
    );
    alt((month_year, month_name_year, year_only)).parse(i)
}

/// year = 4 digits, not followed by a digit
fn year(i: &str) -> PResult<'_, u32> {
    terminated(
        map_res(take_while_m_n(4, 4, |c: char| c.is_ascii_digit()), str::parse),
        not(satisfy(|c| c.is_ascii_digit())),
    )
    .parse(i)
}

/// unit_sep = sp, ",", sp   (a top-level comma: one outside parentheses)
fn unit_separator(i: &str) -> PResult<'_, char> {
    delimited(sp0, char(','), sp0).parse(i)
}

/// unit = role, sp, [ "(", sp, phases, sp, ")" ]
fn unit(i: &str) -> PResult<'_, ParsedUnit<'_>> {
    let (i, role) = context("unit role", preceded(sp0, role)).parse(i)?;
    let (i, phases) = opt(preceded(
        sp0,
        delimited(
            char('('),
            cut(context("phases", delimited(sp0, phases, sp0))),
            cut(context("`)` after the phases", char(')'))),
        ),
    ))
    .parse(i)?;
    Ok((
        i,
        ParsedUnit {
            role,
            phases: phases.unwrap_or_default(),
        },
    ))
}

/// role = role_char, { role_char }  (anything but `(`, `)`, `,`, `;`, `:` and
/// digits; trailing spaces and a final `.` before the end are not part of it).
/// Must contain a letter.
fn role(i: &str) -> PResult<'_, &str> {
    let (_, text) = verify(
        take_while1(|c: char| !matches!(c, '(' | ')' | ',' | ';' | ':')),
        |s: &str| s.chars().any(char::is_alphabetic) && digits_only_inside(s),
    )
    .parse(i)?;
    let mut keep = text.trim_end();
    // "..., Staff Officers." with no phases: the dot ends the entry.
    if let Some(stripped) = keep.strip_suffix('.')
        && i[text.len()..].trim().is_empty()
    {
        keep = stripped.trim_end();
    }
    Ok((&i[keep.len()..], keep))
}

/// True when every word of digits in a role stands before another word
/// ("Level 2 Hospital"): a figure written after a role without parentheses
/// ("Staff Officers 5") is not part of the role.
fn digits_only_inside(role: &str) -> bool {
    let words: Vec<&str> = role.split_whitespace().collect();
    words
        .iter()
        .enumerate()
        .all(|(k, w)| !w.chars().any(|c| c.is_ascii_digit()) || (k > 0 && k + 1 < words.len()))
}

/// phases = phase, { sp, ",", sp, phase }
fn phases(i: &str) -> PResult<'_, Vec<ParsedPhase<'_>>> {
    separated_list1(delimited(sp0, char(','), sp0), phase).parse(i)
}

/// phase = max_phase | qualified_phase | count
fn phase(i: &str) -> PResult<'_, ParsedPhase<'_>> {
    let blank = |text| ParsedPhase {
        text,
        qualifier: None,
        when: None,
        personnel: None,
        rotations: None,
        max: None,
        approximate: false,
    };
    alt((
        map(consumed(max_phase), move |(text, max)| ParsedPhase {
            max: Some(max),
            ..blank(text)
        }),
        map(consumed(qualified_phase), move |(text, (q, when, (p, r)))| {
            ParsedPhase {
                qualifier: Some(q),
                when: Some(when),
                personnel: Some(p),
                rotations: r,
                ..blank(text)
            }
        }),
        map(consumed(approximate_phase), move |(text, (p, r))| ParsedPhase {
            personnel: Some(p),
            rotations: r,
            approximate: true,
            ..blank(text)
        }),
        map(consumed(count), move |(text, (p, r))| ParsedPhase {
            personnel: Some(p),
            rotations: r,
            ..blank(text)
        }),
    ))
    .parse(i)
}

/// approximate_phase = approximator, sp, count
fn approximate_phase(i: &str) -> PResult<'_, Count> {
    preceded((approximator, sp0), count).parse(i)
}

/// approximator = "approximately" | "approx." | "approx" | "about" | "around"
///              | "circa" | "ca." | "c." | "some" | "~"   (any case)
fn approximator(i: &str) -> PResult<'_, &str> {
    alt((
        terminated(
            alt((
                tag_no_case("approximately"),
                tag_no_case("approx"),
                tag_no_case("about"),
                tag_no_case("around"),
                tag_no_case("circa"),
                tag_no_case("some"),
            )),
            pair(word_end, opt(char('.'))),
        ),
        tag_no_case("ca."),
        tag_no_case("c."),
        tag("~"),
    ))
    .parse(i)
}

/// max_phase = "max", ["."], sp, number
fn max_phase(i: &str) -> PResult<'_, u64> {
    preceded((tag_no_case("max"), opt(char('.')), sp0), number).parse(i)
}

/// qualified_phase = qualifier, sp, when, sp, count
fn qualified_phase(i: &str) -> PResult<'_, (&'static str, When, Count)> {
    (terminated(qualifier, sp1), terminated(when, sp1), count).parse(i)
}

/// qualifier = "from" | "in"
fn qualifier(i: &str) -> PResult<'_, &'static str> {
    terminated(
        alt((value("from", tag_no_case("from")), value("in", tag_no_case("in")))),
        word_end,
    )
    .parse(i)
}

/// when = month_name, ["."], sp, year | month, ".", year | year
fn when(i: &str) -> PResult<'_, When> {
    alt((
        map((month_name, opt(char('.')), sp1, year), |(m, _, _, y)| When {
            year: y,
            month: Some(m),
        }),
        map(
            (
                map_res(take_while_m_n(1, 2, |c: char| c.is_ascii_digit()), str::parse::<u32>),
                one_of("./"),
                year,
            ),
            |(m, _, y)| When {
                year: y,
                month: Some(m),
            },
        ),
        map(year, |y| When { year: y, month: None }),
    ))
    .parse(i)
}

/// month_name = "January" | "Jan" | ... | "Sept" | "Sep" | ... | "December" | "Dec" (any case)
fn month_name(i: &str) -> PResult<'_, u32> {
    map_opt(take_while_m_n(3, 9, |c: char| c.is_ascii_alphabetic()), month_number).parse(i)
}

/// The number of an English month name or its abbreviation (the shared
/// month table of the lexicon).
pub use crate::lexicon::month_number;

/// count = number, [ sp, ("x" | "X" | "×"), sp, number ]
fn count(i: &str) -> PResult<'_, Count> {
    pair(number, opt(preceded((sp0, one_of("xX×"), sp0), number))).parse(i)
}

/// number = digits, { ",", 3 digits }  (a comma is a thousands separator
/// only when exactly three digits follow it with no space; otherwise it
/// separates phases)
fn number(i: &str) -> PResult<'_, u64> {
    map_opt(
        recognize(pair(
            digit1,
            many0((
                char(','),
                take_while_m_n(3, 3, |c: char| c.is_ascii_digit()),
                peek(not(satisfy(|c| c.is_ascii_digit()))),
            )),
        )),
        |s: &str| {
            if s.contains(',') {
                s.replace(',', "").parse().ok()
            } else {
                s.parse().ok()
            }
        },
    )
    .parse(i)
}

/// entry_end = [terminator], sp, end of input
fn entry_end(i: &str) -> PResult<'_, Option<char>> {
    terminated(opt(terminator), (sp0, eof)).parse(i)
}

/// terminator = sp, (";" | "." | ",")
fn terminator(i: &str) -> PResult<'_, char> {
    preceded(sp0, one_of(";.,")).parse(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok<'a, T>(r: PResult<'a, T>) -> (&'a str, T) {
        match r {
            Ok(v) => v,
            Err(e) => panic!("did not parse: {e:?}"),
        }
    }

    #[test]
    fn marker_takes_bullets_and_numbers() {
        assert_eq!(ok(marker("- 1. UNTAC")), ("UNTAC", Some(1)));
        assert_eq!(ok(marker("12) UNTAC")), ("UNTAC", Some(12)));
        assert_eq!(ok(marker("3. UNTAC")), ("UNTAC", Some(3)));
        assert_eq!(ok(marker("• UNTAC")), ("UNTAC", None));
        assert!(marker("UNTAC").is_err());
    }

    #[test]
    fn mission_is_an_acronym_with_an_optional_roman_numeral() {
        assert_eq!(ok(mission("UNTAC, Cambodia")), (", Cambodia", "UNTAC"));
        assert_eq!(ok(mission("UNAVEM III Angola")), (" Angola", "UNAVEM III"));
        assert_eq!(ok(mission("UNOSOM II, Somalia")), (", Somalia", "UNOSOM II"));
        assert_eq!(ok(mission("MFO Sinai")), (" Sinai", "MFO"));
        assert_eq!(ok(mission("UNDOF Israel")), (" Israel", "UNDOF"));
        assert!(mission("Untac").is_err());
        assert!(mission("U Cambodia").is_err());
    }

    #[test]
    fn locations_run_to_the_date() {
        assert_eq!(
            ok(locations(" Israel, Syria and Lebanon 01.1996")).1,
            "Israel, Syria and Lebanon"
        );
        assert_eq!(ok(locations(" Cambodia, 09.1992")), ("09.1992", "Cambodia"));
        assert_eq!(ok(locations(" Cote d'Ivoire 04.2004")).1, "Cote d'Ivoire");
        assert!(locations(" 09.1992").is_err());
    }

    #[test]
    fn date_reads_month_and_year_and_flags_a_dash() {
        let (_, d) = ok(date("09.1992"));
        assert_eq!(
            (d.year, d.month, d.dash_separated, d.iso()),
            (1992, Some(9), false, "1992-09".into())
        );
        let (_, d) = ok(date("09-2012"));
        assert_eq!((d.month, d.dash_separated), (Some(9), true));
        let (_, d) = ok(date("1992:"));
        assert_eq!((d.month, d.iso()), (None, "1992".into()));
        assert_eq!(ok(date("13.2001")).1.month, Some(13));
        assert!(date("12345").is_err());
    }

    #[test]
    fn date_range_takes_every_separator_and_open_end() {
        for text in [
            "09.1992-09.1993",
            "09.1992 – 09.1993",
            "09.1992—09.1993",
            "09.1992 to 09.1993",
        ] {
            let (_, (s, e)) = ok(date_range(text));
            assert_eq!(s.iso(), "1992-09");
            assert!(matches!(e, EndTok::Date(d) if d.iso() == "1993-09"), "{text}");
        }
        for (text, open) in [
            ("11.2011-present", "present"),
            ("11.2011 - ongoing", "ongoing"),
            ("11.2011 to date", "to date"),
            ("11.2011-to date", "to date"),
            ("11.2011 – Present", "Present"),
        ] {
            let (_, (_, e)) = ok(date_range(text));
            assert_eq!(e, EndTok::Open(open), "{text}");
        }
        let (_, (_, e)) = ok(date_range("09.2010-09-2012"));
        assert!(matches!(e, EndTok::Date(d) if d.dash_separated && d.iso() == "2012-09"));
    }

    #[test]
    fn phase_forms() {
        let p = |t| ok(phase(t)).1;
        let q = p("600x2");
        assert_eq!((q.personnel, q.rotations), (Some(600), Some(2)));
        assert_eq!(p("600×2").rotations, Some(2));
        assert_eq!(p("600 x 2").rotations, Some(2));
        assert_eq!((p("75").personnel, p("75").rotations), (Some(75), None));
        assert_eq!((p("max 6").max, p("max 6").personnel), (Some(6), None));
        let q = p("in 2009 3x4");
        assert_eq!(
            (q.qualifier, q.when.map(|w| w.iso()), q.personnel, q.rotations),
            (Some("in"), Some("2009".into()), Some(3), Some(4))
        );
        let q = p("from 2003 7");
        assert_eq!(
            (q.qualifier, q.when.map(|w| w.iso()), q.personnel),
            (Some("from"), Some("2003".into()), Some(7))
        );
        assert_eq!(p("from March 2003 522").when.map(|w| w.iso()), Some("2003-03".into()));
        assert_eq!(p("from Oct. 2003 405").when.map(|w| w.iso()), Some("2003-10".into()));
        assert_eq!(p("from Sept 2003 405").when.map(|w| w.iso()), Some("2003-09".into()));
        assert_eq!(p("from 03.2003 5").when.map(|w| w.iso()), Some("2003-03".into()));
        assert_eq!(p("1,200").personnel, Some(1200));
        assert_eq!(p("1,200x2").rotations, Some(2));
    }

    #[test]
    fn commas_in_parentheses_separate_phases_unless_three_digits_follow() {
        let n = |t| ok(phases(t)).1.len();
        assert_eq!(n("2x3, in 2009 3x4"), 2);
        assert_eq!(n("1,200"), 1);
        assert_eq!(n("2,3"), 2);
        assert_eq!(n("1,200, 300"), 2);
        assert_eq!(n("1,2000"), 2);
        assert_eq!(ok(number("12,345,678)")), (")", 12_345_678));
    }

    #[test]
    fn number_rejects_overflow_without_panicking() {
        assert!(number("99999999999999999999999").is_err());
    }

    #[test]
    fn unit_is_a_role_with_optional_phases() {
        let (_, u) = ok(unit("Liaison & Coordination Personnel (max 6);"));
        assert_eq!(u.role, "Liaison & Coordination Personnel");
        assert_eq!(u.phases.len(), 1);
        let (rest, u) = ok(unit("Level II Hospital, X"));
        assert_eq!((u.role, u.phases.len(), rest), ("Level II Hospital", 0, ", X"));
        let (rest, u) = ok(unit("Staff Officers."));
        assert_eq!((u.role, rest), ("Staff Officers", "."));
        assert!(matches!(unit("Staff (2x"), Err(nom::Err::Failure(_))));
    }

    #[test]
    fn month_number_knows_names_and_abbreviations() {
        assert_eq!(month_number("March"), Some(3));
        assert_eq!(month_number("oct"), Some(10));
        assert_eq!(month_number("Sept"), Some(9));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Octo"), None);
    }

    #[test]
    fn whole_entry() {
        let e = parse_entry(
            "- 3. UNDOF Israel, Syria and Lebanon 01.1996-02.2013: Staff Officers (2x3, in 2009 3x4), \
             Transport Units (43x33, in 2012 44x1), Liaison & Coordination Personnel (max 6);",
        )
        .unwrap();
        assert_eq!(
            (e.number, e.mission, e.locations),
            (Some(3), "UNDOF", "Israel, Syria and Lebanon")
        );
        assert_eq!(e.units.len(), 3);
        assert_eq!(e.terminator, Some(';'));
    }

    #[test]
    fn a_closing_comma_ends_the_entry() {
        let e = parse_entry("UNTAC Cambodia 09.1992-09.1993: Civilian Police (75),").unwrap();
        assert!(e.terminator == Some(',') && e.units.len() == 1);
    }

    #[test]
    fn wrapped_entry_parses_as_one() {
        let e = parse_entry("UNTAC, Cambodia 09.1992-\n09.1993: Engineering\nUnits (600\nx2), Civilian Police (75)")
            .unwrap();
        assert_eq!(e.units.len(), 2);
        assert_eq!(e.terminator, None);
    }

    #[test]
    fn errors_say_where_parsing_stopped() {
        let text = "UNTAC, Cambodia 09.1992-09.1993: Engineering Units (600x2), Civilian Police (75";
        let e = parse_entry(text).unwrap_err();
        assert_eq!(e.pos, text.len());
        assert_eq!(e.partial.as_ref().map(|p| p.units.len()), Some(1));
        let e = parse_entry("UNTAC, Cambodia 09.1992: x").unwrap_err();
        assert_eq!(e.pos, "UNTAC, Cambodia 09.1992".len());
        assert!(e.partial.is_none());
        let e = parse_entry("UNTAC, Cambodia 09.1992-09.1993 Civilian Police (75)").unwrap();
        assert!(!e.colon);
        let e = parse_entry("The mission was a success.").unwrap_err();
        assert_eq!((e.pos, e.expected), (0, "mission"));
        let e = parse_entry("UNTAC Cambodia 09.1992-09.1993: Staff (2) Officers").unwrap_err();
        assert!(e.pos > 0 && e.partial.is_some(), "{e:?}");
    }
}
