//! The index page of a batch (`review/index.html`): every document of the
//! manifest with its status, pages, counts and diagnostics by severity, the
//! failures with their error, and filters by status and by diagnostic code
//! (a failure's error code counts as its code). Columns sort on a click.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::html::{self, attr, text};
use crate::batch::manifest::{Entry, Manifest, Status};

/// The index of `manifest`, whose pages lie under `review/` (links are
/// relative to `review/index.html`).
pub fn page(manifest: &Manifest) -> Vec<u8> {
    let mut out = String::with_capacity(4096 + manifest.documents.len() * 600);
    html::head(&mut out, "rapporteur review: all documents", "index");
    let s = &manifest.summary;
    out.push_str("<header class=\"top\">\n<h1>All documents</h1>\n<p class=\"meta\">");
    let _ = write!(
        out,
        "{} documents \u{b7} {} ok \u{b7} {} failed \u{b7} {} pages",
        s.documents, s.ok, s.failed, s.pages
    );
    if !manifest.complete {
        out.push_str(" \u{b7} <b>incomplete run</b>");
    }
    out.push_str(" \u{b7} ");
    text(
        &mut out,
        &format!("{} {}", manifest.generator.name, manifest.generator.version),
    );
    out.push_str("</p>\n");
    filters(&mut out, manifest);
    out.push_str("</header>\n<main class=\"index-main\">\n");
    table(&mut out, manifest);
    if !manifest.ignored.is_empty() {
        out.push_str("<section class=\"card\" id=\"ignored\"><h2>Not read</h2><ul>");
        for ig in &manifest.ignored {
            out.push_str("<li><span class=\"file\">");
            text(&mut out, &ig.file);
            out.push_str("</span>: ");
            text(&mut out, &ig.reason);
            out.push_str("</li>");
        }
        out.push_str("</ul></section>\n");
    }
    out.push_str("</main>\n");
    html::foot(&mut out);
    out.into_bytes()
}

/// The codes a document is filtered by: its diagnostics' codes, or its
/// error's code.
fn codes(e: &Entry) -> Vec<&str> {
    match (&e.error, &e.review) {
        (Some(err), _) => vec![err.code.as_str()],
        (None, Some(r)) => r.diagnostic_codes.keys().map(String::as_str).collect(),
        (None, None) => Vec::new(),
    }
}

fn filters(out: &mut String, manifest: &Manifest) {
    let mut all: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &manifest.documents {
        for c in codes(e) {
            *all.entry(c).or_insert(0) += 1;
        }
    }
    out.push_str("<form class=\"filters\" id=\"filters\">\n<label>Status <select id=\"f-status\">");
    let _ = write!(
        out,
        "<option value=\"\">all ({})</option><option value=\"ok\">ok ({})</option><option value=\"failed\">failed ({})</option>",
        manifest.summary.documents, manifest.summary.ok, manifest.summary.failed
    );
    out.push_str("</select></label>\n<label>Code <select id=\"f-code\"><option value=\"\">any</option>");
    for (code, n) in &all {
        out.push_str("<option value=\"");
        attr(out, code);
        out.push_str("\">");
        text(out, code);
        let _ = write!(out, " ({n})</option>");
    }
    out.push_str("</select></label>\n<label>Name <input id=\"f-name\" type=\"search\"></label>\n<span id=\"f-shown\"></span>\n</form>\n");
}

fn table(out: &mut String, manifest: &Manifest) {
    out.push_str("<table class=\"docs sortable\" id=\"docs\">\n<thead><tr>");
    for (label, kind) in [
        ("Document", "text"),
        ("Status", "text"),
        ("Type", "text"),
        ("Pages", "num"),
        ("People", "num"),
        ("Turns", "num"),
        ("Dispatches", "num"),
        ("Errors", "num"),
        ("Warnings", "num"),
        ("Info", "num"),
        ("Codes or error", "text"),
    ] {
        let _ = write!(out, "<th data-sort=\"{kind}\">{label}</th>");
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for e in &manifest.documents {
        row(out, e);
    }
    out.push_str("</tbody>\n</table>\n");
}

fn row(out: &mut String, e: &Entry) {
    let status = match e.status {
        Status::Ok => "ok",
        Status::Failed => "failed",
    };
    let codes = codes(e);
    let _ = write!(out, "<tr class=\"st-{status}\" data-status=\"{status}\" data-codes=\" ");
    for c in &codes {
        attr(out, c);
        out.push(' ');
    }
    out.push_str("\" data-file=\"");
    attr(out, &e.file.to_lowercase());
    out.push_str("\"><td class=\"file\">");
    match &e.review {
        Some(r) => {
            out.push_str("<a href=\"");
            let rel = r.page.strip_prefix("review/").unwrap_or(&r.page);
            attr(out, &html::url_of_relative(rel));
            out.push_str("\">");
            text(out, &e.file);
            out.push_str("</a>");
        }
        None => text(out, &e.file),
    }
    let _ = write!(
        out,
        "</td><td><span class=\"status st-{status}\">{status}</span></td><td>"
    );
    text(out, e.media_type.map(|m| m.as_str()).unwrap_or(""));
    out.push_str("</td>");
    let num = |out: &mut String, n: Option<usize>| match n {
        Some(n) => {
            let _ = write!(out, "<td class=\"n\">{n}</td>");
        }
        None => out.push_str("<td class=\"n\"></td>"),
    };
    num(out, e.pages.map(|p| p as usize));
    num(out, e.counts.as_ref().map(|c| c.people));
    num(out, e.counts.as_ref().map(|c| c.turns));
    num(out, e.counts.as_ref().map(|c| c.dispatches));
    num(out, e.diagnostics.as_ref().map(|d| d.error));
    num(out, e.diagnostics.as_ref().map(|d| d.warning));
    num(out, e.diagnostics.as_ref().map(|d| d.info));
    out.push_str("<td class=\"codes\">");
    match (&e.error, &e.review) {
        (Some(err), _) => {
            out.push_str("<code>");
            text(out, &err.code);
            out.push_str("</code> ");
            text(out, &err.message);
        }
        (None, Some(r)) => {
            for (k, (code, n)) in r.diagnostic_codes.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                out.push_str("<code>");
                text(out, code);
                let _ = write!(out, "</code>\u{a0}{n}");
            }
        }
        (None, None) => {}
    }
    out.push_str("</td></tr>\n");
}
