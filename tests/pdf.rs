//! The PDF text layer on small PDFs built here with lopdf, one per case.

use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use rapporteur::error::ErrorKind;
use rapporteur::pdf::{self, PdfOptions, PdfText};

/// One page to build.
#[derive(Default)]
struct Page {
    content: String,
    rotate: Option<i64>,
    /// Form XObjects: name, content, matrix, own resources.
    forms: Vec<(&'static str, String, Option<[f32; 6]>, bool)>,
    image: bool,
}

fn page(content: &str) -> Page {
    Page {
        content: content.to_string(),
        ..Default::default()
    }
}

fn font(doc: &mut Document, base: &str) -> Object {
    Object::Reference(doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => base,
        "Encoding" => "WinAnsiEncoding",
    }))
}

fn build_doc(pages: Vec<Page>) -> Document {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let f1 = font(&mut doc, "Helvetica");
    let f2 = font(&mut doc, "Helvetica-Bold");
    let f9 = font(&mut doc, "Times-Roman");
    let f3 = font(&mut doc, "Courier");
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2, "F3" => f3 },
    });
    let mut kids = Vec::new();
    for p in pages {
        let content = doc.add_object(Stream::new(Dictionary::new(), p.content.into_bytes()));
        let mut xobjects = Dictionary::new();
        for (name, body, matrix, own_res) in p.forms {
            let mut d = dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
            };
            if let Some(m) = matrix {
                d.set("Matrix", m.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>());
            }
            if own_res {
                d.set(
                    "Resources",
                    dictionary! { "Font" => dictionary! { "F9" => f9.clone() } },
                );
            }
            let id = doc.add_object(Stream::new(d, body.into_bytes()));
            xobjects.set(name, Object::Reference(id));
        }
        if p.image {
            let img = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
                    "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
                },
                vec![0, 255, 255, 0],
            );
            let id = doc.add_object(img);
            xobjects.set("Im1", Object::Reference(id));
        }
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
        };
        if !xobjects.is_empty() {
            let mut res = doc.get_dictionary(resources).unwrap().clone();
            res.set("XObject", xobjects);
            page.set("Resources", res);
        }
        if let Some(r) = p.rotate {
            page.set("Rotate", r);
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc
}

fn save(mut doc: Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn build(pages: Vec<Page>) -> Vec<u8> {
    save(build_doc(pages))
}

/// A PDF read, and its lines rendered by the normalize stage's geometry
/// pass (one string per page).
struct Rendered {
    raw: rapporteur::text::RawText,
    page_count: u32,
    info: rapporteur::report::PdfInfo,
}

fn extract(bytes: &[u8]) -> Rendered {
    let out: PdfText = pdf::extract(bytes, &PdfOptions::default()).unwrap();
    Rendered {
        raw: rapporteur::normalize::pdf_text(out.lines, out.diagnostics),
        page_count: out.page_count,
        info: out.info,
    }
}

fn text(bytes: &[u8]) -> String {
    extract(bytes).raw.pages.join("\n\n")
}

/// PDF string syntax for `s` (escapes parentheses and backslashes).
fn lit(s: &str) -> String {
    s.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)")
}

/// Lines of body text starting at (x, y) going down by `step`.
fn lines(font: &str, size: f32, x: f32, y: f32, step: f32, texts: &[&str]) -> String {
    let mut s = String::new();
    for (i, t) in texts.iter().enumerate() {
        s.push_str(&format!(
            "BT /{font} {size} Tf 1 0 0 1 {x} {} Tm ({}) Tj ET\n",
            y - step * i as f32,
            lit(t)
        ));
    }
    s
}

#[test]
fn tj_offsets_make_spaces_and_kerning_does_not() {
    let pdf = build(vec![page(
        "BT /F1 12 Tf 72 700 Td [(Civilian)-333.3(Police)] TJ ET\n\
         BT /F1 12 Tf 72 680 Td [(Engineering)-250(Units)] TJ ET\n\
         BT /F1 12 Tf 72 640 Td [(Ke)30(rn)-20(ing)] TJ ET",
    )]);
    let t = text(&pdf);
    assert!(t.contains("Civilian Police"), "{t}");
    assert!(t.contains("Engineering Units"), "{t}");
    assert!(t.contains("Kerning"), "{t}");
}

#[test]
fn td_and_tm_break_lines_and_gaps_break_paragraphs() {
    let pdf = build(vec![page(
        "BT /F1 11 Tf 72 700 Td (09.1993: first line of a paragraph that goes on) Tj\n\
         0 -13.5 Td (and continues on the second line, as wide as it) Tj\n\
         1 0 0 1 72 673 Tm (and ends on the third.) Tj\n\
         0 -30 Td (A new paragraph after a gap.) Tj ET",
    )]);
    let t = text(&pdf);
    assert_eq!(
        t,
        "09.1993: first line of a paragraph that goes on and continues on the second line, as wide as it and ends on the third.\n\n\
         A new paragraph after a gap."
    );
}

