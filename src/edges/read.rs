//! Reading QR codes from images (feature `image`): screenshots, renders and photos.
//!
//! Detection and decoding use the `rqrr` crate on a greyscale copy of the image. The text of
//! each code is its data bytes taken as UTF-8, the encoding of EMVCo payloads: ECI designators
//! are read past (a symbol drawn by [`crate::render`] carries ECI 26, UTF-8, before a payload
//! with a character outside `ans`), so the round trip gives the identical text. Codes are
//! returned top to bottom, then left to right, by the topmost corner of each.
//!
//! When nothing decodes, the image is read once more after a 3×3 median filter (which removes
//! isolated specks), and when no symbol is located at all, as its negative (light modules on a
//! dark ground). Only images without a readable code pay for these passes.
//!
//! Untrusted images are bounded in memory and time. Before any large allocation: at most
//! [`MAX_SIDE`] pixels a side, [`MAX_PIXELS`] pixels and [`MAX_DECODED`] bytes decoded, and the
//! decoders' own allocation limit. The decoded image is turned to grey at once, and one larger
//! than [`WORK_SIDE`] is reduced by area averaging before detection, so each pass works on at
//! most 4 megapixels. The reader's cost grows with the square of the finder patterns it groups:
//! they are counted first (by the reader's own tests), and an image with more than
//! [`MAX_FINDERS`] (a mosaic of codes, a repeating pattern) is halved until it has fewer; if
//! nothing is read then, it is refused as [`ReadError::TooManyFinders`]. On a 2-core machine
//! any image within these limits is read in under 2 s with under 256 MB (the figures are in
//! `benches/README.md`).
//!
//! ```
//! # #[cfg(feature = "render")] {
//! use emvqr::{read, render};
//!
//! let payload = "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78E";
//! let png = render::to_png(payload, render::Ec::M, 4)?;
//! assert_eq!(read::from_png_bytes(&png)?, [payload]);
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod finders;

use std::borrow::Cow;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::string::String;
use std::vec::Vec;

use image::{
    DynamicImage, GrayAlphaImage, GrayImage, ImageDecoder as _, ImageFormat, ImageReader, Limits,
};

/// Most pixels on one side of an image this module reads.
pub const MAX_SIDE: u32 = 16_384;

/// Most pixels in an image this module reads: 16 megapixels (4,096 × 4,096; a phone's 12-megapixel
/// photo is within it).
///
/// # Examples
/// ```
/// use emvqr::read::{self, ReadError};
/// // A PNG header declaring 8,193 × 8,193 pixels: each side is allowed, the total is not, and
/// // the file is refused before its pixels are allocated.
/// let crc32 = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);
/// let chunk = |kind: &[u8], data: &[u8]| {
///     let body = [kind, data].concat();
///     [&(data.len() as u32).to_be_bytes()[..], &body, &crc32.checksum(&body).to_be_bytes()].concat()
/// };
/// let side = 8193u32.to_be_bytes();
/// let header = [&side[..], &side, &[8, 0, 0, 0, 0]].concat();
/// let png = [&b"\x89PNG\r\n\x1a\n"[..], &chunk(b"IHDR", &header), &chunk(b"IDAT", &[])].concat();
/// let e = read::from_png_bytes(&png).unwrap_err();
/// assert!(matches!(e, ReadError::TooLarge { width: 8193, height: 8193 }));
/// ```
pub const MAX_PIXELS: u64 = 16 * 1024 * 1024;

/// Most bytes an image may take once decoded (four bytes a pixel at [`MAX_PIXELS`]): a larger
/// one (a 16-bit colour image of more than 8 megapixels) is refused as [`ReadError::TooLarge`].
pub const MAX_DECODED: u64 = 64 * 1024 * 1024;

/// Most bytes of an image file: a larger one is refused as [`ReadError::FileTooLarge`] unread.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Most bytes the image decoders may allocate for their own work, besides the decoded image.
const MAX_ALLOC: u64 = 128 * 1024 * 1024;

