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

use emvqr::{DecodeOptions, Payload};

use crate::io::{
    BOM, EXIT_INVALID, EXIT_VALID, Fatal, Outcome, is_stdin, warn, write_error, write_valid_json,
};

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
            let (take, used, done) = match buf.iter().position(|&b| b == b'\n') {
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
                warn("dropped the byte-order mark (EF BB BF) at the start of the input");
                chunk.bytes.drain(start..start.saturating_add(BOM.len()));
            }
        }
        chunk.ends.push(chunk.bytes.len());
        Ok(true)
    }
}

/// What one part of a chunk produced.
struct Part {
    out: String,
    invalid: bool,
}

fn decode_part(
    chunk: &Chunk,
    lines: core::ops::Range<usize>,
    first_number: u64,
    json: bool,
    opts: &DecodeOptions,
) -> Result<Part, Fatal> {
    use std::fmt::Write as _;
    let mut part = Part {
        out: String::with_capacity(lines.len().saturating_mul(if json { 256 } else { 12 })),
        invalid: false,
    };
    for (k, i) in lines.enumerate() {
        let number = first_number.saturating_add(k as u64);
        match Payload::parse_bytes(chunk.line(i), opts) {
            Ok(p) => {
                if json {
                    write_valid_json(&mut part.out, &p)?;
                } else if p.warnings().is_empty() {
                    writeln!(part.out, "{number}: valid")?;
                } else {
                    let n = p.warnings().len().saturating_add(p.warnings_dropped());
                    let plural = if n == 1 { "" } else { "s" };
                    writeln!(part.out, "{number}: valid ({n} warning{plural})")?;
                }
            }
            Err(e) => {
                part.invalid = true;
                if json {
                    write_error(&mut part.out, &e, true)?;
                } else {
                    writeln!(part.out, "{number}: invalid: {e} ({})", e.code())?;
                }
            }
        }
    }
    Ok(part)
}

/// Decodes `chunk` on up to `threads` threads while `meanwhile` runs on this one (it reads
/// the next chunk); returns the parts in input order and what `meanwhile` returned.
fn decode_chunk<T>(
    chunk: &Chunk,
    first_number: u64,
    threads: usize,
    json: bool,
    opts: &DecodeOptions,
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
                s.spawn(move || decode_part(chunk, start..end, number, json, opts))
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
    json: bool,
    opts: &DecodeOptions,
) -> Result<Outcome, Fatal> {
    let threads = thread::available_parallelism().map_or(1, NonZeroUsize::get);
    if is_stdin(source) {
        let stdin = io::stdin().lock();
        run(stdin, None, threads, json, opts)
    } else {
        let file = File::open(source)
            .map_err(|e| Fatal(format!("cannot open {}: {e}", source.to_string_lossy())))?;
        let size = file.metadata().ok().map(|m| m.len());
        run(
            BufReader::with_capacity(1 << 16, file),
            size,
            threads,
            json,
            opts,
        )
    }
}

fn run<R: BufRead>(
    input: R,
    size: Option<u64>,
    threads: usize,
    json: bool,
    opts: &DecodeOptions,
) -> Result<Outcome, Fatal> {
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
    let mut invalid = false;
    while !current.ends.is_empty() {
        let (parts, read) = decode_chunk(&current, number, threads, json, opts, || {
            fill(&mut reader, &mut next)
        });
        for part in parts? {
            invalid |= part.invalid;
            if let Err(e) = stdout.write_all(part.out.as_bytes()) {
                progress.finish();
                if e.kind() == io::ErrorKind::BrokenPipe {
                    // The reader went away (`| head`): stop quietly.
                    return Ok(status(invalid));
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
        Ok(()) => Ok(status(invalid)),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(status(invalid)),
        Err(e) => Err(Fatal(format!("cannot write output: {e}"))),
    }
}

fn status(invalid: bool) -> Outcome {
    Outcome {
        stdout: String::new(),
        status: if invalid { EXIT_INVALID } else { EXIT_VALID },
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
