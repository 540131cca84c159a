#![cfg(all(feature = "render", feature = "image"))]
//! QR images out and in: every valid vector in `spec/` rendered and read back to the identical
//! text, photographed-style variants made here (scaled, rotated, noisy, grey, JPEG), the SVG and
//! terminal outputs checked module by module, and bad images refused without a panic.
// Everything in an integration test is test code, helpers included.
#![allow(
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects,
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use std::path::{Path, PathBuf};

use emvqr::read::{self, ReadError};
use emvqr::render::{self, Ec, RenderError, Symbol, TerminalStyle};
use image::{DynamicImage, GrayImage, Luma};
use serde_json::Value;

const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
const SHORT: &str =
    "00020101021202164111111111111111520454115303840540512.005802US5904SHOP6003NYC6304E78E";

/// Every `payload` string of a vector expected `valid`, anywhere under `spec/`, with its id.
fn valid_payloads() -> Vec<(String, String)> {
    fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("spec folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, files);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("spec"),
        &mut files,
    );
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read vector file");
        // Data files that are not vector arrays (registries, routing tables) are skipped.
        let Ok(Value::Array(vectors)) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        for v in vectors {
            if let (true, Some(id), Some(payload)) = (
                v["expect"] == "valid",
                v["id"].as_str(),
                v["payload"].as_str(),
            ) {
                out.push((id.to_owned(), payload.to_owned()));
            }
        }
    }
    out
}

/// The highest of `wanted` and the lower levels that holds the payload.
fn render_png(payload: &str, wanted: Ec, scale: u32) -> Vec<u8> {
    let levels = [Ec::H, Ec::Q, Ec::M, Ec::L];
    let start = levels.iter().position(|&l| l == wanted).expect("level");
    for &ec in &levels[start..] {
        match render::to_png(payload, ec, scale) {
            Ok(png) => return png,
            Err(RenderError::TooLong { .. }) => continue,
            Err(e) => panic!("render: {e}"),
        }
    }
    panic!("payload of {} bytes fits no level", payload.len());
}

#[test]
fn every_valid_vector_round_trips_through_png() {
    let payloads = valid_payloads();
    let levels = [Ec::L, Ec::M, Ec::Q, Ec::H];
    let mut utf8 = 0;
    let mut too_long = Vec::new();
    for (i, (id, payload)) in payloads.iter().enumerate() {
        // A payload no symbol holds is refused, never truncated: only UTF-8 text of over 2,952
        // bytes (2,953 is the decoder's limit; the UTF-8 ECI takes 12 bits of a version-40-L
        // symbol).
        if let Err(e) = render::encode(payload, Ec::L) {
            assert!(
                matches!(e, RenderError::TooLong { bytes, max: 2952, ec: Ec::L } if bytes > 2952),
                "{id}: {e}"
            );
            assert!(!payload.is_ascii(), "{id}");
            too_long.push(id.as_str());
            continue;
        }
        let png = render_png(payload, levels[i % 4], 2);
        let read = read::from_png_bytes(&png).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(read, [payload.as_str()], "{id}");
        utf8 += usize::from(!payload.is_ascii());
    }
    eprintln!(
        "round trip: {} of {} valid vectors ({utf8} with non-ASCII text); too long for a \
         symbol: {too_long:?}",
        payloads.len() - too_long.len(),
        payloads.len()
    );
    assert!(too_long.len() <= 1, "{too_long:?}");
    // spec/mpm alone holds well over 200 valid payloads, dozens of them UTF-8.
    assert!(payloads.len() >= 200, "only {} payloads", payloads.len());
    assert!(utf8 >= 20, "only {utf8} UTF-8 payloads");
}

fn luma(png: &[u8]) -> GrayImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("own PNG decodes")
        .to_luma8()
}

fn read_luma(img: &GrayImage) -> Vec<String> {
    read::from_image(&DynamicImage::ImageLuma8(img.clone())).expect("read")
}

