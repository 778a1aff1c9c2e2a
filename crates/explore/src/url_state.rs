//! The whole view in the page address, so a copied link reopens it elsewhere.
//! Reading never fails: an unreadable parameter keeps its default and is named
//! in the returned notes, for the page to say so.

use proxipro_model::{Diploma, LatLon, Route};

use crate::filters::{Filters, NoProspectsMode};
use crate::sort::SortKey;
use crate::wishlist::{Ambition, Wish, WishList, MAX_NOTE, MAX_WISHES};

/// How the student travels.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    Walk,
    Bike,
    #[default]
    Transit,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Walk, Mode::Bike, Mode::Transit];

    pub fn label(self) -> &'static str {
        match self {
            Mode::Walk => "À pied",
            Mode::Bike => "À vélo",
            Mode::Transit => "Transports en commun",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Mode::Walk => "pied",
            Mode::Bike => "velo",
            Mode::Transit => "tc",
        }
    }
}

pub const BUDGET_RANGE: std::ops::RangeInclusive<u32> = 5..=90;
/// The slider's step: a budget in between (a hand-edited link) is read as the nearest step.
pub const BUDGET_STEP: u32 = 5;
/// The minimum employment rates the filter offers; another value in a link could not be shown.
pub const EMPLOYMENT_THRESHOLDS: [u8; 3] = [30, 50, 70];

#[derive(Debug, Clone, PartialEq)]
pub struct ViewState {
    pub origin: Option<LatLon>,
    pub mode: Mode,
    /// Minutes.
    pub budget: u32,
    /// Minutes after midnight of the departure (or, with `arrive_by`, arrival) time.
    pub time: u32,
    /// The question students ask: leave as late as possible and be there by `time`.
    pub arrive_by: bool,
    pub filters: Filters,
    pub sort: SortKey,
    /// Only set when the link carries a selection (a shared link).
    pub selection: Option<WishList>,
    /// The offer whose card is open over the explorer (the phone's bottom sheet), by id.
    pub card: Option<String>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            origin: None,
            mode: Mode::Transit,
            budget: 45,
            time: 8 * 60,
            arrive_by: true,
            filters: Filters::default(),
            sort: SortKey::TravelTime,
            selection: None,
            card: None,
        }
    }
}

fn diploma_code(diploma: Diploma) -> &'static str {
    match diploma {
        Diploma::Cap => "cap",
        Diploma::CapAgricole => "capa",
        Diploma::BacPro => "bacpro",
        Diploma::BacProAgricole => "bacproa",
        Diploma::BrevetPro => "bp",
        Diploma::MentionComplementaire => "mc",
        Diploma::Autre => "autre",
    }
}

const DIPLOMAS: [Diploma; 7] = [
    Diploma::Cap,
    Diploma::CapAgricole,
    Diploma::BacPro,
    Diploma::BacProAgricole,
    Diploma::BrevetPro,
    Diploma::MentionComplementaire,
    Diploma::Autre,
];

/// `08:05` → 485.
pub fn parse_time(text: &str) -> Option<u32> {
    let (hours, minutes) = text.split_once(':')?;
    let (hours, minutes): (u32, u32) = (hours.parse().ok()?, minutes.parse().ok()?);
    (hours < 24 && minutes < 60).then_some(hours * 60 + minutes)
}

pub fn format_time(minutes: u32) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

/// Escapes the separators of the selection parameter inside a note.
fn escape_note(note: &str) -> String {
    note.replace('%', "%25").replace('|', "%7C").replace('*', "%2A")
}

fn unescape_note(note: &str) -> String {
    note.replace("%2A", "*").replace("%7C", "|").replace("%25", "%")
}

