//! Blocks pass: cleaned lines grouped into paragraphs, Markdown headings
//! and list items (with their nesting depth). Inside a paragraph a line
//! that ends well short of the wrapping width (the next word would have
//! fit) is a deliberate break; section headings, speaker-header lines and
//! `Label: value` lines are blocks of their own.

use super::*;

/// A list marker at the start of a line: a bullet, optionally followed by a
/// second marker ("- 1.", "- o"), or a number/letter marker ("1)", "a.").
pub(super) static LIST_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(
            (?:[-*+•◦▪▫‣⁃●○■□∙·–]|o)
            (?:\s+(?:\(?\d{1,3}[.)]|\(?[a-z][.)]|[ivx]{1,4}[.)]|o|[•◦▪▫‣●○■□]))?
          | \(?\d{1,3}[.)]
          | \([a-z]\)|[a-z][.)]
          | [ivx]{1,4}[.)]
        )(?:\s+|$)",
    )
    .expect("regex")
});
pub(super) static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d{1,3}").expect("regex"));

/// The list marker of a line: (marker as written, number, byte offset of
/// the content).
pub(super) fn list_marker(text: &str) -> Option<(String, Option<u32>, usize)> {
    // Every marker starts with a bullet, "(", a digit, or a lower-case
    // letter followed by "." or ")" (or i, v, x, o): other lines are turned
    // away before the regex runs.
    let mut chars = text.chars();
    let first = chars.next()?;
    let second = chars.next();
    let may_mark = match first {
        'a'..='z' => matches!(first, 'i' | 'v' | 'x' | 'o') || matches!(second, Some('.' | ')')),
        '(' | '-' | '*' | '+' | '•' | '◦' | '▪' | '▫' | '‣' | '⁃' | '●' | '○' | '■' | '□' | '∙' | '·' | '–' => {
            true
        }
        c => c.is_numeric(),
    };
    if !may_mark {
        return None;
    }
    let m = LIST_MARKER.captures(text)?;
    let marker = m.get(1)?.as_str().to_string();
    let whole = m.get(0)?.end();
    // "o" alone is only a bullet when followed by text, and a dash followed
    // by nothing is not a list.
    if whole >= text.len() && matches!(marker.as_str(), "-" | "–" | "o" | "*" | "+" | "·") {
        return None;
    }
    let number = DIGITS.find(&marker).and_then(|d| d.as_str().parse().ok());
    Some((marker, number, whole))
}