/// Nearest-neighbour scaling by an integer factor.
fn scale(img: &GrayImage, k: u32) -> GrayImage {
    GrayImage::from_fn(img.width() * k, img.height() * k, |x, y| {
        *img.get_pixel(x / k, y / k)
    })
}

/// Rotation by a quarter turn clockwise.
fn rotate90(img: &GrayImage) -> GrayImage {
    let h = img.height();
    GrayImage::from_fn(h, img.width(), |x, y| *img.get_pixel(y, h - 1 - x))
}

/// An image of `side` × `side` pixels whose pixel at (dx, dy) from its centre is sampled, with
/// bilinear interpolation (the grey edges a camera gives), at the point of the source that
/// `from` gives relative to the source's centre; white outside the source.
fn warp(img: &GrayImage, side: u32, from: impl Fn(f64, f64) -> (f64, f64)) -> GrayImage {
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    let sample = |x: f64, y: f64| -> f64 {
        if x < 0.0 || y < 0.0 || x > w - 1.0 || y > h - 1.0 {
            return 255.0;
        }
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let px = |dx: f64, dy: f64| {
            let xi = ((x0 + dx) as u32).min(img.width() - 1);
            let yi = ((y0 + dy) as u32).min(img.height() - 1);
            f64::from(img.get_pixel(xi, yi).0[0])
        };
        px(0.0, 0.0) * (1.0 - fx) * (1.0 - fy)
            + px(1.0, 0.0) * fx * (1.0 - fy)
            + px(0.0, 1.0) * (1.0 - fx) * fy
            + px(1.0, 1.0) * fx * fy
    };
    let c = f64::from(side) / 2.0;
    GrayImage::from_fn(side, side, |x, y| {
        let (sx, sy) = from(f64::from(x) - c, f64::from(y) - c);
        Luma([sample(sx + w / 2.0, sy + h / 2.0).round() as u8])
    })
}

/// Rotation by `degrees` about the centre onto a white canvas large enough for the corners.
fn rotate(img: &GrayImage, degrees: f64) -> GrayImage {
    let (w, h) = (f64::from(img.width()), f64::from(img.height()));
    let (sin, cos) = degrees.to_radians().sin_cos();
    let side = (w.hypot(h)).ceil() as u32 + 2;
    // Inverse mapping: where in the source each output pixel comes from.
    warp(img, side, |dx, dy| {
        (cos * dx + sin * dy, -sin * dx + cos * dy)
    })
}

/// A camera turned about the vertical axis: the perspective X' = X / (1 + gX),
/// Y' = Y / (1 + gX) about the centre, so the right side is drawn smaller than the left.
fn tilt(img: &GrayImage, g: f64) -> GrayImage {
    // The near side grows by up to a fifth: a canvas half as large again holds it.
    warp(img, img.width() * 3 / 2, |dx, dy| {
        let k = 1.0 - g * dx;
        if k <= 0.05 {
            return (f64::INFINITY, f64::INFINITY);
        }
        (dx / k, dy / k)
    })
}

/// A small deterministic generator (xorshift64*), so the noise is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Salt-and-pepper noise: each pixel turned white or black with probability `per_mille` / 1000.
fn salt_and_pepper(img: &GrayImage, per_mille: u64, seed: u64) -> GrayImage {
    let mut rng = Rng(seed);
    let mut out = img.clone();
    let mut changed = 0;
    for p in out.pixels_mut() {
        let r = rng.next();
        if r % 1000 < per_mille {
            p.0[0] = if (r >> 32) & 1 == 0 { 0 } else { 255 };
            changed += 1;
        }
    }
    assert!(changed > 0, "the noise changed nothing");
    out
}

/// Low contrast on a grey page: dark modules 70, light 180, placed off-centre on a larger
/// canvas of 200.
fn grey_page(img: &GrayImage) -> GrayImage {
    let (w, h) = img.dimensions();
    GrayImage::from_fn(w + 90, h + 50, |x, y| {
        if (60..60 + w).contains(&x) && (20..20 + h).contains(&y) {
            let v = img.get_pixel(x - 60, y - 20).0[0];
            Luma([if v < 128 { 70 } else { 180 }])
        } else {
            Luma([200])
        }
    })
}

