//! QR symbols of a payload: SVG, PNG and terminal output (feature `render`).
//!
//! EMVCo MPM §4.12 puts the whole payload in **byte mode** (numeric, alphanumeric, Kanji,
//! structured append and FNC1 modes shall not be used) and asks for the ECI designator 000026
//! (UTF-8) when any character is outside the `ans` set; CPM §3.2 likewise uses byte mode. Generic
//! generators pick the mode that gives the smallest symbol (numeric or alphanumeric for part of
//! the text), so this module builds the bit stream itself:
//!
//! - one byte-mode segment holding the payload's UTF-8 bytes, never another mode;
//! - when any byte is outside `ans` (printable ASCII, 0x20 to 0x7E): a UTF-8 letter, or a
//!   control character, the ECI designator 26 (UTF-8) before that segment, so a reader that
//!   honours ECI does not take the bytes as ISO 8859-1; a payload all in `ans` (every CPM payload,
//!   being base64) carries no ECI;
//! - the smallest version (1 to 40) that holds the stream at the chosen error-correction level
//!   ([`Ec::M`] by default);
//! - a quiet zone of [`QUIET_ZONE`] modules on every side in every output.
//!
//! A payload over the capacity of a version-40 symbol at the chosen level is an error
//! ([`RenderError::TooLong`]), never a panic.
//!
//! ```
//! use emvqr::render::{self, Ec};
//!
//! let payload = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78E";
//! let symbol = render::encode(payload, Ec::M)?;
//! assert_eq!(symbol.version(), 6);
//! let svg = symbol.to_svg();
//! assert!(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
//! let png = render::to_png(payload, Ec::M, 4)?;
//! assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
//! # Ok::<(), emvqr::render::RenderError>(())
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Write as _};
use core::str::FromStr;

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

/// Light modules drawn around the symbol on every side (ISO/IEC 18004 requires 4).
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec, QUIET_ZONE};
/// let symbol = render::encode("000201", Ec::M)?;
/// assert_eq!(symbol.width_with_quiet_zone(), symbol.width() + 2 * QUIET_ZONE);
/// # Ok::<(), render::RenderError>(())
/// ```
pub const QUIET_ZONE: usize = 4;

/// Largest PNG scale (pixels per module) [`to_png`] accepts: a version-40 symbol is then
/// 11,840 pixels wide.
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec, MAX_PNG_SCALE, RenderError};
/// let e = render::to_png("000201", Ec::M, MAX_PNG_SCALE + 1).unwrap_err();
/// assert!(matches!(e, RenderError::Scale { .. }));
/// ```
pub const MAX_PNG_SCALE: u32 = 64;

/// ECI designator of UTF-8.
const ECI_UTF8: u32 = 26;

/// Error-correction level of the symbol: the share of codewords that can be restored.
///
/// # Examples
/// ```
/// use emvqr::render::Ec;
/// let ec: Ec = "q".parse()?;
/// assert_eq!((ec, ec.letter()), (Ec::Q, 'Q'));
/// assert_eq!(Ec::default(), Ec::M);
/// assert!("X".parse::<Ec>().is_err());
/// # Ok::<(), emvqr::render::ParseEcError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Ec {
    /// About 7 % of the codewords.
    L,
    /// About 15 % (the default).
    #[default]
    M,
    /// About 25 %.
    Q,
    /// About 30 %.
    H,
}

impl Ec {
    /// The level's letter: `L`, `M`, `Q` or `H`.
    pub fn letter(self) -> char {
        match self {
            Ec::L => 'L',
            Ec::M => 'M',
            Ec::Q => 'Q',
            Ec::H => 'H',
        }
    }

    fn level(self) -> EcLevel {
        match self {
            Ec::L => EcLevel::L,
            Ec::M => EcLevel::M,
            Ec::Q => EcLevel::Q,
            Ec::H => EcLevel::H,
        }
    }
}

impl fmt::Display for Ec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char(self.letter())
    }
}

/// A string that is not `L`, `M`, `Q` or `H` (either case).
///
/// # Examples
/// ```
/// use emvqr::render::{Ec, ParseEcError};
/// assert_eq!("medium".parse::<Ec>(), Err(ParseEcError));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("unknown error-correction level (expected L, M, Q or H)")]
pub struct ParseEcError;

impl FromStr for Ec {
    type Err = ParseEcError;

