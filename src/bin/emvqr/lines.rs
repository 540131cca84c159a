//! `decode --lines`: one payload per line in, one result per line out, on every core.
//!
//! The input (a file, or `-` for standard input) is read in chunks of lines; each chunk is split
//! into one contiguous part per core and decoded on scoped threads while the next chunk is
//! read, and the parts' output is written in input order, so memory stays bounded (two chunks)
//! whatever the input's size. A line is everything up to a `\n` (which is removed, with one `\r` before it);
//! a last line without `\n` counts too.

use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal as _, Write};
use std::num::NonZeroUsize;
use std::thread;

use std::collections::BTreeMap;
use std::path::Path;

use emvqr::profile::{ProfileSet, Rule};
use emvqr::{CpmPayload, DecodeOptions, Payload};

use crate::io::{BOM, BOM_DROPPED, EXIT_INVALID, EXIT_VALID, Fatal, Outcome, is_stdin, warn};
use crate::json;

/// Lines decoded per chunk (shared out among the threads).
const CHUNK_LINES: usize = 1 << 16;

/// Bytes of one line kept: one more than the largest payload, enough to report `too_long`.
/// The rest of a longer line is read and dropped, never stored.
const LINE_CAP: usize = emvqr::MAX_INPUT_BYTES + 1;

/// Inputs of at least this many bytes show a progress bar (when standard error is a terminal).
const PROGRESS_MIN_BYTES: u64 = 8 << 20;

/// One chunk: the lines' bytes back to back, and where each ends.
#[derive(Default)]
struct Chunk {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl Chunk {
    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    fn line(&self, i: usize) -> &[u8] {
        let start = match i.checked_sub(1) {
            Some(prev) => self.ends.get(prev).copied().unwrap_or(0),
            None => 0,
        };
        let end = self.ends.get(i).copied().unwrap_or(start);
        self.bytes.get(start..end).unwrap_or(&[])
    }
}

/// Reads lines of at most [`LINE_CAP`] kept bytes.
struct LineReader<R> {
    inner: R,
    eof: bool,
    consumed: u64,
    /// Whether a line was read already (a byte-order mark is looked for on the first only).
    started: bool,
}

impl<R: BufRead> LineReader<R> {
    /// Appends the next line to `chunk`; false at the end of the input.
    fn read_line(&mut self, chunk: &mut Chunk) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        let start = chunk.bytes.len();
        let mut any = false;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                self.eof = true;
                break;
            }
            any = true;
            let (take, used, done) = match memchr::memchr(b'\n', buf) {
                Some(nl) => (nl, nl.saturating_add(1), true),
                None => (buf.len(), buf.len(), false),
            };
            let kept = chunk.bytes.len().saturating_sub(start);
            let room = LINE_CAP.saturating_sub(kept);
            chunk
                .bytes
                .extend_from_slice(buf.get(..take.min(room)).unwrap_or(&[]));
            self.inner.consume(used);
            self.consumed = self.consumed.saturating_add(used as u64);
            if done {
                break;
            }
        }
        if !any {
            return Ok(false);
        }
        // One `\r` before the `\n` (or at the end of the input) is part of the line ending;
        // a line cut at the cap keeps its bytes as they are.
        if chunk.bytes.len().saturating_sub(start) < LINE_CAP && chunk.bytes.last() == Some(&b'\r')
        {
            chunk.bytes.pop();
        }
        if !self.started {
            self.started = true;
            if chunk
                .bytes
                .get(start..)
                .is_some_and(|line| line.starts_with(BOM))
            {
                warn(BOM_DROPPED);
                chunk.bytes.drain(start..start.saturating_add(BOM.len()));
            }
        }
        chunk.ends.push(chunk.bytes.len());
        Ok(true)
    }
}

/// How each line is decoded and printed.
#[derive(Clone, Copy)]
pub(crate) struct Settings<'a> {
    /// One JSON object a line instead of `N: valid`.
    pub(crate) json: bool,
    /// A consumer-presented code's card data printed whole.
    pub(crate) reveal: bool,
    pub(crate) options: &'a DecodeOptions,
}

