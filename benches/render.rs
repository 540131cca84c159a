//! QR images: drawing a payload (symbol, PNG, SVG) and reading it back from a PNG.
// `criterion_group!` defines an undocumented `pub fn`.
// The hostile images are built with plain arithmetic on small coordinates.
#![allow(missing_docs, clippy::unwrap_used, clippy::arithmetic_side_effects)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use emvqr::read;
use emvqr::render::{self, Ec};

const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

fn images(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("symbol", |b| {
        b.iter(|| render::encode(black_box(ANNEX_B), Ec::M).unwrap())
    });
    g.bench_function("png_x8", |b| {
        b.iter(|| render::to_png(black_box(ANNEX_B), Ec::M, 8).unwrap())
    });
    g.bench_function("svg", |b| {
        b.iter(|| render::to_svg(black_box(ANNEX_B), Ec::M).unwrap())
    });
    g.finish();

    let mut g = c.benchmark_group("read");
    g.measurement_time(Duration::from_secs(3));
    for scale in [2u32, 8] {
        let png = render::to_png(ANNEX_B, Ec::M, scale).unwrap();
        g.bench_function(format!("png_x{scale}"), |b| {
            b.iter(|| read::from_png_bytes(black_box(&png)).unwrap())
        });
    }
    g.finish();
}

/// A grey image as a PNG file.
fn png_of(img: &image::GrayImage) -> Vec<u8> {
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
        .unwrap();
    out
}

/// Images within the documented limits that stalled the reader before it was bounded (see
/// `benches/README.md`, "Reading hostile images"): each read takes well under 2 s.
fn hostile_images(c: &mut Criterion) {
    use image::{GrayImage, Luma};
    let tile = image::load_from_memory(&render::to_png(ANNEX_B, Ec::M, 1).unwrap())
        .unwrap()
        .to_luma8();
    let (w, h) = tile.dimensions();
    let mosaic = GrayImage::from_fn(2000, 2000, |x, y| *tile.get_pixel(x % w, y % h));
    let mut state = 11u64;
    let noise = GrayImage::from_fn(2048, 2048, |_, _| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        Luma([if state % 1000 < 560 { 0 } else { 255 }])
    });
    let white = GrayImage::from_pixel(4096, 4096, Luma([255]));
    let code = image::load_from_memory(&render::to_png(ANNEX_B, Ec::M, 8).unwrap())
        .unwrap()
        .to_luma8();
    let (cw, ch) = code.dimensions();
    let page = GrayImage::from_fn(4000, 3000, |x, y| {
        let (x, y) = (x.wrapping_sub(1700), y.wrapping_sub(1200));
        if x < cw && y < ch {
            *code.get_pixel(x, y)
        } else {
            Luma([255])
        }
    });
    let mut g = c.benchmark_group("read_hostile");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    for (name, img) in [
        ("mosaic_2000", &mosaic),
        ("noise56_2048", &noise),
        ("white_4096", &white),
        ("page_4000x3000", &page),
    ] {
        let png = png_of(img);
        g.bench_function(name, |b| b.iter(|| read::from_bytes(black_box(&png))));
    }
    g.finish();
}

criterion_group!(benches, images, hostile_images);
criterion_main!(benches);