    fn from_str(s: &str) -> Result<Ec, ParseEcError> {
        match s {
            "L" | "l" => Ok(Ec::L),
            "M" | "m" => Ok(Ec::M),
            "Q" | "q" => Ok(Ec::Q),
            "H" | "h" => Ok(Ec::H),
            _ => Err(ParseEcError),
        }
    }
}

/// Why a payload could not be drawn.
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec, RenderError};
/// // 2,953 bytes fit a version-40 symbol at level L only.
/// let long = "0".repeat(2953);
/// assert!(render::encode(&long, Ec::L).is_ok());
/// let e = render::encode(&long, Ec::H).unwrap_err();
/// assert!(matches!(e, RenderError::TooLong { bytes: 2953, ec: Ec::H, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The payload does not fit a version-40 symbol at this error-correction level.
    #[error(
        "payload of {bytes} bytes is over the {max} bytes a QR symbol holds in byte mode at level {ec}"
    )]
    TooLong {
        /// The payload's length in bytes (UTF-8).
        bytes: usize,
        /// The most bytes a version-40 symbol holds at this level for this payload (one byte
        /// fewer when the payload needs the UTF-8 ECI designator).
        max: usize,
        /// The level asked for.
        ec: Ec,
    },
    /// A PNG scale of 0 or over [`MAX_PNG_SCALE`].
    #[error("PNG scale {scale} is not between 1 and {max} pixels per module")]
    Scale {
        /// The scale asked for.
        scale: u32,
        /// [`MAX_PNG_SCALE`].
        max: u32,
    },
    /// The QR encoder refused the bit stream (not expected: the capacity is checked first).
    #[error("the QR encoder refused the data")]
    Encoder,
    /// The PNG encoder failed (not expected: the image is written to memory).
    #[error("the PNG encoder failed")]
    Png,
}

/// A QR symbol: the modules of one payload, without the quiet zone.
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec};
/// let symbol = render::encode("00020101021102164111111111111111520454115303840540512.005802US5904SHOP6003NYC63047964", Ec::M)?;
/// assert_eq!((symbol.version(), symbol.ec(), symbol.width()), (6, Ec::M, 41));
/// assert!(!symbol.has_utf8_eci());
/// // The top-left finder pattern starts with a dark module.
/// assert!(symbol.is_dark(0, 0) && !symbol.is_dark(41, 0));
/// // A character outside `ans` adds the UTF-8 ECI designator.
/// assert!(render::encode("5902最佳", Ec::M)?.has_utf8_eci());
/// # Ok::<(), render::RenderError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Symbol {
    width: usize,
    dark: Vec<bool>,
    version: u8,
    ec: Ec,
    eci_utf8: bool,
}

/// Draws the payload as a QR symbol: byte mode, UTF-8 ECI when a character is outside `ans`,
/// smallest version.
///
/// # Errors
///
/// [`RenderError::TooLong`] when the payload does not fit a version-40 symbol at `ec`.
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec, RenderError};
/// let symbol = render::encode("00020101021102164111111111111111520454115303840540512.005802US5904SHOP6003NYC63047964", Ec::H)?;
/// assert_eq!(symbol.ec(), Ec::H);
/// assert!(symbol.version() > render::encode("000201", Ec::H)?.version());
/// let too_long = "0".repeat(2000);
/// assert!(matches!(render::encode(&too_long, Ec::H), Err(RenderError::TooLong { .. })));
/// # Ok::<(), RenderError>(())
/// ```
pub fn encode(payload: &str, ec: Ec) -> Result<Symbol, RenderError> {
    let bytes = payload.as_bytes();
    let eci_utf8 = !bytes.iter().all(|b| (0x20..=0x7E).contains(b));
    let too_long = RenderError::TooLong {
        bytes: bytes.len(),
        max: capacity(ec, eci_utf8),
        ec,
    };
    let version = (1..=40u8)
        .find(|&v| fits(bytes.len(), v, ec, eci_utf8))
        .ok_or(too_long)?;
    let bits = data_bits(bytes, version, ec, eci_utf8)?;
    let code = QrCode::with_bits(bits, ec.level()).map_err(|_| RenderError::Encoder)?;
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Ok(Symbol {
        width: code.width(),
        dark,
        version,
        ec,
        eci_utf8,
    })
}

