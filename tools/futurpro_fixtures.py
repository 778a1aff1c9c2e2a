#!/usr/bin/env python3
"""Writes Futur Pro-shaped answers (GET /api/formations pages and
GET /api/formation/:id details) from real rows of our committed dataset, for
the adapter's tests and the end-to-end fixture server. The shape follows
c-est-qui-le-pro's shared/types/{formation,etablissement}.ts; every value is
one of ours (Affelnet 2022, InserJeunes, annuaire), nothing is made up.

    python3 tools/futurpro_fixtures.py   # rewrites crates/futurpro/tests/fixtures/
"""
import json, os, pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "crates/futurpro/tests/fixtures"
PAGE_SIZE = 5  # small pages, so the fixtures exercise paging
OFFERS = 12

data = json.loads((ROOT / "public/data/ille-et-vilaine/dataset.json").read_text())
schools = {s["uai"]: s for s in data["schools"]}
programmes = {p["cfd"]: p for p in data["programmes"]}
# Offers in Rennes, at most three per school: a real, stable selection across several lycées.
offers, per_school = [], {}
for o in data["offers"]:
    if schools[o["uai"]]["address"]["commune"] == "Rennes" and per_school.get(o["uai"], 0) < 3 and len(offers) < OFFERS:
        per_school[o["uai"]] = per_school.get(o["uai"], 0) + 1
        offers.append(o)

def value(figure):
    return figure.get("value")

def strip(obj):
    """Futur Pro removes nulls before answering (stripNull)."""
    if isinstance(obj, dict):
        return {k: strip(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [strip(v) for v in obj]
    return obj

KIND = {"lycee_professionnel": "LP", "lycee_polyvalent": "LYC", "section_enseignement_professionnel": "SEP", "cfa": "CFA"}

def etablissement(school):
    return {
        "id": "etab-" + school["uai"], "uai": school["uai"], "libelle": school["name"],
        "type": KIND.get(school["kind"], "INCONNU"), "statut": {"public": "public", "prive": "privé"}[school["sector"]],
        "url": school.get("website"), "onisepId": school.get("onisep_id"),
        "addressStreet": school["address"]["street"], "addressPostCode": school["address"]["postcode"],
        "addressCity": school["address"]["commune"],
        "latitude": school["position"]["lat"], "longitude": school["position"]["lon"],
        "hasFormationWithHebergement": school.get("boarding"), "academie": "14", "region": "53",
    }

def formation(programme, offer):
    return {
        "id": "form-" + offer["cfd"], "cfd": offer["cfd"], "voie": offer["route"], "libelle": programme["label"],
        "mef11": offer["mef_stat_11"], "niveauDiplome": offer["cfd"][:3],
        "onisepIdentifiant": (programme.get("onisep_url") or "").rsplit("/", 1)[-1] or None,
        "isAnneeCommune": programme["common_year"] or None,
        "metier": [{"id": j["rome"], "rome": j["rome"], "libelle": j["label"],
                    "transitionEcologique": bool(j.get("green")), "transitionNumerique": bool(j.get("digital")),
                    "transitionDemographique": False, "franceTravailLink": j.get("url")} for j in programme["jobs"]],
    }

def detail(offer):
    programme = programmes[offer["cfd"]]
    access = offer["access"]
    entree = {"rentreeScolaire": access["capacity"].get("year", "2022"), "capacite": value(access["capacity"]),
              "premiersVoeux": value(access["first_wishes"]), "tauxPression": value(access["pressure"])}
    fe = {"id": "fe-" + offer["id"], "duree": f'{programme["duration_years"]} ans' if programme.get("duration_years") else None,
          "indicateurEntree": entree}
    rates = next((o for o in programme["outcomes"] if o["route"] == offer["route"]), None)
    if rates:
        fe["indicateurPoursuiteRegional"] = {"byDiplome": {
            "millesime": rates["employment"]["year"].replace("-", "_"), "region": "53",
            "taux_en_emploi_6_mois": value(rates["employment"]), "taux_en_formation": value(rates["further_study"]),
            "taux_autres_6_mois": value(rates["other"])}}
    return {"formationEtablissement": fe, "formation": formation(programme, offer), "etablissement": etablissement(schools[offer["uai"]])}

def list_item(offer):
    full = detail(offer)
    fe = {k: v for k, v in full["formationEtablissement"].items() if k in ("id", "duree")}
    return {**full, "formationEtablissement": fe}

OUT.mkdir(parents=True, exist_ok=True)
for old in OUT.glob("*.json"):
    old.unlink()
pages = [offers[i:i + PAGE_SIZE] for i in range(0, len(offers), PAGE_SIZE)]
for number, page in enumerate(pages, start=1):
    body = {"pagination": {"total": len(offers), "totalIsochrone": 0, "page": number, "items_par_page": PAGE_SIZE,
                           "nombre_de_page": len(pages)},
            "formations": [list_item(o) for o in page]}
    (OUT / f"formations-page-{number}.json").write_text(json.dumps(strip(body), ensure_ascii=False, indent=1) + "\n")
for offer in offers:
    key = f'{offer["cfd"]}--{offer["uai"]}-{offer["route"]}'
    (OUT / f"formation-{key}.json").write_text(json.dumps(strip(detail(offer)), ensure_ascii=False, indent=1) + "\n")
print(f"{len(offers)} offers, {len(pages)} pages → {OUT.relative_to(ROOT)}")
