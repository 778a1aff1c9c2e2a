//! Numbers, counts and times the French way: decimal comma, narrow space before `%`, `8 h 05`.

use proxipro_model::HeadlineRate;

/// `1.2345` → `1,23`.
pub fn decimal(value: f32, digits: usize) -> String {
    format!("{value:.digits$}").replace('.', ",")
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