/// The payload as an SVG document: one path of dark modules on a white square, quiet zone
/// included; the view box counts modules, and the document's size is 8 pixels a module.
///
/// # Errors
///
/// As [`encode`].
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec};
/// let svg = render::to_svg("000201", Ec::M)?;
/// assert!(svg.starts_with("<svg") || svg.starts_with("<?xml"));
/// assert!(svg.trim_end().ends_with("</svg>"));
/// # Ok::<(), render::RenderError>(())
/// ```
pub fn to_svg(payload: &str, ec: Ec) -> Result<String, RenderError> {
    Ok(encode(payload, ec)?.to_svg())
}

/// The payload as a PNG file: black and white (1 bit per pixel), `scale` pixels per module,
/// quiet zone included.
///
/// # Errors
///
/// As [`encode`], and [`RenderError::Scale`] for a scale of 0 or over [`MAX_PNG_SCALE`].
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec};
/// let png = render::to_png("000201", Ec::M, 2)?;
/// assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
/// assert!(render::to_png("000201", Ec::M, 0).is_err());
/// # Ok::<(), render::RenderError>(())
/// ```
pub fn to_png(payload: &str, ec: Ec, scale: u32) -> Result<Vec<u8>, RenderError> {
    check_scale(scale)?;
    encode(payload, ec)?.to_png(scale)
}

/// The payload drawn with Unicode half blocks, two module rows per line, quiet zone included.
///
/// # Errors
///
/// As [`encode`].
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec, TerminalStyle};
/// let text = render::to_terminal("000201", Ec::M, TerminalStyle::LightBackground)?;
/// // Version 1: 21 modules and a quiet zone of 4 on each side, two rows a line.
/// assert_eq!(text.lines().count(), (21 + 8 + 1) / 2);
/// # Ok::<(), render::RenderError>(())
/// ```
pub fn to_terminal(payload: &str, ec: Ec, style: TerminalStyle) -> Result<String, RenderError> {
    Ok(encode(payload, ec)?.to_terminal(style))
}

/// How [`Symbol::to_terminal`] shows light and dark modules.
///
/// # Examples
/// ```
/// use emvqr::render::{self, Ec, TerminalStyle};
/// let symbol = render::encode("000201", Ec::M)?;
/// assert!(symbol.to_terminal(TerminalStyle::Ansi).contains('\u{1b}'));
/// assert!(!symbol.to_terminal(TerminalStyle::DarkBackground).contains('\u{1b}'));
/// # Ok::<(), render::RenderError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TerminalStyle {
    /// Light modules are drawn with block characters and dark ones left blank: the code reads
    /// correctly on a terminal with a dark background (the usual case), and inverted on a light
    /// one.
    #[default]
    DarkBackground,
    /// Light modules are left blank and dark ones drawn: for a light background or paper.
    LightBackground,
    /// Explicit colours (ANSI: bright white on black) around each line, so the code reads
    /// correctly on any terminal that understands ANSI colours.
    Ansi,
}

impl fmt::Debug for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Symbol")
            .field("version", &self.version)
            .field("ec", &self.ec)
            .field("width", &self.width)
            .field("utf8_eci", &self.eci_utf8)
            .finish_non_exhaustive()
    }
}

impl Symbol {
    /// Modules per side, without the quiet zone (21 for version 1, 177 for version 40).
    pub fn width(&self) -> usize {
        self.width
    }

    /// Modules per side with the quiet zone on both sides.
    pub fn width_with_quiet_zone(&self) -> usize {
        self.width.saturating_add(2 * QUIET_ZONE)
    }

    /// The symbol version, 1 to 40.
    pub fn version(&self) -> u8 {
        self.version
    }

    /// The error-correction level.
    pub fn ec(&self) -> Ec {
        self.ec
    }

    /// Whether the byte segment is preceded by the ECI designator 26 (UTF-8): true exactly for
    /// a payload with a character outside `ans` (printable ASCII).
    pub fn has_utf8_eci(&self) -> bool {
        self.eci_utf8
    }