const VARIANT_PAYLOADS: [&str; 3] = [
    ANNEX_B,
    SHORT,
    // Pix with UTF-8 in the merchant name and city.
    "00020126330014br.gov.bcb.pix0111123456789095204000053039865802BR5913JOSÉ DA SILVA6009SÃO PAULO62070503***6304",
];

/// The variant payloads, the Pix one completed with its CRC.
fn variant_payloads() -> Vec<String> {
    VARIANT_PAYLOADS
        .iter()
        .map(|p| {
            if p.ends_with("6304") {
                let crc = emvqr::crc::checksum(p.as_bytes());
                format!("{p}{crc:04X}")
            } else {
                (*p).to_owned()
            }
        })
        .collect()
}

#[test]
fn variant_payloads_are_valid() {
    for p in variant_payloads() {
        emvqr::Payload::parse(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
    }
}

#[test]
fn scaled_three_times() {
    for p in variant_payloads() {
        let img = scale(&luma(&render_png(&p, Ec::M, 2)), 3);
        assert_eq!(read_luma(&img), [p.as_str()]);
    }
}

#[test]
fn rotated_a_quarter_turn() {
    for p in variant_payloads() {
        let img = rotate90(&luma(&render_png(&p, Ec::M, 3)));
        assert_eq!(read_luma(&img), [p.as_str()]);
    }
}

#[test]
fn rotated_a_few_degrees() {
    for p in variant_payloads() {
        for degrees in [7.0, -12.0] {
            let img = rotate(&luma(&render_png(&p, Ec::M, 4)), degrees);
            assert_eq!(read_luma(&img), [p.as_str()], "{degrees}°");
        }
    }
}

#[test]
fn tilted_in_perspective() {
    for p in variant_payloads() {
        let img = luma(&render_png(&p, Ec::M, 4));
        // The right edge ends about 0.7 times the height of the left one.
        let g = 0.35 / f64::from(img.width());
        let tilted = tilt(&img, g);
        assert_eq!(read_luma(&tilted), [p.as_str()]);
    }
}

#[test]
fn with_salt_and_pepper_noise() {
    // 1 % and 2 % of the pixels, 6 pixels a module, several seeds: the reader's second pass on
    // the 3×3 median removes the specks.
    for (i, p) in variant_payloads().iter().enumerate() {
        let clean = luma(&render_png(p, Ec::Q, 6));
        for rate in [10, 20] {
            for seed in 0..4u64 {
                let img = salt_and_pepper(&clean, rate, 0x9E37_79B9 + seed * 7919 + i as u64);
                assert_eq!(read_luma(&img), [p.as_str()], "rate {rate}‰ seed {seed}");
            }
        }
    }
}

#[test]
fn on_a_grey_page() {
    for p in variant_payloads() {
        let img = grey_page(&luma(&render_png(&p, Ec::M, 3)));
        assert_eq!(read_luma(&img), [p.as_str()]);
    }
}

#[test]
fn through_jpeg_compression() {
    for p in variant_payloads() {
        let img = luma(&render_png(&p, Ec::M, 4));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 50)
            .encode_image(&img)
            .expect("encode JPEG");
        assert_eq!(read::from_bytes(&jpeg).expect("read"), [p.as_str()]);
    }
}

#[test]
fn on_a_transparent_background() {
    // Light modules transparent black, dark ones opaque black: shown over white, as viewers do.
    for p in variant_payloads() {
        let img = luma(&render_png(&p, Ec::M, 3));
        let rgba = image::RgbaImage::from_fn(img.width(), img.height(), |x, y| {
            let dark = img.get_pixel(x, y).0[0] < 128;
            image::Rgba([0, 0, 0, if dark { 255 } else { 0 }])
        });
        let read = read::from_image(&DynamicImage::ImageRgba8(rgba)).expect("read");
        assert_eq!(read, [p.as_str()]);
    }
}

