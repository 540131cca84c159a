//! UniFFI's binding generator, built with this crate's version of UniFFI: it reads the
//! interface from the compiled library (`generate --library`).

fn main() {
    uniffi::uniffi_bindgen_main();
}