/// Counts for the summary: by verdict, error code, scheme and mode.
#[derive(Default)]
pub(crate) struct Tally {
    valid: u64,
    invalid: u64,
    blank: u64,
    errors: BTreeMap<&'static str, u64>,
    schemes: BTreeMap<ProfileSet, u64>,
    cpm: u64,
}

/// Adds `n` to the count of `key`.
fn bump<K: Ord>(counts: &mut BTreeMap<K, u64>, key: K, n: u64) {
    let count = counts.entry(key).or_default();
    *count = count.saturating_add(n);
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.valid = self.valid.saturating_add(other.valid);
        self.invalid = self.invalid.saturating_add(other.invalid);
        self.blank = self.blank.saturating_add(other.blank);
        self.cpm = self.cpm.saturating_add(other.cpm);
        for (code, n) in other.errors {
            bump(&mut self.errors, code, n);
        }
        for (scheme, n) in other.schemes {
            bump(&mut self.schemes, scheme, n);
        }
    }

    fn line(&mut self, error: Option<&'static str>, profiles: ProfileSet) {
        match error {
            None => self.valid = self.valid.saturating_add(1),
            Some(code) => {
                self.invalid = self.invalid.saturating_add(1);
                bump(&mut self.errors, code, 1);
            }
        }
        if !profiles.is_empty() {
            bump(&mut self.schemes, profiles, 1);
        }
    }

    /// The schemes by name (profile ids joined by `+`), in name order.
    fn schemes(&self) -> BTreeMap<String, u64> {
        self.schemes
            .iter()
            .map(|(set, &n)| (set.to_string(), n))
            .collect()
    }

    /// The summary as JSON: `{"lines":..,"valid":..,"invalid":..,"blank":..,"cpm":..,
    /// "errors":{code:count},"schemes":{scheme:count}}`.
    fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "lines": self.valid.saturating_add(self.invalid).saturating_add(self.blank),
            "valid": self.valid,
            "invalid": self.invalid,
            "blank": self.blank,
            "cpm": self.cpm,
            "errors": self.errors,
            "schemes": self.schemes(),
        })
    }

    /// The summary for standard error: a line of counts, then one of error codes and one of
    /// schemes (most frequent first) when there are any.
    fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let lines = self
            .valid
            .saturating_add(self.invalid)
            .saturating_add(self.blank);
        let mut out = format!(
            "emvqr: {lines} lines: {} valid, {} invalid, {} blank",
            self.valid, self.invalid, self.blank
        );
        let by_count = |counts: Vec<(String, u64)>| {
            let mut counts = counts;
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts
                .iter()
                .map(|(name, n)| format!("{name} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !self.errors.is_empty() {
            let errors = self
                .errors
                .iter()
                .map(|(c, &n)| ((*c).to_owned(), n))
                .collect();
            let _ = write!(out, "\nemvqr: errors: {}", by_count(errors));
        }
        if !self.schemes.is_empty() {
            let _ = write!(
                out,
                "\nemvqr: schemes: {}",
                by_count(self.schemes().into_iter().collect())
            );
        }
        out.push('\n');
        out
    }
}

/// What one part of a chunk produced.
struct Part {
    out: String,
    tally: Tally,
}

/// A line of nothing but spaces and tabs (after its line ending is removed) is blank.
fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|&b| b == b' ' || b == b'\t')
}

