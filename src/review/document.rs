//! The review page of one document: the normalized text on the left with
//! every extracted item highlighted at its span ([`super::text_view`]),
//! and the items on the right, each linked to its span: the event card,
//! sections, speaker turns, the people table, the dispatch table,
//! deployments, lists and the diagnostics.
//!
//! Markers for tests and tools: each turn's element carries `data-turn`
//! (its index), each dispatch's `data-dispatch` (its position in the
//! report's `dispatches`), each person's `data-person` (the person id),
//! each diagnostic's `data-code` (its code), once per item.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::html::{self, attr, text};
use super::text_view::{self, Kind, Mark};
use crate::report::{Diagnostic, Dispatch, Report, Severity, Span};

/// Where the links of a document page lead (URLs relative to the page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// The source PDF; page numbers link to `pdf#page=N`.
    pub pdf: Option<String>,
    /// The batch's index page.
    pub index: Option<String>,
}

/// The page of `report`, whose spans point into `text`.
pub fn page(report: &Report, text: &str, links: &Links) -> Vec<u8> {
    let mut out = String::with_capacity(text.len() * 2 + 16 * 1024);
    let title = report.event.title.as_deref().unwrap_or(&report.source.file);
    html::head(&mut out, &format!("{title} \u{2014} {}", report.source.file), "doc");
    header(&mut out, report, links);
    out.push_str("<main class=\"panes\">\n<section class=\"text-pane\" id=\"text\" aria-label=\"Normalized text\">\n<div class=\"text\">");
    let page_starts = report.source.page_starts.as_deref().unwrap_or(&[]);
    text_view::render(&mut out, text, marks(report), page_starts, links.pdf.as_deref());
    out.push_str("</div>\n</section>\n<section class=\"items-pane\" aria-label=\"Extracted items\">\n");
    let ctx = Ctx::new(report, links);
    contents(&mut out, report);
    event_card(&mut out, &ctx);
    sections(&mut out, &ctx);
    turns(&mut out, &ctx);
    people(&mut out, &ctx);
    dispatches(&mut out, &ctx);
    deployments(&mut out, &ctx);
    lists(&mut out, &ctx);
    diagnostics(&mut out, &ctx);
    out.push_str("</section>\n</main>\n");
    html::foot(&mut out);
    out.into_bytes()
}

/// What the cards share: the report, the links, each person's position
/// (chip colour) and turns.
struct Ctx<'a> {
    report: &'a Report,
    links: &'a Links,
    person_index: HashMap<&'a str, usize>,
    turns_of: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(report: &'a Report, links: &'a Links) -> Ctx<'a> {
        let person_index = report
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut turns_of: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, t) in report.turns.iter().enumerate() {
            if let Some(id) = &t.speaker_id {
                turns_of.entry(id.as_str()).or_default().push(i);
            }
        }
        Ctx {
            report,
            links,
            person_index,
            turns_of,
        }
    }

    /// A speaker chip, coloured by the person's position in the table.
    fn chip(&self, out: &mut String, name: &str, person: Option<&str>) {
        match person.and_then(|id| self.person_index.get(id)) {
            Some(&i) => {
                let _ = write!(out, "<span class=\"chip\" style=\"--h:{}\">", (i * 137) % 360);
            }
            None => out.push_str("<span class=\"chip unknown\">"),
        }
        text(out, name);
        out.push_str("</span>");
    }

    /// The link that scrolls the text to `id`'s span, with its pages.
    fn go(&self, out: &mut String, id: &str, span: &Span) {
        out.push_str("<a class=\"go\" href=\"#t-");
        attr(out, id);
        out.push_str("\">");
        match html::pages_label(span.page, span.page_end) {
            Some(p) => text(out, &p),
            None => out.push_str("in text"),
        }
        out.push_str("</a>");
        if let (Some(pdf), Some(page)) = (&self.links.pdf, span.page) {
            out.push_str(" <a class=\"pdf\" href=\"");
            attr(out, pdf);
            let _ = write!(out, "#page={page}\">PDF</a>");
        }
    }
}