#[test]
fn a_space_cancelled_by_word_spacing_is_no_word_break() {
    // Ghostscript's pdfwrite shows a kerned word as "ev e" with a space whose
    // advance Tc and Tw cancel (Helvetica's space: 3.058 pt at 11 pt).
    let pdf = build(vec![page(
        "BT /F1 11 Tf 72 700 Td (Howev) Tj -0.275 Tc -2.78 Tw (e r) Tj 0 Tc 0 Tw ( it went on) Tj ET",
    )]);
    assert_eq!(text(&pdf), "However it went on");
}

#[test]
fn words_placed_one_by_one_get_spaces() {
    let pdf = build(vec![page(
        "BT /F1 12 Tf 72 700 Td (Headquarters) Tj 80 0 Td (staff) Tj 30 0 Td (officers) Tj ET",
    )]);
    assert_eq!(text(&pdf), "Headquarters staff officers");
}

#[test]
fn form_xobject_text_with_its_own_resources_and_matrix() {
    let mut p = page("BT /F1 12 Tf 72 720 Td (Page text above.) Tj ET\nq 1 0 0 1 0 -100 cm /Fm1 Do Q");
    p.forms.push((
        "Fm1",
        "BT /F9 12 Tf 72 700 Td (Text inside the form.) Tj ET".into(),
        Some([1.0, 0.0, 0.0, 1.0, 0.0, -50.0]),
        true,
    ));
    let t = text(&build(vec![p]));
    assert_eq!(t, "Page text above.\n\nText inside the form.");
}

#[test]
fn form_cycles_and_nesting_are_bounded() {
    let mut p = page("BT /F1 12 Tf 72 720 Td (Outside.) Tj ET /Fm1 Do");
    p.forms.push((
        "Fm1",
        "BT /F1 12 Tf 72 600 Td (Inside.) Tj ET /Fm1 Do".into(),
        None,
        false,
    ));
    let out = extract(&build(vec![p]));
    let t = out.raw.pages.join("");
    assert_eq!(t.matches("Inside.").count(), 1, "{t}");
    assert!(out.raw.diagnostics.iter().any(|d| d.code == "pdf.form-skipped"));
}

#[test]
fn rotated_page_reads_upright_in_order() {
    let mut p = page(
        "BT /F1 12 Tf 0 1 -1 0 100 72 Tm (First line of the rotated page) Tj ET\n\
         BT /F1 12 Tf 0 1 -1 0 114 72 Tm (second line of the rotated page) Tj ET",
    );
    p.rotate = Some(90);
    assert_eq!(
        text(&build(vec![p])),
        "First line of the rotated page second line of the rotated page"
    );
}

#[test]
fn two_columns_are_read_column_by_column() {
    let left: Vec<String> = (1..=8)
        .map(|i| format!("left column line {i} with some more words here"))
        .collect();
    let right: Vec<String> = (1..=8)
        .map(|i| format!("right column line {i} with some more words here"))
        .collect();
    let l: Vec<&str> = left.iter().map(String::as_str).collect();
    let r: Vec<&str> = right.iter().map(String::as_str).collect();
    // The right column is written first, and the title last.
    let content = format!(
        "{}{}{}",
        lines("F1", 10.0, 320.0, 650.0, 12.0, &r),
        lines("F1", 10.0, 72.0, 650.0, 12.0, &l),
        lines(
            "F2",
            16.0,
            72.0,
            700.0,
            20.0,
            &["A Title That Spans Both Columns of the Page Here"]
        ),
    );
    let out = extract(&build(vec![page(&content)]));
    let t = out.raw.pages.join("");
    let title = t.find("A Title").unwrap();
    let l1 = t.find("left column line 1 ").unwrap();
    let l8 = t.find("left column line 8").unwrap();
    let r1 = t.find("right column line 1 ").unwrap();
    assert!(title < l1 && l1 < l8 && l8 < r1, "{t}");
    assert!(out.raw.diagnostics.iter().any(|d| d.code == "pdf.columns"));
}

#[test]
fn running_headers_footers_and_page_numbers_are_removed() {
    let pages: Vec<Page> = (1..=3)
        .map(|n| {
            page(&format!(
                "{}{}{}",
                lines("F1", 9.0, 200.0, 760.0, 10.0, &["Annual Report of the Society"]),
                lines("F1", 11.0, 72.0, 700.0, 14.0, &[&format!("Body text of page {n}.")]),
                lines("F1", 9.0, 290.0, 40.0, 10.0, &[&format!("Page {n} of 3")]),
            ))
        })
        .collect();
    let out = extract(&build(pages));
    assert_eq!(
        out.raw.pages,
        vec!["Body text of page 1.", "Body text of page 2.", "Body text of page 3."]
    );
    let removed: Vec<_> = out
        .raw
        .diagnostics
        .iter()
        .filter(|d| d.code == "pdf.furniture-removed")
        .collect();
    assert_eq!(removed.len(), 2, "{removed:?}");
}