/// Most pixels on the longer side of the image the detector works on: a larger image is first
/// reduced to this size by area averaging.
pub const WORK_SIDE: u32 = 2048;

/// Most finder patterns (three to a symbol) the detector follows in one image; an image with
/// more is halved until it has fewer, and one where nothing is then read is refused with
/// [`ReadError::TooManyFinders`].
pub const MAX_FINDERS: usize = 60;

/// Most work the detector may be given on finder patterns that are no finder on closer view
/// (noise, texture), as the square of their number (the groups it may try) times the pixels (a
/// group of them can send its search for the alignment pattern across the whole image). Past
/// it the image is halved, as past [`MAX_FINDERS`].
const SUSPECT_WORK: usize = 100_000_000;

/// Fewest pixels a side of a halved image may have: the smallest symbol, 21 modules, at one
/// pixel a module.
const MIN_SIDE: u32 = 21;

/// Why an image could not be read.
///
/// # Examples
/// ```
/// use emvqr::read::{self, ReadError};
/// let e = read::from_bytes(b"not an image").unwrap_err();
/// assert!(matches!(e, ReadError::Image(_)));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not an image of a supported format (PNG, JPEG), or it is corrupt.
    #[error("cannot decode the image: {0}")]
    Image(#[from] image::ImageError),
    /// The file is over [`MAX_FILE_BYTES`] bytes.
    #[error("image file of {bytes} bytes is over the limit ({MAX_FILE_BYTES} bytes)")]
    FileTooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// The image is over [`MAX_SIDE`] pixels a side, [`MAX_PIXELS`] in all, or
    /// [`MAX_DECODED`] bytes decoded.
    #[error(
        "image of {width}×{height} pixels is over the limit ({MAX_SIDE} a side, {MAX_PIXELS} in all, {MAX_DECODED} bytes decoded)"
    )]
    TooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The image holds more than [`MAX_FINDERS`] finder patterns (a mosaic of codes, a
    /// repeating pattern) and none could be read once it was reduced to fewer.
    #[error(
        "the image holds more than {MAX_FINDERS} QR finder patterns and none could be read at a reduced size"
    )]
    TooManyFinders,
    /// QR symbols were found but none could be decoded.
    #[error("found {found} QR symbol(s) but could not decode any: {reason}")]
    Unreadable {
        /// Symbols located in the image.
        found: usize,
        /// Why the first of them failed.
        reason: Unreadable,
    },
}

/// Why a located QR symbol could not be decoded.
///
/// # Examples
/// ```
/// use emvqr::read::Unreadable;
/// assert_eq!(Unreadable::Ecc.to_string(), "too many errors to correct");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Unreadable {
    /// The format information (level and mask) is unreadable in both copies.
    #[error("format information unreadable")]
    Format,
    /// Too many damaged codewords to correct.
    #[error("too many errors to correct")]
    Ecc,
    /// The symbol's size or version is not one QR defines.
    #[error("invalid version or size")]
    Version,
    /// The data bit stream is malformed (unknown mode, truncated or overlong segment).
    #[error("malformed data stream")]
    Data,
    /// The data bytes are not UTF-8 text.
    #[error("data is not UTF-8 text")]
    NotUtf8,
    /// The QR reader failed on this image.
    #[error("the QR reader failed")]
    Reader,
}

impl From<rqrr::DeQRError> for Unreadable {
    fn from(e: rqrr::DeQRError) -> Unreadable {
        use rqrr::DeQRError as E;
        match e {
            E::FormatEcc => Unreadable::Format,
            E::DataEcc => Unreadable::Ecc,
            E::InvalidVersion | E::InvalidGridSize => Unreadable::Version,
            E::EncodingError => Unreadable::NotUtf8,
            E::IoError | E::DataUnderflow | E::DataOverflow | E::UnknownDataType => {
                Unreadable::Data
            }
        }
    }
}