/// Decodes `lines` of `chunk` into `out` (emptied first; a buffer of an earlier chunk, so that
/// its memory is reused rather than mapped afresh).
fn decode_part(
    chunk: &Chunk,
    lines: core::ops::Range<usize>,
    first_number: u64,
    settings: Settings<'_>,
    mut out: String,
) -> Result<Part, Fatal> {
    use std::fmt::Write as _;
    out.clear();
    let mut part = Part {
        out,
        tally: Tally::default(),
    };
    let mut cpm_buf = [0u8; emvqr::cpm::MAX_CPM_BYTES];
    for (k, i) in lines.enumerate() {
        let number = first_number.saturating_add(k as u64);
        let line = chunk.line(i);
        if is_blank(line) {
            part.tally.blank = part.tally.blank.saturating_add(1);
            continue;
        }
        if emvqr::cpm::is_cpm(line) {
            part.tally.cpm = part.tally.cpm.saturating_add(1);
            let parsed = CpmPayload::parse_base64(line, &mut cpm_buf);
            part.tally.line(
                parsed.as_ref().err().map(emvqr::cpm::Error::code),
                ProfileSet::EMPTY,
            );
            if settings.json {
                cpm_line(&mut part.out, number, &parsed, settings.reveal)?;
            } else {
                match &parsed {
                    Ok(p) => valid_text(&mut part.out, number, p.warnings().count())?,
                    Err(e) => writeln!(part.out, "{number}: invalid: {e} ({})", e.code())?,
                }
            }
            continue;
        }
        match Payload::parse_bytes(line, settings.options) {
            Ok(p) => {
                let profiles = p.profiles();
                part.tally.line(None, profiles);
                if settings.json {
                    mpm_valid_line(&mut part.out, number, &p, profiles);
                } else {
                    let n = p.warnings().len().saturating_add(p.warnings_dropped());
                    valid_text(&mut part.out, number, n)?;
                }
            }
            Err(e) => {
                let profiles = e
                    .rule()
                    .and_then(Rule::from_id)
                    .map_or(ProfileSet::EMPTY, |r| ProfileSet::EMPTY.with(r.profile()));
                part.tally.line(Some(e.code()), profiles);
                if settings.json {
                    mpm_invalid_line(&mut part.out, number, &e, profiles);
                } else {
                    writeln!(part.out, "{number}: invalid: {e} ({})", e.code())?;
                }
            }
        }
    }
    Ok(part)
}

/// `N: valid`, with the number of warnings when there are any.
fn valid_text(out: &mut String, number: u64, warnings: usize) -> std::fmt::Result {
    use std::fmt::Write as _;
    match warnings {
        0 => writeln!(out, "{number}: valid"),
        1 => writeln!(out, "{number}: valid (1 warning)"),
        n => writeln!(out, "{number}: valid ({n} warnings)"),
    }
}

/// The start of every line's object: `{"line":N,"valid":..,"mode":..,"scheme":..,"fields":`.
fn head(out: &mut String, number: u64, valid: bool, mode: &str, profiles: ProfileSet) {
    out.push_str("{\"line\":");
    out.push_str(itoa::Buffer::new().format(number));
    out.push_str(if valid {
        ",\"valid\":true"
    } else {
        ",\"valid\":false"
    });
    out.push_str(",\"mode\":\"");
    out.push_str(mode);
    out.push_str("\",\"scheme\":");
    json::scheme(out, profiles);
    out.push_str(",\"fields\":");
}

fn mpm_valid_line(out: &mut String, number: u64, p: &Payload<'_>, profiles: ProfileSet) {
    head(out, number, true, "mpm", profiles);
    json::mpm_fields(out, p);
    out.push_str(",\"error\":null,\"warnings\":[");
    for (i, w) in p.warnings().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::finding(out, w.code(), w.offset(), w.path(), w.rule(), w);
    }
    out.push_str("]}\n");
}

fn mpm_invalid_line(out: &mut String, number: u64, e: &emvqr::Error, profiles: ProfileSet) {
    head(out, number, false, "mpm", profiles);
    out.push_str("null,\"error\":");
    json::finding(out, e.code(), e.offset(), e.path(), e.rule(), e);
    out.push_str(",\"warnings\":[]}\n");
}

