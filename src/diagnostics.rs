//! The one registry of codes: every diagnostic code a report can carry and
//! every failure code the manifest can record, each with the severities it
//! is emitted at and a one-line meaning.
//!
//! Diagnostics are data (the ruff model): a [`Code`] is the only thing
//! [`crate::report::Diagnostic::info`] and its siblings accept, so a code
//! that is not registered here does not compile; [`crate::ErrorKind::code`]
//! maps each failure onto its entry. `docs/diagnostics.md` is generated from
//! [`REGISTRY`] by [`markdown`] (what `rapporteur diagnostics` prints), and a
//! test compares the two, so the documentation cannot drift. A code, once
//! published, is never renamed (docs/report-format.md: additive only).

use serde::Serialize;

use crate::report::Severity;

/// How a code reaches the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Emitted {
    /// A diagnostic in a report's `diagnostics`, at one of these severities.
    Diagnostic(&'static [Severity]),
    /// A failed document: the manifest entry's `error.code`, no report.
    Failure,
}

const INFO: Emitted = Emitted::Diagnostic(&[Severity::Info]);
const WARNING: Emitted = Emitted::Diagnostic(&[Severity::Warning]);
const INFO_OR_WARNING: Emitted = Emitted::Diagnostic(&[Severity::Info, Severity::Warning]);
const ERROR: Emitted = Emitted::Diagnostic(&[Severity::Error]);
const FAILURE: Emitted = Emitted::Failure;

/// One registered code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The stable dotted code, as written in the output.
    pub code: &'static str,
    pub emitted: Emitted,
    /// What the code means, in one line.
    pub meaning: &'static str,
}

macro_rules! registry {
    ($($variant:ident = $code:literal, $emitted:expr, $meaning:literal;)+) => {
        /// A registered code; see [`REGISTRY`] for what each means.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $meaning] $variant,)+
        }

        /// Every code, in the order of `docs/diagnostics.md`.
        pub const REGISTRY: &[(Code, Entry)] = &[
            $((Code::$variant, Entry { code: $code, emitted: $emitted, meaning: $meaning }),)+
        ];

        impl Code {
            /// This code's registry entry.
            pub fn entry(self) -> &'static Entry {
                // The table holds the variants in declaration order.
                &REGISTRY[self as usize].1
            }
        }
    };
}

