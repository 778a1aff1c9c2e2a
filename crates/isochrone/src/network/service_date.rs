use std::fmt;

/// The calendar day whose timetable a network holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const FRENCH_WEEKDAYS: [&str; 7] = [
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];
const FRENCH_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

impl ServiceDate {
    /// `None` unless the date exists in the proleptic Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days_in_month && (-9999..=9999).contains(&year)).then_some(Self {
            year,
            month,
            day,
        })
    }

    /// 0 = Monday ... 6 = Sunday (Sakamoto's method).
    pub fn weekday_from_monday(self) -> u8 {
        const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
        let month = self.month.clamp(1, 12) as usize;
        let y = if month < 3 { self.year - 1 } else { self.year };
        let sunday_based = (y + y.div_euclid(4) - y.div_euclid(100)
            + y.div_euclid(400)
            + OFFSETS[month - 1]
            + self.day as i32)
            .rem_euclid(7);
        ((sunday_based + 6) % 7) as u8
    }

    /// "mardi 15 novembre 2011", for "horaires du mardi 15 novembre 2011".
    pub fn french_label(self) -> String {
        let month = FRENCH_MONTHS[(self.month.clamp(1, 12) - 1) as usize];
        let weekday = FRENCH_WEEKDAYS[self.weekday_from_monday() as usize];
        format!("{weekday} {} {month} {}", self.day, self.year)
    }
}

impl fmt::Display for ServiceDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_label_and_weekday() {
        let date = ServiceDate::new(2011, 11, 15).unwrap();
        assert_eq!(date.french_label(), "mardi 15 novembre 2011");
        assert_eq!(date.to_string(), "2011-11-15");
        assert_eq!(
            ServiceDate::new(2024, 2, 29).unwrap().weekday_from_monday(),
            3
        );
        assert_eq!(
            ServiceDate::new(2000, 1, 1).unwrap().weekday_from_monday(),
            5
        );
        assert!(ServiceDate::new(2023, 2, 29).is_none());
        assert!(ServiceDate::new(2023, 13, 1).is_none());
    }
}
