//! The `rapporteur` command line: a thin layer over the library.
//!
//! Exit codes: 0 when every document is ok (and, with `--check`, nothing
//! would change); 1 when at least one document failed (or `--check` found
//! changes); 2 for usage and setup errors (bad flags, an unreadable input
//! folder, an output folder that cannot be written or is locked).

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand, ValueEnum};
use rapporteur::batch::{self, Limits};
use rapporteur::ingest::{self, SourceDoc};
use rapporteur::report::MediaType;
use rapporteur::{Extraction, emit, report};

#[derive(Parser)]
#[command(
    name = "rapporteur",
    version,
    about = "Seminar and event reports (PDF or text) to normalized JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Per-document limits (see docs/robustness.md).
#[derive(Args, Clone, Copy)]
struct LimitArgs {
    /// Inputs larger than this many bytes fail with limit.bytes (0: no limit).
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_bytes)]
    max_bytes: u64,
    /// PDFs with more pages fail with limit.pages.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_pages)]
    max_pages: u64,
    /// PDFs whose streams inflate to more bytes in total fail with limit.inflate.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_inflate)]
    max_inflate: u64,
    /// Seconds one document may take before it fails with limit.timeout (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = Limits::default().doc_timeout)]
    doc_timeout: u64,
}

impl From<LimitArgs> for Limits {
    fn from(a: LimitArgs) -> Limits {
        Limits {
            max_bytes: a.max_bytes,
            max_pages: a.max_pages,
            max_inflate: a.max_inflate,
            doc_timeout: a.doc_timeout,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Process every .pdf/.txt/.md under PATHs (default input/) into --out (default output/).
    Run {
        /// Input folders or files (default: input).
        paths: Vec<PathBuf>,
        /// The output folder.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Worker threads (default: one per core).
        #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
        jobs: usize,
        /// Process every document, even those already up to date.
        #[arg(long)]
        force: bool,
        /// Write nothing; exit 1 listing every output file that would change.
        #[arg(long)]
        check: bool,
        /// No progress bar, only failures and the summary line.
        #[arg(long, short = 'q')]
        quiet: bool,
        /// Follow symbolic links that point outside the input folders.
        #[arg(long)]
        follow_links: bool,
        /// Write into a non-empty --out that holds no manifest of ours
        /// (files we did not write are still never deleted).
        #[arg(long)]
        allow_foreign_out: bool,
        /// Also write review pages: review/index.html and one page per document.
        #[arg(long)]
        review: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print one document's report JSON (or its normalized text) to stdout.
    Extract {
        /// The file, or - for stdin.
        file: String,
        /// Print the normalized text the report's spans point into.
        #[arg(long)]
        text: bool,
        /// The input's format (default: by extension, else by content).
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Write the HTML review page of one document: a report (REPORT.json, with
    /// its normalized text) or an input file (processed first).
    Review {
        /// A report written by rapporteur, or an input (.pdf/.txt/.md).
        file: PathBuf,
        /// The page to write (- for stdout).
        #[arg(long, short = 'o', value_name = "FILE")]
        output: PathBuf,
        /// The normalized text of REPORT.json (default: text/<name>.txt beside
        /// reports/<name>.json, as `run` writes them).
        #[arg(long, value_name = "FILE")]
        text: Option<PathBuf>,
        /// The source PDF of REPORT.json, for the links to its pages.
        #[arg(long, value_name = "FILE")]
        source: Option<PathBuf>,
        /// The input's format (default: by extension, else by content).
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Print the JSON Schema of the report format.
    Schema,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Pdf,
    Txt,
    Md,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match real_main(cli) {
        Ok(code) => code,
        Err(e) => {
            // A closed stdout (`rapporteur schema | head`) is not an error.
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("rapporteur: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn real_main(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Schema => {
            std::io::stdout().write_all(&emit::to_pretty(&report::json_schema()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            file,
            text,
            format,
            limits,
        } => extract(&file, text, format, limits.into()),
        Command::Review {
            file,
            output,
            text,
            source,
            format,
            limits,
        } => review(
            &file,
            &output,
            text.as_deref(),
            source.as_deref(),
            format,
            limits.into(),
        ),
        Command::Run {
            paths,
            out,
            jobs,
            force,
            check,
            quiet,
            follow_links,
            allow_foreign_out,
            review,
            limits,
        } => {
            let inputs = if paths.is_empty() {
                vec![PathBuf::from("input")]
            } else {
                paths
            };
            let progress_bar = !quiet && std::env::var_os("CI").is_none() && std::io::stderr().is_terminal();
            let summary = batch::run(&batch::RunConfig {
                inputs,
                out,
                limits: limits.into(),
                jobs,
                force,
                check,
                follow_links,
                allow_foreign_out,
                progress_bar,
                review,
            })?;
            for change in &summary.changes {
                println!("{change}");
            }
            eprintln!("{}", summary.line());
            if check && !summary.changes.is_empty() {
                eprintln!(
                    "rapporteur: {} output file(s) would change; run `rapporteur run` to update them",
                    summary.changes.len()
                );
            }
            Ok(if summary.failed > 0 || !summary.changes.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// Reads `file` (or stdin for `-`) and runs the pipeline on it; Err(message)
/// when the document fails.
fn extract_file(file: &str, format: Option<Format>, limits: Limits) -> anyhow::Result<Result<Extraction, String>> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        std::io::stdin().read_to_end(&mut buf).context("cannot read stdin")?;
        buf
    } else {
        std::fs::read(file).with_context(|| format!("cannot read {file}"))?
    };
    let media_type = match format {
        Some(Format::Pdf) => MediaType::Pdf,
        Some(Format::Txt) => MediaType::Text,
        Some(Format::Md) => MediaType::Markdown,
        None if file == "-" => ingest::sniff_media_type(&bytes),
        None => ingest::media_type_from_name(file).unwrap_or_else(|| ingest::sniff_media_type(&bytes)),
    };
    // The report names the file, never the machine's absolute path.
    let name = std::path::Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "-".into());
    let doc = SourceDoc {
        file: name,
        bytes,
        media_type,
    };
    // The same big stack as the batch workers.
    let result = std::thread::Builder::new()
        .stack_size(batch::WORKER_STACK)
        .spawn(move || batch::extract_limited(&doc, &limits.options()))
        .context("cannot start a worker thread")?
        .join()
        .map_err(|_| anyhow::anyhow!("the worker thread panicked"))?;
    Ok(result.map_err(|e| e.to_string()))
}

fn extract(file: &str, text: bool, format: Option<Format>, limits: Limits) -> anyhow::Result<ExitCode> {
    match extract_file(file, format, limits)? {
        Ok(x) => {
            let out = if text {
                x.text.into_bytes()
            } else {
                emit::report_json(&x.report)
            };
            std::io::stdout().write_all(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("rapporteur: {e}");
            Ok(ExitCode::from(1))
        }
    }
}

/// Is `path` a report of ours rather than an input? (A `.json` name; the
/// inputs are PDF, text and Markdown.)
fn is_report_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn review(
    file: &Path,
    output: &Path,
    text: Option<&Path>,
    source: Option<&Path>,
    format: Option<Format>,
    limits: Limits,
) -> anyhow::Result<ExitCode> {
    let (report, normalized, source) = if is_report_name(file) {
        let (report, normalized) = rapporteur::review::load(file, text)?;
        (report, normalized, source.map(Path::to_path_buf))
    } else {
        match extract_file(&file.to_string_lossy(), format, limits)? {
            Ok(x) => {
                let from_stdin = file.as_os_str() == "-";
                let source = source.or((!from_stdin).then_some(file));
                (x.report, x.text, source.map(Path::to_path_buf))
            }
            Err(e) => {
                eprintln!("rapporteur: {e}");
                return Ok(ExitCode::from(1));
            }
        }
    };
    let to_stdout = output.as_os_str() == "-";
    // Links are relative to the page's folder (the working folder for stdout).
    let page_at = if to_stdout { Path::new("page.html") } else { output };
    let links = rapporteur::review::links(page_at, source.as_deref(), report.source.media_type, None);
    let bytes = rapporteur::review::document::page(&report, &normalized, &links);
    if to_stdout {
        std::io::stdout().write_all(&bytes)?;
    } else {
        emit::write_atomic(output, &bytes).with_context(|| format!("cannot write {}", output.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}
