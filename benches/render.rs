//! QR images: drawing a payload (symbol, PNG, SVG) and reading it back from a PNG.
// `criterion_group!` defines an undocumented `pub fn`.
#![allow(missing_docs, clippy::unwrap_used)]

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

criterion_group!(benches, images);
criterion_main!(benches);