fn cpm_line(
    out: &mut String,
    number: u64,
    parsed: &Result<CpmPayload<'_>, emvqr::cpm::Error>,
    reveal: bool,
) -> Result<(), Fatal> {
    head(out, number, parsed.is_ok(), "cpm", ProfileSet::EMPTY);
    match parsed {
        Ok(p) => {
            let fields = if reveal {
                p.field_map()
            } else {
                p.field_map_masked()
            };
            let fields = serde_json::to_string(&fields)
                .map_err(|e| Fatal(format!("cannot serialize the output: {e}")))?;
            out.push_str(&fields);
            out.push_str(",\"error\":null,\"warnings\":[");
            for (i, w) in p.warnings().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json::finding(out, w.code(), w.offset(), w.path(), None, w);
            }
            out.push_str("]}\n");
        }
        Err(e) => {
            out.push_str("null,\"error\":");
            json::finding(out, e.code(), e.offset(), e.path(), None, e);
            out.push_str(",\"warnings\":[]}\n");
        }
    }
    Ok(())
}

/// Decodes `chunk` on up to `threads` threads while `meanwhile` runs on this one (it reads
/// the next chunk); returns the parts in input order and what `meanwhile` returned.
fn decode_chunk<T>(
    chunk: &Chunk,
    first_number: u64,
    threads: usize,
    settings: Settings<'_>,
    buffers: &mut Vec<String>,
    meanwhile: impl FnOnce() -> T,
) -> (Result<Vec<Part>, Fatal>, T) {
    let n = chunk.ends.len();
    let per = n.div_ceil(threads.max(1)).max(1);
    thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .step_by(per)
            .map(|start| {
                let end = start.saturating_add(per).min(n);
                let number = first_number.saturating_add(start as u64);
                let out = buffers.pop().unwrap_or_default();
                s.spawn(move || decode_part(chunk, start..end, number, settings, out))
            })
            .collect();
        let other = meanwhile();
        let parts = handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Fatal("a decoding thread failed".to_owned())))
            })
            .collect();
        (parts, other)
    })
}

/// Reads up to [`CHUNK_LINES`] lines into `chunk` (emptied first).
fn fill<R: BufRead>(reader: &mut LineReader<R>, chunk: &mut Chunk) -> Result<(), Fatal> {
    chunk.clear();
    while chunk.ends.len() < CHUNK_LINES {
        let more = reader
            .read_line(chunk)
            .map_err(|e| Fatal(format!("cannot read the input: {e}")))?;
        if !more {
            break;
        }
    }
    Ok(())
}

/// A progress bar on standard error, for long inputs on a terminal only.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new(total_bytes: Option<u64>) -> Progress {
        if !io::stderr().is_terminal() {
            return Progress(None);
        }
        let bar = match total_bytes {
            Some(t) if t >= PROGRESS_MIN_BYTES => {
                let bar = indicatif::ProgressBar::new(t);
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta}",
                ) {
                    bar.set_style(style);
                }
                bar
            }
            Some(_) => return Progress(None),
            // Standard input: the total is unknown; count bytes once the input proves long.
            None => indicatif::ProgressBar::hidden(),
        };
        Progress(Some(bar))
    }

    fn update(&self, consumed: u64) {
        if let Some(bar) = &self.0 {
            if bar.is_hidden() && consumed >= PROGRESS_MIN_BYTES {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                if let Ok(style) = indicatif::ProgressStyle::with_template(
                    "{spinner} {bytes} read, {binary_bytes_per_sec}",
                ) {
                    bar.set_style(style);
                }
            }
            bar.set_position(consumed);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// Runs `decode --lines` over `source` (a path, or `-` for standard input). Results are written
/// to standard output as they are produced; the returned outcome only carries the exit status.
pub(crate) fn decode_lines(
    source: &OsStr,
    settings: Settings<'_>,
    summary: Option<&Path>,
) -> Result<Outcome, Fatal> {
    let threads = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    let (tally, result) = if is_stdin(source) {
        run(io::stdin().lock(), None, threads, settings)
    } else {
        let file = File::open(source)
            .map_err(|e| Fatal(format!("cannot open {}: {e}", source.to_string_lossy())))?;
        let size = file.metadata().ok().map(|m| m.len());
        run(
            BufReader::with_capacity(1 << 16, file),
            size,
            threads,
            settings,
        )
    };
    match summary {
        Some(path) => {
            let text = format!("{}\n", tally.to_json());
            std::fs::write(path, text)
                .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))?;
        }
        // A closed standard error is not worth failing for.
        None => {
            let _ = io::stderr().lock().write_all(tally.to_text().as_bytes());
        }
    }
    result?;
    Ok(Outcome {
        stdout: String::new(),
        status: if tally.invalid > 0 {
            EXIT_INVALID
        } else {
            EXIT_VALID
        },
    })
}

