//! Running the profiles' rules on a payload: into a report, or into the decoded payload.

use super::checks;
use super::report::{Report, Sink};
use crate::knowledge::profiles::{Profile, ProfileSet, Rule};
use crate::knowledge::scheme::Recognised;
use crate::views::mpm::payload::Payload;
use crate::views::options::DecodeOptions;
use crate::wire::error::{Error, Path};

/// The profiles recognised from the GUIDs of the payload's templates 26–51.
///
/// # Examples
/// ```
/// use emvqr::profile::{Profile, recognise};
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let payload = emvqr::Payload::parse(PIX)?;
/// assert_eq!(recognise(&payload).iter().collect::<Vec<_>>(), [Profile::Pix]);
/// # Ok::<(), emvqr::Error>(())
/// ```
#[must_use]
pub fn recognise(payload: &Payload<'_>) -> ProfileSet {
    payload.recognised().profiles()
}

/// Applies the profiles recognised in `payload`.
///
/// # Errors
/// The first broken rule of severity [`Severity::Error`](crate::profile::Severity::Error), profiles in [`Profile::ALL`] order
/// and each profile's rules in the order of `spec/README.md`; none when `options` allows
/// [`Leniency::ProfileRules`](crate::Leniency::ProfileRules).
///
/// # Examples
/// ```
/// use emvqr::{DecodeOptions, Leniency, Payload};
/// // A Pix code whose key (26.01) is not a valid Pix key.
/// const BAD: &str = "00020101021126260014br.gov.bcb.pix0104abcd5204000053039865802BR5913FULANO DE TAL6008BRASILIA62070503***6304045C";
/// let payload = Payload::parse_with(BAD, &DecodeOptions::strict().profiles(false))?;
/// let e = emvqr::profile::check(&payload, &DecodeOptions::strict()).unwrap_err();
/// assert_eq!((e.rule(), e.offset(), e.path().to_string()), (Some("pix.key"), 38, "26.01".to_string()));
/// // Relaxed, the broken rule is a warning.
/// let relaxed = DecodeOptions::strict().allow(Leniency::ProfileRules);
/// let report = emvqr::profile::check(&payload, &relaxed)?;
/// assert_eq!(report.warnings().first().and_then(|w| w.rule()), Some("pix.key"));
/// # Ok::<(), emvqr::Error>(())
/// ```
pub fn check(payload: &Payload<'_>, options: &DecodeOptions) -> Result<Report, Error> {
    let r = payload.recognised();
    run(payload, r.profiles(), r, options)
}

/// Applies one profile, recognised or not: a payload without the profile's template fails with
/// its `<profile>.account` rule (what [`PayloadBuilder::profile`](crate::PayloadBuilder::profile)
/// relies on).
///
/// # Errors
/// As [`check`], for this profile only.
///
/// # Examples
/// ```
/// use emvqr::{DecodeOptions, Payload, Profile};
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let payload = Payload::parse(PIX)?;
/// let opts = DecodeOptions::strict();
/// assert!(emvqr::profile::check_profile(&payload, Profile::Pix, &opts).is_ok());
/// // Checked as a PromptPay code, it has no PromptPay template.
/// let e = emvqr::profile::check_profile(&payload, Profile::PromptPay, &opts).unwrap_err();
/// assert_eq!(e.rule(), Some("promptpay.account"));
/// # Ok::<(), emvqr::Error>(())
/// ```
pub fn check_profile(
    payload: &Payload<'_>,
    profile: Profile,
    options: &DecodeOptions,
) -> Result<Report, Error> {
    let r = payload.recognised();
    if !r.profiles().contains(profile) {
        let mut report = Report::new(ProfileSet::EMPTY);
        let mut sink = Sink {
            opts: options,
            report: Some(&mut report),
            warnings: 0,
            collect: None,
        };
        sink.hit(Rule::account_of(profile), 0, Path::ROOT)?;
        return Ok(report);
    }
    run(payload, ProfileSet::EMPTY.with(profile), r, options)
}

fn run(
    payload: &Payload<'_>,
    set: ProfileSet,
    recognised: &Recognised,
    options: &DecodeOptions,
) -> Result<Report, Error> {
    let mut report = Report::new(set);
    apply(payload, set, recognised, options, Some(&mut report))?;
    Ok(report)
}

/// Runs the rules of the profiles in `set`, into `report` when given; the number of warnings.
fn apply(
    payload: &Payload<'_>,
    set: ProfileSet,
    recognised: &Recognised,
    options: &DecodeOptions,
    report: Option<&mut Report>,
) -> Result<usize, Error> {
    let mut sink = Sink {
        opts: options,
        report,
        warnings: 0,
        collect: None,
    };
    for p in set.iter() {
        checks::run(p, payload, recognised.templates_of(p), &mut sink)?;
    }
    Ok(sink.warnings)
}

/// Every finding of the recognised profiles: each error to `errors`, the warnings in the
/// report.
#[cfg(feature = "alloc")]
pub(crate) fn all(
    payload: &Payload<'_>,
    options: &DecodeOptions,
    errors: &mut dyn FnMut(Error),
) -> Report {
    let r = *payload.recognised();
    let mut report = Report::new(r.profiles());
    let mut sink = Sink {
        opts: options,
        report: Some(&mut report),
        warnings: 0,
        collect: Some(errors),
    };
    for p in r.profiles().iter() {
        // With every error collected, no rule stops the run.
        let _ = checks::run(p, payload, r.templates_of(p), &mut sink);
    }
    report
}

/// The decoder's step: the recognised profiles' rules, their warnings added to the payload's.
/// The rules run once without a report; only a payload that raises warnings runs them again
/// to keep them.
pub(crate) fn apply_to(payload: &mut Payload<'_>, options: &DecodeOptions) -> Result<(), Error> {
    let r = *payload.recognised();
    if r.profiles().is_empty() || apply(payload, r.profiles(), &r, options, None)? == 0 {
        return Ok(());
    }
    let report = run(payload, r.profiles(), &r, options)?;
    payload.push_warnings(report.warnings());
    Ok(())
}

impl Payload<'_> {
    /// The scheme profiles recognised from the GUIDs of the merchant account templates.
    ///
    /// # Examples
    /// ```
    /// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
    /// let payload = emvqr::Payload::parse(PIX)?;
    /// assert!(payload.profiles().contains(emvqr::Profile::Pix));
    /// # Ok::<(), emvqr::Error>(())
    /// ```
    #[must_use]
    pub fn profiles(&self) -> ProfileSet {
        recognise(self)
    }
}
