//! The `rapporteur` command line: a thin layer over the library.
//!
//! Exit codes: 0 when every document is ok (with `--check`: when no output
//! would change, failures recorded identically included); 1 when at least
//! one document failed (with `--check`: when an output would change); 2 for
//! usage and setup errors (bad flags, an unreadable input folder, an output
//! folder that cannot be written, is locked or is not ours); 130 when a run
//! was stopped by SIGINT or SIGTERM.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use rapporteur::batch;
use rapporteur::document::{self, Limits, Password, Reading, read};
use rapporteur::error::Error;
use rapporteur::ingest::{self, SourceDoc};
use rapporteur::report::{MediaType, Severity};
use rapporteur::{Extraction, emit, report};

#[derive(Parser)]
#[command(
    name = "rapporteur",
    version,
    propagate_version = true,
    about = "Seminar and event reports (PDF or text) to normalized JSON"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Per-document limits (see docs/robustness.md).
#[derive(Args, Clone, Copy)]
struct LimitArgs {
    /// Inputs larger than this fail with limit.bytes (0: no limit); K, M, G, T are powers of 1024 (256M).
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_bytes, value_parser = parse_bytes)]
    max_bytes: u64,
    /// PDFs with more pages fail with limit.pages.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_pages)]
    max_pages: u64,
    /// PDFs whose streams inflate to more bytes in total fail with limit.inflate (1G, 512M).
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_inflate, value_parser = parse_bytes)]
    max_inflate: u64,
    /// Time one document may take before it fails with limit.timeout (0: no limit): seconds (1.5) or with a unit, ms, s, m, h (500ms, 2m).
    #[arg(long, value_name = "DURATION", default_value_t = Seconds(Limits::default().doc_timeout), value_parser = parse_duration)]
    doc_timeout: Seconds,
}

/// A duration as `--doc-timeout` takes and shows it (in seconds).
#[derive(Clone, Copy)]
struct Seconds(std::time::Duration);

impl std::fmt::Display for Seconds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&rapporteur::error::seconds(&self.0))
    }
}

/// A duration: a number of seconds with an optional fraction and unit,
/// `ms`, `s`, `m` or `h` (`1.5`, `500ms`, `2m`). Hand-written like
/// [`parse_bytes`]: humantime's grammar (`1h 30m`, `2days`) is more than a
/// limit needs.
fn parse_duration(arg: &str) -> Result<Seconds, String> {
    let s = arg.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "ms" => 0.001,
        "" | "s" | "sec" => 1.0,
        "m" | "min" => 60.0,
        "h" => 3600.0,
        _ => return Err(format!("unknown unit in {arg:?} (use ms, s, m or h)")),
    };
    let value: f64 = number.parse().map_err(|_| format!("{arg:?} is not a duration"))?;
    std::time::Duration::try_from_secs_f64(value * scale)
        .map(Seconds)
        .map_err(|_| format!("{arg:?} is too large"))
}

/// A byte count: digits with an optional fraction and unit, `K`, `M`, `G`
/// or `T` (powers of 1024; `KB`, `KiB` and a final `B` are accepted too).
fn parse_bytes(arg: &str) -> Result<u64, String> {
    let s = arg.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let unit = unit.trim().to_ascii_uppercase();
    let unit = unit.trim_end_matches('B').trim_end_matches('I');
    let power = match unit {
        "" => 0,
        "K" => 1,
        "M" => 2,
        "G" => 3,
        "T" => 4,
        _ => return Err(format!("unknown unit in {arg:?} (use K, M, G or T)")),
    };
    let value: f64 = number.parse().map_err(|_| format!("{arg:?} is not a byte count"))?;
    let bytes = value * 1024f64.powi(power);
    if !bytes.is_finite() || bytes >= u64::MAX as f64 {
        return Err(format!("{arg:?} is too large"));
    }
    Ok(bytes.round() as u64)
}

/// What to read of each document: the password of encrypted PDFs.
#[derive(Args, Clone)]
struct ReadingArgs {
    /// The user password of encrypted PDFs (other users may see it in the
    /// process list: prefer --password-file or RAPPORTEUR_PASSWORD).
    #[arg(long, value_name = "PASSWORD", conflicts_with = "password_file")]
    password: Option<String>,
    /// Read the password of encrypted PDFs from the first line of FILE.
    #[arg(long, value_name = "FILE")]
    password_file: Option<PathBuf>,
}

