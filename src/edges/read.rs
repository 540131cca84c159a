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
//! Untrusted images are bounded before any large allocation: at most [`MAX_SIDE`] pixels a side
//! and [`MAX_PIXELS`] pixels in all, and the decoders' own allocation limit.
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

use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::string::String;
use std::vec::Vec;

use image::{DynamicImage, GrayImage, ImageDecoder as _, ImageFormat, ImageReader, Limits};

/// Most pixels on one side of an image this module reads.
pub const MAX_SIDE: u32 = 16_384;

/// Most pixels in an image this module reads (a 64-megapixel photo).
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
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// Most bytes the image decoders may allocate.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

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
    /// The image is over [`MAX_SIDE`] pixels a side or [`MAX_PIXELS`] in all.
    #[error(
        "image of {width}×{height} pixels is over the limit ({MAX_SIDE} a side, {MAX_PIXELS} in all)"
    )]
    TooLarge {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
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
    decode_with(ImageReader::with_format(
        Cursor::new(bytes),
        ImageFormat::Png,
    ))
}

/// Every QR code in an image file (PNG or JPEG, told from its first bytes), as text.
///
/// # Errors
///
/// [`ReadError::Image`] for an unknown format or a corrupt file, [`ReadError::TooLarge`] over the
/// size limits, and as [`from_image`].
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
    if decoder.total_bytes() > MAX_ALLOC {
        return Err(ReadError::TooLarge { width, height });
    }
    from_image(&DynamicImage::from_decoder(decoder)?)
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
/// use image::{DynamicImage, GrayImage, Luma};
/// // A blank page holds no code: an empty list, not an error.
/// let blank = DynamicImage::ImageLuma8(GrayImage::from_pixel(120, 120, Luma([255])));
/// assert!(emvqr::read::from_image(&blank)?.is_empty());
/// # Ok::<(), emvqr::read::ReadError>(())
/// ```
pub fn from_image(image: &DynamicImage) -> Result<Vec<String>, ReadError> {
    check_size(image.width(), image.height())?;
    if !image.color().has_alpha() {
        return from_luma(&image.to_luma8());
    }
    // Transparent pixels are shown over white, as a viewer or a printer shows them: a code
    // exported with a transparent background has transparent black for its light modules.
    let with_alpha = image.to_luma_alpha8();
    let flat = GrayImage::from_fn(with_alpha.width(), with_alpha.height(), |x, y| {
        let [l, a] = with_alpha.get_pixel(x, y).0;
        let (l, a) = (u32::from(l), u32::from(a));
        // At most 255 × 255 + 255 × 255: no overflow in u32.
        let shown = l
            .saturating_mul(a)
            .saturating_add(255u32.saturating_mul(255u32.saturating_sub(a)))
            .checked_div(255)
            .unwrap_or(255);
        image::Luma([u8::try_from(shown).unwrap_or(u8::MAX)])
    });
    from_luma(&flat)
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
    let (width, height) = image.dimensions();
    check_size(width, height)?;
    let (Ok(w), Ok(h)) = (usize::try_from(width), usize::try_from(height)) else {
        return Err(ReadError::TooLarge { width, height });
    };
    // The reader is third-party code run on untrusted pixels: a failure inside it is reported
    // as an unreadable image, not passed on as a panic.
    let scan_guarded = |image: &GrayImage| {
        catch_unwind(AssertUnwindSafe(|| scan(image, w, h))).unwrap_or((
            Vec::new(),
            1,
            Some(Unreadable::Reader),
        ))
    };
    let (mut codes, mut found, mut first_failure) = scan_guarded(image);
    if codes.is_empty() {
        // Nothing decoded: try once more on a 3×3 median of the image, which removes the
        // isolated specks (sensor noise, dust, print defects) that throw the reader's module
        // grid off. Only images without a readable code pay for the second pass.
        let (again, again_found, again_failure) = scan_guarded(&median3(image));
        if !again.is_empty() || first_failure.is_none() {
            (codes, found, first_failure) = (again, again_found, again_failure);
        }
    }
    if codes.is_empty() && found == 0 {
        // No symbol located at all: perhaps light modules on a dark ground (a "dark mode"
        // screen, a code drawn for the other terminal background). Try the negative.
        let mut negative = image.clone();
        image::imageops::invert(&mut negative);
        (codes, found, first_failure) = scan_guarded(&negative);
    }
    match first_failure {
        Some(reason) if codes.is_empty() => Err(ReadError::Unreadable { found, reason }),
        _ => Ok(codes),
    }
}

/// Locates and decodes: the texts in reading order, the number of symbols located, and why the
/// first failing one failed.
fn scan(image: &GrayImage, w: usize, h: usize) -> (Vec<String>, usize, Option<Unreadable>) {
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w, h, |x, y| {
        let x = u32::try_from(x).unwrap_or(u32::MAX);
        let y = u32::try_from(y).unwrap_or(u32::MAX);
        image.get_pixel_checked(x, y).map_or(u8::MAX, |p| p.0[0])
    });
    let grids = prepared.detect_grids();
    let found = grids.len();
    let mut first_failure = None;
    let mut codes: Vec<((i32, i32), String)> = Vec::with_capacity(found);
    for grid in &grids {
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
                first_failure.get_or_insert(reason);
            }
        }
    }
    codes.sort_by_key(|(corner, _)| *corner);
    (
        codes.into_iter().map(|(_, text)| text).collect(),
        found,
        first_failure,
    )
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

fn check_size(width: u32, height: u32) -> Result<(), ReadError> {
    let pixels = u64::from(width).saturating_mul(u64::from(height));
    if width > MAX_SIDE || height > MAX_SIDE || pixels > MAX_PIXELS {
        return Err(ReadError::TooLarge { width, height });
    }
    Ok(())
}
