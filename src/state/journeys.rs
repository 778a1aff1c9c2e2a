//! The journeys from the view's starting point to every school, computed once for all the
//! screens that show them: the explorer's list and map, a card's trip, the selection's export.

use leptos::prelude::*;
use proxipro_isochrone::LatLon;

use crate::journey::{self, Journey};
use crate::source::AppData;
use crate::state::view::ViewStore;

#[derive(Clone, Copy)]
pub struct JourneyStore {
    /// `None` until there is a starting point and the transport network is loaded.
    pub journey: Memo<Option<Journey>>,
    /// A starting point is chosen and its journeys wait for the transport network: until then
    /// every school looks in reach, and the screens say the times are on their way.
    pub waiting: Memo<bool>,
}

impl JourneyStore {
    pub fn provide(view: ViewStore, data: AppData) -> Self {
        // Only what the times depend on: filters, sort, an open card and the budget change nothing.
        let key = Memo::new(move |_| view.state.with(|s| (s.origin, journey::times_key(s))));
        let journey = Memo::new(move |_| {
            let routing = data.routing()?;
            let origin = key.get().0?;
            let state = view.state.get_untracked();
            let origin = LatLon::new(origin.lat, origin.lon);
            Some(crate::perf::measure("journey", || journey::school_times(&routing, &state, origin)))
        });
        // Only once the formations are in: if they failed, their error is what the screens say.
        let waiting = Memo::new(move |_| {
            key.with(|k| k.0.is_some()) && data.dataset.with(|d| matches!(d, Some(Ok(_)))) && data.routing.with(Option::is_none)
        });
        let store = JourneyStore { journey, waiting };
        provide_context(store);
        store
    }
}
