//! The full validation behind [`Payload::parse`](crate::Payload::parse).
//!
//! Processing order (first failure wins), as documented in `spec/README.md`:
//! size, root scan (structure, PFI first, duplicates, CRC last), CRC value, template
//! structure, field rules in payload order, rules across fields.

use super::fast;
use super::index::{ACCOUNT_IDS, Index, MAX_WARNINGS, Span, is_template};
use super::rules::{self, Length};
use crate::knowledge::iso;
use crate::knowledge::profiles::Rule as ProfileRule;
use crate::knowledge::scheme::{self, Amendments, Fit};
use crate::views::options::{DecodeOptions, Leniency};
use crate::wire::crc::{self, Hex};
use crate::wire::error::LengthUnit;
use crate::wire::error::{AmountProblem, Error, ErrorKind, Path, Warning, WarningKind};
use crate::wire::limits::{MAX_INPUT_BYTES, RECOMMENDED_MAX_CHARS};
use crate::wire::tlv::{Tlv, TlvIter};
use crate::wire::units;

/// Checks the size and UTF-8 of raw bytes.
pub(super) fn check_bytes(bytes: &[u8]) -> Result<&str, Error> {
    check_size(bytes.len())?;
    core::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
        let chars = core::str::from_utf8(good).map_or(0, |s| s.chars().count());
        Error::new(ErrorKind::InvalidUtf8, chars, Path::ROOT)
    })
}

struct Ctx<'o> {
    opts: &'o DecodeOptions,
    ix: &'o mut Index,
    /// Warning slots usable now: the last [`CROSS_WARNINGS`] are kept for the warnings
    /// across fields, so that objects cannot crowd them out.
    warning_limit: usize,
    /// Where every error goes when all of them are wanted ([`all`]); `None`: the first error
    /// ends the validation.
    collect: Option<&'o mut dyn FnMut(Error)>,
}

/// At most this many warnings come from the rules across fields (static/dynamic, country and
/// currency, size).
const CROSS_WARNINGS: usize = 3;

