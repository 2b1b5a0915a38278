//! `--doc-timeout` is cooperative: a document over its budget inside a long
//! loop (here the ToUnicode CMap parser) stops there, fails with
//! `limit.timeout` at its budget, and is not left running for the watchdog
//! to abandon.

mod common;

use common::raw_pdf::RawPdf;

/// A one-page PDF whose ToUnicode CMap is `ranges` full-width bfranges
/// (each expands to 65,535 entries: seconds of parsing with no page or
/// content-stream boundary in between).
fn slow_cmap_pdf(ranges: usize) -> Vec<u8> {
    let mut cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n".to_vec();
    for _ in 0..ranges {
        cmap.extend_from_slice(b"1 beginbfrange <0000> <FFFE> <0041> endbfrange\n");
    }
    let content = b"BT /F1 12 Tf 72 720 Td (The seminar opened with a welcome.) Tj ET".to_vec();
    RawPdf::new()
        .obj("<< /Type /Catalog /Pages 2 0 R >>")
        .obj("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>")
        .obj("<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>")
        .obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>")
        .obj(RawPdf::stream("", &content))
        .obj(RawPdf::stream("", &cmap))
        .build()
}

#[test]
fn a_document_over_its_budget_in_a_cmap_stops_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::write(input.join("slow.pdf"), slow_cmap_pdf(4000)).unwrap();
    std::fs::write(input.join("zz.txt"), common::small_doc(1)).unwrap();
    let out = dir.path().join("out");
    let started = std::time::Instant::now();
    let run = common::run_cmd(&input, &out, &["--doc-timeout", "2", "--jobs", "1", "-q"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    // Stopped at its budget (2 s: a loaded machine has 2 s of slack before
    // the watchdog's 4 s), not abandoned by the watchdog at twice it
    // (whose thread would then go on parsing until the process exits).
    assert!(
        stderr.contains("failed: slow.pdf")
            && stderr.contains("processing took longer than the budget of 2 s (--doc-timeout) [limit.timeout]"),
        "{stderr}"
    );
    assert!(!stderr.contains("abandoned"), "{stderr}");
    assert!(stderr.contains("1 ok, 1 failed"), "{stderr}");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}