#[test]
fn a_footer_high_above_the_bottom_edge_is_still_a_running_footer() {
    // A LaTeX-like footer 100 pt above the bottom of a Letter page: a title on
    // the left and the page number on the right.
    let pages: Vec<Page> = (1..=3)
        .map(|n| {
            page(&format!(
                "{}{}{}",
                lines(
                    "F1",
                    11.0,
                    72.0,
                    700.0,
                    14.0,
                    // Wrapped lines of one width (a short line after which
                    // the next word would have fitted is the writer's break).
                    &[
                        &format!("Body text of page {n}, which runs on to the right margin of the page where the footer ends, and so on"),
                        "and more text of this page, which also runs on to the right margin where its footer ends, and",
                        "the rest of it."
                    ]
                ),
                lines("F1", 9.0, 72.0, 100.0, 10.0, &["Seminar report"]),
                lines("F1", 9.0, 500.0, 100.0, 10.0, &[&format!("Page {n}")]),
            ))
        })
        .collect();
    let out = extract(&build(pages));
    let body = |n| {
        format!(
            "Body text of page {n}, which runs on to the right margin of the page where the footer ends, and so on \
             and more text of this page, which also runs on to the right margin where its footer ends, and the rest of it."
        )
    };
    assert_eq!(out.raw.pages, vec![body(1), body(2), body(3)]);
}

#[test]
fn line_end_hyphens_are_removed_only_inside_words() {
    let body = [
        "The reconstruction of the country was slow, and the",
        "recon-",
        "struction went on while the cease-fire held across",
        "the whole territory. The Cease-",
        "fire observers came from UNMIT Timor-",
        "Leste in the period 09.1992-",
        "09.1993 with a cease-",
        "fire mandate.",
    ];
    // Each line on its own baseline at the usual spacing: one paragraph.
    let pdf = build(vec![page(&lines("F1", 11.0, 72.0, 700.0, 13.5, &body))]);
    let t = text(&pdf);
    assert!(t.contains(" reconstruction went on"), "{t}");
    assert!(t.contains("The Cease-fire observers"), "{t}");
    assert!(t.contains("UNMIT Timor-Leste"), "{t}");
    assert!(t.contains("09.1992-09.1993"), "{t}");
    assert!(t.contains("a cease-fire mandate"), "{t}");
}

#[test]
fn speaker_headers_are_their_own_paragraphs() {
    // No extra spacing anywhere: the bold start and the short line tell.
    let body = "BT /F2 11 Tf 72 700 Td (Ms. Jane Doe) Tj /F1 11 Tf ( Professor of International Relations at the University of) Tj ET\n\
         BT /F1 11 Tf 72 686.5 Td (Somewhere, Former Envoy) Tj ET\n\
         BT /F1 11 Tf 72 673 Td (Ms. Doe said that the mission had to change, and that the council should act soon) Tj ET\n\
         BT /F1 11 Tf 72 659.5 Td (on it.) Tj ET\n\
         BT /F2 11 Tf 72 646 Td (Mr. John Roe) Tj ET\n\
         BT /F1 11 Tf 72 632.5 Td (Director, Office of Something) Tj ET\n\
         BT /F1 11 Tf 72 619 Td (Mr. Roe agreed with everything that had been said before him in the debate of the) Tj ET\n\
         BT /F1 11 Tf 72 605.5 Td (day, and more.) Tj ET";
    assert_eq!(
        text(&build(vec![page(body)])),
        "Ms. Jane Doe Professor of International Relations at the University of Somewhere, Former Envoy\n\n\
         Ms. Doe said that the mission had to change, and that the council should act soon on it.\n\n\
         Mr. John Roe Director, Office of Something\n\n\
         Mr. Roe agreed with everything that had been said before him in the debate of the day, and more."
    );
}

#[test]
fn list_items_each_on_their_own_line() {
    let pdf = build(vec![page(&format!(
        "{}{}",
        lines("F1", 11.0, 72.0, 700.0, 13.5, &["Four pillars:"]),
        "BT /F1 11 Tf 72 686.5 Td (1.) Tj 18 0 Td (UN Peacekeeping Operations,) Tj ET\n\
         BT /F1 11 Tf 72 673 Td (2.) Tj 18 0 Td (Internationally Coordinated Operations for Peace and) Tj ET\n\
         BT /F1 11 Tf 90 659.5 Td (Security, a long item that wraps.) Tj ET\n\
         BT /F1 11 Tf 72 646 Td (3.) Tj 18 0 Td (Humanitarian Relief Operations.) Tj ET\n\
         BT /F1 11 Tf 72 632.5 Td (After the list, the text goes on.) Tj ET"
    ))]);
    assert_eq!(
        text(&pdf),
        "Four pillars:\n\n1. UN Peacekeeping Operations,\n\
         2. Internationally Coordinated Operations for Peace and Security, a long item that wraps.\n\
         3. Humanitarian Relief Operations.\n\nAfter the list, the text goes on."
    );
}

