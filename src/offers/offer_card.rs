//! The card of one offer, at `/formation/<id>`: every figure with its year and
//! source, and what is missing said as missing. [`OfferCardContent`] is the card
//! itself, shown by the page and by the explorer's bottom sheet on phones.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use proxipro_model::{Dataset, Figure, Job, Offer, Outcomes, Programme, Route, School};

use super::trip_section::TripSection;
use crate::state::view::ViewStore;
use crate::selection::wish_button::WishButtons;
use crate::source::AppData;
use crate::ui::figure::{FigureRow, SourceLink, SourceName};
use proxipro_explore::format::{decimal, percent};
use crate::ui::load_state::{LoadFailed, Loading};

/// Id of the card's title, for the dialogs that show a card to be named by it.
pub const CARD_TITLE_ID: &str = "titre-fiche";

#[component]
pub fn OfferCardPage() -> impl IntoView {
    let params = use_params_map();
    let store = expect_context::<ViewStore>();
    let id = Signal::derive(move || params.read().get("id").unwrap_or_default());

    view! {
        <article class="page offer-card">
            <p><a class="back-link" href=move || store.link("/")>"← Retour à la carte"</a></p>
            <OfferCardContent offer_id=id/>
        </article>
    }
}

/// The titles of a card that cannot be shown, also the page's title.
pub const NOT_FOUND: &str = "Formation introuvable";
pub const MISSING_FROM_PARTIAL_LIST: &str = "Formation absente de la liste incomplète reçue";

/// The card of the offer `offer_id`, once the dataset is there: loading and
/// failure states, a missing offer said plainly. Its title is an `<h1 id="titre-fiche">`.
#[component]
pub fn OfferCardContent(#[prop(into)] offer_id: Signal<String>) -> impl IntoView {
    let data = expect_context::<AppData>();
    let store = expect_context::<ViewStore>();
    move || match data.dataset.get() {
        None => view! { <Loading message="Chargement de la formation…"/> }.into_any(),
        Some(Err(error)) => view! {
            <LoadFailed title="Impossible de charger la formation" error=error on_retry=move |_| data.dataset.refetch()/>
        }
        .into_any(),
        Some(Ok(loaded)) => match loaded.dataset.offer(&offer_id.get()).cloned() {
            Some(offer) => view! { <OfferCard dataset=loaded.dataset.clone() offer=offer/> }.into_any(),
            // From an incomplete list (the API answered in part), the offer may simply not have come.
            None if !loaded.complete => view! {
                <h1 id=CARD_TITLE_ID tabindex="-1">{MISSING_FROM_PARTIAL_LIST}</h1>
                <p>"La liste des formations reçue est incomplète : si celle-ci existe toujours, elle apparaîtra avec la liste complète."</p>
            }
            .into_any(),
            None => view! {
                <h1 id=CARD_TITLE_ID tabindex="-1">{NOT_FOUND}</h1>
                <p>"Aucune formation ne correspond à ce lien dans les données actuelles."</p>
                <p><a href=move || store.link("/")>"Explorer les formations"</a></p>
            }
            .into_any(),
        },
    }
}