#[test]
fn light_on_dark() {
    for p in variant_payloads() {
        let mut img = luma(&render_png(&p, Ec::M, 3));
        image::imageops::invert(&mut img);
        assert_eq!(read_luma(&img), [p.as_str()]);
    }
}

#[test]
fn two_codes_are_read_left_to_right() {
    let payloads = variant_payloads();
    let left = luma(&render_png(&payloads[1], Ec::M, 3));
    let right = luma(&render_png(&payloads[0], Ec::M, 3));
    let h = left.height().max(right.height());
    let img = GrayImage::from_fn(left.width() + right.width(), h, |x, y| {
        let (src, x) = if x < left.width() {
            (&left, x)
        } else {
            (&right, x - left.width())
        };
        src.get_pixel_checked(x, y).copied().unwrap_or(Luma([255]))
    });
    assert_eq!(
        read_luma(&img),
        [payloads[1].as_str(), payloads[0].as_str()]
    );
}

/// The dark modules an SVG of [`render::to_svg`] draws, from its path of unit-high runs.
fn svg_modules(svg: &str) -> (usize, Vec<(usize, usize)>) {
    let view = svg.split("viewBox=\"0 0 ").nth(1).expect("viewBox");
    let side: usize = view
        .split(' ')
        .next()
        .expect("side")
        .parse()
        .expect("number");
    let d = svg
        .split(" d=\"")
        .nth(1)
        .expect("path")
        .split('"')
        .next()
        .expect("end");
    let mut dark = Vec::new();
    for run in d.split('z').filter(|r| !r.is_empty()) {
        // M{x} {y}h{n}v1h-{n}
        let rest = run.strip_prefix('M').expect("move");
        let (x, rest) = rest.split_once(' ').expect("x");
        let (y, rest) = rest.split_once('h').expect("y");
        let (n, tail) = rest.split_once('v').expect("n");
        assert_eq!(tail, format!("1h-{n}"));
        let (x, y, n): (usize, usize, usize) = (
            x.parse().expect("x"),
            y.parse().expect("y"),
            n.parse().expect("n"),
        );
        dark.extend((x..x + n).map(|x| (x, y)));
    }
    (side, dark)
}

fn symbol_modules(symbol: &Symbol) -> Vec<(usize, usize)> {
    let mut dark = Vec::new();
    for y in 0..symbol.width() {
        for x in 0..symbol.width() {
            if symbol.is_dark(x, y) {
                dark.push((x + render::QUIET_ZONE, y + render::QUIET_ZONE));
            }
        }
    }
    dark
}

#[test]
fn svg_draws_exactly_the_dark_modules() {
    for p in variant_payloads() {
        let symbol = render::encode(&p, Ec::Q).expect("encode");
        let (side, dark) = svg_modules(&symbol.to_svg());
        assert_eq!(side, symbol.width_with_quiet_zone());
        assert_eq!(dark, symbol_modules(&symbol));
    }
}

/// The modules a terminal drawing shows, one row per half line; `drawn` says which modules
/// the glyphs carry (light on a dark background).
fn terminal_modules(text: &str, drawn_is_dark: bool) -> Vec<Vec<bool>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let line = line
            .trim_start_matches("\x1b[97;40m")
            .trim_end_matches("\x1b[0m");
        let (mut top, mut bottom) = (Vec::new(), Vec::new());
        for c in line.chars() {
            let (t, b) = match c {
                '█' => (true, true),
                '▀' => (true, false),
                '▄' => (false, true),
                ' ' => (false, false),
                other => panic!("unexpected {other:?}"),
            };
            top.push(t == drawn_is_dark);
            bottom.push(b == drawn_is_dark);
        }
        rows.push(top);
        rows.push(bottom);
    }
    rows
}