#[test]
fn actual_text_and_soft_hyphens() {
    // A hyphen glyph whose ActualText is a soft hyphen (U+00AD), at a line end
    // and inside a line; and a ligature glyph's ActualText.
    let pdf = build(vec![page(
        "BT /F1 11 Tf 72 700 Td (The soft) Tj /Span <</ActualText <FEFF00AD>>> BDC (-) Tj EMC (ware was \
         written by the people who) Tj ET\n\
         BT /F1 11 Tf 72 686.5 Td (then shipped the soft) Tj /Span <</ActualText <FEFF00AD>>> BDC (-) Tj EMC ET\n\
         BT /F1 11 Tf 72 673 Td (ware and ) Tj /Span <</ActualText (fi)>> BDC (X) Tj EMC (xed it.) Tj ET",
    )]);
    assert_eq!(
        text(&pdf),
        "The software was written by the people who then shipped the software and fixed it."
    );
}

#[test]
fn garbage_in_the_content_keeps_text_before_and_after() {
    let pdf = build(vec![page(
        "BT /F1 12 Tf 72 700 Td (Before the damage.) Tj ET ))) }} @@@ 1 2 3 xyzzy\n\
         BT /F1 12 Tf 72 650 Td (After the damage.) Tj ET",
    )]);
    let out = extract(&pdf);
    let t = out.raw.pages.join("");
    assert!(
        t.contains("Before the damage.") && t.contains("After the damage."),
        "{t}"
    );
    assert!(out.raw.diagnostics.iter().any(|d| d.code == "pdf.content-damaged"));
}

#[test]
fn image_only_pdf_needs_ocr() {
    let mut p = page("q 500 0 0 700 50 50 cm /Im1 Do Q");
    p.image = true;
    let e = pdf::extract(&build(vec![p]), &PdfOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NoTextLayer);
    assert_eq!(e.code(), "pdf.no-text-layer");
}

fn encrypted(user: &str) -> Vec<u8> {
    let mut doc = build_doc(vec![page("BT /F1 12 Tf 72 700 Td (Secret text.) Tj ET")]);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal),
            Object::String(b"0123456789abcdef".to_vec(), lopdf::StringFormat::Hexadecimal),
        ],
    );
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner",
        user_password: user,
        key_length: 128,
        permissions: lopdf::Permissions::all(),
    })
    .unwrap();
    doc.encrypt(&state).unwrap();
    save(doc)
}

#[test]
fn encrypted_with_an_empty_user_password_is_read() {
    let out = extract(&encrypted(""));
    assert_eq!(out.raw.pages, vec!["Secret text."]);
    assert!(out.raw.diagnostics.iter().any(|d| d.code == "pdf.decrypted"));
}

#[test]
fn encrypted_with_a_real_password_is_an_error() {
    let e = pdf::extract(&encrypted("hunter2"), &PdfOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Encrypted);
}

/// A PDF whose /Encrypt (version 5, a password that is not empty) names
/// `stream_filter` and `string_filter` as its crypt filters for streams and
/// strings and StdCF for embedded files, with its pages stored in clear.
fn crypt_filtered(stream_filter: &str, string_filter: &str) -> Vec<u8> {
    let mut doc = build_doc(vec![page("BT /F1 12 Tf 72 700 Td (Open pages.) Tj ET")]);
    let bytes = |n: usize, seed: u8| {
        Object::String(
            (0..n).map(|i| seed.wrapping_add((i as u8).wrapping_mul(7))).collect(),
            lopdf::StringFormat::Hexadecimal,
        )
    };
    let encrypt = doc.add_object(dictionary! {
        "Filter" => "Standard", "V" => 5, "R" => 6, "Length" => 256, "P" => -4,
        "CF" => dictionary! { "StdCF" => dictionary! { "AuthEvent" => "EFOpen", "CFM" => "AESV3", "Length" => 32 } },
        "StmF" => stream_filter, "StrF" => string_filter, "EFF" => "StdCF",
        "O" => bytes(48, 1), "U" => bytes(48, 2), "OE" => bytes(32, 3), "UE" => bytes(32, 4), "Perms" => bytes(16, 5),
    });
    doc.trailer.set("Encrypt", encrypt);
    doc.trailer.set("ID", vec![bytes(16, 6), bytes(16, 6)]);
    save(doc)
}