impl Ctx<'_> {
    fn warn(&mut self, kind: WarningKind, offset: usize, path: Path) {
        let n = usize::from(self.ix.warning_count);
        if n >= self.warning_limit {
            self.ix.warnings_dropped = self.ix.warnings_dropped.saturating_add(1);
            return;
        }
        if let Some(slot) = self.ix.warnings.get_mut(n) {
            *slot = Warning::new(kind, offset, path);
            self.ix.warning_count = self.ix.warning_count.saturating_add(1);
        } else {
            self.ix.warnings_dropped = self.ix.warnings_dropped.saturating_add(1);
        }
    }

    /// An error: the end of the validation, or, when every error is collected, one more.
    fn fail(&mut self, e: Error) -> Result<(), Error> {
        match self.collect.as_mut() {
            Some(sink) => {
                sink(e);
                Ok(())
            }
            None => Err(e),
        }
    }

    /// Whether every error is collected.
    fn collecting(&self) -> bool {
        self.collect.is_some()
    }

    /// A rule error of one object, held back until the structure is checked (the first only),
    /// or collected.
    fn hold(&mut self, held: &mut Option<Error>, r: Result<(), Error>) -> Result<(), Error> {
        match r {
            Err(e) if self.collecting() => self.fail(e),
            Err(e) if held.is_none() => {
                *held = Some(e);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// An error that `leniency` may turn into a warning.
    fn relax(
        &mut self,
        leniency: Leniency,
        kind: ErrorKind,
        offset: usize,
        path: Path,
    ) -> Result<(), Error> {
        if self.opts.allows(leniency) {
            self.warn(WarningKind::Relaxed(kind), offset, path);
            Ok(())
        } else {
            self.fail(Error::new(kind, offset, path))
        }
    }

    /// Whether a recognised scheme's amendment `a` applies: never under
    /// [`DecodeOptions::pedantic`].
    fn amends(&self, a: Amendments) -> bool {
        !self.opts.is_pedantic() && self.ix.recognised.amends(a)
    }

    /// A departure from EMVCo that a recognised scheme makes (`rule`, when one applies): the
    /// warning `scheme_departure` naming it (once, where it first applies), or, with none or under
    /// [`DecodeOptions::pedantic`], the EMVCo error `kind` (which `leniency` may relax).
    fn depart(
        &mut self,
        rule: Option<ProfileRule>,
        leniency: Option<Leniency>,
        kind: ErrorKind,
        offset: usize,
        path: Path,
    ) -> Result<(), Error> {
        match (rule, leniency) {
            (Some(rule), _) if !self.opts.is_pedantic() => {
                // One warning per departure, where it first applies.
                let kind = WarningKind::Departure(rule);
                let mut seen = self
                    .ix
                    .warnings
                    .iter()
                    .take(usize::from(self.ix.warning_count));
                if !seen.any(|w| w.kind() == kind) {
                    self.warn(kind, offset, path);
                }
                Ok(())
            }
            (_, Some(l)) => self.relax(l, kind, offset, path),
            (_, None) => self.fail(Error::new(kind, offset, path)),
        }
    }

    fn has(&self, id: u8) -> bool {
        self.ix.present & (1u128 << id) != 0
    }

    fn value_offset(&self, text: &str, s: Span) -> usize {
        self.ix.char_offset(text, usize::from(s.start))
    }

    fn object_offset(&self, text: &str, id: u8) -> usize {
        self.ix.object_offset(text, self.span(text, id))
    }

    fn span(&self, text: &str, id: u8) -> Span {
        self.ix.span(text, id)
    }
}

fn err(kind: ErrorKind, offset: usize, path: Path) -> Result<(), Error> {
    Err(Error::new(kind, offset, path))
}

fn value_of(text: &str, s: Span) -> &str {
    text.get(usize::from(s.start)..usize::from(s.end))
        .unwrap_or("")
}

/// Character length of a value (1–99 by construction).
fn char_len(v: &str) -> usize {
    if v.is_ascii() {
        v.len()
    } else {
        v.chars().count()
    }
}

/// Step 1, before any other work: the size cap, then emptiness.
pub(super) fn check_size(len: usize) -> Result<(), Error> {
    if len > MAX_INPUT_BYTES {
        return Err(Error::new(ErrorKind::TooLong, 0, Path::ROOT));
    }
    if len == 0 {
        return Err(Error::new(ErrorKind::Empty, 0, Path::ROOT));
    }
    Ok(())
}

/// Validates `text` (already size-checked) into `ix`, which must be [`Index::new`] for it.
/// `crc_known`: the caller computed the CRC it wrote (see [`super::fast::validate`]).
pub(super) fn validate(
    text: &str,
    opts: &DecodeOptions,
    ix: &mut Index,
    crc_known: bool,
) -> Result<(), Error> {
    // Clean payloads are settled in one pass; anything else starts over here.
    if fast::validate(text, ix, crc_known) {
        return Ok(());
    }
    *ix = Index::new(text);
    full(text, opts, ix)
}

/// Every step, in the documented order, into `ix` (an [`Index::new`] of `text`).
pub(super) fn full(text: &str, opts: &DecodeOptions, ix: &mut Index) -> Result<(), Error> {
    let mut cx = Ctx {
        opts,
        ix,
        warning_limit: MAX_WARNINGS.saturating_sub(CROSS_WARNINGS),
        collect: None,
    };
    steps(&mut cx, text)
}

/// Every step, as [`full`], but every error found goes to `sink`, in the order found. Only
/// an error of the root structure (nothing after it can be read) is returned. `ix` is then
/// complete: its warnings, and the objects for the profiles' rules.
#[cfg(feature = "alloc")]
pub(super) fn all(
    text: &str,
    opts: &DecodeOptions,
    ix: &mut Index,
    sink: &mut dyn FnMut(Error),
) -> Result<(), Error> {
    let mut cx = Ctx {
        opts,
        ix,
        warning_limit: MAX_WARNINGS.saturating_sub(CROSS_WARNINGS),
        collect: Some(sink),
    };
    steps(&mut cx, text)
}

/// The steps of [`full`] and [`all`].
fn steps(cx: &mut Ctx<'_>, text: &str) -> Result<(), Error> {
    // Step 3: root scan.
    let (c, total_chars) = root_scan(cx, text)?;

    // Step 4: the CRC value.
    let crc_offset = c.value_offset();
    match crc::parse_hex(c.value().as_bytes()) {
        Hex::NotHex => {
            cx.fail(Error::new(ErrorKind::CrcNotHex, crc_offset, Path::id(63)))?;
        }
        Hex::Value { value, lowercase } => {
            // The specification's example is upper case; it does not say so in words, and
            // real producers write lower case: a warning, an error only when pedantic.
            if lowercase {
                if cx.opts.is_pedantic() {
                    cx.relax(
                        Leniency::LowercaseCrc,
                        ErrorKind::CrcLowercase,
                        crc_offset,
                        Path::id(63),
                    )?;
                } else {
                    cx.warn(
                        WarningKind::Relaxed(ErrorKind::CrcLowercase),
                        crc_offset,
                        Path::id(63),
                    );
                }
            }
            let covered = text.as_bytes().get(..c.value_byte_offset()).unwrap_or(&[]);
            let computed = crc::checksum(covered);
            if computed != value {
                let kind = ErrorKind::CrcMismatch {
                    found: value,
                    computed,
                };
                cx.fail(Error::new(kind, crc_offset, Path::id(63)))?;
            }
        }
    }

    let (order, count) = cx.ix.order(text);
    recognise(cx, text, (&order, count));

    // Steps 5 and 6 in one walk: template structure errors are returned at once; the first
    // field-rule error is held back until every template's structure has been checked.
    let mut facts = TemplateFacts::default();
    let mut held: Option<Error> = None;
    let mut walk_chars = 0usize;
    let primitive_82 = cx.ix.opaque == 82;
    for &id in order.iter().take(count) {
        let span = cx.span(text, id);
        let value = value_of(text, span);
        let obj_off = walk_chars;
        walk_chars = walk_chars.saturating_add(4).saturating_add(char_len(value));
        if id == 82 && primitive_82 {
            if held.is_none() || cx.collecting() {
                let rule = cx.ix.recognised.departure(Amendments::PRIMITIVE_82);
                let r = cx
                    .depart(rule, None, ErrorKind::InvalidFormat, obj_off, Path::id(82))
                    .and_then(|()| text_s(cx, value, obj_off.saturating_add(4), Path::id(82)));
                cx.hold(&mut held, r)?;
            }
        } else if is_template(id) {
            // A template whose sub-objects do not tile ends the validation; when every error
            // is collected, the rest is still read (its own facts are not known).
            let seen = match template(cx, id, value, obj_off, &mut held) {
                Ok(seen) => seen,
                Err(e) => {
                    cx.fail(e)?;
                    continue;
                }
            };
            if seen & 1 == 0 {
                facts.without_guid |= 1u128 << id;
            }
            if id == 64 {
                facts.language_subs = seen;
            }
        } else if held.is_none() || cx.collecting() {
            let r = field_rules(cx, id, value, obj_off);
            cx.hold(&mut held, r)?;
        }
    }
    if let Some(e) = held {
        return Err(e);
    }

    // Step 7: rules across fields.
    cross_rules(cx, text, facts, (&order, count))?;
    if total_chars > RECOMMENDED_MAX_CHARS {
        cx.warn(
            WarningKind::OverRecommendedSize,
            RECOMMENDED_MAX_CHARS,
            Path::ROOT,
        );
    }

    // Step 8: one payload, one meaning. A text with multi-byte characters that a reader
    // counting bytes or UTF-16 units also tiles, CRC last, reads as other objects there.
    if !cx.ix.ascii {
        for unit in LengthUnit::ALL {
            if let Some((offset, id)) = units::first_difference(text, unit) {
                let kind = ErrorKind::LengthUnitAmbiguous { unit };
                return cx.relax(Leniency::LengthUnitAmbiguous, kind, offset, Path::id(id));
            }
        }
    }
    Ok(())
}

/// Step 3, the root scan: every object's header, the PFI first, no ID twice, the CRC object
/// last and of length 4; each object recorded. The CRC object and the payload's length in
/// characters.
fn root_scan<'t>(cx: &mut Ctx<'_>, text: &'t str) -> Result<(Tlv<'t>, usize), Error> {
    let mut it = TlvIter::with_ascii(text, cx.ix.ascii);
    let mut crc: Option<Tlv<'_>> = None;
    loop {
        if let Some(c) = crc
            && it.byte_position() < text.len()
        {
            return Err(Error::new(ErrorKind::CrcNotLast, c.offset(), Path::id(63)));
        }
        let t = match it.next() {
            None => break,
            Some(r) => r?,
        };
        let id = t.id();
        if cx.ix.present == 0 && id != 0 {
            return Err(Error::new(ErrorKind::PfiNotFirst, t.offset(), Path::id(0)));
        }
        if cx.has(id) {
            return Err(Error::new(ErrorKind::DuplicateId, t.offset(), Path::id(id)));
        }
        if id == 63 && t.char_len() != 4 {
            return Err(Error::new(
                ErrorKind::CrcLength,
                t.offset().saturating_add(2),
                Path::id(63),
            ));
        }
        if id == 63 {
            crc = Some(t);
        }
        let start = u16::try_from(t.value_byte_offset()).unwrap_or(u16::MAX);
        cx.ix.record(id, start, !t.value().is_ascii());
        cx.ix.present |= 1u128 << id;
    }
    let total_chars = it.offset();
    match crc {
        Some(c) => Ok((c, total_chars)),
        None => Err(Error::new(ErrorKind::CrcMissing, total_chars, Path::id(63))),
    }
}

/// Scheme recognition: the country's scheme, then the GUIDs of 26–51 (normally their first
/// sub-object), then what the schemes make of an unreserved ID (DuitNow writes a digest, not a
/// template, in 82: read as a primitive value, always). A template that is malformed fails
/// later, before any rule depends on the schemes.
fn recognise(cx: &mut Ctx<'_>, text: &str, (order, count): (&[u8; 100], usize)) {
    if cx.has(58) {
        let country = value_of(text, cx.span(text, 58));
        cx.ix.recognised.note_country(country);
    }
    for &id in order.iter().take(count) {
        if matches!(id, 26..=51) {
            let span = cx.span(text, id);
            let guid = TlvIter::nested_in(value_of(text, span), 0, id, cx.ix.ascii)
                .map_while(Result::ok)
                .find(|t| t.id() == 0);
            if let Some(g) = guid {
                cx.ix.recognised.note(id, g.value());
            }
        }
    }
    if cx.has(82) && cx.amends(Amendments::PRIMITIVE_82) {
        cx.ix.opaque = 82;
    }
}

/// The structure alone, into `ix` (an [`Index::new`] of `text`): the root scan, the
/// identifiers looked up and every template's sub-objects tiling its value. No value is
/// checked, not even the CRC's: what a code names can be read from a payload that breaks a
/// rule ([`scan`](crate::scan()) lists the providers of an invalid code).
pub(super) fn structure(text: &str, ix: &mut Index) -> Result<(), Error> {
    let opts = DecodeOptions::strict();
    let mut cx = Ctx {
        opts: &opts,
        ix,
        warning_limit: 0,
        collect: None,
    };
    root_scan(&mut cx, text)?;
    let (order, count) = cx.ix.order(text);
    recognise(&mut cx, text, (&order, count));
    let mut walk_chars = 0usize;
    for &id in order.iter().take(count) {
        let value = value_of(text, cx.span(text, id));
        let obj_off = walk_chars;
        walk_chars = walk_chars.saturating_add(4).saturating_add(char_len(value));
        if is_template(id) && id != cx.ix.opaque {
            for sub in TlvIter::nested_in(value, obj_off.saturating_add(4), id, cx.ix.ascii) {
                sub?;
            }
        }
    }
    Ok(())
}

/// A value against its object's length ([`rules::root_length`], [`rules::sub_length`]): a
/// fixed length missed is `invalid_format`, a maximum passed `field_too_long`.
fn length(value: &str, rule: Length, off: usize, path: Path) -> Result<(), Error> {
    match rule {
        _ if rule.allows(char_len(value)) => Ok(()),
        Length::Fixed(_) => err(ErrorKind::InvalidFormat, off, path),
        _ => err(ErrorKind::FieldTooLong, off, path),
    }
}

/// A value of ASCII digits only (format N).
fn numeric(value: &str, off: usize, path: Path) -> Result<(), Error> {
    if !rules::is_numeric(value) {
        return err(ErrorKind::InvalidFormat, off, path);
    }
    Ok(())
}

/// An ans value: `invalid_charset` at the first character outside U+0020–U+007E.
fn ans_only(value: &str, off: usize, path: Path) -> Result<(), Error> {
    match rules::first_non_ans(value) {
        Some(i) => err(ErrorKind::InvalidCharset, off.saturating_add(i), path),
        None => Ok(()),
    }
}

/// Checks an S value (no controls) and raises its display-hazard warnings.
fn text_s(cx: &mut Ctx<'_>, value: &str, off: usize, path: Path) -> Result<(), Error> {
    match rules::scan_s(value) {
        Err(i) => err(ErrorKind::InvalidCharset, off.saturating_add(i), path),
        Ok(h) => {
            if let Some(i) = h.invisible {
                cx.warn(WarningKind::InvisibleChar, off.saturating_add(i), path);
            }
            if let Some(i) = h.bidi {
                cx.warn(WarningKind::BidiControl, off.saturating_add(i), path);
            }
            Ok(())
        }
    }
}

/// The rules of a text a wallet shows its user (59, 60, 61, 64.01, 64.02), once its characters
/// are allowed: a blank merchant name is an error (`blank_name`), other blank text a warning
/// (`blank_text`); letters of mixed scripts in a name or city are a warning (`mixed_script`).
fn shown_text(
    cx: &mut Ctx<'_>,
    value: &str,
    off: usize,
    path: Path,
    merchant_name: bool,
) -> Result<(), Error> {
    if rules::is_blank(value) {
        if merchant_name {
            return err(ErrorKind::BlankName, off, path);
        }
        cx.warn(WarningKind::BlankText, off, path);
    }
    if path != Path::id(61) && rules::mixes_scripts(value) {
        cx.warn(WarningKind::MixedScript, off, path);
    }
    Ok(())
}

/// Checks a text value of format ans; `non_ascii` says how non-ASCII text may be admitted:
/// as a scheme amendment (warning `non_ascii`) or under a leniency.
fn text_ans(
    cx: &mut Ctx<'_>,
    value: &str,
    off: usize,
    path: Path,
    scheme_allows_s: bool,
    leniency: Option<Leniency>,
) -> Result<(), Error> {
    let Some(i) = rules::first_non_ans(value) else {
        return Ok(());
    };
    let bad_off = off.saturating_add(i);
    // Every character before `i` is ASCII, so the character index is the byte index.
    let c = value
        .get(i..)
        .and_then(|r| r.chars().next())
        .unwrap_or('\0');
    if rules::is_control(c) || c.is_ascii() {
        return err(ErrorKind::InvalidCharset, bad_off, path);
    }
    if scheme_allows_s {
        cx.warn(WarningKind::NonAscii, bad_off, path);
    } else if let Some(l) = leniency {
        cx.relax(l, ErrorKind::InvalidCharset, bad_off, path)?;
    } else {
        return err(ErrorKind::InvalidCharset, bad_off, path);
    }
    text_s(cx, value, off, path)
}

fn rfu(cx: &mut Ctx<'_>, obj_off: usize, path: Path) -> Result<(), Error> {
    if cx.opts.rejects_rfu() {
        return err(ErrorKind::RfuId, obj_off, path);
    }
    cx.warn(WarningKind::RfuId, obj_off, path);
    Ok(())
}

fn amount_value(cx: &mut Ctx<'_>, value: &str, off: usize, path: Path) -> Result<(), Error> {
    ans_only(value, off, path)?;
    match rules::check_amount(value) {
        Ok(()) => Ok(()),
        Err(p @ AmountProblem::Zero) => {
            cx.relax(Leniency::ZeroAmount, ErrorKind::InvalidAmount(p), off, path)
        }
        Err(p @ AmountProblem::LeadingZero) => cx.relax(
            Leniency::AmountLeadingZeros,
            ErrorKind::InvalidAmount(p),
            off,
            path,
        ),
        Err(p) => err(ErrorKind::InvalidAmount(p), off, path),
    }
}

fn field_rules(cx: &mut Ctx<'_>, id: u8, value: &str, obj_off: usize) -> Result<(), Error> {
    let off = obj_off.saturating_add(4);
    let path = Path::id(id);
    let recognised = cx.ix.recognised;
    length(value, rules::root_length(id), off, path)?;
    match id {
        0 => {
            numeric(value, off, path)?;
            if value == "02" && recognised.amends(Amendments::PFI_02) {
                let rule = recognised.departure(Amendments::PFI_02);
                let l = Some(Leniency::PayloadFormat);
                cx.depart(rule, l, ErrorKind::InvalidPfi, off, path)?;
            } else if value != "01" {
                cx.relax(Leniency::PayloadFormat, ErrorKind::InvalidPfi, off, path)?;
            }
        }
        1 => {
            numeric(value, off, path)?;
            if value != "11" && value != "12" {
                return err(ErrorKind::InvalidPoi, off, path);
            }
        }
        2..=25 => {
            ans_only(value, off, path)?;
            if scheme::primitive_fit(id, value) == Fit::Mismatch {
                return err(ErrorKind::AccountMismatch, off, path);
            }
        }
        52 => numeric(value, off, path)?,
        53 => {
            numeric(value, off, path)?;
            if iso::currency(value).is_none() {
                return err(ErrorKind::InvalidCurrency, off, path);
            }
        }
        54 | 56 => amount_value(cx, value, off, path)?,
        55 => {
            numeric(value, off, path)?;
            if !matches!(value, "01" | "02" | "03") {
                return err(ErrorKind::TipRule, off, path);
            }
        }
        57 => {
            ans_only(value, off, path)?;
            if let Err(p) = rules::check_percentage(value) {
                return err(ErrorKind::InvalidAmount(p), off, path);
            }
        }
        58 => {
            ans_only(value, off, path)?;
            if !iso::is_country(value) {
                return err(ErrorKind::InvalidCountry, off, path);
            }
        }
        59..=61 => {
            let utf8 = cx.amends(Amendments::UTF8_NAMES) && id != 61;
            text_ans(cx, value, off, path, utf8, Some(Leniency::NonAsciiText))?;
            shown_text(cx, value, off, path, id == 59)?;
        }
        63 => {}
        65..=79 => {
            rfu(cx, obj_off, path)?;
            text_s(cx, value, off, path)?;
        }
        _ => {}
    }
    Ok(())
}

/// Walks one template: structure errors are returned; the first rule error goes to `held`
/// (rules are not checked once an error is held). Returns the set of sub-IDs present.
fn template(
    cx: &mut Ctx<'_>,
    id: u8,
    value: &str,
    obj_off: usize,
    held: &mut Option<Error>,
) -> Result<u128, Error> {
    let mut seen: u128 = 0;
    for sub in TlvIter::nested_in(value, obj_off.saturating_add(4), id, cx.ix.ascii) {
        let sub = sub?;
        let bit = 1u128 << sub.id();
        if seen & bit != 0 {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                sub.offset(),
                Path::sub(id, sub.id()),
            ));
        }
        if held.is_none() || cx.collecting() {
            let r = match id {
                62 => additional_sub(cx, &sub),
                64 => language_sub(cx, &sub),
                _ => account_sub(cx, id, &sub, seen == 0),
            };
            cx.hold(held, r)?;
        }
        seen |= bit;
    }
    Ok(seen)
}

