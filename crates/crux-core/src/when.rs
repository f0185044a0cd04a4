//! The time a claim is about: a day, a month, a year, a range of those, or
//! a named period declared once in the claims file. Kept apart from a
//! document's publication date.

use std::cmp::Ordering;
use std::fmt;
use std::ops::Range;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days from `first` to `last`, both included; an open end is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeSpan {
    pub first: Option<Day>,
    pub last: Option<Day>,
}

impl TimeSpan {
    /// Whether some day lies in both spans.
    pub fn overlaps(&self, other: &TimeSpan) -> bool {
        let before = |last: Option<Day>, first: Option<Day>| match (last, first) {
            (Some(last), Some(first)) => last < first,
            _ => false,
        };
        !before(self.last, other.first) && !before(other.last, self.first)
    }

    /// Orders spans by their first day, open starts first, then by their
    /// last day, open ends last: the order of a timeline.
    pub fn timeline_order(&self, other: &TimeSpan) -> Ordering {
        let last = |d: Option<Day>| (d.is_none(), d);
        self.first
            .cmp(&other.first)
            .then_with(|| last(self.last).cmp(&last(other.last)))
    }
}

impl fmt::Display for TimeSpan {
    /// The shortest form that parses back to the same days.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.first, self.last) {
            (Some(first), Some(last)) if first == last => write!(f, "{first}"),
            (Some(first), Some(last))
                if first.year == last.year
                    && (first.month, first.day) == (1, 1)
                    && (last.month, last.day) == (12, 31) =>
            {
                write!(f, "{:04}", first.year)
            }
            (Some(first), Some(last))
                if (first.year, first.month) == (last.year, last.month)
                    && first.day == 1
                    && last.day == days_in_month(last.year, last.month) =>
            {
                write!(f, "{:04}-{:02}", first.year, first.month)
            }
            (first, last) => {
                if let Some(first) = first {
                    write!(f, "{first}")?;
                }
                write!(f, "..")?;
                if let Some(last) = last {
                    write!(f, "{last}")?;
                }
                Ok(())
            }
        }
    }
}

/// A time as written in the claims file, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum When {
    /// Dates: a day, month or year, or a range of those.
    Dates(TimeSpan),
    /// The id of a `[periods.<id>]` table.
    Period(String),
}

/// What is wrong with a time, and where in the written value (bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError {
    pub message: String,
    pub at: Range<usize>,
}

/// The syntax, for help texts.
pub const SYNTAX: &str = "a day `2026-03-05`, a month `2026-03`, a year `2026`, a range `2026-03..2026-07` (either end may be left open: `2020..`), or the id of a [periods.ID] table";

impl When {
    pub fn parse(text: &str) -> Result<When, TimeError> {
        if text.is_empty() {
            return Err(error("the time is empty", 0..0));
        }
        if let Some(at) = text.find(char::is_whitespace) {
            return Err(error(
                "a time has no spaces",
                at..at + text[at..].chars().next().map_or(1, char::len_utf8),
            ));
        }
        let starts_like_a_date = text.starts_with(|c: char| c.is_ascii_digit() || c == '.');
        if !starts_like_a_date {
            return Ok(When::Period(text.to_string()));
        }
        let Some(dots) = text.find("..") else {
            let (first, last) = point(text, 0)?;
            return Ok(When::Dates(TimeSpan {
                first: Some(first),
                last: Some(last),
            }));
        };
        let (start, end) = (&text[..dots], &text[dots + 2..]);
        if start.is_empty() && end.is_empty() {
            return Err(error("a range needs at least one end", 0..text.len()));
        }
        let first = match start {
            "" => None,
            _ => Some(point(start, 0)?.0),
        };
        let last = match end {
            "" => None,
            _ => Some(point(end, dots + 2)?.1),
        };
        if let (Some(first), Some(last)) = (first, last)
            && first > last
        {
            return Err(error(
                format!("the range ends ({last}) before it starts ({first})"),
                0..text.len(),
            ));
        }
        Ok(When::Dates(TimeSpan { first, last }))
    }
}

fn error(message: impl Into<String>, at: Range<usize>) -> TimeError {
    TimeError {
        message: message.into(),
        at,
    }
}