/// Decodes every line of `input`, writing the results to standard output as they come; the
/// counts of what was decoded, and how the run ended.
fn run<R: BufRead>(
    input: R,
    size: Option<u64>,
    threads: usize,
    settings: Settings<'_>,
) -> (Tally, Result<(), Fatal>) {
    let mut tally = Tally::default();
    let result = run_into(input, size, threads, settings, &mut tally);
    (tally, result)
}

fn run_into<R: BufRead>(
    input: R,
    size: Option<u64>,
    threads: usize,
    settings: Settings<'_>,
    tally: &mut Tally,
) -> Result<(), Fatal> {
    let mut reader = LineReader {
        inner: input,
        eof: false,
        consumed: 0,
        started: false,
    };
    let progress = Progress::new(size);
    let mut stdout = io::stdout().lock();
    // Two buffers: the threads decode one chunk while this thread reads the next.
    let mut current = Chunk::default();
    let mut next = Chunk::default();
    fill(&mut reader, &mut current)?;
    let mut number: u64 = 1;
    let mut buffers = Vec::new();
    while !current.ends.is_empty() {
        let (parts, read) = decode_chunk(&current, number, threads, settings, &mut buffers, || {
            fill(&mut reader, &mut next)
        });
        for part in parts? {
            tally.add(part.tally);
            let written = stdout.write_all(part.out.as_bytes());
            buffers.push(part.out);
            if let Err(e) = written {
                progress.finish();
                if e.kind() == io::ErrorKind::BrokenPipe {
                    // The reader went away (`| head`): stop quietly.
                    return Ok(());
                }
                return Err(Fatal(format!("cannot write output: {e}")));
            }
        }
        // A read error is reported once the lines before it are written.
        read?;
        number = number.saturating_add(current.ends.len() as u64);
        progress.update(reader.consumed);
        core::mem::swap(&mut current, &mut next);
    }
    progress.finish();
    match stdout.flush() {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Fatal(format!("cannot write output: {e}")))
        }
        _ => Ok(()),
    }
}

/// Reading helper for tests: the lines a reader yields, as the decoder sees them.
#[cfg(test)]
fn lines_of(input: &[u8]) -> Vec<Vec<u8>> {
    let mut reader = LineReader {
        inner: io::BufReader::with_capacity(7, input),
        eof: false,
        consumed: 0,
        started: false,
    };
    let mut chunk = Chunk::default();
    while reader.read_line(&mut chunk).unwrap_or(false) {}
    (0..chunk.ends.len())
        .map(|i| chunk.line(i).to_vec())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings() {
        assert_eq!(lines_of(b""), Vec::<Vec<u8>>::new());
        assert_eq!(lines_of(b"a\nb"), vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(lines_of(b"a\r\nb\r\n"), vec![b"a".to_vec(), b"b".to_vec()]);
        assert_eq!(lines_of(b"\n\n"), vec![Vec::<u8>::new(), Vec::new()]);
        // Only one `\r` is part of the ending.
        assert_eq!(lines_of(b"a\r\r\n"), vec![b"a\r".to_vec()]);
    }

    #[test]
    fn long_lines_are_cut_at_the_cap() {
        let mut input = vec![b'0'; 3 * LINE_CAP + 5];
        input.extend_from_slice(b"\nnext\n");
        let lines = lines_of(&input);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].len(), LINE_CAP);
        assert_eq!(lines[1], b"next".to_vec());
    }
}