/// Cuts one input paragraph (lines between blank lines) into blocks.
pub(super) fn group_lines(lines: &[&Line], at: At, words: &LazyVocab<'_>, stats: LineStats, out: &mut Vec<Pre>) {
    // Line lengths are right edges (indentation included), so that the
    // columns of a `pdftotext -layout` dump compare as they were set. The
    // width is the file's wrap width where its lines show one, and the
    // paragraph's widest line where they do not, or where the paragraph is
    // a block wrapped narrower (every line but the last close to its widest).
    let edge = |l: &Line| l.indent + l.text.chars().count();
    let widest = lines.iter().map(|l| edge(l)).max().unwrap_or(0);
    let narrow_block = lines.len() >= 3 && lines[..lines.len() - 1].iter().all(|l| edge(l) * 100 >= widest * 85);
    let width = match stats.wrap {
        Some(w) if !narrow_block => w,
        Some(w) => w.min(widest),
        None => widest,
    };
    let mut cur: Option<Pre> = None;
    let mut awaiting_content = false;
    let mut prev_len = 0usize;
    let mut prev_indent = 0usize;
    for line in lines {
        let text = line.text.trim_start();
        if let Some(c) = text.starts_with('#').then(|| MD_HEADING.captures(text)).flatten() {
            flush(&mut cur, out);
            let level = c.get(1).map_or(1, |m| m.as_str().len()) as u8;
            let mut pre = new_pre(PreKind::Heading(level), at);
            append_line(&mut pre, c.get(2).map_or("", |m| m.as_str()), line, "");
            out.push(pre);
            awaiting_content = false;
            prev_len = 0;
            continue;
        }
        // Inside a wrapped paragraph a line may start with a dash or a
        // number that is running text ("... agenda\n– this is"): a marker
        // opens an item only after a line that could end one.
        let marker = list_marker(text).filter(|(m, _, at)| match &cur {
            None => true,
            Some(pre) => {
                !matches!(m.as_str(), "-" | "–" | "—")
                    || *at >= text.len()
                    || matches!(pre.kind, PreKind::Item { .. })
                    || lexicon::ends_closed(&pre.body)
                    || pre.body.ends_with([',', '-', '\u{2010}'])
            }
        });
        if let Some((marker, number, content_at)) = marker {
            flush(&mut cur, out);
            let mut pre = new_pre(
                PreKind::Item {
                    indent: line.indent,
                    marker,
                    number,
                },
                at,
            );
            let rest = &text[content_at..];
            awaiting_content = rest.is_empty();
            append_line(&mut pre, rest, line, "");
            cur = Some(pre);
            prev_len = edge(line);
            prev_indent = line.indent;
            continue;
        }
        let len = edge(line);
        match cur.as_mut() {
            Some(pre) if awaiting_content => {
                append_line(pre, text, line, "");
                awaiting_content = false;
            }
            Some(pre) => {
                let next_word = text.split_whitespace().next().map_or(0, |w| w.chars().count());
                // The previous line ended well short of the paragraph's
                // width although the next word would have fit: a
                // deliberate line break, so a new block.
                let hyphenated = pre.body.ends_with(['-', '\u{2010}', '\u{ad}']);
                let deliberate = !hyphenated && width > 0 && (prev_len + 1 + next_word) * 100 < width * 85;
                // A section heading, or a speaker-header line after a
                // finished sentence, is a block of its own whatever the
                // line widths say.
                let own_line = crate::lexicon::is_section_heading(text)
                    || (lexicon::ends_sentence(&pre.body) && header_like(text) && lexicon::at_most_words(text, 40))
                    // "Mr. WARNER. Mr. President, ...": a Record label.
                    || (lexicon::ends_closed(&pre.body) && lexicon::opens_capitals_label(text))
                    // A "Label:" line ("Report compiled by: X", "Venue: Y").
                    || label_line(text)
                    // A list's heading line after a finished item.
                    || (matches!(pre.kind, PreKind::Item { .. })
                        && pre.body.ends_with(['.', ';'])
                        && text.ends_with(':')
                        && lexicon::at_most_words(text, 20));
                // A first-line indent after a line at the paragraph's
                // margin opens a paragraph (dumps that mark paragraphs only
                // so); an item's continuation lines hang, and are not one.
                let indented = matches!(pre.kind, PreKind::Para)
                    && line.indent >= prev_indent + 2
                    && line.indent <= prev_indent + 12
                    && !hyphenated;
                let deliberate = deliberate || own_line || indented;
                if deliberate {
                    flush(&mut cur, out);
                    let mut pre = new_pre(PreKind::Para, at);
                    append_line(&mut pre, text, line, "");
                    cur = Some(pre);
                } else {
                    join_line(pre, text, line, words);
                }
            }
            None => {
                let mut pre = new_pre(PreKind::Para, at);
                append_line(&mut pre, text, line, "");
                cur = Some(pre);
            }
        }
        prev_len = len;
        prev_indent = line.indent;
        if let Some(pre) = cur.as_mut() {
            pre.full_last_line = lines.len() >= 2 && pre.lines >= 2 && len * 100 >= width * 92;
        }
    }
    flush(&mut cur, out);
}

/// True when a line opens with a capitalized label of up to four words, a
/// colon and a value ("Report compiled by: Ann Lee", "Venue: Kyoto").
pub(super) fn label_line(text: &str) -> bool {
    let Some((label, value)) = text.split_once(':') else {
        return false;
    };
    let words = label.split_whitespace().take(5).count();
    !value.trim().is_empty()
        && (1..=4).contains(&words)
        && label.starts_with(char::is_uppercase)
        && label.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && !crate::lexicon::is_section_heading(label)
}

/// True when a block reads like a speaker header or name line that a
/// lower-case line could not continue ("Mr. Akira TANAKA").
pub(super) fn header_like(s: &str) -> bool {
    let Some((_, at)) = lexicon::leading_honorific(s) else {
        return false;
    };
    let mut names = 0;
    for tok in s[at..].split_whitespace() {
        if lexicon::is_name_word(tok.trim_end_matches(',')) {
            names += 1;
            if tok.ends_with(',') {
                return true;
            }
        } else {
            return names > 0 && !lexicon::starts_lowercase(tok);
        }
    }
    names > 0
}

/// Nesting depth of each list item: the rank of its indentation among the
/// indentations of its run of consecutive items.
pub(super) fn list_depths(pres: &[Pre]) -> Vec<u8> {
    let mut depths = vec![0u8; pres.len()];
    let mut i = 0;
    while i < pres.len() {
        if !matches!(pres[i].kind, PreKind::Item { .. }) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut indents = Vec::new();
        while j < pres.len() {
            match &pres[j].kind {
                PreKind::Item { indent, .. } => indents.push(*indent),
                _ => break,
            }
            j += 1;
        }
        let mut distinct = indents.clone();
        distinct.sort_unstable();
        distinct.dedup();
        for (k, ind) in indents.iter().enumerate() {
            let rank = distinct.iter().position(|d| d == ind).unwrap_or(0);
            depths[i + k] = rank.min(u8::MAX as usize) as u8;
        }
        i = j;
    }
    depths
}
