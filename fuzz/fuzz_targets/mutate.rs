//! A structure-aware mutation for merchant-presented payloads.
//!
//! Random byte flips almost never survive the CRC, so most of them stop at the first check. This
//! mutation reads the input as text TLV, changes it the way hostile and broken producers do
//! (a length off by one, another ID, a duplicated, dropped or moved object, a changed value, a
//! change inside a template), writes it back with lengths counted in characters, and most of the
//! time recomputes the CRC, so the mutated payload reaches the field rules and the cross rules.

/// The mutator of the MPM targets: half of the mutations [`mutate`], half libFuzzer's own.
macro_rules! half_structure_aware {
    () => {
        libfuzzer_sys::fuzz_mutator!(|data: &mut [u8], size: usize, max_size: usize, seed: u32| {
            if seed % 2 == 0 {
                if let Some(n) = mutate::mutate(data, size, max_size, seed) {
                    return n;
                }
            }
            libfuzzer_sys::fuzzer_mutate(data, size, max_size)
        });
    };
}

/// An object of one TLV level: its ID text and its value.
type Object = (String, String);

/// A small, fast generator seeded by libFuzzer.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// IDs worth trying: templates, mandatory objects, the CRC, RFU and unreserved ranges.
const IDS: &[&str] = &[
    "00", "01", "02", "15", "26", "29", "38", "51", "52", "53", "54", "55", "56", "57", "58", "59",
    "60", "61", "62", "63", "64", "65", "80", "99", "0A", "6", "",
];

/// Values worth trying: the shapes the field rules care about.
const VALUES: &[&str] = &[
    "01", "02", "11", "12", "0000", "986", "840", "156", "BR", "CN", "1e3", "-1", "98.", ".5",
    "010", "0.00", "99.99", "100", "***", "br.gov.bcb.pix", "BR.GOV.BCB.PIX", "D15600000000",
    "A000000677010111", "A000000727", "\u{202e}", "\u{200b}", "最佳运输", "\u{0}", "\r\n",
    "0014br.gov.bcb.pix0110a@b.c", "6304ABCD", "ZH", "ééééé5401199", "😀😀😀0201A", "最最最5402100",
];

/// Splits one TLV level, lengths in characters. `None` when it does not tile.
fn split(text: &str) -> Option<Vec<Object>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let id: String = chars.get(i..i + 2)?.iter().collect();
        let len: String = chars.get(i + 2..i + 4)?.iter().collect();
        let n: usize = len.parse().ok()?;
        let value: String = chars.get(i + 4..i + 4 + n)?.iter().collect();
        out.push((id, value));
        i += 4 + n;
    }
    Some(out)
}

fn join(objects: &[Object], skew: Option<(usize, isize)>) -> String {
    let mut out = String::new();
    for (k, (id, value)) in objects.iter().enumerate() {
        let mut n = value.chars().count() as isize;
        if let Some((at, by)) = skew {
            if at == k {
                n += by;
            }
        }
        out.push_str(id);
        out.push_str(&format!("{:02}", n.clamp(0, 99)));
        out.push_str(value);
    }
    out
}

fn is_template(id: &str) -> bool {
    matches!(id.parse::<u8>(), Ok(26..=51 | 62 | 64 | 80..=99))
}

/// One mutation of one level.
fn mutate_level(objects: &mut Vec<Object>, rng: &mut Rng, depth: u8) -> Option<(usize, isize)> {
    if objects.is_empty() {
        objects.push((IDS[rng.below(IDS.len())].into(), VALUES[rng.below(VALUES.len())].into()));
        return None;
    }
    let k = rng.below(objects.len());
    match rng.below(8) {
        0 => return Some((k, if rng.below(2) == 0 { 1 } else { -1 })),
        1 => objects[k].0 = IDS[rng.below(IDS.len())].into(),
        2 => {
            let copy = objects[k].clone();
            let at = rng.below(objects.len() + 1);
            objects.insert(at, copy);
        }
        3 => {
            objects.remove(k);
        }
        4 => {
            let j = rng.below(objects.len());
            objects.swap(k, j);
        }
        5 => objects[k].1 = VALUES[rng.below(VALUES.len())].into(),
        6 => {
            // Grow or cut the value by one character.
            let v = &mut objects[k].1;
            if rng.below(2) == 0 {
                v.push(char::from(b'0' + rng.below(10) as u8));
            } else {
                v.pop();
            }
        }
        _ => {
            if depth == 0 && is_template(&objects[k].0) {
                if let Some(mut inner) = split(&objects[k].1) {
                    let skew = mutate_level(&mut inner, rng, 1);
                    objects[k].1 = join(&inner, skew);
                }
            } else {
                objects[k].1 = VALUES[rng.below(VALUES.len())].into();
            }
        }
    }
    None
}

/// Mutates `data[..size]` in place; returns the new size, or `None` when the input is not a
/// TLV payload this mutation understands (the caller falls back to libFuzzer's own mutation).
pub fn mutate(data: &mut [u8], size: usize, max_size: usize, seed: u32) -> Option<usize> {
    let text = std::str::from_utf8(data.get(..size)?).ok()?;
    let mut objects = split(text)?;
    let mut rng = Rng(u64::from(seed).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    // The CRC is recomputed unless this mutation is about the CRC itself.
    if objects.last().is_some_and(|(id, _)| id == "63") {
        objects.pop();
    }
    let skew = mutate_level(&mut objects, &mut rng, 0);
    let mut out = join(&objects, skew);
    match rng.below(8) {
        0 => {}                                   // no CRC at all
        1 => out.push_str("6304ABCD"),            // a stale CRC
        _ => {
            out.push_str("6304");
            let crc = crc::Crc::<u16>::new(&crc::CRC_16_IBM_3740).checksum(out.as_bytes());
            out.push_str(&format!("{crc:04X}"));
        }
    }
    if out.len() > max_size {
        return None;
    }
    data.get_mut(..out.len())?.copy_from_slice(out.as_bytes());
    Some(out.len())
}
