//! A `#![no_std]` consumer of `emvqr` built for the host as a shared library, to measure the code
//! the decoder adds: built once without the `emvqr` feature (the baseline: the same exported
//! function doing nothing) and once with it, the difference of their `.text` and `.rodata`
//! sections is what the decoder costs. `measure.sh` builds both and prints the figures.
#![no_std]

use core::hint::black_box;

/// A payload the optimiser cannot see through (`black_box`), so the whole decoder is kept.
#[cfg(feature = "emvqr")]
static INPUT: &[u8] = b"00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING54052372.5303156550201630412346304FFFF";

/// Decodes and validates the payload strictly and reads a few fields; returns a small summary
/// so that nothing is optimised away.
// The one exported symbol of the probe: exporting needs an unmangled name.
#[unsafe(no_mangle)]
pub extern "C" fn emvqr_size_probe() -> u32 {
    #[cfg(feature = "emvqr")]
    {
        let input = black_box(INPUT);
        match emvqr::Payload::parse_bytes(input, &emvqr::DecodeOptions::strict()) {
            Ok(p) => {
                let amount = p.amount().and_then(|a| a.to_minor_units(2)).unwrap_or(0) as u32;
                let accounts = p.merchant_accounts().filter_map(|a| a.guid()).count() as u32;
                let alpha = p.currency().map_or(0, |c| c.alpha().len()) as u32;
                let name = p.merchant_name().map_or(0, str::len) as u32;
                let fields = p.template(62).map_or(0, |t| t.fields().count()) as u32;
                let warnings = p.warnings().len() as u32;
                amount
                    ^ (accounts << 24)
                    ^ (alpha << 20)
                    ^ (name << 12)
                    ^ (fields << 8)
                    ^ (warnings << 28)
            }
            Err(e) => 0x8000_0000 | e.offset() as u32,
        }
    }
    #[cfg(not(feature = "emvqr"))]
    {
        black_box(0)
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {}
}