    /// Whether the module at column `x`, row `y` (from the top-left corner of the symbol, quiet
    /// zone excluded) is dark; `false` outside the symbol.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        if x >= self.width {
            return false;
        }
        y.checked_mul(self.width)
            .and_then(|row| row.checked_add(x))
            .and_then(|i| self.dark.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// Whether the module at column `x`, row `y` of the symbol with its quiet zone is dark.
    fn is_dark_qz(&self, x: usize, y: usize) -> bool {
        match (x.checked_sub(QUIET_ZONE), y.checked_sub(QUIET_ZONE)) {
            (Some(x), Some(y)) => self.is_dark(x, y),
            _ => false,
        }
    }

    /// The symbol as an SVG document: see [`to_svg`].
    pub fn to_svg(&self) -> String {
        let n = self.width_with_quiet_zone();
        let px = n.saturating_mul(8);
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{px}\" \
             height=\"{px}\" viewBox=\"0 0 {n} {n}\" shape-rendering=\"crispEdges\">\
             <rect width=\"{n}\" height=\"{n}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\""
        );
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if !self.is_dark(x, y) {
                    x = x.saturating_add(1);
                    continue;
                }
                let start = x;
                while x < self.width && self.is_dark(x, y) {
                    x = x.saturating_add(1);
                }
                let run = x.saturating_sub(start);
                let _ = write!(
                    out,
                    "M{} {}h{run}v1h-{run}z",
                    start.saturating_add(QUIET_ZONE),
                    y.saturating_add(QUIET_ZONE)
                );
            }
        }
        out.push_str("\"/></svg>\n");
        out
    }

    /// The symbol as a PNG file: see [`to_png`].
    ///
    /// # Errors
    ///
    /// [`RenderError::Scale`] for a scale of 0 or over [`MAX_PNG_SCALE`].
    ///
    /// # Examples
    /// ```
    /// use emvqr::render::{self, Ec};
    /// let symbol = render::encode("000201", Ec::M)?;
    /// let png = symbol.to_png(1)?;
    /// assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    /// assert!(symbol.to_png(0).is_err());
    /// # Ok::<(), render::RenderError>(())
    /// ```
    pub fn to_png(&self, scale: u32) -> Result<Vec<u8>, RenderError> {
        check_scale(scale)?;
        let modules = self.width_with_quiet_zone();
        // At most 185 modules × 64: far from overflowing anything.
        let scale_px = scale as usize;
        let side = modules.saturating_mul(scale_px);
        let row_bytes = side.div_ceil(8);
        let mut pixels = Vec::with_capacity(row_bytes.saturating_mul(side));
        let mut row = Vec::new();
        for my in 0..modules {
            row.clear();
            row.resize(row_bytes, 0u8);
            for px in 0..side {
                // 1 is white in a 1-bit greyscale PNG; a byte's first pixel is its top bit.
                let light = !self.is_dark_qz(px.checked_div(scale_px).unwrap_or(0), my);
                if let Some(byte) = row.get_mut(px / 8).filter(|_| light) {
                    *byte |= 0x80u8 >> (px % 8);
                }
            }
            for _ in 0..scale {
                pixels.extend_from_slice(&row);
            }
        }
        let side = u32::try_from(side).map_err(|_| RenderError::Scale {
            scale,
            max: MAX_PNG_SCALE,
        })?;
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        encoder.set_compression(png::Compression::High);
        encoder
            .write_header()
            .and_then(|mut writer| writer.write_image_data(&pixels))
            .map_err(|_| RenderError::Png)?;
        Ok(out)
    }

    /// The symbol drawn with Unicode half blocks: see [`to_terminal`]. Each line ends in `\n`.
    pub fn to_terminal(&self, style: TerminalStyle) -> String {
        let n = self.width_with_quiet_zone();
        let mut out = String::new();
        let mut y = 0;
        while y < n {
            if style == TerminalStyle::Ansi {
                out.push_str("\x1b[97;40m");
            }
            for x in 0..n {
                let top = self.is_dark_qz(x, y);
                // Past the last row counts as not drawn.
                let below = y.saturating_add(1);
                let bottom = if below < n {
                    Some(self.is_dark_qz(x, below))
                } else {
                    None
                };
                // Which halves carry the drawn colour (light, except on a light background).
                let drawn = |dark: bool| match style {
                    TerminalStyle::LightBackground => dark,
                    TerminalStyle::DarkBackground | TerminalStyle::Ansi => !dark,
                };
                let glyph = match (drawn(top), bottom.map(drawn)) {
                    (true, Some(true)) => '█',
                    (true, _) => '▀',
                    (false, Some(true)) => '▄',
                    (false, _) => ' ',
                };
                out.push(glyph);
            }
            if style == TerminalStyle::Ansi {
                out.push_str("\x1b[0m");
            }
            out.push('\n');
            y = y.saturating_add(2);
        }
        out
    }
}