impl ViewState {
    /// Reads decoded query pairs (as `URLSearchParams` gives them).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> (ViewState, Vec<String>) {
        let mut state = ViewState::default();
        let mut notes = Vec::new();
        let mut selection_dropped = 0;
        let mut selection_beyond = 0;
        let mut bad = |key: &str| notes.push(format!("Le paramètre « {key} » de l'adresse est illisible : valeur par défaut utilisée."));
        for (key, value) in pairs {
            match key {
                "depart" => match parse_lat_lon(value) {
                    Some(origin) => state.origin = Some(origin),
                    None => bad(key),
                },
                "mode" => match Mode::ALL.into_iter().find(|m| m.code() == value) {
                    Some(mode) => state.mode = mode,
                    None => bad(key),
                },
                "budget" => match value.parse::<u32>().ok().filter(|b| BUDGET_RANGE.contains(b)) {
                    Some(budget) => state.budget = (budget + BUDGET_STEP / 2) / BUDGET_STEP * BUDGET_STEP,
                    None => bad(key),
                },
                "heure" => match parse_time(value) {
                    Some(time) => state.time = time,
                    None => bad(key),
                },
                "arrivee" => match flag(value) {
                    Some(arrive_by) => state.arrive_by = arrive_by,
                    None => bad(key),
                },
                "diplome" => {
                    for code in value.split(',').filter(|c| !c.is_empty()) {
                        match DIPLOMAS.into_iter().find(|d| diploma_code(*d) == code) {
                            Some(diploma) => {
                                state.filters.diplomas.insert(diploma);
                            }
                            None => bad(key),
                        }
                    }
                }
                "domaine" => state.filters.fields.extend(value.split('|').filter(|f| !f.is_empty()).map(|f| f.chars().take(120).collect())),
                "voie" => {
                    for code in value.split(',').filter(|c| !c.is_empty()) {
                        match code {
                            "scolaire" => state.filters.routes.insert(Route::Scolaire),
                            "apprentissage" => state.filters.routes.insert(Route::Apprentissage),
                            _ => {
                                bad(key);
                                false
                            }
                        };
                    }
                }
                "internat" => match flag(value) {
                    Some(on) => state.filters.boarding = on,
                    None => bad(key),
                },
                "emploi_min" => match value.parse::<u8>().ok().filter(|v| EMPLOYMENT_THRESHOLDS.contains(v)) {
                    Some(v) => state.filters.min_employment = Some(v),
                    None => bad(key),
                },
                "poursuite_min" => match value.parse::<u8>().ok().filter(|v| *v <= 100) {
                    Some(v) => state.filters.min_further_study = Some(v),
                    None => bad(key),
                },
                "pression_max" => match value.parse::<f32>().ok().filter(|v| v.is_finite() && *v >= 0.0) {
                    Some(v) => state.filters.max_pressure = Some(v),
                    None => bad(key),
                },
                "debouches" => match flag(value) {
                    Some(on) => state.filters.good_prospects = on,
                    None => bad(key),
                },
                "pression_faible" => match flag(value) {
                    Some(on) => state.filters.low_pressure = on,
                    None => bad(key),
                },
                "peu_debouches" => match value {
                    "masquer" => state.filters.no_prospects = NoProspectsMode::Hide,
                    "signaler" => state.filters.no_prospects = NoProspectsMode::Flag,
                    _ => bad(key),
                },
                "q" => state.filters.text = value.chars().take(100).collect(),
                "ecole" => {
                    if value.len() == 8 && value.is_ascii() {
                        state.filters.school = Some(value.to_string());
                    } else {
                        bad(key);
                    }
                }
                "tri" => match SortKey::from_code(value) {
                    Some(sort) => state.sort = sort,
                    None => bad(key),
                },
                "selection" => {
                    let (list, dropped, beyond) = parse_selection(value);
                    selection_dropped = dropped;
                    selection_beyond = beyond;
                    state.selection = Some(list);
                }
                "fiche" => {
                    if is_offer_id(value) {
                        state.card = Some(value.to_string());
                    } else {
                        bad(key);
                    }
                }
                // Settings read elsewhere (tiles, region) and unknown keys are left alone.
                _ => {}
            }
        }
        match selection_dropped {
            0 => {}
            1 => notes.push("Un vœu du lien partagé était illisible (lien coupé ?) : il n'a pas été repris.".into()),
            n => notes.push(format!("{n} vœux du lien partagé étaient illisibles (lien coupé ?) : ils n'ont pas été repris.")),
        }
        if selection_beyond > 0 {
            notes.push(format!("Le lien partagé comptait plus de {MAX_WISHES} vœux : seuls les {MAX_WISHES} premiers sont repris."));
        }
        (state, notes)
    }

    /// The view as its address gives it back (coordinates to 5 decimals…): reading the
    /// address written for it then changes nothing.
    pub fn normalised(&self) -> ViewState {
        ViewState::from_pairs(self.to_pairs().iter().map(|(key, value)| (*key, value.as_str()))).0
    }

    /// The pairs to write in the address, defaults left out so links stay short.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let default = ViewState::default();
        let mut pairs = Vec::new();
        if let Some(origin) = self.origin {
            pairs.push(("depart", format!("{:.5},{:.5}", origin.lat, origin.lon)));
        }
        if self.mode != default.mode {
            pairs.push(("mode", self.mode.code().to_string()));
        }
        if self.budget != default.budget {
            pairs.push(("budget", self.budget.to_string()));
        }
        if self.time != default.time {
            pairs.push(("heure", format_time(self.time)));
        }
        if self.arrive_by != default.arrive_by {
            pairs.push(("arrivee", if self.arrive_by { "1" } else { "0" }.to_string()));
        }
        let f = &self.filters;
        if !f.diplomas.is_empty() {
            pairs.push(("diplome", f.diplomas.iter().map(|d| diploma_code(*d)).collect::<Vec<_>>().join(",")));
        }
        if !f.fields.is_empty() {
            pairs.push(("domaine", f.fields.iter().cloned().collect::<Vec<_>>().join("|")));
        }
        if !f.routes.is_empty() {
            let routes: Vec<&str> =
                f.routes.iter().map(|r| if *r == Route::Scolaire { "scolaire" } else { "apprentissage" }).collect();
            pairs.push(("voie", routes.join(",")));
        }
        if f.boarding {
            pairs.push(("internat", "1".into()));
        }
        if let Some(v) = f.min_employment {
            pairs.push(("emploi_min", v.to_string()));
        }
        if let Some(v) = f.min_further_study {
            pairs.push(("poursuite_min", v.to_string()));
        }
        if let Some(v) = f.max_pressure {
            pairs.push(("pression_max", v.to_string()));
        }
        if f.good_prospects {
            pairs.push(("debouches", "1".into()));
        }
        if f.low_pressure {
            pairs.push(("pression_faible", "1".into()));
        }
        if f.no_prospects == NoProspectsMode::Hide {
            pairs.push(("peu_debouches", "masquer".into()));
        }
        if !f.text.is_empty() {
            pairs.push(("q", f.text.clone()));
        }
        if let Some(school) = &f.school {
            pairs.push(("ecole", school.clone()));
        }
        if self.sort != default.sort {
            pairs.push(("tri", self.sort.code().to_string()));
        }
        if let Some(card) = &self.card {
            pairs.push(("fiche", card.clone()));
        }
        if let Some(selection) = &self.selection {
            pairs.push(("selection", selection_param(selection)));
        }
        pairs
    }
}