#[test]
fn only_attachments_encrypted_pages_are_read() {
    let out = extract(&crypt_filtered("Identity", "Identity"));
    assert_eq!(out.raw.pages, vec!["Open pages."]);
    assert!(
        out.raw
            .diagnostics
            .iter()
            .any(|d| d.code == "pdf.attachments-encrypted")
    );
    // Streams under a real crypt filter need the password.
    let e = pdf::extract(&crypt_filtered("StdCF", "Identity"), &PdfOptions::default()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Encrypted);
}

#[test]
fn info_dictionary_is_decoded() {
    let mut doc = build_doc(vec![page("BT /F1 12 Tf 72 700 Td (Text.) Tj ET")]);
    let info = doc.add_object(dictionary! {
        "Title" => Object::String(vec![0xfe, 0xff, 0x00, b'R', 0x00, 0xe9, 0x00, b'p'], lopdf::StringFormat::Literal),
        "Author" => Object::string_literal("Caf\u{e9}".as_bytes().to_vec()),
        "Producer" => Object::String(b"Caf\xe9 \x93".to_vec(), lopdf::StringFormat::Literal),
        "CreationDate" => Object::string_literal("D:20220727200000+09'00'"),
    });
    doc.trailer.set("Info", info);
    let out = extract(&save(doc));
    assert_eq!(out.info.title.as_deref(), Some("Rép"));
    assert_eq!(out.info.producer.as_deref(), Some("Café ﬁ"));
    assert_eq!(out.info.creation_date.as_deref(), Some("2022-07-27T20:00:00+09:00"));
    assert_eq!(out.page_count, 1);
}

#[test]
fn limits_are_errors() {
    let pdf = build(vec![page("BT /F1 12 Tf 72 700 Td (One.) Tj ET"), page("BT ET")]);
    let opts = PdfOptions {
        max_pages: 1,
        ..Default::default()
    };
    let e = pdf::extract(&pdf, &opts).unwrap_err();
    assert!(matches!(e.kind, ErrorKind::TooManyPages { actual: 2, limit: 1 }));
    let opts = PdfOptions {
        deadline: Some(std::time::Instant::now()),
        budget: std::time::Duration::from_secs(7),
        ..Default::default()
    };
    let e = pdf::extract(&pdf, &opts).unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::Timeout {
            budget: std::time::Duration::from_secs(7)
        }
    );
}

#[test]
fn damaged_files_are_errors_not_panics() {
    let pdf = build(vec![page("BT /F1 12 Tf 72 700 Td (Some text here.) Tj ET")]);
    for cut in [0, 10, pdf.len() / 3, pdf.len() / 2, pdf.len() - 30] {
        let _ = pdf::extract(&pdf[..cut], &PdfOptions::default());
    }
    let e = pdf::extract(b"not a pdf at all", &PdfOptions::default()).unwrap_err();
    assert_eq!(e.code(), "input.wrong-format");
}

/// The shared PDFs against their golden page texts (`fixtures/pdf/*.pages.txt`,
/// pages separated by form feeds). `UPDATE_GOLDEN=1` rewrites the goldens.
/// Courier 11 (6.6 pt a character) lines centred on x = 303 (the centre of
/// a 70-character body line at x = 72), going down by 13.5 from y.
fn centred(y: f32, texts: &[&str]) -> String {
    let mut s = String::new();
    for (i, t) in texts.iter().enumerate() {
        let x = 303.0 - 3.3 * t.chars().count() as f32;
        s.push_str(&format!(
            "BT /F3 11 Tf 1 0 0 1 {x} {} Tm ({}) Tj ET\n",
            y - 13.5 * i as f32,
            lit(t)
        ));
    }
    s
}

#[test]
fn centred_title_lines_stay_lines_unless_wrapped() {
    // The fifth line (not centred: too wide) and the seventh are wrapped: the
    // first word of the next would not have fit on them.
    let title = [
        "Kyoto Society (KS)",
        "and",
        "Another Association of Somewhere",
        "Present",
        "Wednesday, 27 July 2022, 8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00 a.m.",
        "New York, and online from the Headquarters in Kyoto",
        "Wednesday, 27 July 2022, 8:00 p.m. Tokyo and 1:00 p.m. Paris,",
        "Headquarters",
    ];
    let body = "The seminar opened with a word of welcome from the chair, and it went:";
    assert_eq!(body.len(), 70);
    let content = format!(
        "{}{}",
        centred(700.0, &title),
        lines("F3", 11.0, 72.0, 700.0 - 8.0 * 13.5, 13.5, &[body, "at length."])
    );
    assert_eq!(
        text(&build(vec![page(&content)])),
        format!(
            "Kyoto Society (KS)\n\nand\n\nAnother Association of Somewhere\n\nPresent\n\n\
             Wednesday, 27 July 2022, 8:00 p.m. Tokyo, 1:00 p.m. Paris, 7:00 a.m. New York, and online from the \
             Headquarters in Kyoto\n\n\
             Wednesday, 27 July 2022, 8:00 p.m. Tokyo and 1:00 p.m. Paris, Headquarters\n\n{body} at length."
        )
    );
}