/// A sub-object of a merchant account (26–51) or unreserved (80–99) template.
fn account_sub(cx: &mut Ctx<'_>, id: u8, sub: &Tlv<'_>, first: bool) -> Result<(), Error> {
    let path = Path::sub(id, sub.id());
    let v = sub.value();
    let voff = sub.value_offset();
    if sub.id() != 0 {
        text_s(cx, v, voff, path)?;
        return account_of_its_provider(cx, id, v, voff, path);
    }
    if !first {
        cx.warn(WarningKind::GuidNotFirst, sub.offset(), path);
    }
    length(v, rules::sub_length(id, 0), voff, path)?;
    ans_only(v, voff, path)?;
    if rules::guid_kind(v).is_none() {
        let recognised = &cx.ix.recognised;
        let rule = match id {
            99 => recognised.departure(Amendments::TEMPLATE_99_NO_GUID),
            _ => None,
        }
        .or_else(|| recognised.departure_of(id, Amendments::ACCOUNT_ID_GUID));
        let l = Some(Leniency::NonGuidIdentifier);
        cx.depart(rule, l, ErrorKind::InvalidGuid, voff, path)?;
    } else if cx
        .ix
        .recognised
        .row(id)
        .is_some_and(|row| !scheme::guid_in_scheme_case(row, v))
    {
        cx.warn(WarningKind::GuidCaseFolded, voff, path);
    }
    Ok(())
}

