//! Numbers, counts and times the French way: decimal comma, narrow space before `%`, `8 h 05`,
//! for the screens and the exports alike.

use proxipro_model::HeadlineRate;

/// `1.2345` → `1,23`; `1.5` → `1,50` (with `digits` = 2): the screens' fixed decimals.
pub fn decimal(value: f32, digits: usize) -> String {
    format!("{value:.digits$}").replace('.', ",")
}

/// `1.4166` → `1,42` (with `digits` = 2), `1.5` → `1,5`, `45.0` → `45`: a figure in a
/// spreadsheet, without the zeros a column of screen figures lines up with.
pub fn number(value: f32, digits: usize) -> String {
    let text = format!("{value:.digits$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    text.replace('.', ",")
}

/// `45.0` → `45 %`, `45.5` → `45,5 %`.
pub fn percent(value: f32) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}\u{202f}%")
    } else {
        format!("{}\u{202f}%", decimal(value, 1))
    }
}

/// Minutes since midnight as said in French: `485` → `8 h 05`.
pub fn clock(minutes: u32) -> String {
    format!("{}\u{a0}h\u{a0}{:02}", (minutes / 60) % 24, minutes % 60)
}

/// `2` → `2 places`, `1` → `1 place`.
pub fn count(value: u32, one: &str, many: &str) -> String {
    format!("{value} {}", if value > 1 { many } else { one })
}

/// A rate as every screen shows it (see `Dataset::headline_rate`): `63 %`, `jusqu'à 63 % selon
/// la spécialité` for a common seconde, or `non disponible`.
pub fn headline(rate: Option<HeadlineRate>) -> String {
    match rate {
        Some(HeadlineRate { value, best_of_specialities: false }) => percent(value),
        Some(HeadlineRate { value, best_of_specialities: true }) => format!("jusqu'à {} selon la spécialité", percent(value)),
        None => "non disponible".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_the_french_way() {
        assert_eq!(decimal(1.4166, 2), "1,42");
        assert_eq!(decimal(1.5, 2), "1,50");
        assert_eq!(number(1.5, 2), "1,5");
        assert_eq!(number(45.0, 1), "45");
        assert_eq!(number(-3.04, 1), "-3");
        assert_eq!(percent(45.0), "45\u{202f}%");
        assert_eq!(percent(45.5), "45,5\u{202f}%");
        assert_eq!(clock(485), "8\u{a0}h\u{a0}05");
        assert_eq!(clock(24 * 60 + 5), "0\u{a0}h\u{a0}05", "past midnight");
        assert_eq!((count(1, "place", "places"), count(2, "place", "places")), ("1 place".into(), "2 places".into()));
        let rate = |value, best_of_specialities| Some(HeadlineRate { value, best_of_specialities });
        assert_eq!(headline(rate(63.0, true)), "jusqu'à 63\u{202f}% selon la spécialité");
        assert_eq!(headline(None), "non disponible");
    }
}