fn check_scale(scale: u32) -> Result<(), RenderError> {
    if scale == 0 || scale > MAX_PNG_SCALE {
        return Err(RenderError::Scale {
            scale,
            max: MAX_PNG_SCALE,
        });
    }
    Ok(())
}

/// Bits of the character-count indicator of a byte segment.
fn count_bits(version: u8) -> usize {
    if version <= 9 { 8 } else { 16 }
}

/// Bits the stream needs: optional ECI (4 + 8), mode (4), count, 8 per byte.
fn needed_bits(len: usize, version: u8, eci: bool) -> Option<usize> {
    let header = if eci { 12usize } else { 0 }
        .checked_add(4)?
        .checked_add(count_bits(version))?;
    len.checked_mul(8)?.checked_add(header)
}

/// Data bits of the symbol of this version and level.
fn data_capacity(version: u8, ec: Ec) -> Option<usize> {
    Bits::new(Version::Normal(i16::from(version)))
        .max_len(ec.level())
        .ok()
}

fn fits(len: usize, version: u8, ec: Ec, eci: bool) -> bool {
    let count_max = if version <= 9 { 0xFF } else { 0xFFFF };
    match (needed_bits(len, version, eci), data_capacity(version, ec)) {
        (Some(need), Some(have)) => len <= count_max && need <= have,
        _ => false,
    }
}

/// The most bytes a version-40 symbol holds in one byte segment at `ec`.
fn capacity(ec: Ec, eci: bool) -> usize {
    let header = needed_bits(0, 40, eci).unwrap_or(0);
    data_capacity(40, ec)
        .unwrap_or(0)
        .saturating_sub(header)
        .checked_div(8)
        .unwrap_or(0)
}

