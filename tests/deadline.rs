//! `--doc-timeout` is cooperative: a document over its budget inside a long
//! loop (here the ToUnicode CMap parser) stops there, fails with
//! `limit.timeout` at its budget, and is not left running for the watchdog
//! to abandon.

mod common;

/// A one-page PDF whose ToUnicode CMap is `ranges` full-width bfranges
/// (each expands to 65,535 entries: seconds of parsing with no page or
/// content-stream boundary in between).
fn slow_cmap_pdf(ranges: usize) -> Vec<u8> {
    let mut cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n".to_vec();
    for _ in 0..ranges {
        cmap.extend_from_slice(b"1 beginbfrange <0000> <FFFE> <0041> endbfrange\n");
    }
    let content = b"BT /F1 12 Tf 72 720 Td (The seminar opened with a welcome.) Tj ET".to_vec();
    let stream = |data: &[u8]| {
        [
            format!("<< /Length {} >>\nstream\n", data.len()).as_bytes(),
            data,
            b"\nendstream",
        ]
        .concat()
    };
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>".to_vec(),
        stream(&content),
        stream(&cmap),
    ];
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    out
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
    let run = common::cmd()
        .arg("run")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--doc-timeout", "1", "--jobs", "1", "-q"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    // Stopped at its budget, not abandoned by the watchdog at twice it
    // (whose thread would then go on parsing until the process exits).
    assert!(
        stderr.contains("failed: slow.pdf")
            && stderr.contains("processing took longer than the budget of 1 s (--doc-timeout) [limit.timeout]"),
        "{stderr}"
    );
    assert!(!stderr.contains("abandoned"), "{stderr}");
    assert!(stderr.contains("1 ok, 1 failed"), "{stderr}");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}