#[test]
fn terminal_drawing_matches_the_symbol_and_reads_back() {
    let p = &variant_payloads()[2];
    let symbol = render::encode(p, Ec::M).expect("encode");
    let n = symbol.width_with_quiet_zone();
    for (style, drawn_is_dark) in [
        (TerminalStyle::DarkBackground, false),
        (TerminalStyle::LightBackground, true),
        (TerminalStyle::Ansi, false),
    ] {
        let rows = terminal_modules(&symbol.to_terminal(style), drawn_is_dark);
        // The half line under the last row is not part of the symbol.
        assert_eq!(rows.len(), n + 1);
        for (y, row) in rows.iter().take(n).enumerate() {
            assert_eq!(row.len(), n);
            for (x, &dark) in row.iter().enumerate() {
                let expected = x >= 4 && y >= 4 && symbol.is_dark(x - 4, y - 4);
                assert_eq!(dark, expected, "{style:?} module ({x}, {y})");
            }
        }
        // Drawn as pixels (3 per module), the terminal picture reads back to the payload.
        let img = GrayImage::from_fn(n as u32 * 3, n as u32 * 3, |x, y| {
            let dark = rows[(y / 3) as usize][(x / 3) as usize];
            Luma([if dark { 0 } else { 255 }])
        });
        assert_eq!(read_luma(&img), [p.as_str()]);
    }
}

#[test]
fn png_quiet_zone_is_white_and_modules_match() {
    let symbol = render::encode(SHORT, Ec::M).expect("encode");
    let img = luma(&symbol.to_png(5).expect("png"));
    let n = symbol.width_with_quiet_zone() as u32;
    assert_eq!(img.dimensions(), (n * 5, n * 5));
    for (x, y, p) in img.enumerate_pixels() {
        let (mx, my) = ((x / 5) as usize, (y / 5) as usize);
        let dark = mx >= 4 && my >= 4 && symbol.is_dark(mx - 4, my - 4);
        assert_eq!(p.0[0], if dark { 0 } else { 255 }, "pixel ({x}, {y})");
    }
}

#[test]
fn an_image_without_a_code_gives_no_text() {
    let blank = GrayImage::from_pixel(200, 120, Luma([255]));
    assert!(read_luma(&blank).is_empty());
    let noise = salt_and_pepper(&GrayImage::from_pixel(200, 120, Luma([128])), 300, 7);
    assert!(read_luma(&noise).is_empty());
}