/// The first and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` written at
/// byte `offset` of the whole value.
fn point(text: &str, offset: usize) -> Result<(Day, Day), TimeError> {
    let whole = offset..offset + text.len();
    let parts: Vec<&str> = text.split('-').collect();
    let malformed = || {
        error(
            format!("`{text}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
            whole.clone(),
        )
    };
    let digits = |part: &str, width: usize| {
        (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u16>().ok())
            .flatten()
    };
    if parts.len() > 3 {
        return Err(malformed());
    }
    let year = digits(parts[0], 4).ok_or_else(malformed)?;
    let Some(month_text) = parts.get(1) else {
        return Ok((day(year, 1, 1), day(year, 12, 31)));
    };
    let month_at = offset + parts[0].len() + 1;
    let month = digits(month_text, 2).ok_or_else(malformed)?;
    if !(1..=12).contains(&month) {
        return Err(error(
            format!("{month} is not a month (01 to 12)"),
            month_at..month_at + 2,
        ));
    }
    let month = month as u8;
    let days = days_in_month(year, month);
    let Some(day_text) = parts.get(2) else {
        return Ok((day(year, month, 1), day(year, month, days)));
    };
    let day_at = month_at + 3;
    let d = digits(day_text, 2).ok_or_else(malformed)?;
    if d == 0 || d > u16::from(days) {
        return Err(error(
            format!("{year:04}-{month:02} has no day {d}"),
            day_at..day_at + 2,
        ));
    }
    let d = day(year, month, d as u8);
    Ok((d, d))
}

fn day(year: u16, month: u8, day: u8) -> Day {
    Day { year, month, day }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str) -> TimeSpan {
        match When::parse(text) {
            Ok(When::Dates(span)) => span,
            other => panic!("{text}: {other:?}"),
        }
    }

    fn d(year: u16, month: u8, day: u8) -> Option<Day> {
        Some(Day { year, month, day })
    }

    #[test]
    fn days_months_and_years_cover_their_days() {
        assert_eq!(span("2026-03-05").first, d(2026, 3, 5));
        assert_eq!(span("2026-03-05").last, d(2026, 3, 5));
        assert_eq!(span("2026-02").last, d(2026, 2, 28));
        assert_eq!(span("2024-02").last, d(2024, 2, 29));
        assert_eq!(span("1900-02").last, d(1900, 2, 28));
        assert_eq!(span("2000-02").last, d(2000, 2, 29));
        assert_eq!(span("2025").first, d(2025, 1, 1));
        assert_eq!(span("2025").last, d(2025, 12, 31));
    }

    #[test]
    fn ranges_run_from_the_first_day_of_one_end_to_the_last_of_the_other() {
        let r = span("2026-03..2026-07");
        assert_eq!((r.first, r.last), (d(2026, 3, 1), d(2026, 7, 31)));
        assert_eq!(span("2020..").last, None);
        assert_eq!(span("..2026-03-05").first, None);
        assert_eq!(span("2026-03-20..2026-03").last, d(2026, 3, 31));
    }

    #[test]
    fn names_are_periods() {
        assert_eq!(
            When::parse("june-2025-war"),
            Ok(When::Period("june-2025-war".into()))
        );
    }

    #[test]
    fn malformed_times_say_what_and_where() {
        let e = When::parse("2026-13").unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.at),
            ("13 is not a month (01 to 12)", 5..7)
        );
        let e = When::parse("2026-02-30").unwrap_err();
        assert_eq!((e.message.as_str(), e.at), ("2026-02 has no day 30", 8..10));
        let e = When::parse("2026-03..2026-3").unwrap_err();
        assert_eq!(e.at, 9..15);
        assert!(e.message.contains("YYYY-MM"), "{}", e.message);
        let e = When::parse("2026-07..2026-03").unwrap_err();
        assert_eq!(
            e.message,
            "the range ends (2026-03-31) before it starts (2026-07-01)"
        );
        assert_eq!(When::parse("..").unwrap_err().at, 0..2);
        assert_eq!(When::parse("2026 03").unwrap_err().at, 4..5);
        assert_eq!(When::parse("").unwrap_err().message, "the time is empty");
        for bad in [
            "26-03",
            "2026-3-05",
            "2026-03-05-01",
            "2026-03..2026..2027",
            "2026/03",
            "2026-03-",
            "...2026",
        ] {
            assert!(When::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn spans_print_in_the_shortest_form_that_parses_back() {
        for (written, shown) in [
            ("2026-03-05", "2026-03-05"),
            ("2026-02", "2026-02"),
            ("2026", "2026"),
            ("2026-03..2026-07", "2026-03-01..2026-07-31"),
            ("2020..", "2020-01-01.."),
            ("..2025-06-24", "..2025-06-24"),
            ("2026-01..2026-12", "2026"),
        ] {
            assert_eq!(span(written).to_string(), shown, "{written}");
            assert_eq!(span(shown), span(written));
        }
    }

    #[test]
    fn overlap_and_timeline_order() {
        assert!(span("2026-03").overlaps(&span("2026-03-05")));
        assert!(!span("2025-06").overlaps(&span("2026")));
        assert!(span("2020..").overlaps(&span("2026-07")));
        assert!(!span("..2019").overlaps(&span("2020..")));
        assert!(span("..2019").overlaps(&span("..2001")));
        let mut spans = [
            span("2026-03-18"),
            span("2020.."),
            span("2026-03"),
            span("..2025"),
        ];
        spans.sort_by(|a, b| a.timeline_order(b));
        assert_eq!(spans[0], span("..2025"));
        assert_eq!(spans[1], span("2020.."));
        assert_eq!(spans[2], span("2026-03"));
        assert_eq!(spans[3], span("2026-03-18"));
    }
}