/// Every span of the report as a mark of the text pane.
fn marks(report: &Report) -> Vec<Mark> {
    let mut marks = Vec::new();
    let mut add = |span: &Span, kind: Kind, id: String, title: &str, alt: bool| {
        marks.push(Mark {
            start: span.start,
            end: span.end,
            kind,
            id,
            title: title.to_string(),
            alt,
        })
    };
    for (i, s) in report.sections.iter().enumerate() {
        add(&s.span, Kind::Section, format!("section-{i}"), &s.title, false);
    }
    for (i, t) in report.turns.iter().enumerate() {
        add(&t.span, Kind::Turn, format!("turn-{i}"), &t.speaker, i % 2 == 1);
    }
    for (i, d) in report.dispatches.iter().enumerate() {
        add(&d.span, Kind::Dispatch, format!("dispatch-{i}"), &d.mission, false);
    }
    for (i, d) in report.deployments.iter().enumerate() {
        add(&d.span, Kind::Deployment, format!("deployment-{i}"), &d.name, false);
    }
    for (i, l) in report.lists.iter().enumerate() {
        add(
            &l.span,
            Kind::List,
            format!("list-{i}"),
            l.title.as_deref().unwrap_or("list"),
            false,
        );
    }
    for (i, d) in report.diagnostics.iter().enumerate() {
        if let Some(span) = &d.span {
            let title = format!("{}: {}", d.code, d.message);
            add(span, Kind::Diagnostic(d.severity), format!("diag-{i}"), &title, false);
        }
    }
    marks
}

fn header(out: &mut String, report: &Report, links: &Links) {
    let src = &report.source;
    out.push_str("<header class=\"top\">\n");
    if let Some(index) = &links.index {
        out.push_str("<nav class=\"crumbs\"><a href=\"");
        attr(out, index);
        out.push_str("\">All documents</a></nav>\n");
    }
    out.push_str("<h1>");
    text(out, report.event.title.as_deref().unwrap_or(&src.file));
    out.push_str("</h1>\n<p class=\"meta\"><span class=\"file\">");
    text(out, &src.file);
    out.push_str("</span> \u{b7} ");
    text(out, src.media_type.as_str());
    if let Some(p) = src.pages {
        let _ = write!(out, " \u{b7} {p} pages");
    }
    let _ = write!(out, " \u{b7} {} bytes \u{b7} sha256 ", src.bytes);
    text(out, src.sha256.get(..12).unwrap_or(&src.sha256));
    if let Some(pdf) = &links.pdf {
        out.push_str(" \u{b7} <a href=\"");
        attr(out, pdf);
        out.push_str("\">source PDF</a>");
    }
    out.push_str("</p>\n<p class=\"counts\">");
    let (e, w, i) = severity_counts(&report.diagnostics);
    let _ = write!(
        out,
        "{} people \u{b7} {} turns \u{b7} {} dispatches \u{b7} {} deployments \u{b7} {} lists \u{b7} \
         <span class=\"sev sev-error\">{e} errors</span> <span class=\"sev sev-warning\">{w} warnings</span> \
         <span class=\"sev sev-info\">{i} info</span>",
        report.people.len(),
        report.turns.len(),
        report.dispatches.len(),
        report.deployments.len(),
        report.lists.len()
    );
    out.push_str("</p>\n</header>\n");
}

/// Diagnostics by severity: (errors, warnings, info).
pub fn severity_counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    diags.iter().fold((0, 0, 0), |(e, w, i), d| match d.severity {
        Severity::Error => (e + 1, w, i),
        Severity::Warning => (e, w + 1, i),
        Severity::Info => (e, w, i + 1),
    })
}

fn contents(out: &mut String, r: &Report) {
    out.push_str("<nav class=\"toc\">");
    let parts = [
        ("event", "Event", None),
        ("sections", "Sections", Some(r.sections.len())),
        ("turns", "Turns", Some(r.turns.len())),
        ("people", "People", Some(r.people.len())),
        ("dispatches", "Dispatches", Some(r.dispatches.len())),
        ("deployments", "Deployments", Some(r.deployments.len())),
        ("lists", "Lists", Some(r.lists.len())),
        ("diagnostics", "Diagnostics", Some(r.diagnostics.len())),
    ];
    for (id, label, n) in parts {
        let _ = write!(out, "<a href=\"#{id}\">{label}");
        if let Some(n) = n {
            let _ = write!(out, " ({n})");
        }
        out.push_str("</a> ");
    }
    out.push_str("</nav>\n");
}

/// `<dt>label</dt><dd>value</dd>`, or nothing without a value.
fn field(out: &mut String, label: &str, value: Option<&str>) {
    if let Some(v) = value {
        let _ = write!(out, "<dt>{label}</dt><dd>");
        text(out, v);
        out.push_str("</dd>");
    }
}

