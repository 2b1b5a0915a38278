//! "Current dispatch" blocks: a mission name, then `Key: value` items
//! (`Current dispatch:`, `Mandate:` with its sub-items, `Number of military
//! personnel:`, `Number of countries dispatching personnel:`, `Major TCCs:` /
//! `TCCs:`), read into [`Deployment`]s.
//!
//! Structure is decided from the items' text, not from list depth (which
//! layout makes unreliable): a numbered item, or an item ending with `:`
//! right before a field, names a new deployment; items after `Mandate:` that
//! are not fields are its mandate. Hands on [`is_deployment_group`],
//! [`is_trailing_fields`], [`read_group`] and [`attach_fields`].

use std::sync::LazyLock;

use regex::Regex;

use super::countries::split_locations;
use super::entry::month_number;
use crate::diagnostics::Code;
use crate::report::{Deployment, Diagnostic};
use crate::text::{BlockKind, ListGroup, Normalized};

/// What a `Key: value` item of a deployment block holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Dispatch,
    Mandate,
    MilitaryPersonnel,
    Countries,
    Contributors,
}

/// An item of the group, classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item<'a> {
    Field(Field, &'a str),
    Other(&'a str),
}

/// Strips a bullet left in the item text (`o Protection of civilians,`).
fn strip_bullet(text: &str) -> &str {
    let t = text.trim();
    for b in ["o ", "◦", "•", "▪", "- ", "* ", "– "] {
        if let Some(rest) = t.strip_prefix(b) {
            return rest.trim_start();
        }
    }
    t
}

/// The field an item is, from its key, with the value after the colon.
pub fn field_of(text: &str) -> Option<(Field, &str)> {
    let t = strip_bullet(text);
    let (key, value) = t.split_once(':')?;
    if key.len() > 80 {
        return None;
    }
    let k = key.trim().to_lowercase();
    let value = value.trim();
    let field = if k.starts_with("current dispatch") || k.starts_with("current deployment") {
        Field::Dispatch
    } else if k == "mandate" || k == "mandates" {
        Field::Mandate
    } else if k.contains("tcc") || k.contains("contributors") || (k.contains("contributing") && !k.contains("number")) {
        Field::Contributors
    } else if k.contains("countr") && k.contains("number") {
        Field::Countries
    } else if (k.contains("personnel") || k.contains("troops") || k.contains("strength")) && !k.contains("countr") {
        Field::MilitaryPersonnel
    } else {
        return None;
    };
    Some((field, value))
}

fn classify(text: &str) -> Item<'_> {
    match field_of(text) {
        Some((f, v)) => Item::Field(f, v),
        None => Item::Other(strip_bullet(text)),
    }
}

/// True when some item of the group is a `Current dispatch:` field.
pub fn is_deployment_group(doc: &Normalized, group: &ListGroup) -> bool {
    group
        .items
        .iter()
        .any(|&i| matches!(field_of(doc.content(i)), Some((Field::Dispatch, _))))
}

/// True when every item is a personnel, countries or contributors field: a
/// block's tail that layout split off (`• TCCs: ...` after a blank line).
pub fn is_trailing_fields(doc: &Normalized, group: &ListGroup) -> bool {
    !group.items.is_empty()
        && group.items.iter().all(|&i| {
            matches!(
                field_of(doc.content(i)),
                Some((Field::MilitaryPersonnel | Field::Countries | Field::Contributors, _))
            )
        })
}

/// A number as written, thousands separators allowed (`13,885`).
static NUMBER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,3}(?:,\d{3})+\b|\d+").expect("static regex"));
/// A month name and year (`November 2011`, `Nov. 2011`).
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([A-Za-z]{3,9})\.?\s+(\d{4})\b").expect("static regex"));
/// A numeric month and year (`11.2011`, `11/2011`).
static NUM_MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[./](\d{4})\b").expect("static regex"));

fn first_number(value: &str) -> Option<u64> {
    NUMBER
        .find(value)
        .and_then(|m| m.as_str().replace(',', "").parse().ok())
}

/// `YYYY-MM` of the first month and year in a `Current dispatch` text
/// ("4 staff officers (November 2011 present)").
pub fn since_of(value: &str) -> Option<String> {
    for c in MONTH_YEAR.captures_iter(value) {
        if let (Some(m), Some(y)) = (month_number(&c[1]), c.get(2)) {
            return Some(format!("{}-{m:02}", y.as_str()));
        }
    }
    let c = NUM_MONTH_YEAR.captures(value)?;
    let m: u32 = c[1].parse().ok()?;
    (1..=12).contains(&m).then(|| format!("{}-{m:02}", &c[2]))
}