/// Every QR code in a PNG file, as text.
///
/// # Errors
///
/// As [`from_bytes`], and [`ReadError::Image`] for bytes that are not a PNG file.
///
/// # Examples
/// ```
/// # #[cfg(feature = "render")] {
/// use emvqr::{read, render};
/// let payload = "00020101021102164111111111111111520454115303840540512.005802US5904SHOP6003NYC63047964";
/// let png = render::to_png(payload, render::Ec::Q, 3)?;
/// assert_eq!(read::from_png_bytes(&png)?, [payload]);
/// // A JPEG or other bytes are not a PNG file.
/// assert!(read::from_png_bytes(b"\xFF\xD8\xFF").is_err());
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_png_bytes(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    check_file(bytes)?;
    decode_with(ImageReader::with_format(
        Cursor::new(bytes),
        ImageFormat::Png,
    ))
}

/// Every QR code in an image file (PNG or JPEG, told from its first bytes), as text.
///
/// # Errors
///
/// [`ReadError::Image`] for an unknown format or a corrupt file, [`ReadError::FileTooLarge`] and
/// [`ReadError::TooLarge`] over the size limits, and as [`from_image`].
///
/// # Examples
/// ```
/// # #[cfg(feature = "render")] {
/// use emvqr::{read, render};
/// let png = render::to_png("5902最佳", render::Ec::M, 4)?;
/// assert_eq!(read::from_bytes(&png)?, ["5902最佳"]);
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn from_bytes(bytes: &[u8]) -> Result<Vec<String>, ReadError> {
    check_file(bytes)?;
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ReadError::Image(image::ImageError::IoError(e)))?;
    decode_with(reader)
}

fn decode_with(mut reader: ImageReader<Cursor<&[u8]>>) -> Result<Vec<String>, ReadError> {
    // The header's size is checked before the pixels are allocated (the decoders check the
    // limits too, and their own allocations against `max_alloc`).
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let decoder = reader.into_decoder()?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    if decoder.total_bytes() > MAX_DECODED {
        return Err(ReadError::TooLarge { width, height });
    }
    // The decoded image is turned into grey (in place when it is grey already) and dropped
    // before the reader starts: one copy of the pixels at a time, besides the grey one.
    let image = DynamicImage::from_decoder(decoder)?;
    let grey = if image.color().has_alpha() {
        over_white(&image.into_luma_alpha8())
    } else {
        image.into_luma8()
    };
    from_luma(&grey)
}

/// Every QR code in a decoded image, as text.
///
/// # Errors
///
/// [`ReadError::TooLarge`] over the size limits; [`ReadError::Unreadable`] when symbols are
/// located but none decodes. An image with no QR code gives an empty list.
///
/// # Examples
/// ```
/// use image::{DynamicImage, GrayAlphaImage, GrayImage, Luma};
/// // A blank page holds no code: an empty list, not an error.
/// let blank = DynamicImage::ImageLuma8(GrayImage::from_pixel(120, 120, Luma([255])));
/// assert!(emvqr::read::from_image(&blank)?.is_empty());
/// # Ok::<(), emvqr::read::ReadError>(())
/// ```
pub fn from_image(image: &DynamicImage) -> Result<Vec<String>, ReadError> {
    check_size(image.width(), image.height())?;
    if image.color().has_alpha() {
        from_luma(&over_white(&image.to_luma_alpha8()))
    } else {
        from_luma(&image.to_luma8())
    }
}

/// A grey image with transparency as shown over white, as a viewer or a printer shows it: a
/// code exported with a transparent background has transparent black for its light modules.
fn over_white(image: &GrayAlphaImage) -> GrayImage {
    GrayImage::from_fn(image.width(), image.height(), |x, y| {
        let [l, a] = image.get_pixel(x, y).0;
        let (l, a) = (u32::from(l), u32::from(a));
        // At most 255 × 255 + 255 × 255: no overflow in u32.
        let shown = l
            .saturating_mul(a)
            .saturating_add(255u32.saturating_mul(255u32.saturating_sub(a)))
            .checked_div(255)
            .unwrap_or(255);
        image::Luma([u8::try_from(shown).unwrap_or(u8::MAX)])
    })
}

