//! The `rapporteur` command line: a thin layer over the library.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use rapporteur::ingest::{self, SourceDoc};
use rapporteur::report::MediaType;
use rapporteur::{batch, emit, pipeline, report};

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

#[derive(Subcommand)]
enum Command {
    /// Process every .pdf/.txt/.md under PATHs (default input/) into --out (default output/).
    Run {
        paths: Vec<PathBuf>,
        #[arg(long, default_value = "output")]
        out: PathBuf,
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
    match real_main() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("rapporteur: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Schema => {
            std::io::stdout().write_all(&emit::to_pretty(&report::json_schema()))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract { file, text, format } => {
            let bytes = if file == "-" {
                let mut buf = Vec::new();
                std::io::stdin().read_to_end(&mut buf)?;
                buf
            } else {
                std::fs::read(&file).with_context(|| format!("cannot read {file}"))?
            };
            let media_type = match format {
                Some(Format::Pdf) => MediaType::Pdf,
                Some(Format::Txt) => MediaType::Text,
                Some(Format::Md) => MediaType::Markdown,
                None => ingest::media_type_from_name(&file).unwrap_or_else(|| ingest::sniff_media_type(&bytes)),
            };
            let name = std::path::Path::new(&file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "-".into());
            let doc = SourceDoc {
                file: name,
                bytes,
                media_type,
            };
            match pipeline::extract(&doc, &pipeline::Options::default()) {
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
        Command::Run { paths, out } => {
            let inputs = if paths.is_empty() {
                vec![PathBuf::from("input")]
            } else {
                paths
            };
            let summary = batch::run(&batch::RunConfig {
                inputs,
                out,
                options: Default::default(),
            })?;
            eprintln!("{} ok, {} failed", summary.ok, summary.failed);
            Ok(if summary.failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