/// `id*ambition*note|id*ambition|…`
pub fn selection_param(list: &WishList) -> String {
    list.wishes
        .iter()
        .map(|w| {
            let mut item = format!("{}*{}", w.offer_id, w.ambition.code());
            if !w.note.is_empty() {
                item.push('*');
                item.push_str(&escape_note(&w.note));
            }
            item
        })
        .collect::<Vec<_>>()
        .join("|")
}

/// The list, how many items could not be read (cut, damaged), and how many came beyond [`MAX_WISHES`].
fn parse_selection(value: &str) -> (WishList, usize, usize) {
    let mut list = WishList::default();
    let mut dropped = 0;
    let mut beyond = 0;
    for item in value.split('|').filter(|item| !item.is_empty()) {
        let mut parts = item.splitn(3, '*');
        let (Some(id), Some(ambition)) = (parts.next(), parts.next().and_then(Ambition::from_code)) else {
            dropped += 1;
            continue;
        };
        if !is_offer_id(id) {
            dropped += 1;
            continue;
        }
        if list.contains(id) {
            continue;
        }
        if list.wishes.len() == MAX_WISHES {
            beyond += 1;
            continue;
        }
        let note: String = parts.next().map(unescape_note).unwrap_or_default().chars().take(MAX_NOTE).collect();
        list.wishes.push(Wish { offer_id: id.to_string(), ambition, note });
    }
    (list, dropped, beyond)
}

/// `1` or `0`, as the address writes on/off settings.
fn flag(value: &str) -> Option<bool> {
    match value {
        "1" => Some(true),
        "0" => Some(false),
        _ => None,
    }
}