/// The figures of one offer, from the loaded dataset.
#[component]
pub fn OfferCard(dataset: Arc<Dataset>, offer: Offer) -> impl IntoView {
    let Some(programme) = dataset.programme(&offer.cfd).cloned() else {
        return view! { <p>"Les informations sur le diplôme de cette formation ne sont pas disponibles."</p> }.into_any();
    };
    let school = dataset.school(&offer.uai).cloned();
    let outcomes: Vec<(Programme, Outcomes)> =
        dataset.outcomes_of(&offer).into_iter().map(|(p, o)| (p.clone(), o.clone())).collect();
    // A common seconde's specialities without published figures are named, not left out.
    let without_figures: Vec<String> = programme
        .specialities
        .iter()
        .filter_map(|cfd| dataset.programme(cfd))
        .filter(|speciality| !outcomes.iter().any(|(p, _)| p.cfd == speciality.cfd))
        .map(Programme::title)
        .collect();
    let no_prospects = dataset.has_no_prospects(&offer);
    let sources = card_sources(&dataset, &offer);
    // The trip's time, when the card shows one, comes from the network's timetables and streets.
    let (data, view_store) = (expect_context::<AppData>(), expect_context::<ViewStore>());
    let network_sources = move || {
        let trip_shown = view_store.state.with(|s| s.origin.is_some());
        let provenance = data.provenance.get().and_then(Result::ok).filter(|_| trip_shown);
        let ids: Vec<String> = provenance.map_or_else(Vec::new, |p| {
            p.sources.iter().filter(|s| crate::source::is_network_source(&s.id)).map(|s| s.id.clone()).collect()
        });
        ids.into_iter().map(|id| view! { <li><SourceLink id=id/></li> }).collect_view()
    };
    let access = offer.access.clone();
    let pressure_level = access.pressure_level().map(|level| level.label());

    view! {
        <header class="card-header">
            <p class="card-kicker">{programme.diploma.label()} " · " {offer.route.label()} " · " {offer.entry.label()}</p>
            <h1 id=CARD_TITLE_ID tabindex="-1">{dataset.offer_title(&offer)}</h1>
            {school.as_ref().map(|s| {
                let commune = (!s.address.commune.trim().is_empty()).then(|| format!(" — {}", s.address.commune));
                view! { <p class="card-school">{s.name.clone()} {commune}</p> }
            })}
            {no_prospects.then(|| view! {
                <p class="warning" role="note">
                    "Peu de débouchés : dans la région, moins de 30\u{202f}% des sortants sont en emploi et moins de 50\u{202f}% poursuivent des études six mois après."
                </p>
            })}
        </header>

        <section aria-labelledby="acces">
            <h2 id="acces">"Accès"</h2>
            {pressure_level.map(|label| view! { <p class="level-tag">{label}</p> })}
            <dl class="figures">
                <FigureRow label="Places" figure=access.capacity show=|v: &u32| v.to_string()/>
                <FigureRow label="Vœux de rang 1" figure=access.first_wishes show=|v: &u32| v.to_string()/>
                <FigureRow label="Taux de pression (vœux 1 ÷ places)" figure=access.pressure show=|v: &f32| decimal(*v, 2)/>
                <FigureRow label="Vœux, tous rangs" figure=access.all_wishes show=|v: &u32| v.to_string()/>
                <FigureRow label="Affectés sur leur vœu 1" figure=access.admitted_first_wish show=|v: &u32| v.to_string()/>
            </dl>
        </section>

        <section aria-labelledby="contenu-formation">
            <h2 id="contenu-formation">"La formation"</h2>
            <dl class="figures">
                <div class="figure-row"><dt>"Diplôme"</dt><dd>{programme.diploma.label()} " (code " {programme.cfd.clone()} ")"</dd></div>
                <div class="figure-row">
                    <dt>"Durée"</dt>
                    <dd>{super::duration(&dataset, &offer).unwrap_or_else(|| "Non disponible".to_string())}</dd>
                </div>
                {programme.field.clone().map(|field| view! { <div class="figure-row"><dt>"Domaine"</dt><dd>{field}</dd></div> })}
                {programme.famille.clone().map(|famille| view! { <div class="figure-row"><dt>"Famille de métiers"</dt><dd>{famille}</dd></div> })}
            </dl>
            <Description figure=programme.description.clone()/>
            {programme.onisep_url.clone().map(|url| view! {
                <p><a class="line-link" href=url rel="noopener" target="_blank">"Fiche Onisep de la formation"<span class="visually-hidden">" (nouvelle fenêtre)"</span></a></p>
            })}
        </section>

        <section aria-labelledby="devenir">
            <h2 id="devenir">"Que deviennent les élèves ?"</h2>
            <OutcomesView
                outcomes=outcomes
                without_figures=without_figures
                common_year=programme.common_year
                route=offer.route
                region=dataset.region.region_name.clone()
            />
            <dl class="figures">
                <FigureRow label="Salaires" figure=programme.salary.clone() show=|v: &String| v.clone()/>
            </dl>
        </section>

        <section aria-labelledby="metiers">
            <h2 id="metiers">"Métiers visés"</h2>
            <JobsView jobs=programme.jobs.clone()/>
        </section>

        <TripSection uai=offer.uai.clone()/>
        {match school {
            Some(school) => view! { <SchoolView school=school/> }.into_any(),
            None => view! {
                <section aria-labelledby="etablissement">
                    <h2 id="etablissement">"L'établissement"</h2>
                    <p class="figure-missing">"Les informations sur l'établissement ne sont pas disponibles."</p>
                </section>
            }
            .into_any(),
        }}
        <WishButtons offer_id=offer.id.clone()/>
        <section aria-labelledby="sources-fiche">
            <h2 id="sources-fiche">"Sources de cette fiche"</h2>
            <ul class="card-sources">
                {network_sources}
                {sources.into_iter().map(|id| view! { <li><SourceLink id=id/></li> }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// Every source of the card's facts and figures, once each, in the order the card shows them.
fn card_sources(dataset: &Dataset, offer: &Offer) -> Vec<String> {
    let access = &offer.access;
    let mut ids = vec![
        access.capacity.source.clone(),
        access.first_wishes.source.clone(),
        access.pressure.source.clone(),
        access.all_wishes.source.clone(),
        access.admitted_first_wish.source.clone(),
    ];
    if let Some(programme) = dataset.programme(&offer.cfd) {
        ids.extend(programme.sources.iter().cloned());
        ids.push(programme.description.source.clone());
        ids.push(programme.salary.source.clone());
        ids.extend(programme.jobs.iter().map(|job| job.shortage.source.clone()));
    }
    for (_, outcomes) in dataset.outcomes_of(offer) {
        ids.extend([outcomes.cohort.source.clone(), outcomes.employment.source.clone(), outcomes.further_study.source.clone()]);
    }
    if let Some(school) = dataset.school(&offer.uai) {
        ids.push(school.source.clone());
        ids.push(school.open_days.source.clone());
        if let Some(o) = &school.outcomes {
            ids.extend([o.employment_6_months.source.clone(), o.further_study.source.clone()]);
        }
    }
    let mut seen = std::collections::HashSet::new();
    ids.into_iter().filter(|id| !id.is_empty() && seen.insert(id.clone())).collect()
}

#[component]
fn Description(figure: Figure<Vec<String>>) -> impl IntoView {
    match figure.value {
        Some(paragraphs) => view! {
            <div class="description">
                {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                <p class="figure-origin">"Texte Onisep · " <SourceName id=figure.source/></p>
            </div>
        }
        .into_any(),
        None => view! { <p class="figure-missing">"Présentation non disponible : " {figure.missing.unwrap_or_default()}</p> }.into_any(),
    }
}

#[component]
fn OutcomesView(
    outcomes: Vec<(Programme, Outcomes)>,
    /// Specialities of a common seconde with no published figures.
    without_figures: Vec<String>,
    common_year: bool,
    /// The offer's: another route's figures may exist, and are not this offer's.
    route: Route,
    region: String,
) -> impl IntoView {
    let none_published = format!(
        "Non disponible : aucune donnée InserJeunes pour ce diplôme {} en {region}.",
        route.label().to_lowercase()
    );
    if outcomes.is_empty() && without_figures.is_empty() {
        return view! { <p class="figure-missing">{none_published}</p> }.into_any();
    }
    let intro = if common_year {
        format!("Cette 2de mène à plusieurs bacs pro ; voici le devenir de leurs sortants en {region}, six mois après.")
    } else {
        format!("Sortants de cette formation en {region}, six mois après (tous établissements de la région).")
    };
    view! {
        <p>{intro}</p>
        {outcomes
            .into_iter()
            .map(|(programme, outcomes)| {
                let heading = common_year.then(|| programme.title());
                // What the rates are compared with: the same diplomas, route and millésime in the region.
                let scope = format!(
                    "{}, {}, en {region}, {}",
                    programme.diploma.benchmark_group(),
                    match outcomes.route {
                        Route::Scolaire => "voie scolaire",
                        Route::Apprentissage => "apprentissage",
                    },
                    outcomes.employment.year
                );
                let employment_level = outcomes.employment_benchmark.as_ref().map(|b| (b.level.label(), b.quartiles, b.programmes, scope.clone()));
                let study_level = outcomes.further_study_benchmark.as_ref().map(|b| (b.level.label(), b.quartiles, b.programmes, scope));
                let warning = outcomes.no_prospects() == Some(true);
                view! {
                    <div class="outcomes" data-cfd=programme.cfd.clone()>
                        {heading.map(|h| view! { <h3>{h}</h3> })}
                        {warning.then(|| view! { <p class="warning-badge">"Peu de débouchés"</p> })}
                        <dl class="figures">
                            <FigureRow label="Élèves en année terminale" figure=outcomes.cohort show=|v: &u32| v.to_string()/>
                            <FigureRow label="En emploi à 6 mois (parmi les sortants)" figure=outcomes.employment show=|v: &f32| percent(*v)/>
                            {employment_level.map(|b| view! { <Comparison what="emploi" benchmark=b/> })}
                            <FigureRow label="En poursuite d'études (parmi les élèves de terminale)" figure=outcomes.further_study show=|v: &f32| percent(*v)/>
                            {study_level.map(|b| view! { <Comparison what="poursuite d'études" benchmark=b/> })}
                            <FigureRow label="Autres situations (parmi les élèves de terminale)" figure=outcomes.other show=|v: &f32| percent(*v)/>
                        </dl>
                    </div>
                }
            })
            .collect_view()}
        {without_figures.into_iter().map(|title| view! {
            <div class="outcomes">
                <h3>{title}</h3>
                <p class="figure-missing">{none_published.clone()}</p>
            </div>
        }).collect_view()}
        <p class="hint">
            "Le taux d'emploi se calcule parmi les sortants (les élèves qui ne poursuivent pas d'études) ; "
            "la poursuite d'études et les autres situations, parmi tous les élèves de l'année terminale. "
            "Les trois ne s'additionnent donc pas."
        </p>
    }
    .into_any()
}

#[component]
fn Comparison(what: &'static str, benchmark: (&'static str, [f32; 5], u32, String)) -> impl IntoView {
    let (label, q, count, scope) = benchmark;
    view! {
        <div class="figure-row comparison">
            <dt>"Comparaison régionale (" {what} ")"</dt>
            <dd>
                <span class="level-tag">{label}</span>
                <span class="figure-origin">
                    {format!(
                        "1er quartile {} · médiane {} · 3e quartile {} ({count} formations comparables : {scope})",
                        percent(q[1]), percent(q[2]), percent(q[3])
                    )}
                </span>
            </dd>
        </div>
    }
}

#[component]
fn JobsView(jobs: Vec<Job>) -> impl IntoView {
    if jobs.is_empty() {
        return view! { <p class="figure-missing">"Non disponible : aucun métier (code ROME) relié à ce diplôme dans Certif Info."</p> }.into_any();
    }
    let shortage_note = jobs.first().and_then(|job| job.shortage.missing.clone());
    view! {
        <ul class="job-list">
            {jobs
                .into_iter()
                .map(|job| {
                    let flags = [
                        (job.green == Some(true)).then_some("Transition écologique"),
                        (job.digital == Some(true)).then_some("Transition numérique"),
                    ];
                    view! {
                        <li>
                            {match job.url {
                                Some(url) => view! {
                                    <a class="line-link" href=url rel="noopener" target="_blank">
                                        {job.label}<span class="visually-hidden">" (nouvelle fenêtre)"</span>
                                    </a>
                                }
                                .into_any(),
                                None => view! { <span>{job.label}</span> }.into_any(),
                            }}
                            " "<span class="figure-origin">"ROME " {job.rome}</span>
                            {flags.into_iter().flatten().map(|flag| view! { <span class="badge">{flag}</span> }).collect_view()}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        {shortage_note.map(|note| view! { <p class="figure-missing">"Métiers en tension non disponibles : " {note}</p> })}
    }
    .into_any()
}

#[component]
fn SchoolView(school: School) -> impl IntoView {
    // An API may leave parts out: only those given are written, and none at all says so.
    let town = format!("{} {}", school.address.postcode, school.address.commune).trim().to_string();
    let address = [school.address.street.trim(), town.as_str()].into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>().join(", ");
    let boarding = match school.boarding {
        Some(true) => "Oui",
        Some(false) => "Non",
        None => "Non renseigné",
    };
    view! {
        <section aria-labelledby="etablissement">
            <h2 id="etablissement">"L'établissement"</h2>
            <dl class="figures">
                <div class="figure-row"><dt>"Nom"</dt><dd>{school.name.clone()}</dd></div>
                <div class="figure-row"><dt>"Type"</dt><dd>{school.kind.label()} " · " {school.sector.label()}</dd></div>
                <div class="figure-row"><dt>"Adresse"</dt><dd>{if address.is_empty() {
                    view! { <span class="figure-missing">"Non disponible"</span> }.into_any()
                } else {
                    view! { <span>{address}</span> }.into_any()
                }}</dd></div>
                <div class="figure-row"><dt>"Internat"</dt><dd>{boarding}</dd></div>
                <div class="figure-row">
                    <dt>"Site web"</dt>
                    <dd>{match school.website.clone() {
                        Some(url) => {
                            let text = url.clone();
                            view! {
                                <a class="line-link" href=url rel="noopener" target="_blank">
                                    {text}<span class="visually-hidden">" (nouvelle fenêtre)"</span>
                                </a>
                            }
                            .into_any()
                        }
                        None => view! { <span class="figure-missing">"Non disponible"</span> }.into_any(),
                    }}</dd>
                </div>
                <FigureRow label="Portes ouvertes" figure=school.open_days.clone() show={|days: &Vec<String>| days.join(" ; ")}/>
                {match school.outcomes.clone() {
                    Some(o) => view! {
                        <FigureRow label="Taux d'emploi à 6 mois du lycée (voie scolaire, toutes formations)" figure=o.employment_6_months show=|v: &f32| percent(*v)/>
                        <FigureRow label="Taux attendu, vu ses élèves et son territoire" figure=o.employment_expected show=|v: &f32| percent(*v)/>
                        <FigureRow label="Valeur ajoutée (points)" figure=o.added_value show=|v: &f32| decimal(*v, 0)/>
                        <FigureRow label="Poursuite d'études (voie scolaire, toutes formations)" figure=o.further_study show=|v: &f32| percent(*v)/>
                    }
                    .into_any(),
                    None => view! {
                        <div class="figure-row">
                            <dt>"Taux d'emploi à 6 mois du lycée"</dt>
                            <dd><span class="figure-missing">"Non disponible : aucun chiffre InserJeunes pour ce lycée dans les données utilisées"</span></dd>
                        </div>
                    }
                    .into_any(),
                }}
            </dl>
            <p class="figure-origin">"UAI " {school.uai.clone()} " · " <SourceName id=school.source.clone()/></p>
        </section>
    }
}