#[test]
fn bytes_that_are_not_an_image_are_an_error() {
    assert!(matches!(
        read::from_png_bytes(b"not a png"),
        Err(ReadError::Image(_))
    ));
    assert!(matches!(read::from_bytes(b""), Err(ReadError::Image(_))));
    let png = render_png(SHORT, Ec::M, 2);
    for cut in [8, 20, 33, 50, png.len() / 2, png.len() - 13] {
        assert!(
            read::from_png_bytes(&png[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
}

/// CRC-32 (ISO HDLC) of PNG chunks, bit by bit.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_huge_declared_size_is_refused_before_decoding() {
    let mut png = render_png(SHORT, Ec::M, 2);
    // IHDR data starts at byte 16: claim 60,000 × 60,000 pixels and fix the chunk's CRC.
    png[16..20].copy_from_slice(&60_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&60_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    assert!(matches!(
        read::from_png_bytes(&png),
        Err(ReadError::Image(_))
    ));
    // Within the side limit but over 16 megapixels: refused from the header.
    png[16..20].copy_from_slice(&16_000u32.to_be_bytes());
    png[20..24].copy_from_slice(&16_000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    assert!(matches!(
        read::from_png_bytes(&png),
        Err(ReadError::TooLarge {
            width: 16_000,
            height: 16_000
        })
    ));
    // A decoded image over the pixel limit is refused by size alone.
    let wide = DynamicImage::ImageLuma8(GrayImage::new(read::MAX_SIDE + 1, 1));
    assert!(matches!(
        read::from_image(&wide),
        Err(ReadError::TooLarge { width, height: 1 }) if width == read::MAX_SIDE + 1
    ));
}

/// A grey image as a PNG file, compressed as tightly as the encoder can.
fn png_of(img: &GrayImage) -> Vec<u8> {
    use image::ImageEncoder as _;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::NoFilter)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::L8,
        )
        .expect("encode");
    out
}

// Hostile images within the documented limits: each is answered (the figures of time and
// memory are in benches/README.md). Before the reader was bounded, the first took minutes and
// the noise near half dark took nearly two.

#[test]
fn a_mosaic_of_small_codes_is_refused_not_followed() {
    // One symbol at a pixel a module, repeated to fill 1,000 × 1,000 pixels: over a thousand
    // finder patterns.
    let tile = luma(&render_png(SHORT, Ec::M, 1));
    let (w, h) = tile.dimensions();
    let mosaic = GrayImage::from_fn(1000, 1000, |x, y| *tile.get_pixel(x % w, y % h));
    assert!(matches!(
        read::from_bytes(&png_of(&mosaic)),
        Err(ReadError::TooManyFinders)
    ));
    // A few of the same codes on a page are read.
    let page = GrayImage::from_fn(2 * w + 40, h + 40, |x, y| {
        let (x, y) = (x.wrapping_sub(20), y.wrapping_sub(20));
        if y < h && x < 2 * w {
            *tile.get_pixel(x % w, y)
        } else {
            Luma([255])
        }
    });
    assert_eq!(read_luma(&page), [SHORT, SHORT]);
}

#[test]
fn noise_near_half_dark_holds_no_code() {
    // Black and white noise, 56 % black: the finder-like specks it makes would send the
    // reader's search for alignment patterns across the image for every group of them.
    let mut rng = Rng(11);
    let noise = GrayImage::from_fn(2048, 2048, |_, _| {
        Luma([if rng.next() % 1000 < 560 { 0 } else { 255 }])
    });
    assert!(read::from_bytes(&png_of(&noise)).expect("read").is_empty());
}

#[test]
fn a_large_flat_image_and_a_decompression_bomb_hold_no_code() {
    // 16 megapixels of white, and of black: a few kilobytes compressed, each read as no code.
    for shade in [255, 0] {
        let flat = GrayImage::from_pixel(4096, 4096, Luma([shade]));
        let png = png_of(&flat);
        assert!(png.len() < 64 * 1024, "{} bytes", png.len());
        assert!(read::from_bytes(&png).expect("read").is_empty());
    }
}

#[test]
fn a_large_image_is_reduced_and_its_code_read() {
    // A code of 8 pixels a module on a page of 4,000 × 3,000: read from a copy of 2,048 pixels
    // wide, at about 4 pixels a module.
    let code = luma(&render_png(SHORT, Ec::M, 8));
    let (w, h) = code.dimensions();
    let page = GrayImage::from_fn(4000, 3000, |x, y| {
        let (x, y) = (x.wrapping_sub(1700), y.wrapping_sub(1200));
        if x < w && y < h {
            *code.get_pixel(x, y)
        } else {
            Luma([255])
        }
    });
    assert!(page.width() > read::WORK_SIDE);
    assert_eq!(read_luma(&page), [SHORT]);
}

#[test]
fn a_file_over_the_limit_is_refused_unread() {
    let big = vec![0u8; read::MAX_FILE_BYTES + 1];
    assert!(matches!(
        read::from_bytes(&big),
        Err(ReadError::FileTooLarge { bytes }) if bytes == read::MAX_FILE_BYTES + 1
    ));
    assert!(matches!(
        read::from_png_bytes(&big),
        Err(ReadError::FileTooLarge { .. })
    ));
}

#[test]
fn damaged_symbol_is_unreadable_with_a_reason() {
    // Blank out the middle third of a level-L symbol: the finders remain, the data does not.
    let mut img = luma(&render_png(ANNEX_B, Ec::L, 3));
    let (w, h) = img.dimensions();
    for y in h / 3..2 * h / 3 {
        for x in w / 3..2 * w / 3 {
            img.put_pixel(x, y, Luma([255]));
        }
    }
    match read::from_image(&DynamicImage::ImageLuma8(img)) {
        Err(ReadError::Unreadable { found, reason }) => {
            assert_eq!(found, 1);
            eprintln!("unreadable: {reason}");
        }
        other => panic!("expected unreadable, got {other:?}"),
    }
}

#[cfg(feature = "cli")]
mod cli {
    use std::process::Command;

    use super::*;

    fn emvqr(args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_emvqr"))
            .args(args)
            .output()
            .expect("run emvqr")
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("emvqr-render-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir.join(name)
    }

    #[test]
    fn render_png_then_read_with_decode() {
        let png = temp("annex-b.png");
        let path = png.to_str().expect("UTF-8 path");
        let out = emvqr(&["render", "-o", path, "--ec", "Q", ANNEX_B]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(out.stdout.is_empty());
        let out = emvqr(&["read", path]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(
            String::from_utf8(out.stdout).expect("UTF-8"),
            format!("{ANNEX_B}\n")
        );
        let out = emvqr(&["read", "--decode", path]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(ANNEX_B));
        assert_eq!(
            lines.next(),
            Some("valid merchant-presented payload (15 objects)")
        );
        assert!(text.contains("01 Merchant Name (Alternate Language): 最佳运输"));
    }

    #[test]
    fn render_svg_matches_the_library() {
        let svg = temp("short.svg");
        let path = svg.to_str().expect("UTF-8 path");
        let out = emvqr(&["render", "-o", path, SHORT]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let written = std::fs::read_to_string(&svg).expect("svg written");
        assert_eq!(written, render::to_svg(SHORT, Ec::M).expect("svg"));
    }

    #[test]
    fn render_to_a_pipe_draws_half_blocks() {
        let out = emvqr(&["render", "--ec", "H", SHORT]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let expected =
            render::to_terminal(SHORT, Ec::H, TerminalStyle::DarkBackground).expect("terminal");
        assert_eq!(String::from_utf8(out.stdout).expect("UTF-8"), expected);
    }

    fn emvqr_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
        use std::io::Write as _;
        let mut child = Command::new(env!("CARGO_BIN_EXE_emvqr"))
            .args(args)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run emvqr");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
        child.wait_with_output().expect("wait")
    }

    #[test]
    fn standard_input_for_render_and_read() {
        let out = emvqr_stdin(&["render", "-"], SHORT.as_bytes());
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(out.stderr.is_empty());
        // The line break the shell adds is not drawn: the same symbol as without it.
        let bare = emvqr_stdin(&["render", "-"], SHORT.as_bytes());
        let out = emvqr_stdin(&["render", "-"], format!("{SHORT}\n").as_bytes());
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert!(out.stderr.is_empty());
        assert_eq!(out.stdout, bare.stdout);
        let png = render::to_png(ANNEX_B, Ec::M, 3).expect("png");
        let out = emvqr_stdin(&["read", "-"], &png);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(
            String::from_utf8(out.stdout).expect("UTF-8"),
            format!("{ANNEX_B}\n")
        );
        // Over the largest payload any symbol holds: refused before drawing.
        let out = emvqr_stdin(&["render", "-"], "A".repeat(3000).as_bytes());
        assert_eq!(out.status.code(), Some(1), "{out:?}");
    }

    #[test]
    fn read_escapes_control_characters() {
        let png = temp("bell.png");
        std::fs::write(
            &png,
            render::to_png("A\u{7}B\u{202E}C", Ec::M, 4).expect("png"),
        )
        .expect("write");
        let out = emvqr(&["read", png.to_str().expect("UTF-8 path")]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        assert_eq!(
            String::from_utf8(out.stdout).expect("UTF-8"),
            "A\\u{7}B\\u{202e}C\n"
        );
    }

    #[test]
    fn render_refusals() {
        let long = "A".repeat(2000);
        let out = emvqr(&["render", "--ec", "H", &long]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let err = String::from_utf8(out.stderr).expect("UTF-8");
        assert!(err.contains("2000 bytes"), "{err}");
        let out = emvqr(&["render", "--ec", "X", SHORT]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let out = emvqr(&["render", "-o", "code.gif", SHORT]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
    }

    #[test]
    fn read_refusals() {
        let out = emvqr(&["read", "/nonexistent/emvqr.png"]);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        let blank = temp("blank.png");
        GrayImage::from_pixel(64, 64, Luma([255]))
            .save(&blank)
            .expect("save");
        let out = emvqr(&["read", blank.to_str().expect("UTF-8 path")]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(
            String::from_utf8(out.stderr)
                .expect("UTF-8")
                .contains("no QR code")
        );
        // A code that is not a valid payload: printed, then the decode's error (exit 1).
        let text = temp("text.png");
        std::fs::write(&text, render::to_png("HELLO", Ec::M, 4).expect("png")).expect("write");
        let out = emvqr(&["read", "--decode", text.to_str().expect("UTF-8 path")]);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(stdout.starts_with("HELLO\ninvalid: "), "{stdout}");
    }
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    fn level(i: usize) -> Ec {
        [Ec::L, Ec::M, Ec::Q, Ec::H][i % 4]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any text (control characters, every plane of Unicode) that fits reads back identical.
        #[test]
        fn any_text_round_trips(
            chars in proptest::collection::vec(any::<char>(), 0..120),
            ec in 0..4usize,
        ) {
            let text: String = chars.into_iter().collect();
            let png = render::to_png(&text, level(ec), 2).expect("fits");
            prop_assert_eq!(read::from_png_bytes(&png).expect("read"), vec![text]);
        }

        /// A damaged code reads back as the payload or not at all, never as other text, and the
        /// reader never fails inside.
        #[test]
        fn damage_never_gives_other_text(
            ec in 0..4usize,
            boxes in proptest::collection::vec((0u32..100, 0u32..100, 1u32..30, 1u32..30, any::<u8>()), 1..6),
        ) {
            let mut img = luma(&render_png(SHORT, level(ec), 3));
            let (w, h) = img.dimensions();
            for (bx, by, bw, bh, shade) in boxes {
                // Boxes placed in percent of the image, sized in pixels.
                let (x0, y0) = (bx * w / 100, by * h / 100);
                for y in y0..(y0 + bh).min(h) {
                    for x in x0..(x0 + bw).min(w) {
                        img.put_pixel(x, y, Luma([shade]));
                    }
                }
            }
            match read::from_image(&DynamicImage::ImageLuma8(img)) {
                Ok(codes) => prop_assert!(codes.iter().all(|c| c == SHORT), "{codes:?}"),
                Err(ReadError::Unreadable { reason, .. }) => {
                    prop_assert_ne!(reason, read::Unreadable::Reader);
                }
                Err(e) => prop_assert!(false, "unexpected error {e}"),
            }
        }
    }
}

/// The longest text `prefix` + "x"… that a symbol of version `v` at `ec` holds.
fn fullest(prefix: &str, v: u8, ec: Ec) -> String {
    let text = |n: usize| format!("{prefix}{}", "x".repeat(n));
    let fits = |n: usize| render::encode(&text(n), ec).is_ok_and(|s| s.version() <= v);
    let (mut lo, mut hi) = (0usize, 3000usize);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    text(lo)
}

/// Texts that fill a symbol exactly (no room left for the whole terminator) read back identical,
/// with and without the UTF-8 ECI, at the versions where the layout changes (the count field
/// grows at 10 and 27) and at both ends.
#[test]
fn full_symbols_round_trip() {
    for ec in [Ec::L, Ec::H] {
        for v in [1u8, 2, 9, 10, 26, 27, 40] {
            for prefix in ["", "é"] {
                let text = fullest(prefix, v, ec);
                let symbol = render::encode(&text, ec).expect("fits");
                assert_eq!(symbol.version(), v, "{ec} {} bytes", text.len());
                let bigger = format!("{text}x");
                assert!(render::encode(&bigger, ec).map_or(true, |s| s.version() > v));
                let png = symbol.to_png(2).expect("png");
                assert_eq!(
                    read::from_png_bytes(&png).expect("read"),
                    [text.as_str()],
                    "{ec} v{v} {} bytes",
                    text.len()
                );
            }
        }
    }
}