#[test]
fn list_items_without_a_hanging_indent_go_on_at_the_marker() {
    // Monospaced, so lines of 60 characters all reach the right edge.
    let rows = [
        (72.0, "Preconditions for participation in the Five Principles:"),
        (90.0, "1. Agreements on a ceasefire have been reached among all the"),
        (90.0, "Parties to the Armed Conflict,"),
        (90.0, "2. Consent for the conduct of the operations has been given."),
        (90.0, "Japan's participation has been obtained from the countries"),
        (90.0, "where those operations are to be conducted."),
        // Ragged: the next line's first word would not have fit on this one.
        (90.0, "3. A ragged item that stops well short of the edge as"),
        (90.0, "Mozambique was the next word, and it did not fit. Counted:"),
        (90.0, "1954"),
        // Ragged and the next word would have fit: a line of its own.
        (90.0, "4. A short item"),
        (90.0, "Then a line at the marker."),
        // A numbered paragraph with a first-line indent goes on at the margin.
        (90.0, "5. A numbered paragraph with a first-line indent and then"),
        (72.0, "more text at the margin."),
        (72.0, "Record of the dispatches since the year of the first Act and"),
        (72.0, "the amendments."),
    ];
    let mut content = String::new();
    for (i, (x, t)) in rows.iter().enumerate() {
        content.push_str(&lines("F3", 11.0, *x, 700.0 - 13.5 * i as f32, 13.5, &[t]));
    }
    assert_eq!(
        text(&build(vec![page(&content)])),
        "Preconditions for participation in the Five Principles:\n\n\
         1. Agreements on a ceasefire have been reached among all the Parties to the Armed Conflict,\n\
         2. Consent for the conduct of the operations has been given.\n\n\
         Japan's participation has been obtained from the countries where those operations are to be conducted.\n\n\
         3. A ragged item that stops well short of the edge as Mozambique was the next word, and it did not fit. \
         Counted: 1954\n\
         4. A short item\n\nThen a line at the marker.\n\n\
         5. A numbered paragraph with a first-line indent and then more text at the margin.\n\n\
         Record of the dispatches since the year of the first Act and the amendments."
    );
}

#[test]
fn justified_columns_with_word_gaps_wider_than_a_space() {
    // Each line is drawn in three pieces 12 pt apart (wider than the fragment
    // gap, as in a stretched justified line), cut at places that differ from
    // line to line: Courier 9, 5.4 pt a character.
    let words = ["alpha", "beta", "gamma", "delta", "omega", "sigma"];
    let mut content = String::new();
    for (col, x0) in [("left", 72.0), ("right", 330.0)] {
        for i in 0..10usize {
            let y = 700.0 - 11.0 * i as f32;
            let mut w = vec![format!("{col}{i}")];
            w.extend(words.iter().map(|s| s.to_string()));
            let s1 = 2 + i % 2;
            let s2 = s1 + 2;
            let mut x = x0;
            for piece in [&w[..s1], &w[s1..s2], &w[s2..]] {
                let t = piece.join(" ");
                content.push_str(&format!("BT /F3 9 Tf 1 0 0 1 {x} {y} Tm ({t}) Tj ET\n"));
                x += 5.4 * t.len() as f32 + 12.0;
            }
        }
    }
    let t = text(&build(vec![page(&content)]));
    let l9 = t.find("left9").unwrap();
    let r0 = t.find("right0").unwrap();
    assert!(l9 < r0, "{t}");
    assert!(
        t.starts_with("left0 alpha beta gamma delta omega sigma left1 alpha"),
        "{t}"
    );
}

/// Words of `s` after the light folding of the corpus scorer (typographic
/// quotes, U+2010/U+2011 hyphens, bullet glyphs).
fn folded_words(s: &str) -> Vec<String> {
    let folded: String = s
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{2010}' | '\u{2011}' => '-',
            '\u{25cf}' | '\u{2219}' | '\u{f0b7}' => '\u{2022}',
            c => c,
        })
        .collect();
    folded.split_whitespace().map(str::to_string).collect()
}