/// A URL held by a recognised template must not be another provider's code: a wallet would
/// open or pay something else than the template names (`account_mismatch`). A wallet's URL of
/// no known form is accepted with `account_unverified` (an acquirer the table does not know);
/// the decision is `scheme::url_fit`.
fn account_of_its_provider(
    cx: &mut Ctx<'_>,
    id: u8,
    v: &str,
    voff: usize,
    path: Path,
) -> Result<(), Error> {
    if !v.contains("://") {
        return Ok(());
    }
    let Some(row) = cx.ix.recognised.row(id) else {
        return Ok(());
    };
    match scheme::url_fit(row.rule.provider, v) {
        Fit::Mismatch => err(ErrorKind::AccountMismatch, voff, path),
        Fit::Unverified => {
            cx.warn(WarningKind::AccountUnverified, voff, path);
            Ok(())
        }
        Fit::Fits => Ok(()),
    }
}

/// A sub-object of the additional data template (62).
fn additional_sub(cx: &mut Ctx<'_>, sub: &Tlv<'_>) -> Result<(), Error> {
    let sid = sub.id();
    let path = Path::sub(62, sid);
    let v = sub.value();
    let voff = sub.value_offset();
    length(v, rules::sub_length(62, sid), voff, path)?;
    match sid {
        1..=8 => text_ans(cx, v, voff, path, false, Some(Leniency::NonAsciiText)),
        9 => {
            let mut seen = 0u8;
            for b in v.bytes() {
                let bit = match b {
                    b'A' => 1,
                    b'M' => 2,
                    b'E' => 4,
                    _ => return err(ErrorKind::InvalidFormat, voff, path),
                };
                if seen & bit != 0 {
                    return err(ErrorKind::InvalidFormat, voff, path);
                }
                seen |= bit;
            }
            Ok(())
        }
        10 => text_ans(cx, v, voff, path, false, None),
        11 => {
            if matches!(v.as_bytes(), [b'0'..=b'7', b'0'..=b'3', b'0'..=b'3']) {
                Ok(())
            } else {
                err(ErrorKind::InvalidFormat, voff, path)
            }
        }
        0 | 12..=49 => {
            rfu(cx, sub.offset(), path)?;
            text_s(cx, v, voff, path)
        }
        _ => text_s(cx, v, voff, path),
    }
}