fn event_card(out: &mut String, ctx: &Ctx) {
    let ev = &ctx.report.event;
    out.push_str("<section class=\"card event\" id=\"event\">\n<h2>Event</h2>\n<dl>");
    field(out, "Title", ev.title.as_deref());
    let date = ev.date.as_ref().map(|d| {
        format!(
            "{d}{}",
            ev.weekday.as_ref().map(|w| format!(" ({w})")).unwrap_or_default()
        )
    });
    field(out, "Date", date.as_deref());
    field(out, "Start (UTC)", ev.start_utc.as_deref());
    if !ev.local_times.is_empty() {
        out.push_str("<dt>Local times</dt><dd><table class=\"times\"><thead><tr><th>Place</th><th>Local</th><th>Time zone</th><th>UTC offset</th></tr></thead><tbody>");
        for t in &ev.local_times {
            out.push_str("<tr><td>");
            text(out, &t.place);
            out.push_str("</td><td>");
            text(out, &t.local);
            out.push_str("</td><td>");
            text(out, t.time_zone.as_deref().unwrap_or("\u{2014}"));
            out.push_str("</td><td>");
            text(out, t.utc_offset.as_deref().unwrap_or("\u{2014}"));
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table></dd>");
    }
    if !ev.organizers.is_empty() {
        out.push_str("<dt>Organizers</dt><dd><ul>");
        for o in &ev.organizers {
            out.push_str("<li>");
            text(out, o);
            out.push_str("</li>");
        }
        out.push_str("</ul></dd>");
    }
    if !ev.presenters.is_empty() {
        out.push_str("<dt>Presenters</dt><dd>");
        for id in &ev.presenters {
            let name = ctx.report.people.iter().find(|p| &p.id == id).map(|p| p.name.as_str());
            ctx.chip(out, name.unwrap_or(id), Some(id));
            out.push(' ');
        }
        out.push_str("</dd>");
    }
    field(out, "Compiled by", ev.compiled_by.as_deref());
    if let Some(info) = &ctx.report.source.pdf_info {
        field(out, "PDF title", info.title.as_deref());
        field(out, "PDF author", info.author.as_deref());
        field(out, "PDF creator", info.creator.as_deref());
        field(out, "PDF producer", info.producer.as_deref());
        field(out, "PDF created", info.creation_date.as_deref());
    }
    out.push_str("</dl>\n</section>\n");
}

/// Opens the card `id` headed `title`; when it has no items (`empty`), says
/// so with `none`.
fn open_card(out: &mut String, id: &str, title: &str, empty: bool, none: &str) {
    let _ = writeln!(out, "<section class=\"card\" id=\"{id}\">\n<h2>{title}</h2>");
    if empty {
        let _ = writeln!(out, "<p class=\"none\">{none}</p>");
    }
}

fn sections(out: &mut String, ctx: &Ctx) {
    let empty = ctx.report.sections.is_empty();
    open_card(out, "sections", "Sections", empty, "No sections.");
    if !empty {
        out.push_str("<ol class=\"sections\">");
        for (i, s) in ctx.report.sections.iter().enumerate() {
            let id = format!("section-{i}");
            let _ = write!(out, "<li id=\"i-{id}\" data-section=\"{i}\">");
            text(out, &s.title);
            out.push(' ');
            ctx.go(out, &id, &s.span);
            out.push_str("</li>");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

fn turns(out: &mut String, ctx: &Ctx) {
    let empty = ctx.report.turns.is_empty();
    open_card(out, "turns", "Speaker turns", empty, "No speaker turns.");
    for (i, t) in ctx.report.turns.iter().enumerate() {
        let id = format!("turn-{i}");
        let _ = write!(out, "<article class=\"turn\" id=\"i-{id}\" data-turn=\"{}\"", t.index);
        if let Some(sid) = &t.speaker_id {
            out.push_str(" data-speaker=\"");
            attr(out, sid);
            out.push('"');
        }
        out.push_str(">\n<p class=\"turn-head\">");
        let _ = write!(out, "<span class=\"n\">#{}</span> ", t.index);
        ctx.chip(out, &t.speaker, t.speaker_id.as_deref());
        out.push(' ');
        ctx.go(out, &id, &t.span);
        if let Some(sec) = &t.section {
            out.push_str(" <span class=\"in-section\">");
            text(out, sec);
            out.push_str("</span>");
        }
        out.push_str("</p>\n<p class=\"header\">");
        text(out, &t.header);
        out.push_str("</p>\n<div class=\"paras\">");
        for p in &t.paragraphs {
            out.push_str("<p>");
            text(out, p);
            out.push_str("</p>");
        }
        out.push_str("</div>\n</article>\n");
    }
    out.push_str("</section>\n");
}

fn people(out: &mut String, ctx: &Ctx) {
    let empty = ctx.report.people.is_empty();
    open_card(out, "people", "People", empty, "No people.");
    if empty {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<table class=\"people\"><thead><tr><th>Name</th><th>Honorific</th><th>Affiliation</th><th>Variants</th><th>Turns</th></tr></thead><tbody>\n");
    for p in &ctx.report.people {
        out.push_str("<tr data-person=\"");
        attr(out, &p.id);
        out.push_str("\"><td>");
        ctx.chip(out, &p.name, Some(&p.id));
        if ctx.report.event.presenters.contains(&p.id) {
            out.push_str(" <span class=\"tag\">presenter</span>");
        }
        out.push_str("</td><td>");
        text(out, p.honorific.as_deref().unwrap_or(""));
        out.push_str("</td><td>");
        text(out, p.affiliation.as_deref().unwrap_or(""));
        out.push_str("</td><td>");
        for (k, v) in p.variants.iter().enumerate() {
            if k > 0 {
                out.push_str("; ");
            }
            text(out, v);
        }
        out.push_str("</td><td>");
        let turns = ctx.turns_of.get(p.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        match turns.first() {
            Some(&first) => {
                let refs: Vec<String> = turns.iter().map(|t| format!("turn-{t}")).collect();
                let _ = write!(
                    out,
                    "<a class=\"go\" href=\"#t-turn-{first}\" data-refs=\"{}\">{}</a>",
                    refs.join(" "),
                    turns.len()
                );
            }
            None => out.push('0'),
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn dispatches(out: &mut String, ctx: &Ctx) {
    let empty = ctx.report.dispatches.is_empty();
    open_card(out, "dispatches", "Dispatches", empty, "No dispatch records.");
    if empty {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<table class=\"dispatches\"><thead><tr><th>No.</th><th>Mission</th><th>Locations</th><th>Period</th><th>Units and phases</th><th>Span</th></tr></thead>\n");
    for (i, d) in ctx.report.dispatches.iter().enumerate() {
        let id = format!("dispatch-{i}");
        let _ = write!(out, "<tbody id=\"i-{id}\" data-dispatch=\"{i}\"><tr><td>");
        if let Some(n) = d.index {
            let _ = write!(out, "{n}");
        }
        out.push_str("</td><td>");
        text(out, &d.mission);
        out.push_str("</td><td>");
        locations(out, d);
        out.push_str("</td><td>");
        let period = format!(
            "{} \u{2013} {}",
            d.start.as_deref().unwrap_or("?"),
            if d.ongoing {
                "ongoing"
            } else {
                d.end.as_deref().unwrap_or("?")
            }
        );
        text(out, &period);
        out.push_str("</td><td>");
        units(out, d);
        out.push_str("</td><td>");
        ctx.go(out, &id, &d.span);
        out.push_str("</td></tr><tr class=\"raw\"><td></td><td colspan=\"5\">");
        text(out, &d.raw);
        out.push_str("</td></tr></tbody>\n");
    }
    out.push_str("</table>\n</section>\n");
}

fn locations(out: &mut String, d: &Dispatch) {
    for (k, loc) in d.locations.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        text(out, loc);
        if let Some(Some(code)) = d.location_codes.get(k) {
            out.push_str(" <span class=\"code\">");
            text(out, code);
            out.push_str("</span>");
        }
    }
}

fn units(out: &mut String, d: &Dispatch) {
    out.push_str("<ul class=\"units\">");
    for u in &d.units {
        out.push_str("<li><b>");
        text(out, &u.role);
        out.push_str("</b>");
        if u.role_raw != u.role {
            out.push_str(" <span class=\"as-written\">(");
            text(out, &u.role_raw);
            out.push_str(")</span>");
        }
        for ph in &u.phases {
            let mut s = String::new();
            if let Some(q) = &ph.qualifier {
                s.push_str(q);
                s.push(' ');
            }
            if let Some(f) = &ph.from {
                s.push_str(f);
                s.push_str(": ");
            }
            if let Some(n) = ph.personnel {
                let _ = write!(s, "{n}");
            }
            if let Some(r) = ph.rotations {
                let _ = write!(s, " \u{d7}{r}");
            }
            if let Some(m) = ph.max {
                let _ = write!(s, " max {m}");
            }
            out.push_str(" <span class=\"phase\">");
            text(out, s.trim());
            out.push_str("</span>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

fn deployments(out: &mut String, ctx: &Ctx) {
    let empty = ctx.report.deployments.is_empty();
    open_card(out, "deployments", "Deployments", empty, "No deployments.");
    for (i, d) in ctx.report.deployments.iter().enumerate() {
        let id = format!("deployment-{i}");
        let _ = write!(
            out,
            "<article class=\"deployment\" id=\"i-{id}\" data-deployment=\"{i}\"><h3>"
        );
        text(out, &d.name);
        out.push_str("</h3> ");
        ctx.go(out, &id, &d.span);
        out.push_str("<dl>");
        field(out, "Dispatch", d.dispatch.as_deref());
        field(out, "Since", d.since.as_deref());
        field(
            out,
            "Mandate",
            (!d.mandate.is_empty()).then(|| d.mandate.join("; ")).as_deref(),
        );
        field(
            out,
            "Military personnel",
            d.military_personnel.map(|n| n.to_string()).as_deref(),
        );
        field(
            out,
            "Contributing countries",
            d.contributing_countries.map(|n| n.to_string()).as_deref(),
        );
        field(
            out,
            "Contributors",
            (!d.contributors.is_empty())
                .then(|| d.contributors.join(", "))
                .as_deref(),
        );
        out.push_str("</dl></article>\n");
    }
    out.push_str("</section>\n");
}

fn lists(out: &mut String, ctx: &Ctx) {
    let empty = ctx.report.lists.is_empty();
    open_card(out, "lists", "Lists", empty, "No other lists.");
    for (i, l) in ctx.report.lists.iter().enumerate() {
        let id = format!("list-{i}");
        let _ = write!(out, "<article class=\"list\" id=\"i-{id}\" data-list=\"{i}\"><h3>");
        text(out, l.title.as_deref().unwrap_or("(no heading)"));
        out.push_str("</h3> ");
        ctx.go(out, &id, &l.span);
        out.push_str("<ul>");
        for item in &l.items {
            out.push_str("<li>");
            text(out, item);
            out.push_str("</li>");
        }
        out.push_str("</ul></article>\n");
    }
    out.push_str("</section>\n");
}

fn diagnostics(out: &mut String, ctx: &Ctx) {
    let empty = ctx.report.diagnostics.is_empty();
    open_card(out, "diagnostics", "Diagnostics", empty, "No diagnostics.");
    if empty {
        out.push_str("</section>\n");
        return;
    }
    out.push_str("<ul class=\"diags\">\n");
    for (i, d) in ctx.report.diagnostics.iter().enumerate() {
        let id = format!("diag-{i}");
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        let _ = write!(out, "<li class=\"diag sev-{sev}\" id=\"i-{id}\" data-code=\"");
        attr(out, &d.code);
        let _ = write!(
            out,
            "\" data-severity=\"{sev}\"><span class=\"sev sev-{sev}\">{sev}</span> <code>"
        );
        text(out, &d.code);
        out.push_str("</code> ");
        text(out, &d.message);
        out.push(' ');
        match &d.span {
            Some(span) => ctx.go(out, &id, span),
            None => out.push_str("<span class=\"none\">(no span)</span>"),
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::SourceDoc;
    use crate::report::MediaType;

    fn hostile() -> (Report, String) {
        let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/review/hostile.txt")).unwrap();
        let doc = SourceDoc {
            file: "hostile.txt".into(),
            bytes,
            media_type: MediaType::Text,
        };
        let x = crate::pipeline::extract(&doc, &Default::default()).unwrap();
        (x.report, x.text)
    }

    #[test]
    fn every_item_has_one_marker_and_no_document_markup_survives() {
        let (report, text) = hostile();
        let page = String::from_utf8(page(&report, &text, &Links::default())).unwrap();
        assert_eq!(page.matches(" data-turn=\"").count(), report.turns.len());
        assert_eq!(page.matches(" data-dispatch=\"").count(), report.dispatches.len());
        assert_eq!(page.matches(" data-person=\"").count(), report.people.len());
        assert_eq!(page.matches(" data-code=\"").count(), report.diagnostics.len());
        assert_eq!(page.matches("<script").count(), 1, "only the page's own script");
        for tag in [
            "<img",
            "<svg",
            "<b>BOLD",
            "<i>Italic",
            "<style>body",
            "<a href=\"javascript",
        ] {
            assert!(!page.contains(tag), "{tag} reached the page as markup");
        }
        assert!(page.contains("&lt;script&gt;window.pwned=4&lt;/script&gt;"));
    }

    #[test]
    fn the_same_report_gives_the_same_bytes() {
        let (report, text) = hostile();
        let links = Links {
            pdf: Some("../a.pdf".into()),
            index: Some("index.html".into()),
        };
        assert_eq!(page(&report, &text, &links), page(&report, &text, &links));
    }
}