/// PDFs of the seed from other producers and layouts (made by
/// bench/make-pdf-variants.sh): two and three columns, a narrow hyphenated
/// serif column on Letter, A5 with first-line indents, groff (Ghostscript)
/// and enscript output. Their text layer must read word for word like the
/// text they show.
#[test]
fn variant_pdfs_read_word_for_word() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf/variants");
    for name in [
        "chromium-twocol",
        "chromium-threecol",
        "chromium-letter-serif",
        "chromium-a5-indent",
        "groff-ms",
        "enscript",
    ] {
        let bytes = std::fs::read(dir.join(format!("{name}.pdf"))).unwrap();
        let got = folded_words(&extract(&bytes).raw.pages.join("\n\n"));
        let want = folded_words(&std::fs::read_to_string(dir.join(format!("{name}.truth.txt"))).unwrap());
        if let Some(k) = (0..got.len().max(want.len())).find(|&k| got.get(k) != want.get(k)) {
            let lo = k.saturating_sub(5);
            panic!(
                "{name}: word {k} differs:\n got  {:?}\n want {:?}",
                &got[lo..(k + 5).min(got.len())],
                &want[lo..(k + 5).min(want.len())]
            );
        }
    }
}

#[test]
fn shared_pdfs_match_their_golden_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf");
    for name in ["hisajima-2022-07-27.libreoffice", "hisajima-2022-07-27.chromium"] {
        let bytes = std::fs::read(dir.join(format!("{name}.pdf"))).unwrap();
        let out = extract(&bytes);
        assert_eq!(out.page_count, 8);
        assert!(
            out.info
                .title
                .as_deref()
                .is_some_and(|t| t.starts_with("Japan's International"))
        );
        let got = out.raw.pages.join("\n\u{c}\n");
        let golden = dir.join(format!("{name}.pages.txt"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&golden, &got).unwrap();
        }
        let want = std::fs::read_to_string(&golden).unwrap();
        assert_eq!(got, want, "{name}: run with UPDATE_GOLDEN=1 to accept the new text");
        // Running headers and page numbers are gone; no hyphen is left at a line end.
        assert!(!got.contains(" / 8") && !got.contains("Page 3"));
        assert!(!got.contains('\u{2010}'));
        let furniture = out
            .raw
            .diagnostics
            .iter()
            .filter(|d| d.code == "pdf.furniture-removed")
            .count();
        assert!(furniture >= 1);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// Any content stream: text or a clean result, never an internal error.
    #[test]
    fn random_content_never_breaks_the_reader(
        noise in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
        ops in proptest::collection::vec(proptest::sample::select(vec![
            "BT", "ET", "q", "Q", "1 0 0 1 5 5 cm", "/F1 12 Tf", "(ab) Tj", "[(a) -300 (b)] TJ", "0 -14 Td",
            "T*", "(x) '", "2 0 Tc", "/Fm1 Do", "/Span <</ActualText (z)>> BDC", "EMC", "3 Tr", "-1 0 0 -1 0 0 Tm",
            "BI /W 1 ID", "EI", "0 0 0 0 0 0 Tm", "1e30 1e30 Td",
        ]), 0..60),
    ) {
        let mut content = ops.join("\n").into_bytes();
        content.extend_from_slice(&noise);
        let mut p = Page { content: String::new(), ..Default::default() };
        p.forms.push(("Fm1", "BT /F1 9 Tf (form) Tj ET /Fm1 Do".into(), None, false));
        let mut doc = build_doc(vec![p]);
        // Put the raw bytes in the page's content stream.
        let page_id = doc.get_pages()[&1];
        let cid = doc.get_page_contents(page_id)[0];
        if let Ok(Object::Stream(s)) = doc.get_object_mut(cid) {
            s.set_content(content);
        }
        match pdf::extract(&save(doc), &PdfOptions::default()) {
            Ok(_) => {}
            Err(e) => proptest::prop_assert!(!matches!(e.kind, ErrorKind::Internal(_)), "{e}"),
        }
    }
}

#[test]
fn annotation_appearances_are_read_and_hidden_ones_are_not() {
    let mut doc = build_doc(vec![page("BT /F1 12 Tf 72 700 Td (Page text.) Tj ET")]);
    let f1 = doc.get_pages()[&1];
    let font_res = dictionary! { "Font" => dictionary! { "F1" => font(&mut doc, "Helvetica") } };
    let mut annots = Vec::new();
    for (text, flags, y) in [("Field value.", 4, 600), ("Hidden note.", 2, 500)] {
        let ap = doc.add_object(Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), 200.into(), 20.into()],
                "Resources" => font_res.clone(),
            },
            format!("BT /F1 12 Tf 2 5 Td ({text}) Tj ET").into_bytes(),
        ));
        annots.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "F" => flags,
            "Rect" => vec![72.into(), y.into(), 272.into(), (y + 20).into()],
            "AP" => dictionary! { "N" => ap },
        })));
    }
    doc.get_dictionary_mut(f1).unwrap().set("Annots", annots);
    assert_eq!(text(&save(doc)), "Page text.\n\nField value.");
}