/// A sub-object of the language template (64).
fn language_sub(cx: &mut Ctx<'_>, sub: &Tlv<'_>) -> Result<(), Error> {
    let sid = sub.id();
    let path = Path::sub(64, sid);
    let v = sub.value();
    let voff = sub.value_offset();
    length(v, rules::sub_length(64, sid), voff, path)?;
    match sid {
        0 => {
            if !v.bytes().all(|b| b.is_ascii_alphabetic()) {
                return err(ErrorKind::InvalidLanguage, voff, path);
            }
            Ok(())
        }
        1 | 2 => {
            text_s(cx, v, voff, path)?;
            shown_text(cx, v, voff, path, false)
        }
        _ => {
            rfu(cx, sub.offset(), path)?;
            text_s(cx, v, voff, path)
        }
    }
}

/// What the structure pass learnt about the templates.
#[derive(Default, Clone, Copy)]
struct TemplateFacts {
    /// Templates without sub-ID 00, by ID.
    without_guid: u128,
    /// Sub-IDs present in 64.
    language_subs: u128,
}

/// `order`: the IDs present in payload order, and how many.
fn cross_rules(
    cx: &mut Ctx<'_>,
    text: &str,
    facts: TemplateFacts,
    (order, count): (&[u8; 100], usize),
) -> Result<(), Error> {
    for id in [52u8, 53, 58, 59, 60] {
        if !cx.has(id) {
            let rule = matches!(id, 52 | 59 | 60)
                .then(|| cx.ix.recognised.departure(Amendments::OPTIONAL_52_59_60))
                .flatten();
            cx.depart(rule, None, ErrorKind::MissingMandatory, 0, Path::id(id))?;
        }
    }
    if cx.has(64) {
        let span = cx.span(text, 64);
        for sub in [0u8, 1] {
            if facts.language_subs & (1u128 << sub) == 0 {
                let off = cx.value_offset(text, span);
                cx.fail(Error::new(
                    ErrorKind::MissingMandatory,
                    off,
                    Path::sub(64, sub),
                ))?;
            }
        }
    }
    for &id in order.iter().take(count) {
        if matches!(id, 26..=51 | 80..=99) {
            let span = cx.span(text, id);
            if facts.without_guid & (1u128 << id) != 0 {
                let rule = (id == 99)
                    .then(|| cx.ix.recognised.departure(Amendments::TEMPLATE_99_NO_GUID))
                    .flatten();
                let off = cx.value_offset(text, span);
                let l = Some(Leniency::MissingGuid);
                cx.depart(rule, l, ErrorKind::MissingGuid, off, Path::sub(id, 0))?;
            }
        }
    }
    if cx.ix.present & ACCOUNT_IDS == 0 {
        cx.fail(Error::new(ErrorKind::MissingMerchantAccount, 0, Path::ROOT))?;
    }
    if let Err(e) = tip_rules(cx, text) {
        cx.fail(e)?;
    }

    // The amount's decimals against the currency's minor unit.
    let currency = iso::currency(value_of(text, cx.span(text, 53)));
    if let Some(cur) = currency {
        for id in [54u8, 56] {
            if cx.has(id) {
                let span = cx.span(text, id);
                let v = value_of(text, span);
                if rules::decimals(v) > usize::from(cur.exponent()) {
                    cx.relax(
                        Leniency::AmountPrecision,
                        ErrorKind::InvalidAmount(AmountProblem::Precision),
                        cx.value_offset(text, span),
                        Path::id(id),
                    )?;
                }
            }
        }
    }

    // Warnings across fields, into their reserved slots.
    cx.warning_limit = MAX_WARNINGS;
    match value_of(text, cx.span(text, 1)) {
        "11" if cx.has(54) => {
            let o = cx.object_offset(text, 54);
            cx.warn(WarningKind::StaticWithAmount, o, Path::id(54));
        }
        "12" if !cx.has(54) => {
            let o = cx.object_offset(text, 1);
            cx.warn(WarningKind::DynamicWithoutAmount, o, Path::id(1));
        }
        _ => {}
    }
    if let Some(cur) = currency {
        let country = value_of(text, cx.span(text, 58));
        let code = value_of(text, cx.span(text, 53));
        // A recognised scheme of the country that settles in the currency (US dollars in a
        // KHQR code of Cambodia) explains it.
        let settled = cx
            .ix
            .recognised
            .profiles()
            .iter()
            .any(|p| p.country() == country && p.currencies().contains(&code));
        if !settled && iso::country_uses_currency(country, cur.numeric()) == Some(false) {
            let o = cx.object_offset(text, 58);
            cx.warn(WarningKind::CountryCurrencyMismatch, o, Path::id(58));
        }
    }
    Ok(())
}