/// An offer id as the dataset writes them (`0350005R-23820022106-st`): short, letters, digits, `-` and `_`.
pub fn is_offer_id(text: &str) -> bool {
    (1..=40).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A settings address (`?tiles=`, `?geocodeur=`, `?api=`): an absolute http(s) URL or a path
/// on this site; never `javascript:` or another site's `//host`.
pub fn is_http_or_site_path(url: &str) -> bool {
    // Browsers read `\` as `/` in web addresses: `/\evil.example` would be another site.
    url.starts_with("https://") || url.starts_with("http://") || (url.starts_with('/') && !url.starts_with("//") && !url.contains('\\'))
}

/// A region folder name (`?region=`), e.g. `ille-et-vilaine`: nothing that could climb out of `data/`.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty() && slug.len() <= 64 && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn parse_lat_lon(text: &str) -> Option<LatLon> {
    let (lat, lon) = text.split_once(',')?;
    let (lat, lon): (f64, f64) = (lat.trim().parse().ok()?, lon.trim().parse().ok()?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon)).then_some(LatLon { lat, lon })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn round_trip(state: &ViewState) -> ViewState {
        let pairs = state.to_pairs();
        let (back, notes) = ViewState::from_pairs(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        assert!(notes.is_empty(), "{notes:?}");
        back
    }

    #[test]
    fn a_full_view_survives_the_address() {
        let mut state = ViewState {
            origin: Some(LatLon { lat: 48.11198, lon: -1.68002 }),
            mode: Mode::Bike,
            budget: 20,
            time: 7 * 60 + 45,
            arrive_by: false,
            sort: SortKey::Employment,
            ..ViewState::default()
        };
        state.filters.diplomas.insert(Diploma::BacPro);
        state.filters.fields.insert("Agro-alimentaire, alimentation, cuisine".into());
        state.filters.routes.insert(Route::Scolaire);
        state.filters.boarding = true;
        state.filters.min_employment = Some(50);
        state.filters.text = "cuisine | rennes * 100%".into();
        state.filters.no_prospects = NoProspectsMode::Hide;
        let mut selection = WishList::default();
        selection.add("0350005R-23820022106-st", Ambition::Ambitieux);
        selection.set_note("0350005R-23820022106-st", "JPO | le 5 * avril à 100%");
        selection.add("0350031U-23810025222-st", Ambition::Securisant);
        state.selection = Some(selection);
        state.card = Some("0350031U-23810025222-st".into());
        assert_eq!(round_trip(&state), state);
    }

    #[test]
    fn every_other_filter_survives_the_address() {
        let mut state = ViewState { mode: Mode::Transit, arrive_by: false, time: 13 * 60 + 5, ..ViewState::default() };
        state.filters.diplomas.extend([Diploma::Cap, Diploma::BacPro]);
        state.filters.fields.extend(["Bâtiment".to_string(), "Santé, social".to_string()]);
        state.filters.routes.insert(Route::Apprentissage);
        state.filters.min_further_study = Some(40);
        state.filters.max_pressure = Some(1.5);
        state.filters.good_prospects = true;
        state.filters.low_pressure = true;
        state.filters.school = Some("0350005R".into());
        assert_eq!(round_trip(&state), state);
    }

    #[test]
    fn on_off_values_other_than_0_and_1_are_named() {
        for key in ["arrivee", "internat", "debouches", "pression_faible"] {
            let (state, notes) = ViewState::from_pairs([(key, "oui")]);
            assert_eq!(state, ViewState::default(), "{key}");
            assert_eq!(notes.len(), 1, "{key}");
            assert!(notes[0].contains(&format!("« {key} »")));
        }
        let (state, notes) = ViewState::from_pairs([("peu_debouches", "cacher")]);
        assert_eq!((state.filters.no_prospects, notes.len()), (NoProspectsMode::Flag, 1));
        assert!(ViewState::from_pairs([("arrivee", "0"), ("peu_debouches", "signaler")]).1.is_empty());
    }

    #[test]
    fn long_text_and_fields_are_cut() {
        let (state, _) = ViewState::from_pairs([("q", "a".repeat(300).as_str()), ("domaine", "b".repeat(300).as_str())]);
        assert_eq!(state.filters.text.chars().count(), 100);
        assert_eq!(state.filters.fields.iter().next().map(|f| f.chars().count()), Some(120));
    }

    #[test]
    fn a_damaged_share_link_keeps_its_readable_wishes_and_says_how_many_were_lost() {
        // The second item lost its ambition (a link cut by a messaging app), the third is not an id.
        let value = "0350005R-23820022106-st*ambitieux|0350031U-23810025222|<b>*securisant|0350062C-24020001-st*realiste*JPO";
        let (state, notes) = ViewState::from_pairs([("selection", value)]);
        let ids: Vec<&str> = state.selection.as_ref().unwrap().wishes.iter().map(|w| w.offer_id.as_str()).collect();
        assert_eq!(ids, ["0350005R-23820022106-st", "0350062C-24020001-st"]);
        assert_eq!(notes, ["2 vœux du lien partagé étaient illisibles (lien coupé ?) : ils n'ont pas été repris."]);
    }

    #[test]
    fn a_share_link_longer_than_the_list_allows_says_so_and_not_that_it_is_damaged() {
        let value: Vec<String> = (0..MAX_WISHES + 2).map(|i| format!("03500{i:02}A-23820022106-st*realiste")).collect();
        let (state, notes) = ViewState::from_pairs([("selection", value.join("|").as_str())]);
        assert_eq!(state.selection.map(|l| l.wishes.len()), Some(MAX_WISHES));
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains(&format!("seuls les {MAX_WISHES} premiers")), "{notes:?}");
    }

    #[test]
    fn the_open_card_survives_the_address() {
        let state = ViewState {
            origin: Some(LatLon { lat: 48.11, lon: -1.68 }),
            mode: Mode::Bike,
            budget: 20,
            card: Some("0350005R-23820022106-st".into()),
            ..ViewState::default()
        };
        let pairs = state.to_pairs();
        assert!(pairs.contains(&("fiche", "0350005R-23820022106-st".to_string())), "{pairs:?}");
        assert_eq!(round_trip(&state), state);
    }

    #[test]
    fn an_unreadable_card_is_named_and_left_closed() {
        for bad in ["", "<script>", "0350005R 23820022106", &"x".repeat(41)] {
            let (state, notes) = ViewState::from_pairs([("fiche", bad)]);
            assert_eq!(state.card, None, "{bad:?}");
            assert_eq!(notes.len(), 1, "{bad:?}");
            assert!(notes[0].contains("« fiche »"));
        }
    }

    #[test]
    fn defaults_write_nothing() {
        assert!(ViewState::default().to_pairs().is_empty());
    }

    #[test]
    fn unreadable_values_keep_defaults_and_are_named() {
        let (state, notes) = ViewState::from_pairs([("budget", "900"), ("heure", "25:00"), ("depart", "abc"), ("tiles", "/x.png")]);
        assert_eq!(state, ViewState::default());
        assert_eq!(notes.len(), 3);
        assert!(notes[0].contains("« budget »"));
    }

    #[test]
    fn link_values_the_controls_cannot_show_are_not_kept_as_such() {
        let (state, notes) = ViewState::from_pairs([("budget", "47"), ("emploi_min", "40")]);
        assert_eq!(state.budget, 45, "the nearest step of the slider");
        assert_eq!(state.filters.min_employment, None);
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("« emploi_min »"));
        assert_eq!(ViewState::from_pairs([("budget", "48"), ("emploi_min", "50")]).0.budget, 50);
    }

    proptest! {
        #[test]
        fn any_address_is_read_without_panicking(pairs in proptest::collection::vec(("[a-z_]{1,14}", "\\PC{0,40}"), 0..12)) {
            let (state, _) = ViewState::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            prop_assert!(BUDGET_RANGE.contains(&state.budget));
            prop_assert_eq!(state.budget % BUDGET_STEP, 0);
            prop_assert!(state.time < 24 * 60);
        }

        #[test]
        fn a_normalised_view_is_what_its_address_gives_back(lat in 41.0f64..51.5, lon in -5.5f64..9.8, budget in 5u32..=90) {
            let state = ViewState { origin: Some(LatLon { lat, lon }), budget, ..ViewState::default() };
            let normalised = state.normalised();
            prop_assert_eq!(round_trip(&normalised), normalised.clone());
            prop_assert_eq!(normalised.normalised(), normalised);
        }

        #[test]
        fn selections_round_trip(notes in proptest::collection::vec("\\PC{0,30}", 1..5)) {
            let mut list = WishList::default();
            for (i, note) in notes.iter().enumerate() {
                let id = format!("03500{i:02}A-2382002210{i}-st");
                list.add(&id, Ambition::ALL[i % 3]);
                list.set_note(&id, note);
            }
            prop_assert_eq!(parse_selection(&selection_param(&list)), (list, 0, 0));
        }
    }

    #[test]
    fn settings_addresses_are_web_addresses_or_paths_here() {
        for good in ["https://data.geopf.fr/geocodage/search", "http://127.0.0.1:8080/api", "/__test__/geocode?cle=K"] {
            assert!(is_http_or_site_path(good), "{good}");
        }
        for bad in ["javascript:alert(1)", "//evil.example/x", "/\\evil.example", "data:text/html,x", "ftp://x", ""] {
            assert!(!is_http_or_site_path(bad), "{bad}");
        }
        assert!(is_slug("ille-et-vilaine") && is_slug("35"));
        for bad in ["", "../secret", "Ille", "a/b", &"x".repeat(65)] {
            assert!(!is_slug(bad), "{bad}");
        }
    }
}