impl ReadingArgs {
    /// The settings, the password taken from --password, else
    /// --password-file, else `RAPPORTEUR_PASSWORD` (when not empty).
    fn reading(&self) -> anyhow::Result<Reading> {
        let password = match (&self.password, &self.password_file) {
            (Some(p), _) => Some(Password::new(p.as_str())),
            (None, Some(file)) => {
                let contents = std::fs::read_to_string(file).with_context(|| {
                    format!(
                        "cannot read the password file {}",
                        escape_controls(&file.display().to_string())
                    )
                })?;
                Some(Password::from_file_contents(&contents))
            }
            (None, None) => std::env::var("RAPPORTEUR_PASSWORD")
                .ok()
                .filter(|p| !p.is_empty())
                .map(Password::new),
        };
        Ok(Reading { password })
    }
}

impl From<LimitArgs> for Limits {
    fn from(a: LimitArgs) -> Limits {
        Limits {
            max_bytes: a.max_bytes,
            max_pages: a.max_pages,
            max_inflate: a.max_inflate,
            doc_timeout: a.doc_timeout.0,
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
        /// Also write spreadsheet tables: csv/events.csv, csv/people.csv,
        /// csv/turns.csv and csv/dispatch_phases.csv (RFC 4180, header row).
        #[arg(long)]
        csv: bool,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Print one document's report JSON (or its normalized text) to stdout.
    Extract(ExtractArgs),
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
        /// The input's format (default: PDF when the content is one, else by extension, else text).
        #[arg(long, value_enum)]
        format: Option<Format>,
        #[command(flatten)]
        limits: LimitArgs,
        #[command(flatten)]
        reading: ReadingArgs,
    },
    /// Print the JSON Schema of the report format.
    Schema,
    /// Print every diagnostic and failure code with its severity and meaning
    /// (docs/diagnostics.md is this output).
    Diagnostics {
        /// Print the registry as JSON instead of Markdown.
        #[arg(long)]
        json: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `rapporteur man > rapporteur.1`.
    Man,
}

#[derive(Args)]
struct ExtractArgs {
    /// The file, or - for stdin.
    file: String,
    /// Print the normalized text the report's spans point into.
    #[arg(long)]
    text: bool,
    /// The input's format (default: PDF when the content is one, else by extension, else text).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write to this file instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    reading: ReadingArgs,
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
            // 128 + SIGINT, as a shell reports a process stopped by Ctrl-C.
            if let Some(batch::RunError::Interrupted { .. }) = e.downcast_ref::<batch::RunError>() {
                return ExitCode::from(130);
            }
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
        Command::Diagnostics { json } => {
            let out = if json {
                emit::to_pretty(&rapporteur::diagnostics::json())
            } else {
                rapporteur::diagnostics::markdown().into_bytes()
            };
            std::io::stdout().write_all(&out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "rapporteur", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut page)?;
            std::io::stdout().write_all(&page)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract(args) => extract(args),
        Command::Review {
            file,
            output,
            text,
            source,
            format,
            limits,
            reading,
        } => review(
            &file,
            &output,
            text.as_deref(),
            source.as_deref(),
            format,
            (limits.into(), reading.reading()?),
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
            csv,
            limits,
            reading,
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
                reading: reading.reading()?,
                jobs,
                force,
                check,
                follow_links,
                allow_foreign_out,
                progress_bar,
                review,
                csv,
            })?;
            for change in &summary.changes {
                println!("{change}");
            }
            eprintln!("{}", summary.line());
            if let Some(tally) = summary.tally() {
                eprintln!("{tally}");
            }
            if check && !summary.changes.is_empty() {
                eprintln!(
                    "rapporteur: {} output file(s) would change; run `rapporteur run` to update them",
                    summary.changes.len()
                );
            }
            // `--check` asks whether the outputs are current: a failure
            // recorded identically in the manifest changes nothing.
            let fails = if check {
                !summary.changes.is_empty()
            } else {
                summary.failed > 0
            };
            Ok(if fails { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
    }
}

/// Writes control characters of `s` as escapes (`\u{1b}`), so that a file
/// name cannot drive the terminal that shows a message.
fn escape_controls(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Reads `file` (or stdin for `-`) with the --max-bytes bound and runs the
/// pipeline on it. The content wins over the extension (with a warning in
/// the report). A document that fails gives its error, named by the path
/// the user gave (control characters escaped).
fn extract_file(
    file: &str,
    format: Option<Format>,
    (limits, reading): (Limits, Reading),
) -> anyhow::Result<Result<Extraction, Error>> {
    let shown = escape_controls(file);
    let read = if file == "-" {
        read::read_bounded(std::io::stdin().lock(), limits.max_bytes).context("cannot read stdin")?
    } else {
        read::read_path(Path::new(file), limits.max_bytes).with_context(|| format!("cannot read {shown}"))?
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(kind) => return Ok(Err(Error::new(kind).in_file(shown))),
    };
    let (media_type, mismatch) = match format {
        Some(Format::Pdf) => (MediaType::Pdf, None),
        Some(Format::Txt) => (MediaType::Text, None),
        Some(Format::Md) => (MediaType::Markdown, None),
        None if file == "-" => (ingest::sniff_media_type(&bytes), None),
        None => ingest::media_type_of(file, &bytes),
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
    let result = document::isolate::on_worker_stack(move || document::extract(&doc, &reading.apply(limits.options())))
        .context("cannot run the document")?;
    Ok(match result {
        Ok(mut x) => {
            x.report.diagnostics.extend(mismatch);
            Ok(x)
        }
        Err(mut e) => {
            // Named by the path the user gave, not the report's file name.
            e.file = Some(shown);
            Err(e)
        }
    })
}

fn extract(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let ExtractArgs {
        file,
        text,
        format,
        output,
        limits,
        reading,
    } = args;
    match extract_file(&file, format, (limits.into(), reading.reading()?))? {
        Ok(x) => {
            // Warnings and errors reach stderr too (the report holds them all).
            let shown = escape_controls(&file);
            for d in &x.report.diagnostics {
                let severity = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => continue,
                };
                eprintln!(
                    "rapporteur: {severity}: {shown}: {} [{}]",
                    escape_controls(&d.message),
                    d.code
                );
            }
            let out = if text {
                x.text.into_bytes()
            } else {
                emit::report_json(&x.report)
            };
            match output {
                Some(path) => std::fs::write(&path, &out)
                    .with_context(|| format!("cannot write {}", escape_controls(&path.display().to_string())))?,
                None => std::io::stdout().write_all(&out)?,
            }
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
    settings: (Limits, Reading),
) -> anyhow::Result<ExitCode> {
    let (report, normalized, source) = if is_report_name(file) {
        let (report, normalized) = rapporteur::review::load(file, text)?;
        (report, normalized, source.map(Path::to_path_buf))
    } else {
        match extract_file(&file.to_string_lossy(), format, settings)? {
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

#[cfg(test)]
mod tests {
    use super::{parse_bytes, parse_duration};
    use std::time::Duration;

    #[test]
    fn durations_take_fractions_and_units() {
        for (arg, want) in [
            ("120", Duration::from_secs(120)),
            ("1.5", Duration::from_millis(1500)),
            ("500ms", Duration::from_millis(500)),
            ("2m", Duration::from_secs(120)),
            ("1.5 s", Duration::from_millis(1500)),
            ("1h", Duration::from_secs(3600)),
            ("0", Duration::ZERO),
        ] {
            assert_eq!(parse_duration(arg).map(|s| s.0), Ok(want), "{arg}");
        }
        for bad in ["", "s", "12x", "1.2.3", "-5", "1e400"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(super::Seconds(Duration::from_millis(1500)).to_string(), "1.5");
        assert_eq!(super::Seconds(Duration::from_secs(120)).to_string(), "120");
    }

    #[test]
    fn byte_counts_take_units() {
        for (arg, want) in [
            ("1000", 1000),
            ("256M", 256 << 20),
            ("256MiB", 256 << 20),
            ("1.5k", 1536),
            ("2 GB", 2 << 30),
            ("0", 0),
        ] {
            assert_eq!(parse_bytes(arg), Ok(want), "{arg}");
        }
        for bad in ["", "M", "12X", "1.2.3", "-5"] {
            assert!(parse_bytes(bad).is_err(), "{bad}");
        }
    }
}