fn tip_rules(cx: &Ctx<'_>, text: &str) -> Result<(), Error> {
    let off_of = |id: u8| cx.value_offset(text, cx.span(text, id));
    let indicator = cx.has(55).then(|| value_of(text, cx.span(text, 55)));
    let want56 = indicator == Some("02");
    let want57 = indicator == Some("03");
    let (has56, has57) = (cx.has(56), cx.has(57));
    if has56 != want56 {
        let off = if has56 { off_of(56) } else { off_of(55) };
        return err(ErrorKind::TipRule, off, Path::id(56));
    }
    if has57 != want57 {
        let off = if has57 { off_of(57) } else { off_of(55) };
        return err(ErrorKind::TipRule, off, Path::id(57));
    }
    Ok(())
}

/// Whether the fast path holds to its contract on `text`: when it finds the payload valid,
/// the full validation, strict and lenient, finds it valid with no warning and builds the same
/// index. `Ok(true)`: the fast path decided and agreed; `Ok(false)`: it handed over. `Err`
/// names the disagreement. The unit tests, the fuzz target `fast_full` and the corpus replay
/// run it.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn differential(text: &str) -> Result<bool, &'static str> {
    if text.is_empty() || text.len() > crate::wire::limits::MAX_INPUT_BYTES {
        return Ok(false);
    }
    let mut fast = Index::new(text);
    if !fast::validate(text, &mut fast, false) {
        return Ok(false);
    }
    if fast.warning_count != 0 || fast.warnings_dropped != 0 {
        return Err("the fast path kept a warning");
    }
    for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        let mut slow = Index::new(text);
        full(text, &opts, &mut slow)
            .map_err(|_| "the fast path accepts what the full validation refuses")?;
        if !same_index(&fast, &slow) {
            return Err("the fast path and the full validation build different indexes");
        }
    }
    Ok(true)
}

