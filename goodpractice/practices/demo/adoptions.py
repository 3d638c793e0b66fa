"""Demo adoptions: organisations that use a demo practice too, so that the practice pages
and the map show how practices spread. An adoption that exists already is left alone,
so loading twice changes nothing. No e-mails are sent."""

import datetime
from dataclasses import dataclass

from goodpractice.organisations.models import Organisation

from ..adoptions import record_adoption
from ..exchange import original_practices
from ..models import Adoption

# practice, adopting organisation (code), adopted on, language, what was changed
DEMO_ADOPTIONS = [
    (
        "demo-hyvinvointineuvola",
        "837",
        datetime.date(2016, 3, 1),
        "fi",
        "Kotikäynnit aloitetaan jo raskausaikana, ja perhetyöntekijä on mukana neuvolan "
        "tiimissä kahtena päivänä viikossa.",
    ),
    (
        "demo-hyvinvointineuvola",
        "564",
        datetime.date(2018, 9, 1),
        "fi",
        "Otettiin käyttöön kahdessa neuvolassa kokeiluna ennen koko kaupunkia.",
    ),
    (
        "demo-systeeminen-toimintamalli",
        "PI",
        datetime.date(2021, 1, 15),
        "fi",
        "Perheterapeutti on mukana kaikissa tiimeissä, ei vain vaativissa asioissa.",
    ),
    (
        "demo-systeeminen-toimintamalli",
        "KS",
        datetime.date(2022, 5, 1),
        "fi",
        "",
    ),
    (
        "demo-systeeminen-toimintamalli",
        "091",
        datetime.date(2021, 9, 1),
        "fi",
        "Tiimit muodostettiin alueittain, ja konsultaatioaika sovitaan viikoittain.",
    ),
    (
        "demo-hjalp-hem",
        "445",
        datetime.date(2023, 2, 1),
        "sv",
        "Teamet besöker familjer i skärgården också per förbindelsebåt, med längre besök "
        "men färre gånger.",
    ),
    (
        "demo-sisukas",
        "LA",
        datetime.date(2022, 1, 10),
        "fi",
        "Koulujen yhteyshenkilöt koulutettiin etäyhteyksin pitkien välimatkojen vuoksi.",
    ),
    (
        "demo-jalkihuollon-olohuone",
        "091",
        datetime.date(2020, 10, 1),
        "fi",
        "Olohuone on auki myös lauantaisin.",
    ),
    (
        "demo-asiakasraati",
        "EP",
        datetime.date(2022, 3, 1),
        "fi",
        "",
    ),
]


@dataclass
class AdoptionReport:
    created: int = 0
    unchanged: int = 0

    def summary(self):
        return f"created {self.created}, unchanged {self.unchanged}"


def load_adoptions(rows=DEMO_ADOPTIONS):
    report = AdoptionReport()
    practices = {
        page.external_id: page
        for page in original_practices().filter(external_id__in={row[0] for row in rows})
    }
    for external_id, code, adopted_on, language, changes in rows:
        practice = practices.get(external_id)
        organisation = Organisation.objects.lookup(code)
        if practice is None or organisation is None:
            continue
        if Adoption.objects.of_practice(practice).filter(organisation=organisation).exists():
            report.unchanged += 1
            continue
        record_adoption(
            practice,
            organisation,
            language=language,
            adopted_on=adopted_on,
            changes=changes,
            contact_name="Demo Yhteyshenkilö",
            contact_email=f"adoption-{organisation.slug}@example.invalid",
        )
        report.created += 1
    return report
