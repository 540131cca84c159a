//! `render` (a payload to a QR image or the terminal) and `read` (QR codes from an image).

use std::borrow::Cow;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::fs::File;
use std::io::{IsTerminal as _, Read as _, Write as _};
use std::path::{Path, PathBuf};

use clap::Args;
use emvqr::read::{self, ReadError};
use emvqr::render::{self, Ec, TerminalStyle};

use crate::io::{
    EXIT_INVALID, EXIT_VALID, Fatal, Outcome, arg_bytes, is_stdin, read_stdin, read_stdin_payload,
};
use crate::mpm::decode_bytes;
use emvqr::Escaped;

/// Pixels per module of a PNG written by `render -o FILE.png`.
const PNG_SCALE: u32 = 8;

#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// Write the code to FILE instead of the terminal: PNG or SVG, by the file's extension.
    #[arg(short = 'o', value_name = "FILE.png|FILE.svg")]
    output: Option<PathBuf>,
    /// Error-correction level: L (7 %), M (15 %), Q (25 %) or H (30 %).
    #[arg(long, value_name = "L|M|Q|H", default_value = "M")]
    ec: Ec,
    /// Draw the payload even when it holds a control character (a line break, a tab...),
    /// which a wallet would read as part of the code.
    #[arg(long)]
    raw: bool,
    /// The payload, or `-` to read it from standard input (one line break at the end and a
    /// byte-order mark at the start are dropped).
    #[arg(value_name = "PAYLOAD")]
    payload: OsString,
}

#[derive(Debug, Args)]
pub(crate) struct ReadArgs {
    /// After each payload, print its decode (as `emvqr decode` prints it).
    #[arg(long)]
    decode: bool,
    /// The image file (PNG or JPEG), or `-` to read it from standard input.
    #[arg(value_name = "IMAGE")]
    image: PathBuf,
}

/// The file formats `render -o` writes.
enum Format {
    Png,
    Svg,
}

pub(crate) fn render(args: &RenderArgs) -> Result<Outcome, Fatal> {
    let bytes: Cow<'_, [u8]> = if is_stdin(args.payload.as_os_str()) {
        let limit = emvqr::MAX_INPUT_BYTES;
        let bytes = read_stdin_payload(limit)?;
        if bytes.len() > limit {
            return Ok(refused(&format!(
                "the payload is over {limit} bytes, more than any QR symbol holds"
            )));
        }
        Cow::Owned(bytes)
    } else {
        Cow::Borrowed(arg_bytes(&args.payload))
    };
    let payload = std::str::from_utf8(&bytes).map_err(|e| {
        Fatal(format!(
            "the payload is not UTF-8 (invalid byte at offset {})",
            e.valid_up_to()
        ))
    })?;
    let control = payload.char_indices().find(|(_, c)| c.is_control());
    if let Some((at, c)) = control.filter(|_| !args.raw) {
        return Ok(refused(&format!(
            "the payload holds the control character {} at byte {at}, which would become part \
             of the code (draw it anyway with --raw)",
            Escaped(c.encode_utf8(&mut [0; 4]))
        )));
    }
    let format = args.output.as_deref().map(format_of).transpose()?;
    let drawn = match format {
        None => {
            let style = if std::io::stdout().is_terminal() {
                TerminalStyle::Ansi
            } else {
                TerminalStyle::DarkBackground
            };
            render::to_terminal(payload, args.ec, style).map(String::into_bytes)
        }
        Some(Format::Png) => render::to_png(payload, args.ec, PNG_SCALE),
        Some(Format::Svg) => render::to_svg(payload, args.ec).map(String::into_bytes),
    };
    let drawn = match drawn {
        Ok(drawn) => drawn,
        Err(e) => return Ok(refused(&e.to_string())),
    };
    let Some(path) = &args.output else {
        let stdout =
            String::from_utf8(drawn).map_err(|_| Fatal("cannot format the output".to_owned()))?;
        return Ok(Outcome {
            stdout,
            status: EXIT_VALID,
        });
    };
    std::fs::write(path, &drawn)
        .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))?;
    Ok(Outcome {
        stdout: String::new(),
        status: EXIT_VALID,
    })
}

fn format_of(path: &Path) -> Result<Format, Fatal> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("png") => Ok(Format::Png),
        Some("svg") => Ok(Format::Svg),
        _ => Err(Fatal(format!(
            "cannot tell the image format of {}: name the file .png or .svg",
            path.display()
        ))),
    }
}

pub(crate) fn read(args: &ReadArgs) -> Result<Outcome, Fatal> {
    let bytes = if is_stdin(args.image.as_os_str()) {
        read_stdin(read::MAX_FILE_BYTES)?
    } else {
        read_file(&args.image)?
    };
    let codes = match read::from_bytes(&bytes) {
        Ok(codes) => codes,
        Err(e @ (ReadError::Unreadable { .. } | ReadError::TooManyFinders)) => {
            return Ok(refused(&e.to_string()));
        }
        Err(e) => return Err(Fatal(e.to_string())),
    };
    if codes.is_empty() {
        return Ok(refused("no QR code found in the image"));
    }
    let mut stdout = String::new();
    let mut status = EXIT_VALID;
    for code in &codes {
        writeln!(stdout, "{}", Escaped(code))?;
        if args.decode {
            let decoded = decode_bytes(
                code.as_bytes(),
                false,
                false,
                emvqr::DecodeOptions::strict(),
            )?;
            stdout.push_str(&decoded.stdout);
            status = status.max(decoded.status);
        }
    }
    Ok(Outcome { stdout, status })
}

fn read_file(path: &Path) -> Result<Vec<u8>, Fatal> {
    let fail = |e: std::io::Error| Fatal(format!("cannot read {}: {e}", path.display()));
    let file = File::open(path).map_err(fail)?;
    let cap = u64::try_from(read::MAX_FILE_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    file.take(cap).read_to_end(&mut bytes).map_err(fail)?;
    Ok(bytes)
}

/// Exit status 1 with nothing on standard output, the reason on standard error.
fn refused(message: &str) -> Outcome {
    let _ = writeln!(std::io::stderr().lock(), "emvqr: {message}");
    Outcome {
        stdout: String::new(),
        status: EXIT_INVALID,
    }
}