registry! {
    // Reading the input: text decoding and format.
    InputEncoding = "input.encoding", INFO, "The text was not UTF-8 and was decoded from the encoding the message names (byte order mark, or Windows-1252/Latin-1).";
    InputInvalidUtf8 = "input.invalid-utf8", WARNING, "The text is mostly UTF-8 but holds invalid sequences; they were replaced by U+FFFD.";
    InputInvalidUtf16 = "input.invalid-utf16", WARNING, "The UTF-16 text holds invalid code units; they were replaced by U+FFFD.";
    InputFormatMismatch = "input.format-mismatch", WARNING, "The file is named as text but its content is a PDF (%PDF- in its first kilobyte); it was read as a PDF.";
    // The PDF text layer.
    PdfDecrypted = "pdf.decrypted", INFO, "The PDF is encrypted with an empty user password; it was decrypted to read it.";
    PdfDecryptedWithPassword = "pdf.decrypted-with-password", INFO, "The PDF is encrypted; it was decrypted with the password given (--password, --password-file or RAPPORTEUR_PASSWORD).";
    PdfAttachmentsEncrypted = "pdf.attachments-encrypted", INFO, "Only the PDF's attachments are encrypted; its pages were read without a password, the attachments were not.";
    PdfXrefRecovered = "pdf.xref-recovered", WARNING, "The PDF's cross-reference data was damaged and was rebuilt by scanning the file.";
    PdfPageTreeDamaged = "pdf.page-tree-damaged", WARNING, "The page tree is unreadable; the page objects found in the file were read in object-number order.";
    PdfPageTreeRepaired = "pdf.page-tree-repaired", WARNING, "The page tree refers back to its own nodes (a cycle or shared subtree); repeated references were skipped.";
    PdfContentDamaged = "pdf.content-damaged", WARNING, "A page's content stream holds unreadable bytes or unknown operators; they were skipped and the text around them kept.";
    PdfFormSkipped = "pdf.form-skipped", WARNING, "Nested form objects on a page were not read (nested too deep, cyclic, or too many).";
    PdfTextOffPage = "pdf.text-off-page", WARNING, "Text drawn outside a page's visible area (its crop box) was left out, as a viewer does not show it; the message gives the count.";
    PdfColumns = "pdf.columns", INFO, "The page was read as the number of columns the message gives.";
    PdfColumnsUncertain = "pdf.columns-uncertain", WARNING, "Text on a page looks partly like two columns but was read as one; lines may be interleaved.";
    PdfLineNumbers = "pdf.line-numbers", INFO, "Margin line numbers were taken out of the page's text (kept as the lines' numbers).";
    PdfUnsupportedFont = "pdf.unsupported-font", WARNING, "A font cannot be decoded to text; its glyphs were left out and the rest of the page kept.";
    PdfUnmappedCodes = "pdf.unmapped-codes", WARNING, "Some character codes of a font map to no Unicode text; they were left out.";
    PdfFontProblem = "pdf.font-problem", INFO, "A font's dictionary or program is damaged or unusual in the way the message says; what could be read was used.";
    PdfDehyphenated = "pdf.dehyphenated", INFO, "Line-end hyphens were removed to rejoin split words (others kept as compounds or ranges); counts and examples in the message.";
    PdfFurnitureRemoved = "pdf.furniture-removed", INFO, "A running header, footer or page number repeated across pages was removed on the pages listed.";
    PdfFurnitureKept = "pdf.furniture-kept", WARNING, "A line repeats at the page edge like a running header but is all its page holds, so it was kept as text.";
    // Normalizing the text (one diagnostic per block and repair).
    NormalizeUnicodeNfc = "normalize.unicode-nfc", INFO, "Characters were composed to Unicode NFC.";
    NormalizeSpaceFolded = "normalize.space-folded", INFO, "Non-breaking, zero-width or other unusual spaces were folded to plain spaces.";
    NormalizeMathMode = "normalize.math-mode", INFO, "TeX math-mode markup left by a converter was removed.";
    NormalizeMarkdownEmphasis = "normalize.markdown-emphasis", INFO, "Markdown emphasis markers were removed and the text kept.";
    NormalizeMarkdownEscape = "normalize.markdown-escape", INFO, "Markdown backslash escapes were removed.";
    NormalizeLineNumberRemoved = "normalize.line-number-removed", INFO, "Margin line numbers at the start of each line of a text input were removed.";
    NormalizePageNumberRemoved = "normalize.page-number-removed", INFO, "A page-number line between paragraphs was removed.";
    NormalizeRunningLineRemoved = "normalize.running-line-removed", INFO, "A running header or footer line was removed.";
    NormalizeFurnitureKept = "normalize.furniture-kept", INFO, "A line of a text input repeats at page edges like a running header but is all its page holds; it was kept.";
    NormalizeCompoundRestored = "normalize.compound-restored", INFO, "The hyphen of a compound that an extractor had joined was restored.";
    NormalizeHyphenationJoined = "normalize.hyphenation-joined", INFO, "A word hyphenated across a line break was joined.";
    NormalizeParagraphRejoined = "normalize.paragraph-rejoined", INFO, "A paragraph split by a page or column break was rejoined.";
    // Segmenting: sections, speaker turns.
    SegmentConvention = "segment.convention", INFO, "The speaker-header convention found, with the number of turns and the first header.";
    SegmentOutsideTurn = "segment.outside-turn", INFO, "Text between a section heading and the first speaker header belongs to no turn.";
    SegmentNameSplitGuessed = "segment.name-split-guessed", INFO, "Where the name ends in a speaker header was guessed (no mention or role word decided it).";
    SegmentNameFromRoster = "segment.name-from-roster", INFO, "A speaker label was resolved to a full name from the list of participants.";
    SegmentLongTurn = "segment.long-turn", WARNING, "A turn runs over four times the median turn of its section (at least 400 words, in a section of four turns or more); a later header may have been missed.";
    SegmentHeaderShapedLine = "segment.header-shaped-line", WARNING, "A line inside a turn reads as a speaker header; it was kept as text of the turn.";
    // The front matter: title, date, times, organizers.
    EventArtifactRemoved = "event.artifact-removed", INFO, "Converter markup (math mode or emphasis) was removed from a front-matter field.";
    EventFrontMatterCut = "event.front-matter-cut", INFO, "The front matter runs into the body; it was read up to the line the span marks.";
    EventCompilerAffiliation = "event.compiler-affiliation", INFO, "The compiler's name was kept and the role or affiliation after it left out.";
    EventCompiledByOutsideFrontMatter = "event.compiled-by-outside-front-matter", INFO, "The compiler was read from a line outside the front matter.";
    EventRunningHeader = "event.running-header", INFO, "A line repeated below was read as a running header, not an organizer.";
    EventPresenterAffiliation = "event.presenter-affiliation", INFO, "Text beside a presenter was read as the presenter's role or affiliation, not a name.";
    EventTitleGuessed = "event.title-guessed", INFO, "No marked title line: the title was read from the line's position or prominence.";
    EventOrganizerGuessed = "event.organizer-guessed", INFO, "An organization name above the title was read as an organizer.";
    EventOrganizerJoined = "event.organizer-joined", INFO, "Lines were joined into one organizer name.";
    EventOrganizersSplit = "event.organizers-split", INFO, "One line was read as several organizers.";
    EventDateOrder = "event.date-order", INFO_OR_WARNING, "Day and month of a numeric date could be either way: info when the weekday decided, warning when day-first was assumed.";
    EventWeekdayMismatch = "event.weekday-mismatch", WARNING, "The weekday written does not match the date.";
    EventTimeWithoutZone = "event.time-without-zone", WARNING, "A time names no place or zone; the start instant is unknown.";
    EventNoDateForTimes = "event.no-date-for-times", WARNING, "Times are given but no date was found: offsets and the start instant are unknown.";
    EventZoneUnresolved = "event.zone-unresolved", WARNING, "A place beside a time could not be matched to a time zone.";
    EventZoneFromDatabase = "event.zone-from-database", INFO, "A place was read as a time zone by its city name.";
    EventZoneAbbreviationAmbiguous = "event.zone-abbreviation-ambiguous", WARNING, "A zone abbreviation names several zones; the one the message gives was used.";
    EventZoneAbbreviationSeason = "event.zone-abbreviation-season", WARNING, "A zone abbreviation names standard or daylight time the zone does not observe on that date; the zone's rule was used.";
    EventLocalTimeAmbiguous = "event.local-time-ambiguous", WARNING, "A local time falls in a daylight-saving change; the earlier reading was used.";
    EventTimesDisagree = "event.times-disagree", WARNING, "Times given for several places do not name the same instant; the first was kept.";
    // People and speakers.
    PeopleFamilyNameFirst = "people.family-name-first", INFO, "A name was read family name first.";
    PeopleShortHeaderByHonorific = "people.short-header-by-honorific", INFO, "A short header naming a shared family name was resolved by its honorific.";
    PeopleAmbiguousHeader = "people.ambiguous-header", WARNING, "A header names a family name several people share; the turn's speaker was not assigned.";
    PeopleAmbiguousMention = "people.ambiguous-mention", WARNING, "A mention may be any of several people with that family name; not assigned.";
    PeopleLabelSpeakerFromText = "people.label-speaker-from-text", INFO, "A header names nobody; the speaker was read from the turn's opening words.";
    PeopleRoleSpeaker = "people.role-speaker", INFO, "A header names a role (Chair, Moderator, ...) and no person.";
    PeopleUnresolvedSpeaker = "people.unresolved-speaker", WARNING, "A header names nobody that can be resolved; the speaker is left empty.";
    // Dispatch records and current deployments.
    DispatchParse = "dispatch.parse", ERROR, "A dispatch entry does not parse; the message names what was expected where, and the entry as written.";
    DispatchMissingColon = "dispatch.missing-colon", WARNING, "The colon after a dispatch's date range is missing; the units were read from after the dates.";
    DispatchDateSeparator = "dispatch.date-separator", WARNING, "A date has a dash between month and year; read as month.year.";
    DispatchDateOrder = "dispatch.date-order", WARNING, "A dispatch starts after it ends; kept as written.";
    DispatchMonthRange = "dispatch.month-range", WARNING, "A date names a month outside 1-12; kept as written.";
    DispatchZeroRotations = "dispatch.zero-rotations", WARNING, "A phase has a rotation count of 0; kept as written.";
    DispatchRoleSpelling = "dispatch.role-spelling", WARNING, "A unit role was read as a spelling the same record or the role table writes.";
    DispatchLocationNotCountry = "dispatch.location-not-country", INFO, "A location is not in the country table; its code is null.";
    DeploymentNoName = "deployment.no-name", WARNING, "A current-dispatch block has no mission name before it; its name is left empty.";
    DeploymentDuplicateField = "deployment.duplicate-field", WARNING, "A field of a current-dispatch block is given twice; the first value is kept.";
    DeploymentStrayItem = "deployment.stray-item", WARNING, "An item of a current-dispatch list is neither a name, a field nor a mandate item.";
    DeploymentDetachedField = "deployment.detached-field", INFO, "A field set apart from its current-dispatch block was added to the block before it.";
    // Failures: the document gets no report, the manifest records the code.
    InputIo = "input.io", FAILURE, "The input could not be read (permissions, a vanished file, an I/O error).";
    InputEmpty = "input.empty", FAILURE, "The input is empty or only whitespace.";
    InputNoText = "input.no-text", FAILURE, "A text input holds only NUL bytes or other control characters.";
    InputReplaced = "input.replaced", FAILURE, "The file was replaced after the walk found it (a link, another file or a FIFO); it was not read.";
    InputWrongFormat = "input.wrong-format", FAILURE, "The input is not the format its name or --format says (a .pdf that is not a PDF).";
    LimitBytes = "limit.bytes", FAILURE, "The input is larger than --max-bytes.";
    LimitPages = "limit.pages", FAILURE, "The PDF has more pages than --max-pages.";
    LimitInflate = "limit.inflate", FAILURE, "The PDF's streams inflate to more than --max-inflate bytes (a decompression bomb or a very large file).";
    LimitTimeout = "limit.timeout", FAILURE, "The document took longer than --doc-timeout.";
    PdfNoTextLayer = "pdf.no-text-layer", FAILURE, "The PDF has no text layer (scanned images only): it needs OCR.";
    PdfEncrypted = "pdf.encrypted", FAILURE, "The PDF is encrypted with a password (the empty user password does not open it); give it with --password, --password-file or RAPPORTEUR_PASSWORD.";
    PdfWrongPassword = "pdf.wrong-password", FAILURE, "The PDF is encrypted and the password given (--password, --password-file or RAPPORTEUR_PASSWORD) does not open it.";
    PdfDamaged = "pdf.damaged", FAILURE, "The PDF is damaged beyond repair; the message gives the place where known.";
    OutputIo = "output.io", FAILURE, "An output could not be written; the previous outputs are kept.";
    Internal = "internal", FAILURE, "A bug in rapporteur (a panic while processing the document); please report it.";
}