/// Every QR code in a greyscale image, as text: see [`from_image`].
///
/// # Errors
///
/// As [`from_image`].
///
/// # Examples
/// ```
/// use image::GrayImage;
/// use emvqr::read::{self, MAX_SIDE, ReadError};
/// // Sizes are checked before any work.
/// let tall = GrayImage::new(1, MAX_SIDE + 1);
/// assert!(matches!(read::from_luma(&tall), Err(ReadError::TooLarge { width: 1, .. })));
/// ```
pub fn from_luma(image: &GrayImage) -> Result<Vec<String>, ReadError> {
    check_size(image.width(), image.height())?;
    let working = reduced(image);
    let mut seen = pass(&working);
    if seen.codes.is_empty() {
        // Nothing decoded: try once more on a 3×3 median of the image, which removes the
        // isolated specks (sensor noise, dust, print defects) that throw the reader's module
        // grid off. Only images without a readable code pay for the second pass.
        let again = pass(&median3(&working));
        if !again.codes.is_empty() || seen.failure.is_none() {
            seen = seen.then(again);
        }
    }
    if seen.codes.is_empty() && seen.found == 0 {
        // No symbol located at all: perhaps light modules on a dark ground (a "dark mode"
        // screen, a code drawn for the other terminal background). Try the negative.
        let mut negative = working.into_owned();
        image::imageops::invert(&mut negative);
        seen = seen.then(pass(&negative));
    }
    match seen {
        Seen { codes, .. } if !codes.is_empty() => Ok(codes),
        Seen { crowded: true, .. } => Err(ReadError::TooManyFinders),
        Seen {
            found,
            failure: Some(reason),
            ..
        } => Err(ReadError::Unreadable { found, reason }),
        Seen { codes, .. } => Ok(codes),
    }
}

/// The image the detector works on: the image itself, or a reduction (by area averaging)
/// whose longer side is [`WORK_SIDE`].
fn reduced(image: &GrayImage) -> Cow<'_, GrayImage> {
    let (width, height) = image.dimensions();
    let side = width.max(height);
    if side <= WORK_SIDE {
        return Cow::Borrowed(image);
    }
    let scale = |n: u32| {
        let n = u64::from(n)
            .saturating_mul(u64::from(WORK_SIDE))
            .checked_div(u64::from(side))
            .unwrap_or(0);
        u32::try_from(n).unwrap_or(WORK_SIDE).max(1)
    };
    Cow::Owned(image::imageops::thumbnail(
        image,
        scale(width),
        scale(height),
    ))
}

/// What one pass over an image saw.
#[derive(Default)]
struct Seen {
    /// The texts in reading order.
    codes: Vec<String>,
    /// Symbols located.
    found: usize,
    /// Why the first symbol that failed to decode failed.
    failure: Option<Unreadable>,
    /// The image held more finder patterns than [`MAX_FINDERS`] and was halved to read it.
    crowded: bool,
}

impl Seen {
    /// What a later pass saw, remembering that an earlier one was crowded.
    fn then(self, later: Seen) -> Seen {
        Seen {
            crowded: self.crowded || later.crowded,
            ..later
        }
    }
}