/// Whether the decoder's verdict on `text` agrees with the reference readings: a payload it
/// accepts strictly has no other reading that differs from ours; one it refuses with
/// `length_unit_ambiguous` has one; the leniency turns that refusal into the warning.
#[cfg(feature = "fuzzing")]
pub(crate) fn length_unit_differential(text: &str) -> Result<(), &'static str> {
    use super::payload::Payload;
    use crate::wire::units::reference_reading;
    let ours = reference_reading(text, None);
    let differs = ours.is_some()
        && LengthUnit::ALL.iter().any(|&u| {
            reference_reading(text, Some(u)).is_some_and(|theirs| Some(&theirs) != ours.as_ref())
        });
    let lenient = DecodeOptions::strict().allow(Leniency::LengthUnitAmbiguous);
    match Payload::parse(text) {
        Ok(_) if differs => {
            Err("accepted, but a reader counting bytes or UTF-16 units reads other objects")
        }
        Err(e) if e.code() == "length_unit_ambiguous" && !differs => {
            Err("refused as ambiguous, but no other reading differs")
        }
        Err(e) if e.code() == "length_unit_ambiguous" => {
            match Payload::parse_with(text, &lenient) {
                Ok(p)
                    if !p
                        .warnings()
                        .iter()
                        .any(|w| w.code() == "length_unit_ambiguous") =>
                {
                    Err("the leniency accepts without the warning")
                }
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Two indexes of one text record the same objects, rows and warnings.
#[cfg(any(test, feature = "fuzzing"))]
fn same_index(a: &Index, b: &Index) -> bool {
    a.starts == b.starts
        && a.present == b.present
        && a.wide == b.wide
        && a.recognised == b.recognised
        && a.warnings == b.warnings
        && a.warning_count == b.warning_count
        && a.warnings_dropped == b.warnings_dropped
        && a.ascii == b.ascii
}

#[cfg(test)]
mod tests {
    use crate::wire::tlv::TlvIter;
    use crate::{Payload, crc};

    fn with_crc(body: &str) -> String {
        let body = format!("{body}6304");
        let c = crc::to_hex(crc::checksum(body.as_bytes()));
        format!("{body}{}", core::str::from_utf8(&c).unwrap())
    }

    #[test]
    fn a_wallet_template_holds_its_own_or_its_acquirers_codes() {
        let tail = "5204581253031565802CN5912NOODLE HOUSE6008SHANGHAI";
        let code = |template: &str| with_crc(&format!("000201010211{template}{tail}"));
        // An acquirer serving Alipay (SwiftPass), as in a real QRIS code: no finding.
        let swiftpass =
            "27710010com.alipay0153https://app.wepayez.com/spay/scanQr?qrcodeId=ab12---B";
        assert_eq!(warnings(&code(swiftpass)), []);
        // A host no Alipay form uses: accepted, with the warning at the URL.
        let unknown = "27410010com.alipay0123https://pay.example.com";
        assert_eq!(
            warnings(&code(unknown)),
            [("account_unverified", 34, "27.01".to_owned())]
        );
        // Another wallet's code: refused where it stands.
        let wechat = "27520010com.alipay0134wxp://f2f0YpJfRdX8mWcqH7m1pQWMoHvB";
        let e = Payload::parse(&code(wechat)).unwrap_err();
        assert_eq!(
            (e.code(), e.offset(), e.path().to_string()),
            ("account_mismatch", 34, "27.01".to_owned())
        );
        // A UnionPay account is letters and digits.
        let e = Payload::parse(&code("1530https://qr.alipay.com/fkx12345")).unwrap_err();
        assert_eq!(
            (e.code(), e.offset(), e.path().to_string()),
            ("account_mismatch", 16, "15".to_owned())
        );
        assert!(Payload::parse(&code("15311974011600520446ACLB10002312081")).is_ok());
    }

    #[test]
    fn cross_field_warnings_are_never_crowded_out() {
        let mut body = String::from(
            "00020101021102164111111111111111520454115303840540510.005802US5904SHOP6003NYC",
        );
        for id in 65..80 {
            body.push_str(&format!("{id}03RFU"));
        }
        let text = with_crc(&body);
        let p = Payload::parse(&text).unwrap();
        let codes: Vec<_> = p.warnings().iter().map(|w| w.code()).collect();
        assert!(codes.contains(&"static_with_amount"), "{codes:?}");
        assert_eq!(codes.iter().filter(|c| **c == "rfu_id").count(), 13);
        assert_eq!(p.warnings_dropped(), 2);
    }

    /// `(code, offset, path)` of every warning of a valid payload.
    fn warnings(text: &str) -> Vec<(&'static str, usize, String)> {
        Payload::parse(text)
            .unwrap()
            .warnings()
            .iter()
            .map(|w| (w.code(), w.offset(), w.path().to_string()))
            .collect()
    }

    #[test]
    fn warnings_across_fields_point_at_their_object() {
        // 54 starts at character 47: a static code (01 = 11) with an amount.
        let text = with_crc(
            "00020101021102164111111111111111520454115303840540512.005802US5904SHOP6003NYC",
        );
        assert_eq!(
            warnings(&text),
            [("static_with_amount", 47, "54".to_string())]
        );
        // A dynamic code (01 = 12, at character 6) without an amount.
        let text = with_crc("000201010212021641111111111111115204541153038405802US5904SHOP6003NYC");
        assert_eq!(
            warnings(&text),
            [("dynamic_without_amount", 6, "01".to_string())]
        );
        // US dollars in Great Britain: 58 starts at character 47.
        let text =
            with_crc("000201010211021641111111111111115204541153038405802GB5904SHOP6006LONDON");
        assert_eq!(
            warnings(&text),
            [("country_currency_mismatch", 47, "58".to_string())]
        );
    }

    #[test]
    fn size_cap_comes_before_any_work() {
        let huge = "0".repeat(10 * 1024 * 1024);
        let e = Payload::parse(&huge).unwrap_err();
        assert_eq!((e.code(), e.offset()), ("too_long", 0));
        let at_cap = "0".repeat(crate::MAX_INPUT_BYTES);
        assert_ne!(Payload::parse(&at_cap).unwrap_err().code(), "too_long");
    }

    /// Payload order, values, offsets and the accounts come from a walk of the headers and the
    /// value starts: they match the TLV layer's on payloads out of ID order, with accounts
    /// after other objects and values beyond ASCII.
    #[test]
    fn order_walk_matches_the_tlv_layer() {
        const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";
        // The Pix code of the BCB manual with its account last but one and a UTF-8 name (which
        // Pix allows in 59).
        let pix = with_crc(
            "000201520400005303986\
             5802BR5913José da Silva6008BRASILIA62070503***\
             26580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000",
        );
        for text in [ANNEX_B, pix.as_str()] {
            let p = Payload::parse(text).unwrap();
            let want: Vec<(u8, &str, usize)> = TlvIter::new(text)
                .map(|t| {
                    let t = t.unwrap();
                    (t.id(), t.value(), t.offset())
                })
                .collect();
            let got: Vec<(u8, &str, usize)> =
                p.objects().map(|o| (o.id, o.value, o.offset)).collect();
            assert_eq!(got, want, "{text}");
            let accounts: Vec<u8> = p.merchant_accounts().map(|a| a.id()).collect();
            let want_accounts: Vec<u8> = want
                .iter()
                .map(|w| w.0)
                .filter(|id| (2..=51).contains(id))
                .collect();
            assert_eq!(accounts, want_accounts, "{text}");
            for &(id, value, _) in &want {
                assert_eq!(p.get(id), Some(value), "{id} in {text}");
            }
        }
    }
}