/// Words that close a list rather than name a contributor.
const NOT_A_NAME: &[&str] = &["etc", "others", "other countries", "so on", "more"];

/// The countries of a `TCCs:` list, "etc." dropped; "Bosnia and Herzegovina"
/// stays one country (see [`split_locations`]).
pub fn contributors_of(value: &str) -> Vec<String> {
    split_locations(value)
        .into_iter()
        .map(|(a, b)| value[a..b].trim().trim_end_matches('.').trim())
        .filter(|s| !s.is_empty() && !NOT_A_NAME.iter().any(|n| s.eq_ignore_ascii_case(n)))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// A mandate item without its closing `,`, `;` or `.`.
fn mandate_text(text: &str) -> String {
    let t = text.trim().trim_end_matches([',', ';', '.']).trim_end();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number marker left in an item's text (`1. UN Mission ...`).
static NUMBER_MARKER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,4}[.)]\s+").expect("static regex"));

/// A name item without its number and closing `:`.
fn name_text(text: &str) -> String {
    let t = text.trim();
    let t = NUMBER_MARKER.find(t).map_or(t, |m| &t[m.end()..]);
    let t = t.trim_end_matches(':').trim_end();
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Builder {
    dep: Deployment,
    start: usize,
    end: usize,
}

impl Builder {
    fn new(name: String, start: usize, end: usize) -> Self {
        Builder {
            dep: Deployment {
                name,
                dispatch: None,
                since: None,
                mandate: Vec::new(),
                military_personnel: None,
                contributing_countries: None,
                contributors: Vec::new(),
                span: Default::default(),
            },
            start,
            end,
        }
    }

    fn finish(mut self, doc: &Normalized) -> Deployment {
        self.dep.span = doc.span(self.start, self.end);
        self.dep
    }
}

/// Sets a personnel, countries or contributors field; false when the field
/// already had a value (the new one is then ignored).
fn set_field(dep: &mut Deployment, field: Field, value: &str) -> bool {
    match field {
        Field::MilitaryPersonnel if dep.military_personnel.is_none() => dep.military_personnel = first_number(value),
        Field::Countries if dep.contributing_countries.is_none() => dep.contributing_countries = first_number(value),
        Field::Contributors if dep.contributors.is_empty() => dep.contributors = contributors_of(value),
        Field::Mandate => {
            if !value.is_empty() {
                dep.mandate.push(mandate_text(value));
            }
        }
        Field::Dispatch if dep.dispatch.is_none() => {
            dep.since = since_of(value);
            dep.dispatch = Some(value.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        _ => return false,
    }
    true
}

/// Reads the deployments of a group with `Current dispatch:` items.
pub fn read_group(doc: &Normalized, group: &ListGroup, diagnostics: &mut Vec<Diagnostic>) -> Vec<Deployment> {
    let mut out = Vec::new();
    let mut cur: Option<Builder> = None;
    // A name item waiting for its fields: (name, start offset).
    let mut pending: Option<(String, usize, usize)> = None;
    let mut in_mandate = false;
    let heading = group.heading.map(|h| name_text(doc.content(h)));
    let items = &group.items;
    for (k, &b) in items.iter().enumerate() {
        let block = &doc.blocks[b];
        let numbered = matches!(block.kind, BlockKind::ListItem { number: Some(_), .. })
            || NUMBER_MARKER.is_match(doc.content(b).trim_start());
        let (start, end) = block.span;
        match classify(doc.content(b)) {
            Item::Field(field, value) => {
                in_mandate = field == Field::Mandate;
                let needs_new = match &cur {
                    None => true,
                    Some(c) => field == Field::Dispatch && c.dep.dispatch.is_some(),
                };
                if needs_new {
                    if let Some(done) = cur.take() {
                        out.push(done.finish(doc));
                    }
                    let (name, s, e) = match pending.take() {
                        Some(p) => p,
                        None => {
                            let name = if out.is_empty() { heading.clone() } else { None };
                            if name.is_none() {
                                diagnostics.push(Diagnostic::warning(
                                    Code::DeploymentNoName,
                                    "A current-dispatch block has no mission name before it; its name is left empty.",
                                    Some(doc.span(start, end)),
                                ));
                            }
                            (name.unwrap_or_default(), start, end)
                        }
                    };
                    cur = Some(Builder::new(name, s, e));
                }
                if let Some(c) = cur.as_mut() {
                    c.end = end;
                    if !set_field(&mut c.dep, field, value) {
                        diagnostics.push(Diagnostic::warning(
                            Code::DeploymentDuplicateField,
                            "A field of a current-dispatch block is given twice; the first value is kept.",
                            Some(doc.span(start, end)),
                        ));
                    }
                }
            }
            Item::Other(text) => {
                let next_is_field = items.get(k + 1).is_some_and(|&n| field_of(doc.content(n)).is_some());
                let is_name = numbered || (text.ends_with(':') && next_is_field);
                match cur.as_mut() {
                    Some(c) if in_mandate && !is_name => {
                        c.dep.mandate.push(mandate_text(text));
                        c.end = end;
                    }
                    _ => {
                        if let Some(done) = cur.take() {
                            out.push(done.finish(doc));
                        }
                        in_mandate = false;
                        if let Some((old, s, e)) = pending.replace((name_text(text), start, end)) {
                            diagnostics.push(Diagnostic::warning(
                                Code::DeploymentStrayItem,
                                format!("Item {old:?} of a current-dispatch list is neither a name, a field nor a mandate item."),
                                Some(doc.span(s, e)),
                            ));
                        }
                    }
                }
            }
        }
    }
    if let Some(done) = cur.take() {
        out.push(done.finish(doc));
    }
    if let Some((old, s, e)) = pending {
        diagnostics.push(Diagnostic::warning(
            Code::DeploymentStrayItem,
            format!("Item {old:?} of a current-dispatch list is neither a name, a field nor a mandate item."),
            Some(doc.span(s, e)),
        ));
    }
    out
}

/// Adds the fields of a trailing group to the deployment read just before.
pub fn attach_fields(doc: &Normalized, group: &ListGroup, dep: &mut Deployment, diagnostics: &mut Vec<Diagnostic>) {
    for &b in &group.items {
        let (start, end) = doc.blocks[b].span;
        if let Some((field, value)) = field_of(doc.content(b)) {
            if set_field(dep, field, value) {
                dep.span = doc.span(dep.span.start.min(start), dep.span.end.max(end));
                diagnostics.push(Diagnostic::info(
                    Code::DeploymentDetachedField,
                    "A field set apart from its current-dispatch block was added to the block before it.",
                    Some(doc.span(start, end)),
                ));
            } else {
                diagnostics.push(Diagnostic::warning(
                    Code::DeploymentDuplicateField,
                    "A field of a current-dispatch block is given twice; the first value is kept.",
                    Some(doc.span(start, end)),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_known_by_their_keys() {
        assert_eq!(
            field_of("Current dispatch: 4 staff officers").map(|f| f.0),
            Some(Field::Dispatch)
        );
        assert_eq!(field_of("Mandate:"), Some((Field::Mandate, "")));
        assert_eq!(
            field_of("Number of military personnel: 13,885").map(|f| f.0),
            Some(Field::MilitaryPersonnel)
        );
        assert_eq!(
            field_of("Number of countries dispatching personnel: 70").map(|f| f.0),
            Some(Field::Countries)
        );
        assert_eq!(field_of("Major TCCs: Rwanda").map(|f| f.0), Some(Field::Contributors));
        assert_eq!(field_of("• TCCs: Fiji").map(|f| f.0), Some(Field::Contributors));
        assert_eq!(field_of("UN Mission in South Sudan:"), None);
    }

    #[test]
    fn values_are_read() {
        assert_eq!(first_number("13,885"), Some(13885));
        assert_eq!(first_number("about 1154 troops"), Some(1154));
        assert_eq!(
            since_of("4 staff officers (November 2011 present), logistics"),
            Some("2011-11".into())
        );
        assert_eq!(since_of("2 staff officers (since Apr. 2019)"), Some("2019-04".into()));
        assert_eq!(since_of("2 officers (04.2019-present)"), Some("2019-04".into()));
        assert_eq!(since_of("2 staff officers"), None);
        assert_eq!(
            contributors_of("Rwanda, India, Nepal, etc."),
            ["Rwanda", "India", "Nepal"].map(String::from)
        );
        assert_eq!(contributors_of("Ghana, and others"), ["Ghana"].map(String::from));
        assert_eq!(
            contributors_of("Norway, Bosnia and Herzegovina and UK."),
            ["Norway", "Bosnia and Herzegovina", "UK"].map(String::from)
        );
        assert_eq!(mandate_text("Protection of civilians,"), "Protection of civilians");
        assert_eq!(
            name_text("2. Multinational Force and Observers:"),
            "Multinational Force and Observers"
        );
    }
}
