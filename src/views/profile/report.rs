//! Where the profiles' findings go: a report, or a count.

use crate::knowledge::profiles::{ProfileSet, Rule, Severity};
use crate::views::mpm::index::MAX_WARNINGS;
use crate::views::options::{DecodeOptions, Leniency};
use crate::wire::error::{Error, ErrorKind, Path, Warning, WarningKind};

/// What the profiles found in a payload that passed them: the profiles recognised and the
/// warnings (soft rules, and errors relaxed by [`Leniency::ProfileRules`](crate::Leniency::ProfileRules)), in fixed storage.
///
/// # Examples
/// ```
/// use emvqr::profile::{Profile, check};
/// use emvqr::{DecodeOptions, Payload};
/// // A Pix code with merchant category 5812: Pix codes carry 0000 (a soft rule).
/// const PIX: &str = "00020101021126400014br.gov.bcb.pix0118fulano@example.com5204581253039865802BR5913FULANO DE TAL6008BRASILIA62070503***630493F0";
/// let payload = Payload::parse_with(PIX, &DecodeOptions::strict().profiles(false))?;
/// let report = check(&payload, &DecodeOptions::strict())?;
/// assert!(report.profiles().contains(Profile::Pix));
/// assert_eq!(report.warnings().iter().filter_map(|w| w.rule()).collect::<Vec<_>>(), ["pix.mcc"]);
/// assert_eq!(report.warnings_dropped(), 0);
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Report {
    profiles: ProfileSet,
    warnings: [Warning; MAX_WARNINGS],
    count: u8,
    dropped: u16,
}

impl Report {
    pub(crate) const fn new(profiles: ProfileSet) -> Report {
        Report {
            profiles,
            warnings: [Warning::PLACEHOLDER; MAX_WARNINGS],
            count: 0,
            dropped: 0,
        }
    }

    /// The profiles whose rules were applied.
    #[must_use]
    pub const fn profiles(&self) -> ProfileSet {
        self.profiles
    }

    /// The warnings, in the order found (at most [`MAX_WARNINGS`]).
    #[must_use]
    pub fn warnings(&self) -> &[Warning] {
        self.warnings.get(..usize::from(self.count)).unwrap_or(&[])
    }

    /// Warnings not kept for lack of room.
    #[must_use]
    pub const fn warnings_dropped(&self) -> usize {
        self.dropped as usize
    }

    fn push(&mut self, w: Warning) {
        if let Some(slot) = self.warnings.get_mut(usize::from(self.count)) {
            *slot = w;
            self.count = self.count.saturating_add(1);
        } else {
            self.dropped = self.dropped.saturating_add(1);
        }
    }
}

/// Where findings go while the rules run: into a report, or only counted (the decoder's first
/// run: most payloads raise no profile warning, and then no report is ever built).
pub(crate) struct Sink<'o, 'r> {
    pub(crate) opts: &'o DecodeOptions,
    pub(crate) report: Option<&'r mut Report>,
    pub(crate) warnings: usize,
    /// Where every error goes when all of them are wanted; `None`: the first one stops.
    pub(crate) collect: Option<&'r mut dyn FnMut(Error)>,
}

impl Sink<'_, '_> {
    /// Reports a broken rule: an error (or, leniently, a relaxed warning) or a warning.
    pub(crate) fn hit(&mut self, rule: Rule, offset: usize, path: Path) -> Result<(), Error> {
        let warning = match rule.severity() {
            Severity::Warning => Warning::new(WarningKind::Profile(rule), offset, path),
            Severity::Departure => Warning::new(WarningKind::Departure(rule), offset, path),
            Severity::Error if self.opts.allows(Leniency::ProfileRules) => {
                Warning::new(WarningKind::Relaxed(ErrorKind::Profile(rule)), offset, path)
            }
            Severity::Error => {
                let e = Error::new(ErrorKind::Profile(rule), offset, path);
                return match self.collect.as_mut() {
                    Some(sink) => {
                        sink(e);
                        Ok(())
                    }
                    None => Err(e),
                };
            }
        };
        self.warnings = self.warnings.saturating_add(1);
        if let Some(report) = self.report.as_deref_mut() {
            report.push(warning);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_stays_small_with_rules() {
        let e = Error::new(ErrorKind::Profile(Rule::PIX_KEY), 34, Path::sub(26, 1));
        assert!(core::mem::size_of::<Error>() <= 16);
        assert_eq!(e.rule(), Some("pix.key"));
        assert_eq!(e.code(), "profile_rule");
    }
}