impl Code {
    /// The stable dotted code, as written in the output.
    pub fn as_str(self) -> &'static str {
        self.entry().code
    }

    /// The code spelled `code`, if it is registered.
    pub fn find(code: &str) -> Option<Code> {
        REGISTRY.iter().find(|(_, e)| e.code == code).map(|(c, _)| *c)
    }

    /// True when this code is registered as a diagnostic at `severity`.
    pub fn allows(self, severity: Severity) -> bool {
        matches!(self.entry().emitted, Emitted::Diagnostic(s) if s.contains(&severity))
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// The registry as Markdown: the text of `docs/diagnostics.md`.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Diagnostic and failure codes\n\n\
         <!-- Generated from src/diagnostics.rs by `rapporteur diagnostics`; do not edit. -->\n\n\
         Every code rapporteur writes. Diagnostics are in a report's `diagnostics`\n\
         (`severity`, `code`, `message`, `span`): repairs and guesses made while\n\
         reading. Failures are in the manifest's `error.code` for a document that got\n\
         no report. Codes are stable: new ones are added, none is renamed. The same\n\
         table as JSON: `rapporteur diagnostics --json`.\n",
    );
    for (title, failures) in [("Diagnostics", false), ("Failures", true)] {
        out.push_str(&format!("\n## {title}\n\n"));
        if failures {
            out.push_str("| code | meaning |\n|---|---|\n");
        } else {
            out.push_str("| code | severity | meaning |\n|---|---|---|\n");
        }
        for (_, e) in REGISTRY {
            match e.emitted {
                Emitted::Diagnostic(sev) if !failures => {
                    let sev: Vec<&str> = sev.iter().map(|s| severity_name(*s)).collect();
                    out.push_str(&format!("| `{}` | {} | {} |\n", e.code, sev.join(", "), e.meaning));
                }
                Emitted::Failure if failures => out.push_str(&format!("| `{}` | {} |\n", e.code, e.meaning)),
                _ => {}
            }
        }
    }
    out
}

