//! Every diagnostic crux emits has a stable code; this table is the one
//! place that assigns codes, severities and one-line summaries.

use super::Severity;

macro_rules! codes {
    ($($variant:ident = $id:literal, $severity:ident, $summary:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $($variant),* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id),* }
            }
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary),* }
            }
        }
    };
}

codes! {
    TomlSyntax = "E0001", Error, "the file is not valid TOML";
    WrongType = "E0002", Error, "a value has the wrong type";
    UnknownKey = "E0003", Error, "a key crux does not know";
    MissingField = "E0004", Error, "a required field is missing";
    UnknownClaim = "E0005", Error, "a relation names a claim that does not exist";
    UnknownTopic = "E0006", Error, "a claim names a topic that does not exist";
    UnknownSource = "E0007", Error, "a span names a source that does not exist";
    SelfLink = "E0008", Error, "a claim is linked to itself";
    AgreesAndContradicts = "E0009", Error, "two claims are linked by two relations (such as to agree and to contradict), or by one directional relation both ways";
    AbsolutePath = "E0010", Error, "a source path is absolute";
    PathEscapes = "E0011", Error, "a source path leads outside the claims file's directory";
    SourceUnreadable = "E0012", Error, "a source file is missing or unreadable";
    SourceNotText = "E0013", Error, "a source file is binary, not UTF-8, or a web page with no article";
    QuoteNotFound = "E0014", Error, "a quote is not in its source";
    QuoteAmbiguous = "E0015", Error, "a quote matches several places in its source";
    InvalidValue = "E0016", Error, "a value is not one of the allowed ones";
    EmptyValue = "E0017", Error, "a value that must not be empty is empty";
    NoSuchOccurrence = "E0018", Error, "an occurrence number is beyond the matches";
    FileTooLarge = "E0019", Error, "a claims file or document is over crux's size limit";
    QuoteNormalized = "W0001", Warning, "a quote matches only after normalization";
    AgreeChainContradicts = "W0002", Warning, "claims joined by a chain of agreements are declared to contradict";
    Unrelated = "W0003", Warning, "a claim has no relation to any other claim";
    SingleClaimTopic = "W0004", Warning, "a topic has fewer than two claims";
    UnusedSource = "W0005", Warning, "a source has no claims";
    DuplicateRelation = "W0006", Warning, "the same link is declared twice with different notes";
    UnknownParty = "E0020", Error, "a claim names a party that does not exist";
    UnknownPeriod = "E0021", Error, "a claim's time names a period that does not exist";
    ContradictionAcrossTimes = "W0007", Warning, "claims about different times are declared to contradict";
    SelfContradiction = "W0008", Warning, "a document contradicts itself in its own voice";
    HedgeDropped = "W0009", Warning, "a claim states flatly what its quote hedges";
    TopicSpansPeriods = "W0010", Warning, "a topic's claims are about two periods that do not overlap";
    QuoteContextChanged = "W0011", Warning, "a quote's prefix or suffix no longer matches the text around it";
    PdfPageWithoutText = "W0012", Warning, "pages of a PDF show an image but have no text layer (scanned?)";
    PdfPageUnreadable = "W0013", Warning, "pages of a PDF could not be read";
    PdfRunningLines = "W0014", Warning, "running headers or footers were left out of a PDF's text";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_prefixed_by_severity() {
        let ids: HashSet<_> = Code::ALL.iter().map(|c| c.id()).collect();
        assert_eq!(ids.len(), Code::ALL.len());
        for code in Code::ALL {
            let prefix = match code.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            assert!(code.id().starts_with(prefix), "{}", code.id());
        }
    }
}