/// One pass of the reader. Finder patterns are counted first; past [`MAX_FINDERS`], or with
/// too many that are no finder on closer view ([`SUSPECT_WORK`]), the image is halved (small
/// patterns and fine noise vanish, large patterns stay) until it is within both or too small to
/// hold a code.
fn pass(image: &GrayImage) -> Seen {
    let mut crowded = false;
    let mut image = Cow::Borrowed(image);
    loop {
        let (width, height) = image.dimensions();
        let (Ok(w), Ok(h)) = (usize::try_from(width), usize::try_from(height)) else {
            return Seen::default();
        };
        // The reader is third-party code run on untrusted pixels: a failure inside it is
        // reported as an unreadable image, not passed on as a panic.
        let counted = catch_unwind(AssertUnwindSafe(|| {
            let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
                let x = u32::try_from(x).unwrap_or(u32::MAX);
                let y = u32::try_from(y).unwrap_or(u32::MAX);
                image.get_pixel_checked(x, y).map_or(u8::MAX, |p| p.0[0])
            });
            let dark = |x, y| u8::from(prepared.get_pixel_at(x, y)) != 0;
            let load = finders::count(w, h, dark);
            let work = load
                .suspect
                .saturating_mul(load.suspect)
                .saturating_mul(w.saturating_mul(h));
            if load.finders > MAX_FINDERS {
                Err(true)
            } else if work > SUSPECT_WORK {
                Err(false)
            } else {
                Ok(decode_all(&prepared.detect_grids()))
            }
        }));
        match counted {
            Ok(Ok(seen)) => return Seen { crowded, ..seen },
            Ok(Err(too_many)) => crowded |= too_many,
            Err(_) => {
                return Seen {
                    found: 1,
                    failure: Some(Unreadable::Reader),
                    crowded,
                    ..Seen::default()
                };
            }
        }
        if width.min(height) < MIN_SIDE.saturating_mul(2) {
            return Seen {
                crowded,
                ..Seen::default()
            };
        }
        image = Cow::Owned(image::imageops::thumbnail(
            image.as_ref(),
            width / 2,
            height / 2,
        ));
    }
}

/// Decodes every located symbol: the texts in reading order, how many were located, and why
/// the first that failed failed.
fn decode_all<G: rqrr::BitGrid>(grids: &[rqrr::Grid<G>]) -> Seen {
    let mut failure = None;
    let mut codes: Vec<((i32, i32), String)> = Vec::with_capacity(grids.len());
    for grid in grids {
        let mut data = Vec::new();
        let text = grid
            .decode_to(&mut data)
            .map_err(Unreadable::from)
            .and_then(|_| String::from_utf8(data).map_err(|_| Unreadable::NotUtf8));
        match text {
            Ok(text) => {
                let corner = grid
                    .bounds
                    .iter()
                    .map(|p| (p.y, p.x))
                    .min()
                    .unwrap_or((0, 0));
                codes.push((corner, text));
            }
            Err(reason) => {
                failure.get_or_insert(reason);
            }
        }
    }
    codes.sort_by_key(|(corner, _)| *corner);
    Seen {
        codes: codes.into_iter().map(|(_, text)| text).collect(),
        found: grids.len(),
        failure,
        crowded: false,
    }
}

/// The 3×3 median of every pixel (edges use the pixels that exist).
fn median3(image: &GrayImage) -> GrayImage {
    let (w, h) = image.dimensions();
    GrayImage::from_fn(w, h, |x, y| {
        let mut window = [0u8; 9];
        let mut n = 0usize;
        for dy in [-1i64, 0, 1] {
            for dx in [-1i64, 0, 1] {
                let px = i64::from(x).saturating_add(dx);
                let py = i64::from(y).saturating_add(dy);
                let (Ok(px), Ok(py)) = (u32::try_from(px), u32::try_from(py)) else {
                    continue;
                };
                if let (Some(p), Some(slot)) = (image.get_pixel_checked(px, py), window.get_mut(n))
                {
                    *slot = p.0[0];
                    n = n.saturating_add(1);
                }
            }
        }
        let values = window.get_mut(..n).unwrap_or_default();
        values.sort_unstable();
        let mid = values.get(n / 2).copied().unwrap_or(u8::MAX);
        image::Luma([mid])
    })
}

fn check_file(bytes: &[u8]) -> Result<(), ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::FileTooLarge { bytes: bytes.len() });
    }
    Ok(())
}

fn check_size(width: u32, height: u32) -> Result<(), ReadError> {
    let pixels = u64::from(width).saturating_mul(u64::from(height));
    if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS {
        return Err(ReadError::TooLarge { width, height });
    }
    Ok(())
}