/// The data bit stream: [ECI 26] byte segment, terminator and padding.
fn data_bits(bytes: &[u8], version: u8, ec: Ec, eci: bool) -> Result<Bits, RenderError> {
    let mut bits = Bits::new(Version::Normal(i16::from(version)));
    if eci {
        bits.push_eci_designator(ECI_UTF8)
            .map_err(|_| RenderError::Encoder)?;
    }
    bits.push_byte_data(bytes)
        .map_err(|_| RenderError::Encoder)?;
    bits.push_terminator(ec.level())
        .map_err(|_| RenderError::Encoder)?;
    Ok(bits)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ASCII: &str =
        "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78E";

    #[test]
    fn ascii_payload_is_one_byte_segment_without_eci() {
        let symbol = encode(ASCII, Ec::M).unwrap();
        let bits = data_bits(ASCII.as_bytes(), symbol.version(), Ec::M, false).unwrap();
        let bytes = bits.into_bytes();
        // Mode 0100 (byte), then the 8-bit count straddling the next byte, then the text.
        let len = u8::try_from(ASCII.len()).unwrap();
        assert_eq!(bytes[0], 0x40 | (len >> 4));
        assert_eq!(bytes[1] >> 4, len & 0x0F);
        assert_eq!(bytes[1] & 0x0F, b'0' >> 4);
        assert!(!symbol.has_utf8_eci());
    }

    #[test]
    fn utf8_payload_starts_with_eci_26() {
        let text = "5904Café";
        let bits = data_bits(text.as_bytes(), 1, Ec::M, true).unwrap();
        let bytes = bits.into_bytes();
        // 0111 (ECI), 00011010 (26), 0100 (byte), then the count.
        assert_eq!(bytes[0], 0b0111_0001);
        assert_eq!(bytes[1], 0b1010_0100);
        assert_eq!(usize::from(bytes[2]), text.len());
        assert!(encode(text, Ec::M).unwrap().has_utf8_eci());
        // A control character is outside `ans` too; space and `~` are inside.
        assert!(encode("A\tB", Ec::M).unwrap().has_utf8_eci());
        assert!(encode("A\u{7f}", Ec::M).unwrap().has_utf8_eci());
        assert!(!encode(" ~", Ec::M).unwrap().has_utf8_eci());
    }

    #[test]
    fn digits_take_the_byte_mode_version() {
        // 100 digits: numeric mode would fit version 3 at M (101 digits); byte mode needs
        // version 6 (84 bytes at version 5, 106 at version 6).
        let digits = "1234567890".repeat(10);
        assert_eq!(encode(&digits, Ec::M).unwrap().version(), 6);
    }

    #[test]
    fn capacity_matches_iso_18004_table() {
        assert_eq!(capacity(Ec::L, false), 2953);
        assert_eq!(capacity(Ec::M, false), 2331);
        assert_eq!(capacity(Ec::Q, false), 1663);
        assert_eq!(capacity(Ec::H, false), 1273);
        assert_eq!(capacity(Ec::L, true), 2952);
    }

    #[test]
    fn largest_payload_fits_and_one_more_byte_does_not() {
        let max = "A".repeat(2953);
        assert_eq!(encode(&max, Ec::L).unwrap().version(), 40);
        let over = "A".repeat(2954);
        assert_eq!(
            encode(&over, Ec::L).unwrap_err(),
            RenderError::TooLong {
                bytes: 2954,
                max: 2953,
                ec: Ec::L
            }
        );
        // ECI 26 takes 12 bits: 2,952 bytes still fit, in 8-bit units.
        let utf8 = "é".repeat(1476);
        assert!(encode(&utf8, Ec::L).unwrap().has_utf8_eci());
        let utf8 = "é".repeat(1477);
        assert_eq!(
            encode(&utf8, Ec::L).unwrap_err(),
            RenderError::TooLong {
                bytes: 2954,
                max: 2952,
                ec: Ec::L
            }
        );
    }

    #[test]
    fn version_boundaries_agree_with_the_encoder() {
        // At every version's exact byte capacity the stream is accepted, one byte more moves up.
        for ec in [Ec::L, Ec::M, Ec::Q, Ec::H] {
            for v in 1..40u8 {
                let have = data_capacity(v, ec).unwrap();
                let header = needed_bits(0, v, false).unwrap();
                let max = (have - header) / 8;
                let text = "x".repeat(max);
                assert_eq!(encode(&text, ec).unwrap().version(), v, "{ec} v{v}");
                let text = "x".repeat(max + 1);
                assert!(encode(&text, ec).unwrap().version() > v, "{ec} v{v}+1");
                // The same with the UTF-8 ECI in front: 12 bits fewer for the text.
                let header = needed_bits(0, v, true).unwrap();
                let max = (have - header) / 8;
                let text = format!("é{}", "x".repeat(max - 2));
                let symbol = encode(&text, ec).unwrap();
                assert_eq!((symbol.version(), symbol.has_utf8_eci()), (v, true));
                let text = format!("é{}", "x".repeat(max - 1));
                assert!(encode(&text, ec).unwrap().version() > v, "{ec} v{v}+1 ECI");
            }
        }
    }

    #[test]
    fn scale_out_of_range_is_an_error() {
        assert_eq!(
            to_png(ASCII, Ec::M, 0),
            Err(RenderError::Scale { scale: 0, max: 64 })
        );
        assert_eq!(
            to_png(ASCII, Ec::M, 65),
            Err(RenderError::Scale { scale: 65, max: 64 })
        );
    }

    #[test]
    fn png_has_the_quiet_zone_in_its_size() {
        let symbol = encode(ASCII, Ec::M).unwrap();
        let png = symbol.to_png(3).unwrap();
        let side = u32::try_from((symbol.width() + 8) * 3).unwrap();
        assert_eq!(&png[16..20], &side.to_be_bytes());
        assert_eq!(&png[20..24], &side.to_be_bytes());
    }

    #[test]
    fn terminal_lines_cover_the_quiet_zone() {
        let symbol = encode(ASCII, Ec::M).unwrap();
        let text = symbol.to_terminal(TerminalStyle::DarkBackground);
        let n = symbol.width_with_quiet_zone();
        assert_eq!(text.lines().count(), n.div_ceil(2));
        // The first two rows are quiet zone: light, so fully drawn on a dark background.
        assert_eq!(text.lines().next().unwrap(), "█".repeat(n));
        let light = symbol.to_terminal(TerminalStyle::LightBackground);
        assert_eq!(light.lines().next().unwrap(), " ".repeat(n));
        let ansi = symbol.to_terminal(TerminalStyle::Ansi);
        assert!(
            ansi.lines()
                .all(|l| l.starts_with("\x1b[97;40m") && l.ends_with("\x1b[0m"))
        );
    }

    #[test]
    fn ec_parses_its_letters() {
        for ec in [Ec::L, Ec::M, Ec::Q, Ec::H] {
            assert_eq!(ec.to_string().parse::<Ec>(), Ok(ec));
        }
        assert_eq!("m".parse::<Ec>(), Ok(Ec::M));
        assert_eq!("X".parse::<Ec>(), Err(ParseEcError));
        assert_eq!(Ec::default(), Ec::M);
    }
}