/// A content stream whose `/Filter` (and `/DecodeParms`) is an indirect
/// reference, as PDF allows for any value: read, not called "needs OCR".
#[test]
fn a_filter_given_as_an_indirect_reference_is_followed() {
    use std::io::Write;
    let mut doc = build_doc(vec![page("")]);
    let content = b"BT /F1 12 Tf 72 700 Td (Filtered text.) Tj ET";
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(content).unwrap();
    let filter = doc.add_object(Object::Name(b"FlateDecode".to_vec()));
    let filters = doc.add_object(Object::Array(vec![Object::Reference(filter)]));
    let parms = doc.add_object(Object::Null);
    let stream = Stream::new(
        dictionary! { "Filter" => Object::Reference(filters), "DecodeParms" => Object::Reference(parms) },
        z.finish().unwrap(),
    );
    let page_id = doc.page_iter().next().unwrap();
    let stream_id = doc.add_object(stream);
    doc.get_dictionary_mut(page_id)
        .unwrap()
        .set("Contents", Object::Reference(stream_id));
    assert_eq!(text(&save(doc)), "Filtered text.");
}

/// A line that repeats on every page up to a number ("part 1", "part 2")
/// looks like a running header, but where it is all a page holds it is the
/// page's text: furniture removal never empties a page, and says what it
/// kept, with the page (issue 14, item 7). At the top edge the geometry
/// pass weighs it as a header; in the body nothing does (the text passes
/// leave a PDF's furniture to the geometry).
#[test]
fn furniture_removal_never_empties_a_page() {
    for (y, kept_expected) in [(760.0, 1), (600.0, 0)] {
        let pages: Vec<Page> = (1..=3)
            .map(|n| {
                page(&lines(
                    "F1",
                    11.0,
                    72.0,
                    y,
                    14.0,
                    &[&format!("Speech by the Minister, part {n}")],
                ))
            })
            .collect();
        let raw = extract(&build(pages)).raw;
        let n = rapporteur::normalize::normalize(&raw);
        for k in 1..=3 {
            assert!(
                n.text.contains(&format!("Speech by the Minister, part {k}")),
                "y {y}: part {k} lost: {:?}",
                n.text
            );
        }
        let kept: Vec<_> = n
            .diagnostics
            .iter()
            .filter(|d| d.code == "pdf.furniture-kept")
            .collect();
        assert_eq!(kept.len(), kept_expected, "y {y}: {:?}", n.diagnostics);
        if let Some(d) = kept.first() {
            let span = d.span.expect("a span");
            assert_eq!((span.page, span.start), (Some(1), 0), "y {y}");
            assert!(d.message.contains("pages 1, 2, 3"), "{}", d.message);
        }
        assert!(
            !n.diagnostics.iter().any(|d| d.code.ends_with("removed")),
            "y {y}: {:?}",
            n.diagnostics
        );
    }
}

/// What furniture removal takes from a PDF is reported with the page it
/// was taken from.
#[test]
fn removed_furniture_is_reported_with_its_page() {
    let pages: Vec<Page> = (1..=3)
        .map(|n| {
            page(&format!(
                "{}{}",
                lines("F1", 9.0, 200.0, 760.0, 10.0, &["Annual Report of the Society"]),
                lines("F1", 11.0, 72.0, 700.0, 14.0, &[&format!("Body text of page {n}.")]),
            ))
        })
        .collect();
    let n = rapporteur::normalize::normalize(&extract(&build(pages)).raw);
    let removed: Vec<_> = n
        .diagnostics
        .iter()
        .filter(|d| d.code == "pdf.furniture-removed")
        .collect();
    assert_eq!(removed.len(), 1, "{:?}", n.diagnostics);
    let span = removed[0].span.expect("a span");
    assert_eq!((span.page, span.page_end), (Some(1), Some(1)));
    assert_eq!(&n.text[span.start..span.start + 4], "Body");
}

#[test]
fn text_outside_the_crop_box_is_left_out_and_reported() {
    let content = lines("F1", 12.0, 72.0, 700.0, 14.0, &["Visible in the crop box."])
        + &lines("F1", 12.0, 72.0, 300.0, 14.0, &["Hidden below it."]);
    let mut doc = build_doc(vec![page(&content)]);
    let page_id = *doc.get_pages().values().next().unwrap();
    let crop: Vec<Object> = vec![50.into(), 650.into(), 400.into(), 750.into()];
    doc.get_dictionary_mut(page_id).unwrap().set("CropBox", crop);
    let out = extract(&save(doc));
    assert_eq!(out.raw.pages.join(""), "Visible in the crop box.");
    let d = out.raw.diagnostics.iter().find(|d| d.code == "pdf.text-off-page");
    assert!(
        d.is_some_and(|d| d.message.contains("14 characters")),
        "{:?}",
        out.raw.diagnostics
    );
    // Nothing off the page: no diagnostic.
    let out = extract(&build(vec![page(&lines(
        "F1",
        12.0,
        72.0,
        700.0,
        14.0,
        &["All here."],
    ))]));
    assert!(!out.raw.diagnostics.iter().any(|d| d.code == "pdf.text-off-page"));
}
