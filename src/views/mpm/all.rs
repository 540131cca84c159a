//! Every finding of a payload at once, for people checking merchant codes: the default decode
//! stops at the first error.

use alloc::vec::Vec;

use super::index::Index;
use super::payload::Payload;
use super::validate;
use crate::views::options::DecodeOptions;
use crate::views::profile::apply;
use crate::wire::error::{Error, Path, Warning};

/// One finding of [`Payload::validate_all`]: an error (the code cannot be paid as it is) or a
/// warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    /// A rule broken.
    Error(Error),
    /// A warning.
    Warning(Warning),
}

impl Finding {
    /// The stable snake_case code.
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Finding::Error(e) => e.code(),
            Finding::Warning(w) => w.code(),
        }
    }

    /// Character offset from the start of the payload.
    #[must_use]
    pub fn offset(&self) -> usize {
        match self {
            Finding::Error(e) => e.offset(),
            Finding::Warning(w) => w.offset(),
        }
    }

    /// Data-object path.
    #[must_use]
    pub fn path(&self) -> Path {
        match self {
            Finding::Error(e) => e.path(),
            Finding::Warning(w) => w.path(),
        }
    }

    /// The scheme rule's id, for a scheme rule's finding.
    #[must_use]
    pub fn rule(&self) -> Option<&'static str> {
        match self {
            Finding::Error(e) => e.rule(),
            Finding::Warning(w) => w.rule(),
        }
    }

    /// Whether the finding is an error.
    #[must_use]
    pub const fn is_error(&self) -> bool {
        matches!(self, Finding::Error(_))
    }
}

/// Every error and warning of a payload, in payload order (by offset; at one offset, errors
/// first, then in the order found).
///
/// # Examples
/// ```
/// use emvqr::{DecodeOptions, Payload};
/// // Name over 25 characters, and a currency that does not exist.
/// let text = "000201010211021641111111111111115204541153039995802US5926ABCDEFGHIJKLMNOPQRSTUVWXYZ6003NYC6304C6B4";
/// let all = Payload::validate_all(text, &DecodeOptions::strict());
/// assert!(!all.is_valid());
/// let errors: Vec<_> = all.errors().map(|e| (e.code(), e.path().to_string())).collect();
/// assert_eq!(errors, [("invalid_currency", "53".to_string()), ("field_too_long", "59".to_string())]);
/// // The default decode reports the first one only.
/// assert_eq!(Payload::parse(text).unwrap_err().code(), "invalid_currency");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    list: Vec<Finding>,
}

impl Findings {
    /// Every finding, in payload order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Finding> + '_ {
        self.list.iter()
    }

    /// The errors, in payload order.
    pub fn errors(&self) -> impl Iterator<Item = Error> + '_ {
        self.list.iter().filter_map(|f| match f {
            Finding::Error(e) => Some(*e),
            Finding::Warning(_) => None,
        })
    }

    /// The warnings, in payload order.
    pub fn warnings(&self) -> impl Iterator<Item = Warning> + '_ {
        self.list.iter().filter_map(|f| match f {
            Finding::Warning(w) => Some(*w),
            Finding::Error(_) => None,
        })
    }

    /// True when no finding is an error: [`Payload::parse_with`] accepts the payload.
    #[must_use]
    pub fn is_valid(&self) -> bool {
        !self.list.iter().any(Finding::is_error)
    }
}

/// Whether [`Payload::validate_all`] agrees with the decoder on `text`: valid exactly when the
/// decoder accepts it, the decoder's error among its errors, a valid payload's warnings the
/// decoder's, every finding in payload order. `Err` names the disagreement. The tests, the
/// corpus replay and the fuzz target `validate_all` run it.
#[cfg(feature = "fuzzing")]
pub(crate) fn differential(text: &str, opts: &DecodeOptions) -> Result<(), alloc::string::String> {
    use alloc::format;
    let all = Payload::validate_all(text, opts);
    let errors: Vec<Error> = all.errors().collect();
    match Payload::parse_with(text, opts) {
        Ok(p) => {
            if !errors.is_empty() {
                return Err(format!(
                    "the decoder accepts, validate_all finds {errors:?}"
                ));
            }
            let mut want: Vec<Warning> = p.warnings().to_vec();
            let mut got: Vec<Warning> = all.warnings().collect();
            want.sort_by_key(|w| (w.offset(), w.code()));
            got.sort_by_key(|w| (w.offset(), w.code()));
            if want != got {
                return Err(format!("warnings {got:?}, the decoder's {want:?}"));
            }
        }
        Err(e) if !errors.contains(&e) => {
            return Err(format!("the decoder's {e:?} is not among {errors:?}"));
        }
        Err(_) => {}
    }
    if !all.iter().map(Finding::offset).is_sorted() {
        return Err(format!("not in payload order: {:?}", all.list));
    }
    Ok(())
}

impl Payload<'_> {
    /// Every error and warning `text` has, in payload order, for people checking merchant
    /// codes; [`Payload::parse_with`] stops at the first error.
    ///
    /// Each data object reports its first broken rule; a rule across objects, the CRC and the
    /// scheme profiles' rules each report theirs. Only a broken root structure (an object's
    /// header, the PFI's or the CRC's place) stops the reading, since nothing after it can be
    /// read; a template whose sub-objects do not tile stops only that template.
    ///
    /// # Examples
    /// See [`Findings`].
    #[must_use]
    pub fn validate_all(text: &str, options: &DecodeOptions) -> Findings {
        let mut list = Vec::new();
        if let Err(e) = validate::check_size(text.len()) {
            list.push(Finding::Error(e));
            return Findings { list };
        }
        let mut ix = Index::new(text);
        let mut errors = Vec::new();
        let read = validate::all(text, options, &mut ix, &mut |e| errors.push(e));
        let payload = Payload { text, ix };
        list.extend(payload.warnings().iter().copied().map(Finding::Warning));
        match read {
            Err(e) => errors.push(e),
            Ok(()) if options.applies_profiles() => {
                let report = apply::all(&payload, options, &mut |e| errors.push(e));
                list.extend(report.warnings().iter().copied().map(Finding::Warning));
            }
            Ok(()) => {}
        }
        list.extend(errors.into_iter().map(Finding::Error));
        // Stable: at one offset, errors (pushed last) would follow warnings; put them first.
        list.sort_by_key(|f| (f.offset(), !f.is_error()));
        Findings { list }
    }
}