/// The registry as JSON: an array of `{code, emitted, meaning}`.
pub fn json() -> serde_json::Value {
    let entries: Vec<&Entry> = REGISTRY.iter().map(|(_, e)| e).collect();
    serde_json::to_value(entries).expect("the registry always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_order_matches_the_enum_and_codes_are_unique() {
        for (i, (code, entry)) in REGISTRY.iter().enumerate() {
            assert_eq!(*code as usize, i, "{}", entry.code);
            assert_eq!(
                Code::find(entry.code),
                Some(*code),
                "{} is registered twice",
                entry.code
            );
        }
    }

    #[test]
    fn codes_are_dotted_lowercase_and_meanings_one_line() {
        for (_, e) in REGISTRY {
            let ok_char = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
            assert!(e.code.chars().all(ok_char), "{}", e.code);
            assert!(e.code == "internal" || e.code.split('.').count() == 2, "{}", e.code);
            assert!(!e.meaning.contains('\n') && !e.meaning.contains('|'), "{}", e.code);
            assert!(e.meaning.ends_with('.'), "{}: a meaning is a sentence", e.code);
        }
    }

    #[test]
    fn failures_and_diagnostics_are_told_apart() {
        assert!(Code::EventDateOrder.allows(Severity::Warning));
        assert!(Code::EventDateOrder.allows(Severity::Info));
        assert!(!Code::EventDateOrder.allows(Severity::Error));
        assert!(!Code::PdfDamaged.allows(Severity::Error));
        assert_eq!(Code::find("nope.nope"), None);
    }
}
