//! Prints the lines of a PDF as the layout hands them on, one per row with
//! its geometry: `cargo run --example pdf-lines -- FILE.pdf [PAGE]`.

use rapporteur::pdf::{self, PdfOptions};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: pdf-lines FILE.pdf [PAGE]"))?;
    let only: Option<usize> = args.next().map(|p| p.parse()).transpose()?;
    let bytes = std::fs::read(&path)?;
    let (pages, diags) = pdf::page_lines(&bytes, &PdfOptions::default())?;
    for (n, p) in pages.iter().enumerate() {
        if only.is_some_and(|o| o != n + 1) {
            continue;
        }
        println!("== page {} ({} x {}), {} columns", n + 1, p.width, p.height, p.columns);
        for l in &p.lines {
            println!(
                "r{:<2} x {:6.1}-{:6.1} y {:6.1} s {:4.1} | {}",
                l.region, l.x0, l.x1, l.y, l.size, l.text
            );
        }
    }
    for d in diags {
        eprintln!("{}: {}", d.code, d.message);
    }
    Ok(())
}
