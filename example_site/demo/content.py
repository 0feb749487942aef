# ruff: noqa: E501  (prose: a sentence reads better unbroken than split to fit the line length)
"""
The demo city: an invented, Munich-style set of digitalisation measures.

Everything here is made up for the demo (names, numbers, council references); it only
follows the shape of Munich's 2019 strategy (three core areas, six principles).

Conventions, so that the loader can translate everything with wagtail-localize:
- a text that differs by language is a ``(german, english)`` pair;
- a plain ``str`` is the same in both languages (abbreviations, references);
- ``steps`` is a measure's history, oldest first, as ``(days ago, ring slug, progress %)``;
  the last step is where the measure stands today. Days are relative to the day the demo
  is loaded, so that "new" and "moved" (last 90 days) always have something to show.
"""

HOME = {
    "title": ("Digitales München", "Digital Munich"),
    "slug": "start",
    "intro": [
        (
            "Willkommen in der Demo-Stadt. Hier zeigt die Stadt, welche Digitalisierungsmaßnahmen sie plant, "
            "umsetzt und abgeschlossen hat, und lädt Sie ein, sie zu kommentieren und zu bewerten.",
            "Welcome to the demo city. Here the city shows which digitalisation measures it plans, carries out "
            "and has completed, and invites you to comment on them and rate them.",
        ),
        (
            "Alle Inhalte sind erfunden und dienen nur der Vorführung.",
            "All content is invented and for demonstration only.",
        ),
    ],
}

# A rich-text page as (tag, text) blocks: each block is one translatable string.
PRIVACY = {
    "title": ("Datenschutz", "Privacy"),
    "slug": ("datenschutz", "privacy"),
    "body": [
        (
            "p",
            (
                "Diese Demo-Seite zeigt, welche Daten der Digitalisierungsradar speichert. Sie ist kein echtes "
                "Angebot der Stadt.",
                "This demo page shows which data the digitalisation radar stores. It is not a real service of "
                "the city.",
            ),
        ),
        ("h2", ("Kommentare", "Comments")),
        (
            "p",
            (
                "Wenn Sie eine Maßnahme kommentieren, speichern wir Ihren Namen oder ein Pseudonym, Ihre "
                "E-Mail-Adresse (nur zur Bestätigung, sie wird nie angezeigt), den Text und den Zeitpunkt. "
                "Die E-Mail zur Bestätigung wiederholt Ihren Kommentar nicht.",
                "When you comment on a measure, we store your name or a pseudonym, your email address (only to "
                "confirm the comment; it is never shown), the text and the time. The confirmation email does "
                "not repeat your comment.",
            ),
        ),
        (
            "p",
            (
                "Sie können Ihre Kommentare jederzeit exportieren oder löschen lassen.",
                "You can export your comments or have them deleted at any time.",
            ),
        ),
        ("h2", ("Bewertungen", "Ratings")),
        (
            "p",
            (
                "Für eine Bewertung setzen wir ein Cookie mit einer zufälligen Kennung, damit Sie Ihre Bewertung "
                "ändern oder zurückziehen können. Niemand kann sehen, wer wie bewertet hat; angezeigt werden nur "
                "Anzahl und Verteilung.",
                "To rate a measure, we set a cookie with a random identifier, so that you can change or withdraw "
                "your rating. Nobody can see who rated what; only the count and the distribution are shown.",
            ),
        ),
        ("h2", ("Was wir nicht speichern", "What we do not store")),
        (
            "p",
            (
                "Wir speichern keine IP-Adressen. Cookies setzen wir nur, wenn Sie bewerten. Wir binden keine "
                "fremden Schriften, Captchas oder Tracker ein.",
                "We do not store IP addresses. We set cookies only when you rate. We embed no third-party fonts, "
                "captchas or trackers.",
            ),
        ),
        ("h2", ("Kontakt", "Contact")),
        (
            "p",
            (
                "Fragen zum Datenschutz: datenschutz@example.invalid",
                "Questions about privacy: datenschutz@example.invalid",
            ),
        ),
    ],
}

RADAR = {
    "title": ("Digitalisierungsradar", "Digitalisation radar"),
    "slug": "radar",
    "intro": [
        (
            "Der Digitalisierungsradar zeigt alle stadtweiten Digitalisierungsmaßnahmen auf einen Blick: "
            "geordnet nach den Kernbereichen der Strategie und nach ihrer Phase, von der Idee bis zum Abschluss.",
            "The digitalisation radar shows all city-wide digitalisation measures at a glance: sorted by the "
            "core areas of the strategy and by their phase, from idea to completion.",
        ),
    ],
    # Names come from the radar's defaults; the demo adds descriptions and the English names.
    "sectors": {
        "stadtgesellschaft": {
            "name": ("Stadtgesellschaft", "City society"),
            "description": (
                "Angebote, die sich am Gemeinwohl orientieren: Beteiligung, Bildung und offene Daten.",
                "Services for the common good: participation, education and open data.",
            ),
        },
        "infrastruktur": {
            "name": ("Infrastruktur", "Infrastructure"),
            "description": (
                "Digitale Lösungen für Mobilität, Energie, Umwelt und Sicherheit.",
                "Digital solutions for mobility, energy, environment and security.",
            ),
        },
        "verwaltung": {
            "name": ("Verwaltung", "Administration"),
            "description": (
                "Die Verwaltung als moderner Dienstleister mit effizienten, digitalen Abläufen.",
                "The administration as a modern service provider with efficient, digital processes.",
            ),
        },
    },
    "rings": {
        "idee": {
            "name": ("Idee", "Idea"),
            "description": ("Vorgeschlagen und in Prüfung.", "Proposed and under review."),
        },
        "in-planung": {
            "name": ("In Planung", "Planning"),
            "description": (
                "Beschlossen; Konzept und Vergabe laufen.",
                "Decided; concept and procurement under way.",
            ),
        },
        "in-umsetzung": {
            "name": ("In Umsetzung", "In progress"),
            "description": ("Wird gebaut oder eingeführt.", "Being built or rolled out."),
        },
        "abgeschlossen": {
            "name": ("Abgeschlossen", "Completed"),
            "description": ("Fertig und im Regelbetrieb.", "Done and in regular operation."),
        },
    },
}

DEPARTMENTS = [
    # slug, name, abbreviation
    ("it-referat", ("IT-Referat", "IT Department"), "RIT"),
    ("kreisverwaltungsreferat", ("Kreisverwaltungsreferat", "District Administration Department"), "KVR"),
    ("mobilitaetsreferat", ("Mobilitätsreferat", "Mobility Department"), "MOR"),
    (
        "klima-umwelt",
        ("Referat für Klima- und Umweltschutz", "Department of Climate and Environmental Protection"),
        "RKU",
    ),
    ("bildung-sport", ("Referat für Bildung und Sport", "Department of Education and Sport"), "RBS"),
    ("direktorium", ("Direktorium", "Mayor's Office"), "D"),
    ("kommunalreferat", ("Kommunalreferat", "Municipal Property Department"), "KR"),
    (
        "stadtplanung",
        ("Referat für Stadtplanung und Bauordnung", "Department of Urban Planning and Building Regulation"),
        "PLAN",
    ),
    ("baureferat", ("Baureferat", "Public Works Department"), "BAU"),
    ("sozialreferat", ("Sozialreferat", "Social Services Department"), "SOZ"),
    ("kulturreferat", ("Kulturreferat", "Department of Arts and Culture"), "KULT"),
    ("stadtkaemmerei", ("Stadtkämmerei", "City Treasury"), "SKA"),
]

TOPICS = [
    ("mobilitaet", ("Mobilität", "Mobility")),
    ("energie", ("Energie", "Energy")),
    ("umwelt", ("Umwelt", "Environment")),
    ("sicherheit", ("Sicherheit", "Security")),
    ("buerger-id", ("Bürger-ID", "Citizen ID")),
    ("app-strategie", ("App-Strategie", "App strategy")),
    ("bildung", ("Bildung", "Education")),
    ("open-data", ("Open Data", "Open data")),
    ("verwaltung-digital", ("Verwaltung digital", "Digital administration")),
    ("beteiligung", ("Beteiligung", "Participation")),
]

# The six principles exist already (data migration); the demo only translates them.
PRINCIPLES = {
    "informationssicherheit": ("Informationssicherheit", "Information security"),
    "datenschutz": ("Datenschutz", "Data protection"),
    "offenheit-und-transparenz": ("Offenheit und Transparenz", "Openness and transparency"),
    "standards": ("Standards", "Standards"),
    "barrierefreiheit": ("Barrierefreiheit", "Accessibility"),
    "buergerzentrierung": ("Bürgerzentrierung", "Citizen focus"),
}

CITY_BUDGET = ("Städtischer Haushalt", "City budget")
DIGITAL_FUND = ("Digitalisierungsbudget der Stadt", "City digitalisation budget")
STATE_FUNDING = ("Förderprogramm des Freistaats (erfunden)", "State funding programme (invented)")

MEASURES = [
    # --- Stadtgesellschaft -------------------------------------------------------------
    {
        "id": "DR-2019-001",
        "sector": "stadtgesellschaft",
        "title": ("Digitale Nachbarschaftsplattform", "Digital neighbourhood platform"),
        "teaser": (
            "Eine werbefreie Plattform, auf der sich Nachbarinnen und Nachbarn im Viertel vernetzen und helfen.",
            "An ad-free platform where neighbours connect and help each other in their district.",
        ),
        "body": [
            (
                "Die Idee stammt aus einem Bürgerworkshop: Statt kommerzieller Netzwerke soll eine städtische, "
                "datensparsame Plattform Nachbarschaftshilfe, Tauschbörsen und Termine im Viertel bündeln. "
                "Geprüft wird, ob eine bestehende Open-Source-Lösung genügt.",
                "The idea comes from a citizens' workshop: instead of commercial networks, a municipal, "
                "data-minimising platform is to bring together neighbourly help, swap meets and local events. "
                "We are checking whether an existing open-source solution is enough.",
            )
        ],
        "steps": [(40, "idee", 0)],
        "start": "2026-10-01",
        "planned_end": "2028-06-30",
        "progress_method": (
            "Noch keine Messung; die Maßnahme ist in Prüfung.",
            "Not measured yet; the measure is under review.",
        ),
        "milestones": [(("Machbarkeitsstudie", "Feasibility study"), "2027-03-31", False)],
        "lead": "sozialreferat",
        "co": ["it-referat"],
        "contact": "nachbarschaft@example.invalid",
        "principles": [
            (
                "datenschutz",
                (
                    "Keine Werbung, keine Profile, Daten nur in städtischen Rechenzentren.",
                    "No ads, no profiles, data only in municipal data centres.",
                ),
            ),
            ("buergerzentrierung", ("Entstanden aus einem Bürgerworkshop.", "Born in a citizens' workshop.")),
        ],
        "topics": ["beteiligung"],
    },
    {
        "id": "DR-2019-002",
        "sector": "stadtgesellschaft",
        "title": (
            "Offene Digitalwerkstätten in Stadtbibliotheken",
            "Open digital workshops in city libraries",
        ),
        "teaser": (
            "3D-Drucker, Lötstationen und Hilfe beim Programmieren: Werkstätten für alle in den Stadtteilbibliotheken.",
            "3D printers, soldering stations and help with coding: workshops for everyone in the district libraries.",
        ),
        "body": [
            (
                "Stadtteilbibliotheken sollen Orte werden, an denen man Technik ausprobieren kann, ohne sie kaufen "
                "zu müssen. Ehrenamtliche und Bibliotheksteams begleiten die Angebote.",
                "District libraries are to become places where people can try technology without having to buy "
                "it. Volunteers and library teams support the sessions.",
            )
        ],
        "plain_language": (
            "In Bibliotheken gibt es bald Geräte zum Ausprobieren. Zum Beispiel 3D-Drucker. Jemand hilft Ihnen dabei.",
            "Libraries will soon have devices to try out. For example 3D printers. Someone will help you.",
        ),
        "steps": [(200, "idee", 0), (70, "idee", 5)],
        "start": "2026-04-01",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Anteil der Standorte mit Werkstatt-Konzept.",
            "Share of sites with a workshop concept.",
        ),
        "milestones": [
            (("Pilot in zwei Stadtteilbibliotheken", "Pilot in two district libraries"), "2027-05-31", False)
        ],
        "lead": "kulturreferat",
        "co": ["bildung-sport"],
        "contact": "bibliothek-digital@example.invalid",
        "principles": [
            (
                "barrierefreiheit",
                (
                    "Werkstätten sind barrierefrei erreichbar und kostenlos.",
                    "Workshops are step-free and free of charge.",
                ),
            )
        ],
        "topics": ["bildung"],
    },
    {
        "id": "DR-2019-003",
        "sector": "stadtgesellschaft",
        "title": (
            "Bürgerbeteiligungsplattform „München mitgestalten“",
            'Citizen participation platform "Shape Munich"',
        ),
        "teaser": (
            "Eine Plattform für Online-Beteiligung: Vorschläge, Umfragen und Kommentare zu städtischen Vorhaben an einem Ort.",
            "One platform for online participation: proposals, surveys and comments on city projects in one place.",
        ),
        "body": [
            (
                "Bisher organisiert jedes Referat Beteiligung auf eigene Weise. Die Plattform bündelt Verfahren, "
                "bietet eine Moderation und veröffentlicht, was aus den Beiträgen geworden ist.",
                "So far each department organises participation in its own way. The platform brings the procedures "
                "together, offers moderation and publishes what became of the contributions.",
            )
        ],
        "steps": [(720, "idee", 0), (300, "in-planung", 10), (80, "in-planung", 25)],
        "start": "2024-01-15",
        "planned_end": "2027-09-30",
        "progress_method": (
            "Erledigte Arbeitspakete des Projektplans, gewichtet nach Aufwand.",
            "Completed work packages of the project plan, weighted by effort.",
        ),
        "milestones": [
            (
                ("Anforderungen mit Bürgerinnen und Bürgern erhoben", "Requirements gathered with citizens"),
                "2025-06-30",
                True,
            ),
            (("Vergabe abgeschlossen", "Procurement completed"), "2027-02-28", False),
        ],
        "lead": "direktorium",
        "co": ["it-referat", "stadtplanung"],
        "contact": "beteiligung@example.invalid",
        "principles": [
            (
                "offenheit-und-transparenz",
                (
                    "Ergebnisse jedes Verfahrens werden veröffentlicht.",
                    "The results of every procedure are published.",
                ),
            ),
            (
                "buergerzentrierung",
                ("Gemeinsam mit Bürgerinnen und Bürgern entworfen.", "Designed together with citizens."),
            ),
        ],
        "indicators": [
            {
                "name": (
                    "Beteiligungsverfahren auf der Plattform",
                    "Participation procedures on the platform",
                ),
                "unit": ("Anzahl", "count"),
                "baseline": 0,
                "target": 40,
                "current": 0,
                "source": ("Projektbericht", "Project report"),
            },
        ],
        "budget": 1200000,
        "funding": DIGITAL_FUND,
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 03417",
                ("Konzept Online-Beteiligung", "Online participation concept"),
                "2023-11-22",
            )
        ],
        "topics": ["beteiligung"],
    },
    {
        "id": "DR-2019-004",
        "sector": "stadtgesellschaft",
        "title": ("Digitaler Stadtplan, barrierefrei", "Accessible digital city map"),
        "teaser": (
            "Ein Stadtplan, der Stufen, Aufzüge, Blindenleitsysteme und barrierefreie Toiletten zeigt.",
            "A city map that shows steps, lifts, tactile paving and accessible toilets.",
        ),
        "body": [
            (
                "Die Daten entstehen gemeinsam mit Verbänden von Menschen mit Behinderung. Der Plan wird mit "
                "Screenreadern bedienbar sein und seine Daten als Open Data bereitstellen.",
                "The data is collected together with associations of people with disabilities. The map will work "
                "with screen readers and publish its data as open data.",
            )
        ],
        "plain_language": (
            "Die Stadt macht einen Stadtplan im Internet. Er zeigt, wo es Stufen gibt. Und wo es Aufzüge gibt.",
            "The city is making a map on the internet. It shows where there are steps. And where there are lifts.",
        ),
        "steps": [(500, "idee", 0), (150, "in-planung", 15)],
        "start": "2025-03-01",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Anteil der erfassten Haltestellen und öffentlichen Gebäude.",
            "Share of stops and public buildings surveyed.",
        ),
        "milestones": [
            (
                ("Datenmodell mit Verbänden abgestimmt", "Data model agreed with associations"),
                "2026-06-30",
                True,
            )
        ],
        "lead": "sozialreferat",
        "co": ["stadtplanung", "mobilitaetsreferat"],
        "contact": "inklusion@example.invalid",
        "principles": [
            (
                "barrierefreiheit",
                (
                    "Der Kern der Maßnahme: Wege ohne Hindernisse finden.",
                    "The core of the measure: finding routes without obstacles.",
                ),
            ),
            ("offenheit-und-transparenz", ("Alle Daten als Open Data.", "All data as open data.")),
        ],
        "topics": ["mobilitaet", "open-data"],
    },
    {
        "id": "DR-2019-005",
        "sector": "stadtgesellschaft",
        "title": ("Medienkompetenz für Senior*innen", "Media literacy for older people"),
        "teaser": (
            "Kostenlose Kurse und Sprechstunden, in denen ältere Menschen Smartphone, Online-Banking und Videotelefonie lernen.",
            "Free courses and drop-in sessions where older people learn to use smartphones, online banking and video calls.",
        ),
        "body": [
            (
                "In Alten- und Service-Zentren bieten geschulte Ehrenamtliche Kurse in kleinen Gruppen an. "
                "Leihgeräte erlauben es, vor dem Kauf auszuprobieren.",
                "In senior citizens' centres, trained volunteers give courses in small groups. Loan devices let "
                "people try before they buy.",
            )
        ],
        "plain_language": (
            "Es gibt Kurse für ältere Menschen. Dort lernen Sie das Handy. Die Kurse kosten nichts.",
            "There are courses for older people. There you learn to use a mobile phone. The courses are free.",
        ),
        "steps": [
            (1100, "in-planung", 10),
            (600, "in-umsetzung", 35),
            (120, "in-umsetzung", 60),
            (30, "in-umsetzung", 70),
        ],
        "start": "2023-09-01",
        "planned_end": "2027-06-30",
        "progress_method": (
            "Anteil der Alten- und Service-Zentren mit regelmäßigem Kursangebot.",
            "Share of senior citizens' centres with regular courses.",
        ),
        "milestones": [
            (("Ehrenamtliche geschult", "Volunteers trained"), "2024-03-31", True),
            (("Angebot in allen Stadtbezirken", "Courses in all city districts"), "2027-06-30", False),
        ],
        "lead": "sozialreferat",
        "co": ["bildung-sport"],
        "contact": "digital-im-alter@example.invalid",
        "principles": [
            (
                "buergerzentrierung",
                (
                    "Niemand soll durch die Digitalisierung abgehängt werden.",
                    "Nobody should be left behind by digitalisation.",
                ),
            )
        ],
        "indicators": [
            {
                "name": ("Kursteilnahmen pro Jahr", "Course attendances per year"),
                "unit": ("Personen", "people"),
                "baseline": 400,
                "target": 5000,
                "current": 3100,
                "source": ("Jahresbericht Sozialreferat", "Social Services annual report"),
            },
        ],
        "budget": 350000,
        "funding": CITY_BUDGET,
        "topics": ["bildung", "beteiligung"],
    },
    {
        "id": "DR-2019-006",
        "sector": "stadtgesellschaft",
        "title": ("Lernplattform für Münchner Schulen", "Learning platform for Munich's schools"),
        "teaser": (
            "Eine datenschutzkonforme Lernplattform mit Videokonferenz für alle städtischen Schulen.",
            "A privacy-compliant learning platform with video conferencing for all municipal schools.",
        ),
        "body": [
            (
                "Die Plattform wird von der Stadt betrieben und auf Open-Source-Basis entwickelt. Lehrkräfte "
                "erhalten Fortbildungen, Schülerinnen und Schüler einen einheitlichen Zugang.",
                "The city runs the platform, which is built on open source. Teachers receive training, pupils one "
                "single login.",
            )
        ],
        "steps": [(1400, "in-planung", 5), (900, "in-umsetzung", 30), (200, "in-umsetzung", 75)],
        "start": "2022-02-01",
        "planned_end": "2027-07-31",
        "progress_method": (
            "Anteil der städtischen Schulen, die die Plattform im Unterricht nutzen.",
            "Share of municipal schools using the platform in class.",
        ),
        "milestones": [
            (("Pilotschulen angebunden", "Pilot schools connected"), "2023-07-31", True),
            (("Alle Gymnasien angebunden", "All grammar schools connected"), "2025-12-31", True),
            (("Alle Schularten angebunden", "All school types connected"), "2027-07-31", False),
        ],
        "lead": "bildung-sport",
        "co": ["it-referat"],
        "contact": "lernplattform@example.invalid",
        "principles": [
            (
                "datenschutz",
                (
                    "Daten von Kindern bleiben in städtischen Rechenzentren.",
                    "Children's data stays in municipal data centres.",
                ),
            ),
            (
                "standards",
                ("Offene Schnittstellen für Lerninhalte.", "Open interfaces for learning content."),
            ),
        ],
        "indicators": [
            {
                "name": ("Angebundene Schulen", "Schools connected"),
                "unit": ("Schulen", "schools"),
                "baseline": 0,
                "target": 320,
                "current": 240,
                "source": ("Schulverwaltung", "School administration"),
            },
        ],
        "budget": 8500000,
        "funding": STATE_FUNDING,
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 01877",
                ("Digitale Bildung an städtischen Schulen", "Digital education in municipal schools"),
                "2021-10-13",
            )
        ],
        "topics": ["bildung"],
    },
    {
        "id": "DR-2019-007",
        "sector": "stadtgesellschaft",
        "title": ("Open-Data-Portal", "Open data portal"),
        "teaser": (
            "Das Portal, auf dem die Stadt ihre Daten offen, maschinenlesbar und unter freier Lizenz veröffentlicht.",
            "The portal where the city publishes its data openly, machine-readable and under a free licence.",
        ),
        "body": [
            (
                "Mehr als 400 Datensätze, von Haushaltsdaten bis zu Messwerten der Luftqualität, stehen zum Download "
                "und über Schnittstellen bereit. Ein Redaktionsteam hilft den Referaten beim Veröffentlichen.",
                "More than 400 data sets, from budget data to air quality readings, are available for download and "
                "through APIs. An editorial team helps departments publish.",
            )
        ],
        "steps": [(2100, "in-planung", 10), (1700, "in-umsetzung", 50), (1200, "abgeschlossen", 100)],
        "start": "2020-01-01",
        "planned_end": "2023-06-30",
        "progress_method": ("Abgeschlossene Projektphasen.", "Completed project phases."),
        "milestones": [
            (("Portal online", "Portal online"), "2022-03-31", True),
            (("100 Datensätze veröffentlicht", "100 data sets published"), "2022-12-31", True),
        ],
        "lead": "it-referat",
        "co": ["direktorium"],
        "contact": "opendata@example.invalid",
        "principles": [
            (
                "offenheit-und-transparenz",
                ("Daten der Stadt gehören allen.", "The city's data belongs to everyone."),
            ),
            ("standards", ("Metadaten nach DCAT-AP.de.", "Metadata following DCAT-AP.de.")),
        ],
        "indicators": [
            {
                "name": ("Veröffentlichte Datensätze", "Published data sets"),
                "unit": ("Datensätze", "data sets"),
                "baseline": 0,
                "target": 300,
                "current": 412,
                "source": ("Portalstatistik", "Portal statistics"),
            },
        ],
        "budget": 900000,
        "funding": DIGITAL_FUND,
        "decisions": [
            ("Sitzungsvorlage 14-20 / V 16522", ("Open-Data-Strategie", "Open data strategy"), "2019-12-11")
        ],
        "topics": ["open-data"],
    },
    {
        "id": "DR-2019-008",
        "sector": "stadtgesellschaft",
        "title": ("Ehrenamtsportal", "Volunteering portal"),
        "teaser": (
            "Vereine und Initiativen finden Freiwillige, Freiwillige finden Einsätze, die zu ihnen passen.",
            "Clubs and initiatives find volunteers; volunteers find assignments that suit them.",
        ),
        "body": [
            (
                "Das Portal ersetzt drei getrennte Listen und wurde mit Vereinen zusammen getestet. Es läuft im "
                "Regelbetrieb.",
                "The portal replaces three separate lists and was tested together with clubs. It is in regular "
                "operation.",
            )
        ],
        "steps": [(900, "in-planung", 20), (400, "in-umsetzung", 60), (45, "abgeschlossen", 100)],
        "start": "2023-05-01",
        "planned_end": "2026-09-30",
        "progress_method": ("Abgeschlossene Projektphasen.", "Completed project phases."),
        "milestones": [(("Test mit Vereinen", "Test with clubs"), "2025-10-31", True)],
        "lead": "sozialreferat",
        "contact": "ehrenamt@example.invalid",
        "principles": [("buergerzentrierung", ("Mit Vereinen getestet.", "Tested with clubs."))],
        "topics": ["beteiligung"],
    },
    # --- Infrastruktur -------------------------------------------------------------------
    {
        "id": "DR-2019-009",
        "sector": "infrastruktur",
        "title": ("Smarte Straßenbeleuchtung", "Smart street lighting"),
        "teaser": (
            "Straßenlaternen, die bei wenig Verkehr dimmen und defekte Leuchten selbst melden.",
            "Street lights that dim when traffic is light and report their own faults.",
        ),
        "body": [
            (
                "Geprüft wird ein Pilot in einem Stadtbezirk. Zu klären sind Energieeinsparung, Insektenschutz "
                "und das Sicherheitsgefühl von Fußgängerinnen und Fußgängern.",
                "A pilot in one city district is being considered. Energy savings, insect protection and "
                "pedestrians' sense of safety need to be clarified.",
            )
        ],
        "steps": [(60, "idee", 0)],
        "start": "2026-09-01",
        "planned_end": "2028-12-31",
        "progress_method": (
            "Noch keine Messung; die Maßnahme ist in Prüfung.",
            "Not measured yet; the measure is under review.",
        ),
        "lead": "baureferat",
        "co": ["klima-umwelt"],
        "contact": "licht@example.invalid",
        "principles": [
            (
                "informationssicherheit",
                ("Steuerung nur über ein abgeschottetes Netz.", "Control only through an isolated network."),
            )
        ],
        "topics": ["energie", "sicherheit"],
    },
    {
        "id": "DR-2019-010",
        "sector": "infrastruktur",
        "title": ("KI-gestützte Ampelsteuerung", "AI-assisted traffic light control"),
        "teaser": (
            "Ampeln, die Busse, Trams und Radverkehr erkennen und ihre Phasen anpassen.",
            "Traffic lights that detect buses, trams and cyclists and adapt their phases.",
        ),
        "body": [
            (
                "An einer Teststrecke soll untersucht werden, ob lernende Verfahren Wartezeiten verringern, ohne "
                "den Fußverkehr zu benachteiligen. Die Kriterien werden vorab veröffentlicht.",
                "A test route is to show whether learning methods reduce waiting times without putting pedestrians "
                "at a disadvantage. The criteria will be published in advance.",
            )
        ],
        "steps": [(400, "idee", 0), (100, "idee", 5)],
        "start": "2026-01-01",
        "planned_end": "2029-12-31",
        "progress_method": (
            "Anteil der abgeschlossenen Vorstudien.",
            "Share of completed preliminary studies.",
        ),
        "lead": "mobilitaetsreferat",
        "co": ["it-referat"],
        "contact": "verkehrssteuerung@example.invalid",
        "principles": [
            (
                "offenheit-und-transparenz",
                ("Die Regeln der Steuerung werden veröffentlicht.", "The control rules will be published."),
            )
        ],
        "topics": ["mobilitaet"],
    },
    {
        "id": "DR-2019-011",
        "sector": "infrastruktur",
        "title": ("Digitaler Zwilling München", "Digital twin of Munich"),
        "teaser": (
            "Ein 3D-Stadtmodell mit Daten zu Verkehr, Klima und Bauvorhaben, um Planungen vorab zu simulieren.",
            "A 3D city model with data on traffic, climate and building projects to simulate plans in advance.",
        ),
        "body": [
            (
                "Der digitale Zwilling verknüpft Geodaten, Sensordaten und Planungsdaten. Er soll zeigen, wie ein "
                "Neubau Wind und Hitze im Quartier verändert, bevor gebaut wird.",
                "The digital twin links geodata, sensor data and planning data. It is to show how a new building "
                "changes wind and heat in the neighbourhood before it is built.",
            )
        ],
        "steps": [(1500, "idee", 0), (800, "in-planung", 10), (240, "in-planung", 30)],
        "start": "2022-06-01",
        "planned_end": "2028-12-31",
        "progress_method": (
            "Anteil des Stadtgebiets im 3D-Modell in der Zielqualität.",
            "Share of the city area in the 3D model at target quality.",
        ),
        "milestones": [
            (
                ("3D-Gebäudemodell für die Innenstadt", "3D building model of the city centre"),
                "2025-03-31",
                True,
            ),
            (("Klimasimulation angebunden", "Climate simulation connected"), "2027-06-30", False),
        ],
        "lead": "stadtplanung",
        "co": ["it-referat", "klima-umwelt", "mobilitaetsreferat"],
        "contact": "digitaler-zwilling@example.invalid",
        "principles": [
            ("standards", ("CityGML und OGC-Schnittstellen.", "CityGML and OGC interfaces.")),
            (
                "offenheit-und-transparenz",
                (
                    "Das Basismodell wird als Open Data veröffentlicht.",
                    "The base model is published as open data.",
                ),
            ),
        ],
        "budget": 4200000,
        "funding": STATE_FUNDING,
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 05120",
                ("Aufbau eines digitalen Zwillings", "Building a digital twin"),
                "2022-04-06",
            )
        ],
        "topics": ["umwelt", "mobilitaet"],
    },
    {
        "id": "DR-2019-012",
        "sector": "infrastruktur",
        "title": ("Smart-Parking-Sensorik", "Smart parking sensors"),
        "teaser": (
            "Sensoren melden freie Lade- und Behindertenparkplätze in Echtzeit, damit weniger Suchverkehr entsteht.",
            "Sensors report free loading bays and disabled parking spaces in real time, to reduce cruising for parking.",
        ),
        "body": [
            (
                "Erfasst werden zunächst nur Lieferzonen und Behindertenparkplätze, keine Kennzeichen und keine "
                "Bilder. Die Belegung wird als Open Data veröffentlicht.",
                "At first only delivery zones and disabled parking spaces are covered, with no number plates and no "
                "images. Occupancy is published as open data.",
            )
        ],
        "steps": [(600, "idee", 0), (75, "in-planung", 10)],
        "start": "2025-10-01",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Erledigte Arbeitspakete des Projektplans.",
            "Completed work packages of the project plan.",
        ),
        "milestones": [(("Ausschreibung der Sensoren", "Tender for the sensors"), "2027-01-31", False)],
        "lead": "mobilitaetsreferat",
        "co": ["it-referat"],
        "contact": "mobilitaet@example.invalid",
        "principles": [
            ("datenschutz", ("Keine Kameras, keine Kennzeichen.", "No cameras, no number plates."))
        ],
        "topics": ["mobilitaet", "open-data"],
    },
    {
        "id": "DR-2019-013",
        "sector": "infrastruktur",
        "title": ("Mobilitäts-App", "Mobility app"),
        "teaser": (
            "Eine App für Bus, Bahn, Leihrad, Carsharing und Parken, mit einem Ticket für alles.",
            "One app for bus, train, bike sharing, car sharing and parking, with one ticket for everything.",
        ),
        "body": [
            (
                "Die App baut auf den Schnittstellen der Verkehrsbetriebe und der Sharing-Anbieter auf. "
                "Barrierefreie Routen werden von Anfang an berücksichtigt.",
                "The app builds on the interfaces of the transport operators and sharing providers. Step-free routes "
                "are included from the start.",
            )
        ],
        "steps": [(1000, "idee", 0), (500, "in-planung", 15), (150, "in-planung", 35)],
        "start": "2024-04-01",
        "planned_end": "2027-10-31",
        "progress_method": (
            "Erledigte Arbeitspakete, gewichtet nach Aufwand.",
            "Completed work packages, weighted by effort.",
        ),
        "milestones": [
            (
                ("Schnittstellen-Verträge mit Anbietern", "Interface contracts with providers"),
                "2026-03-31",
                True,
            ),
            (("Beta-Version", "Beta version"), "2027-04-30", False),
        ],
        "lead": "mobilitaetsreferat",
        "co": ["it-referat"],
        "contact": "mobilitaet@example.invalid",
        "principles": [
            (
                "barrierefreiheit",
                (
                    "Barrierefreie Routen und Bedienung mit Screenreadern.",
                    "Step-free routes and screen-reader support.",
                ),
            )
        ],
        "budget": 2600000,
        "funding": DIGITAL_FUND,
        "topics": ["mobilitaet", "app-strategie"],
    },
    {
        "id": "DR-2019-014",
        "sector": "infrastruktur",
        "title": ("Glasfaser für alle Schulen", "Fibre for all schools"),
        "teaser": (
            "Jede städtische Schule erhält einen Glasfaseranschluss und WLAN in allen Unterrichtsräumen.",
            "Every municipal school gets a fibre connection and Wi-Fi in all classrooms.",
        ),
        "body": [
            (
                "Die Anschlüsse werden zusammen mit anderen Bauarbeiten verlegt, um Straßen nur einmal zu öffnen. "
                "Schulen mit den schlechtesten Anschlüssen kommen zuerst.",
                "The connections are laid together with other construction work, so that streets are opened only "
                "once. Schools with the worst connections come first.",
            )
        ],
        "steps": [
            (1800, "in-planung", 5),
            (1300, "in-umsetzung", 20),
            (500, "in-umsetzung", 55),
            (60, "in-umsetzung", 80),
        ],
        "start": "2021-01-01",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Anteil der Schulen mit Glasfaseranschluss in Betrieb.",
            "Share of schools with a working fibre connection.",
        ),
        "milestones": [
            (("Grundschulen angeschlossen", "Primary schools connected"), "2024-12-31", True),
            (("Alle Schulen angeschlossen", "All schools connected"), "2027-12-31", False),
        ],
        "lead": "bildung-sport",
        "co": ["baureferat", "it-referat"],
        "contact": "schul-it@example.invalid",
        "principles": [
            (
                "standards",
                (
                    "Einheitliche Netztechnik in allen Schulen.",
                    "The same network technology in every school.",
                ),
            )
        ],
        "indicators": [
            {
                "name": ("Schulen mit Glasfaser", "Schools with fibre"),
                "unit": ("Schulen", "schools"),
                "baseline": 60,
                "target": 320,
                "current": 256,
                "source": ("Baureferat", "Public Works Department"),
            },
        ],
        "budget": 38000000,
        "funding": STATE_FUNDING,
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 00912",
                ("Breitbandausbau an Schulen", "Broadband for schools"),
                "2020-11-25",
            )
        ],
        "topics": ["bildung"],
    },
    {
        "id": "DR-2019-015",
        "sector": "infrastruktur",
        "title": ("WLAN im öffentlichen Raum", "Public Wi-Fi"),
        "teaser": (
            "Kostenloses WLAN ohne Anmeldung auf Plätzen, in Bürgerbüros und an großen Haltestellen.",
            "Free Wi-Fi without registration on squares, in citizens' offices and at major stops.",
        ),
        "body": [
            (
                "Das Netz wird schrittweise auf weitere Plätze ausgedehnt. Es speichert keine Verbindungsdaten "
                "über den technisch nötigen Zeitraum hinaus.",
                "The network is gradually extended to more squares. It stores no connection data beyond the period "
                "that is technically necessary.",
            )
        ],
        "steps": [(1900, "in-umsetzung", 20), (1000, "in-umsetzung", 50), (300, "in-umsetzung", 65)],
        "start": "2020-05-01",
        "planned_end": "2027-03-31",
        "progress_method": (
            "Anteil der geplanten Standorte in Betrieb.",
            "Share of planned sites in operation.",
        ),
        "milestones": [(("Alle Bürgerbüros versorgt", "All citizens' offices covered"), "2024-06-30", True)],
        "lead": "it-referat",
        "co": ["kommunalreferat"],
        "contact": "wlan@example.invalid",
        "principles": [("datenschutz", ("Kein Login, keine Profilbildung.", "No login, no profiling."))],
        "indicators": [
            {
                "name": ("Standorte mit WLAN", "Sites with Wi-Fi"),
                "unit": ("Standorte", "sites"),
                "baseline": 30,
                "target": 250,
                "current": 171,
                "source": ("Netzbetrieb", "Network operations"),
            },
        ],
        "budget": 3100000,
        "funding": CITY_BUDGET,
        "topics": ["verwaltung-digital"],
    },
    {
        "id": "DR-2019-016",
        "sector": "infrastruktur",
        "title": ("LoRaWAN-Umweltsensoren", "LoRaWAN environmental sensors"),
        "teaser": (
            "Sensoren messen Temperatur, Feuchte und Feinstaub in Straßen und Parks und senden über das städtische Funknetz.",
            "Sensors measure temperature, humidity and fine dust in streets and parks and transmit over the city's radio network.",
        ),
        "body": [
            (
                "Die Messwerte helfen, Hitzeinseln zu erkennen und die Bewässerung von Stadtbäumen zu planen. "
                "Alle Werte erscheinen stündlich im Open-Data-Portal.",
                "The readings help to find heat islands and to plan the watering of street trees. All readings "
                "appear hourly in the open data portal.",
            )
        ],
        "steps": [(700, "in-planung", 10), (50, "in-umsetzung", 30)],
        "start": "2024-09-01",
        "planned_end": "2027-09-30",
        "progress_method": (
            "Anteil der geplanten Sensoren, die Daten liefern.",
            "Share of planned sensors delivering data.",
        ),
        "milestones": [
            (("Erste 100 Sensoren in Betrieb", "First 100 sensors in operation"), "2026-10-31", True),
            (("Alle 600 Sensoren in Betrieb", "All 600 sensors in operation"), "2027-09-30", False),
        ],
        "lead": "klima-umwelt",
        "co": ["it-referat", "baureferat"],
        "contact": "umweltsensorik@example.invalid",
        "principles": [
            ("offenheit-und-transparenz", ("Alle Messwerte als Open Data.", "All readings as open data."))
        ],
        "indicators": [
            {
                "name": ("Sensoren in Betrieb", "Sensors in operation"),
                "unit": ("Sensoren", "sensors"),
                "baseline": 0,
                "target": 600,
                "current": 180,
                "source": ("Sensorplattform", "Sensor platform"),
            },
        ],
        "budget": 750000,
        "funding": STATE_FUNDING,
        "topics": ["umwelt", "open-data"],
    },
    {
        "id": "DR-2019-017",
        "sector": "infrastruktur",
        "title": ("Energie-Monitoring städtischer Gebäude", "Energy monitoring of municipal buildings"),
        "teaser": (
            "Smarte Zähler in Schulen, Verwaltungsgebäuden und Bädern zeigen, wo Energie verschwendet wird.",
            "Smart meters in schools, offices and swimming pools show where energy is wasted.",
        ),
        "body": [
            (
                "Die Verbräuche laufen in einer Plattform zusammen, die Auffälligkeiten meldet, etwa eine Heizung, "
                "die am Wochenende läuft. Die Einsparungen werden jährlich veröffentlicht.",
                "Consumption data flows into one platform that flags anomalies, such as heating that runs at the "
                "weekend. The savings are published every year.",
            )
        ],
        "steps": [(1200, "in-planung", 10), (700, "in-umsetzung", 25), (250, "in-umsetzung", 40)],
        "start": "2022-10-01",
        "planned_end": "2026-12-31",
        "progress_method": (
            "Anteil der Gebäude mit angebundenen Zählern.",
            "Share of buildings with connected meters.",
        ),
        "milestones": [
            (("Plattform ausgewählt", "Platform selected"), "2023-12-31", True),
            (("500 Gebäude angebunden", "500 buildings connected"), "2026-12-31", False),
        ],
        "lead": "kommunalreferat",
        "co": ["klima-umwelt", "baureferat"],
        "contact": "energie@example.invalid",
        "principles": [
            (
                "standards",
                (
                    "Zähler nach offenem Standard, herstellerunabhängig.",
                    "Meters following an open, vendor-neutral standard.",
                ),
            )
        ],
        "indicators": [
            {
                "name": ("Angebundene Gebäude", "Connected buildings"),
                "unit": ("Gebäude", "buildings"),
                "baseline": 20,
                "target": 500,
                "current": 210,
                "source": ("Kommunalreferat", "Municipal Property Department"),
            },
            {
                "name": ("Eingesparte Energie", "Energy saved"),
                "unit": ("MWh/Jahr", "MWh/year"),
                "baseline": 0,
                "target": 12000,
                "current": 3400,
                "source": ("Energiebericht", "Energy report"),
            },
        ],
        "budget": 5400000,
        "funding": CITY_BUDGET,
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 02456",
                ("Energiemanagement städtischer Liegenschaften", "Energy management of municipal properties"),
                "2022-07-20",
            )
        ],
        "topics": ["energie", "umwelt"],
        "delayed": (
            "Der Einbau in denkmalgeschützten Gebäuden braucht zusätzliche Genehmigungen.",
            "Installation in listed buildings needs additional permits.",
        ),
    },
    {
        "id": "DR-2019-018",
        "sector": "infrastruktur",
        "title": ("LoRaWAN-Basisnetz", "LoRaWAN base network"),
        "teaser": (
            "Ein stadtweites Funknetz für Sensoren mit geringem Energiebedarf, betrieben von der Stadt.",
            "A city-wide radio network for low-power sensors, run by the city.",
        ),
        "body": [
            (
                "Über 80 Gateways auf städtischen Dächern decken das Stadtgebiet ab. Referate und Forschung "
                "können das Netz kostenlos nutzen.",
                "More than 80 gateways on municipal roofs cover the city area. Departments and researchers can use "
                "the network free of charge.",
            )
        ],
        "steps": [(1600, "in-planung", 10), (1100, "in-umsetzung", 50), (30, "abgeschlossen", 100)],
        "start": "2021-09-01",
        "planned_end": "2025-12-31",
        "progress_method": (
            "Anteil des Stadtgebiets mit Netzabdeckung.",
            "Share of the city area with coverage.",
        ),
        "milestones": [(("Stadtweite Abdeckung", "City-wide coverage"), "2026-10-31", True)],
        "lead": "it-referat",
        "co": ["kommunalreferat"],
        "contact": "iot@example.invalid",
        "principles": [
            (
                "informationssicherheit",
                (
                    "Ende-zu-Ende-Verschlüsselung aller Sensordaten.",
                    "End-to-end encryption of all sensor data.",
                ),
            )
        ],
        "budget": 600000,
        "funding": DIGITAL_FUND,
        "topics": ["umwelt", "energie"],
    },
    {
        "id": "DR-2019-019",
        "sector": "infrastruktur",
        "title": ("Verkehrslagebild", "Traffic situation map"),
        "teaser": (
            "Ein gemeinsames Lagebild aus Verkehrsdaten für Leitstellen, Baustellenplanung und Öffentlichkeit.",
            "A shared picture of traffic data for control centres, roadworks planning and the public.",
        ),
        "body": [
            (
                "Daten von Zählstellen, Ampeln und Baustellen werden zusammengeführt. Eine öffentliche Karte zeigt "
                "Störungen und Umleitungen.",
                "Data from counting stations, traffic lights and roadworks is brought together. A public map shows "
                "disruptions and diversions.",
            )
        ],
        "steps": [(1500, "in-planung", 10), (1000, "in-umsetzung", 50), (500, "abgeschlossen", 100)],
        "start": "2021-06-01",
        "planned_end": "2025-06-30",
        "progress_method": ("Abgeschlossene Projektphasen.", "Completed project phases."),
        "milestones": [(("Öffentliche Karte online", "Public map online"), "2025-06-30", True)],
        "lead": "mobilitaetsreferat",
        "co": ["kreisverwaltungsreferat", "baureferat"],
        "contact": "verkehrslage@example.invalid",
        "principles": [
            (
                "offenheit-und-transparenz",
                ("Störungen und Baustellen als Open Data.", "Disruptions and roadworks as open data."),
            )
        ],
        "budget": 1900000,
        "funding": CITY_BUDGET,
        "topics": ["mobilitaet", "sicherheit"],
    },
    # --- Verwaltung ----------------------------------------------------------------------
    {
        "id": "DR-2019-020",
        "sector": "verwaltung",
        "title": (
            "Once-Only: Nachweise automatisch abrufen",
            "Once only: fetching certificates automatically",
        ),
        "teaser": (
            "Mit Ihrer Zustimmung holt die Stadt Nachweise bei anderen Behörden selbst ab, statt sie erneut anzufordern.",
            "With your consent, the city fetches certificates from other authorities itself instead of asking you for them again.",
        ),
        "body": [
            (
                "Geprüft wird, welche Nachweise, etwa Meldebescheinigungen, schon heute elektronisch ausgetauscht "
                "werden dürfen und welche Schnittstellen fehlen.",
                "We are checking which certificates, such as proof of residence, may already be exchanged "
                "electronically and which interfaces are missing.",
            )
        ],
        "steps": [(20, "idee", 0)],
        "start": "2026-11-01",
        "planned_end": "2029-12-31",
        "progress_method": (
            "Noch keine Messung; die Maßnahme ist in Prüfung.",
            "Not measured yet; the measure is under review.",
        ),
        "lead": "kreisverwaltungsreferat",
        "co": ["it-referat"],
        "contact": "once-only@example.invalid",
        "principles": [
            (
                "datenschutz",
                ("Abruf nur mit ausdrücklicher Zustimmung.", "Retrieval only with explicit consent."),
            ),
            (
                "buergerzentrierung",
                (
                    "Niemand soll denselben Nachweis zweimal bringen müssen.",
                    "Nobody should have to bring the same certificate twice.",
                ),
            ),
        ],
        "topics": ["verwaltung-digital", "buerger-id"],
    },
    {
        "id": "DR-2019-021",
        "sector": "verwaltung",
        "title": ("Low-Code-Plattform für Fachanwendungen", "Low-code platform for specialist applications"),
        "teaser": (
            "Fachbereiche bauen einfache Formulare und Abläufe selbst, auf einer geprüften, sicheren Plattform.",
            "Departments build simple forms and workflows themselves, on a vetted, secure platform.",
        ),
        "body": [
            (
                "Viele kleine Anwendungen laufen heute in Tabellen. Eine gemeinsame Plattform soll sie sicher und "
                "wartbar machen. Eine Marktanalyse ist in Arbeit.",
                "Many small applications run in spreadsheets today. A shared platform is to make them secure and "
                "maintainable. A market analysis is under way.",
            )
        ],
        "steps": [(300, "idee", 0), (120, "idee", 10)],
        "start": "2026-02-01",
        "planned_end": "2028-06-30",
        "progress_method": (
            "Anteil der abgeschlossenen Vorstudien.",
            "Share of completed preliminary studies.",
        ),
        "lead": "it-referat",
        "contact": "digitalisierung@example.invalid",
        "principles": [
            (
                "informationssicherheit",
                (
                    "Nur geprüfte Bausteine, zentrale Rechteverwaltung.",
                    "Only vetted components, central permission management.",
                ),
            )
        ],
        "topics": ["verwaltung-digital"],
    },
    {
        "id": "DR-2019-022",
        "sector": "verwaltung",
        "title": ("Chatbot für Bürgeranfragen", "Chatbot for citizens' questions"),
        "teaser": (
            "Ein Chatbot beantwortet häufige Fragen rund um die Uhr und verweist auf die richtigen Online-Dienste.",
            "A chatbot answers frequent questions around the clock and points to the right online services.",
        ),
        "body": [
            (
                "Der Chatbot nutzt nur geprüfte Antworten aus der Wissensdatenbank der Stadt und sagt offen, wenn "
                "er etwas nicht weiß. Gespräche werden nicht personenbezogen gespeichert.",
                "The chatbot only uses checked answers from the city's knowledge base and says openly when it does "
                "not know something. Conversations are not stored with personal data.",
            )
        ],
        "steps": [(250, "idee", 0), (85, "in-planung", 10)],
        "start": "2026-01-15",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Erledigte Arbeitspakete des Projektplans.",
            "Completed work packages of the project plan.",
        ),
        "milestones": [(("Wissensdatenbank bereinigt", "Knowledge base cleaned up"), "2027-03-31", False)],
        "lead": "direktorium",
        "co": ["it-referat", "kreisverwaltungsreferat"],
        "contact": "servicezentrum@example.invalid",
        "principles": [
            (
                "datenschutz",
                (
                    "Keine Speicherung personenbezogener Gesprächsdaten.",
                    "No storage of personal conversation data.",
                ),
            ),
            (
                "offenheit-und-transparenz",
                (
                    "Der Chatbot gibt sich als Maschine zu erkennen.",
                    "The chatbot identifies itself as a machine.",
                ),
            ),
        ],
        "topics": ["verwaltung-digital"],
    },
    {
        "id": "DR-2019-023",
        "sector": "verwaltung",
        "title": ("KI-Leitlinien", "AI guidelines"),
        "teaser": (
            "Verbindliche Regeln, wann und wie die Stadtverwaltung künstliche Intelligenz einsetzen darf.",
            "Binding rules on when and how the city administration may use artificial intelligence.",
        ),
        "body": [
            (
                "Die Leitlinien entstehen mit dem Personalrat, der Datenschutzbeauftragten und einer offenen "
                "Online-Konsultation. Sie gelten für alle Referate.",
                "The guidelines are written with the staff council, the data protection officer and an open online "
                "consultation. They apply to all departments.",
            )
        ],
        "steps": [(365, "idee", 0), (180, "in-planung", 20), (25, "in-planung", 50)],
        "start": "2025-09-01",
        "planned_end": "2027-03-31",
        "progress_method": ("Abgeschlossene Kapitel des Entwurfs.", "Completed chapters of the draft."),
        "milestones": [
            (("Online-Konsultation", "Online consultation"), "2026-10-31", True),
            (("Beschluss im Stadtrat", "Council decision"), "2027-03-31", False),
        ],
        "lead": "it-referat",
        "co": ["direktorium"],
        "contact": "ki@example.invalid",
        "principles": [
            (
                "offenheit-und-transparenz",
                (
                    "Ein öffentliches Register aller KI-Anwendungen.",
                    "A public register of all AI applications.",
                ),
            ),
            (
                "datenschutz",
                (
                    "Datenschutz-Folgenabschätzung vor jedem Einsatz.",
                    "A data protection impact assessment before every use.",
                ),
            ),
        ],
        "topics": ["verwaltung-digital"],
    },
    {
        "id": "DR-2019-024",
        "sector": "verwaltung",
        "title": ("Cloud-Strategie", "Cloud strategy"),
        "teaser": (
            "Welche Anwendungen in welche Cloud dürfen, und wie die Stadt unabhängig von einzelnen Anbietern bleibt.",
            "Which applications may go into which cloud, and how the city stays independent of single vendors.",
        ),
        "body": [
            (
                "Die Strategie ordnet Anwendungen nach Schutzbedarf und legt fest, wann die städtische Cloud, eine "
                "Verwaltungscloud oder ein kommerzieller Anbieter infrage kommt.",
                "The strategy classifies applications by protection needs and decides when the municipal cloud, a "
                "public-sector cloud or a commercial provider may be used.",
            )
        ],
        "steps": [(800, "idee", 0), (400, "in-planung", 30), (140, "in-planung", 60)],
        "start": "2024-07-01",
        "planned_end": "2027-06-30",
        "progress_method": (
            "Anteil der Anwendungen mit Schutzbedarfsfeststellung.",
            "Share of applications with a protection-needs assessment.",
        ),
        "milestones": [
            (
                ("Schutzbedarf aller Anwendungen erhoben", "Protection needs of all applications assessed"),
                "2026-12-31",
                False,
            )
        ],
        "lead": "it-referat",
        "contact": "digitalisierung@example.invalid",
        "principles": [
            (
                "informationssicherheit",
                (
                    "Schutzbedarf bestimmt den Betriebsort.",
                    "Protection needs decide where an application runs.",
                ),
            ),
            (
                "standards",
                ("Offene Standards gegen Anbieterabhängigkeit.", "Open standards against vendor lock-in."),
            ),
        ],
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 09833",
                ("Grundsätze der Cloud-Nutzung", "Principles of cloud use"),
                "2024-05-15",
            )
        ],
        "topics": ["verwaltung-digital", "sicherheit"],
    },
    {
        "id": "DR-2019-025",
        "sector": "verwaltung",
        "title": ("Open-Source-Strategie", "Open source strategy"),
        "teaser": (
            "Software, die mit öffentlichem Geld entwickelt wird, soll öffentlich sein.",
            "Software developed with public money should be public.",
        ),
        "body": [
            (
                "Die Strategie regelt, wie die Stadt Open Source bevorzugt, eigene Entwicklungen veröffentlicht und "
                "mit anderen Kommunen teilt.",
                "The strategy sets out how the city prefers open source, publishes its own developments and shares "
                "them with other municipalities.",
            )
        ],
        "steps": [
            (1300, "idee", 0),
            (900, "in-planung", 40),
            (600, "in-umsetzung", 80),
            (400, "abgeschlossen", 100),
        ],
        "start": "2022-01-01",
        "planned_end": "2025-12-31",
        "progress_method": ("Abgeschlossene Projektphasen.", "Completed project phases."),
        "milestones": [
            (("Beschluss im Stadtrat", "Council decision"), "2025-06-30", True),
            (("Open-Source-Büro eingerichtet", "Open source office set up"), "2025-10-31", True),
        ],
        "lead": "it-referat",
        "co": ["direktorium"],
        "contact": "opensource@example.invalid",
        "principles": [
            (
                "offenheit-und-transparenz",
                (
                    "Quellcode öffentlich auf einer Code-Plattform.",
                    "Source code published on a code platform.",
                ),
            ),
            ("standards", ("Offene Formate und Schnittstellen.", "Open formats and interfaces.")),
        ],
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 07761",
                ("Open Source in der Stadtverwaltung", "Open source in the city administration"),
                "2025-06-25",
            )
        ],
        "topics": ["verwaltung-digital"],
    },
    {
        "id": "DR-2019-026",
        "sector": "verwaltung",
        "title": ("Bürger-ID: das digitale Bürgerkonto", "Citizen ID: the digital citizen account"),
        "teaser": (
            "Ein Konto für alle Online-Dienste der Stadt, mit Anmeldung über den Online-Ausweis.",
            "One account for all of the city's online services, with login via the online ID card.",
        ),
        "body": [
            (
                "Mit der Bürger-ID melden Sie sich einmal an und können Anträge stellen, Bescheide empfangen und "
                "den Stand Ihrer Anliegen verfolgen. Das Konto ist an das Nutzerkonto des Bundes angebunden.",
                "With the citizen ID you log in once and can submit applications, receive decisions and track "
                "your requests. The account is connected to the federal user account.",
            ),
            (
                "Die Bürger-ID ist die Grundlage für viele andere Maßnahmen, etwa die digitale Bauantragsstellung.",
                "The citizen ID is the basis for many other measures, such as digital building applications.",
            ),
        ],
        "plain_language": (
            "Sie bekommen ein Konto bei der Stadt. Damit erledigen Sie Anträge im Internet. Sie müssen nicht ins Amt.",
            "You get an account with the city. With it you can make applications on the internet. You do not need to go to the office.",
        ),
        "steps": [
            (2000, "in-planung", 10),
            (1400, "in-umsetzung", 30),
            (700, "in-umsetzung", 55),
            (100, "in-umsetzung", 70),
        ],
        "start": "2020-03-01",
        "planned_end": "2027-06-30",
        "progress_method": (
            "Anteil der geplanten Online-Dienste, die mit der Bürger-ID nutzbar sind.",
            "Share of planned online services usable with the citizen ID.",
        ),
        "milestones": [
            (("Anmeldung mit Online-Ausweis", "Login with the online ID card"), "2023-03-31", True),
            (("Postfach für Bescheide", "Inbox for decisions"), "2025-09-30", True),
            (("Alle Dienste angebunden", "All services connected"), "2027-06-30", False),
        ],
        "lead": "it-referat",
        "co": ["kreisverwaltungsreferat", "direktorium"],
        "contact": "buerger-id@example.invalid",
        "principles": [
            (
                "datenschutz",
                (
                    "Sie sehen jederzeit, welche Daten gespeichert sind.",
                    "You can always see which data is stored.",
                ),
            ),
            (
                "informationssicherheit",
                ("Anmeldung mit hohem Vertrauensniveau.", "Login at a high level of assurance."),
            ),
            (
                "buergerzentrierung",
                ("Ein Konto statt vieler Passwörter.", "One account instead of many passwords."),
            ),
        ],
        "indicators": [
            {
                "name": ("Registrierte Konten", "Registered accounts"),
                "unit": ("Konten", "accounts"),
                "baseline": 0,
                "target": 400000,
                "current": 262000,
                "source": ("Betriebsstatistik", "Operating statistics"),
            },
            {
                "name": ("Angebundene Online-Dienste", "Connected online services"),
                "unit": ("Dienste", "services"),
                "baseline": 5,
                "target": 120,
                "current": 84,
                "source": ("Dienstekatalog", "Service catalogue"),
            },
        ],
        "budget": 12500000,
        "funding": DIGITAL_FUND,
        "decisions": [
            (
                "Sitzungsvorlage 14-20 / V 15890",
                ("Digitalisierungsstrategie", "Digitalisation strategy"),
                "2019-07-24",
            ),
            (
                "Sitzungsvorlage 20-26 / V 01234",
                ("Einführung der Bürger-ID", "Introduction of the citizen ID"),
                "2020-02-12",
            ),
        ],
        "topics": ["buerger-id", "verwaltung-digital"],
    },
    {
        "id": "DR-2019-027",
        "sector": "verwaltung",
        "title": ("App-Strategie", "App strategy"),
        "teaser": (
            "Eine Stadt-App statt vieler einzelner Apps, mit gemeinsamer Anmeldung und einheitlicher Gestaltung.",
            "One city app instead of many separate apps, with shared login and a consistent design.",
        ),
        "body": [
            (
                "Die Strategie legt fest, welche Dienste in die Stadt-App kommen, welche als Web-Angebot genügen "
                "und nach welchen Regeln Referate neue Apps beantragen.",
                "The strategy decides which services go into the city app, which are fine as web services and by "
                "which rules departments may request new apps.",
            )
        ],
        "steps": [(1700, "in-planung", 10), (1000, "in-umsetzung", 40), (65, "in-umsetzung", 65)],
        "start": "2021-04-01",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Anteil der Einzel-Apps, die in die Stadt-App überführt sind.",
            "Share of separate apps merged into the city app.",
        ),
        "milestones": [
            (("Stadt-App veröffentlicht", "City app released"), "2024-04-30", True),
            (("Letzte Einzel-App abgelöst", "Last separate app retired"), "2027-12-31", False),
        ],
        "lead": "it-referat",
        "co": ["direktorium"],
        "contact": "app@example.invalid",
        "principles": [
            (
                "barrierefreiheit",
                (
                    "Die App erfüllt die Anforderungen an barrierefreie Informationstechnik.",
                    "The app meets the requirements for accessible information technology.",
                ),
            ),
            ("buergerzentrierung", ("Eine App statt vieler.", "One app instead of many.")),
        ],
        "budget": 3800000,
        "funding": DIGITAL_FUND,
        "decisions": [
            (
                "Sitzungsvorlage 20-26 / V 02011",
                ("App-Strategie der Landeshauptstadt", "The city's app strategy"),
                "2021-03-17",
            )
        ],
        "topics": ["app-strategie"],
    },
    {
        "id": "DR-2019-028",
        "sector": "verwaltung",
        "title": ("E-Akte", "Electronic files"),
        "teaser": (
            "Die elektronische Akte ersetzt Papierakten in allen Referaten.",
            "Electronic files replace paper files in all departments.",
        ),
        "body": [
            (
                "Die E-Akte wird Referat für Referat eingeführt. Mitarbeitende werden geschult, Altbestände nach "
                "Bedarf eingescannt.",
                "Electronic files are introduced department by department. Staff are trained, and older records "
                "are scanned when needed.",
            )
        ],
        "steps": [
            (2200, "in-planung", 5),
            (1600, "in-umsetzung", 15),
            (900, "in-umsetzung", 35),
            (200, "in-umsetzung", 45),
        ],
        "start": "2019-10-01",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Anteil der Arbeitsplätze, die ausschließlich mit der E-Akte arbeiten.",
            "Share of workplaces working with electronic files only.",
        ),
        "milestones": [
            (("Pilot im IT-Referat", "Pilot in the IT Department"), "2021-06-30", True),
            (("Hälfte der Referate umgestellt", "Half of the departments switched"), "2026-06-30", False),
        ],
        "lead": "it-referat",
        "co": ["direktorium", "kommunalreferat"],
        "contact": "e-akte@example.invalid",
        "principles": [
            (
                "informationssicherheit",
                (
                    "Rollen- und Rechtekonzept für jede Akte.",
                    "A roles and permissions concept for every file.",
                ),
            )
        ],
        "indicators": [
            {
                "name": ("Arbeitsplätze mit E-Akte", "Workplaces with electronic files"),
                "unit": ("Arbeitsplätze", "workplaces"),
                "baseline": 0,
                "target": 30000,
                "current": 13500,
                "source": ("Projektbüro E-Akte", "Electronic files project office"),
            },
        ],
        "budget": 21000000,
        "funding": CITY_BUDGET,
        "decisions": [
            (
                "Sitzungsvorlage 14-20 / V 14102",
                ("Einführung der E-Akte", "Introduction of electronic files"),
                "2019-05-08",
            )
        ],
        "topics": ["verwaltung-digital"],
        "delayed": (
            "Die Anbindung mehrerer Fachverfahren dauert länger als geplant; der Abschluss verschiebt sich um ein Jahr.",
            "Connecting several specialist systems takes longer than planned; completion moves back by one year.",
        ),
    },
    {
        "id": "DR-2019-029",
        "sector": "verwaltung",
        "title": ("Digitale Bauantragsstellung", "Digital building applications"),
        "teaser": (
            "Bauanträge online stellen, Unterlagen hochladen und den Bearbeitungsstand verfolgen.",
            "Submit building applications online, upload documents and track their progress.",
        ),
        "body": [
            (
                "Bauherrinnen, Architekten und Fachstellen arbeiten in einem gemeinsamen digitalen Verfahren. "
                "Pläne werden nicht mehr ausgedruckt und verschickt.",
                "Builders, architects and specialist offices work in one shared digital procedure. Plans are no "
                "longer printed and posted.",
            )
        ],
        "steps": [(1300, "in-planung", 10), (55, "in-umsetzung", 25)],
        "start": "2023-01-01",
        "planned_end": "2027-12-31",
        "progress_method": (
            "Anteil der Bauanträge, die vollständig digital eingehen.",
            "Share of building applications submitted fully digitally.",
        ),
        "milestones": [
            (("Online-Formular mit Bürger-ID", "Online form with citizen ID"), "2026-09-30", True),
            (
                ("Digitale Beteiligung der Fachstellen", "Digital involvement of specialist offices"),
                "2027-09-30",
                False,
            ),
        ],
        "lead": "stadtplanung",
        "co": ["it-referat"],
        "contact": "bauantrag-digital@example.invalid",
        "principles": [("buergerzentrierung", ("Kein Ausdrucken, kein Postweg.", "No printing, no post."))],
        "indicators": [
            {
                "name": ("Digital eingereichte Bauanträge", "Building applications submitted digitally"),
                "unit": ("%", "%"),
                "baseline": 0,
                "target": 90,
                "current": 18,
                "source": ("Lokalbaukommission", "Building control office"),
            },
        ],
        "budget": 4700000,
        "funding": DIGITAL_FUND,
        "topics": ["verwaltung-digital", "buerger-id"],
        "delayed": (
            "Das Landesportal für Bauanträge kam später als angekündigt; die Stadt musste ihre Planung anpassen.",
            "The state portal for building applications arrived later than announced; the city had to adapt its plan.",
        ),
    },
    {
        "id": "DR-2019-030",
        "sector": "verwaltung",
        "title": ("Informationssicherheits-Programm", "Information security programme"),
        "teaser": (
            "Schulungen, Notfallübungen und ein Sicherheitszentrum schützen die IT der Stadt vor Angriffen.",
            "Training, emergency drills and a security operations centre protect the city's IT against attacks.",
        ),
        "body": [
            (
                "Das Programm setzt den IT-Grundschutz in allen Referaten um. Jedes Jahr üben die Referate den "
                "Ausfall wichtiger Systeme.",
                "The programme implements baseline IT protection in all departments. Every year the departments "
                "rehearse the failure of important systems.",
            )
        ],
        "steps": [
            (1500, "in-planung", 20),
            (1100, "in-umsetzung", 40),
            (400, "in-umsetzung", 60),
            (15, "in-umsetzung", 75),
        ],
        "start": "2021-01-01",
        "planned_end": "2026-12-31",
        "progress_method": (
            "Anteil der Referate mit abgeschlossener Grundschutz-Prüfung.",
            "Share of departments with a completed baseline protection audit.",
        ),
        "milestones": [
            (
                ("Sicherheitszentrum in Betrieb", "Security operations centre in operation"),
                "2023-06-30",
                True,
            ),
            (
                ("Pflichtschulung für alle Beschäftigten", "Mandatory training for all staff"),
                "2026-06-30",
                True,
            ),
        ],
        "lead": "it-referat",
        "contact": "informationssicherheit@example.invalid",
        "principles": [
            (
                "informationssicherheit",
                (
                    "Unverzichtbare Grundlage jeder Digitalisierung.",
                    "The indispensable foundation of all digitalisation.",
                ),
            )
        ],
        "indicators": [
            {
                "name": ("Geschulte Beschäftigte", "Trained staff"),
                "unit": ("%", "%"),
                "baseline": 10,
                "target": 100,
                "current": 86,
                "source": ("Lernplattform der Verwaltung", "Administration learning platform"),
            },
        ],
        "budget": 6000000,
        "funding": CITY_BUDGET,
        "topics": ["sicherheit"],
    },
    {
        "id": "DR-2019-031",
        "sector": "verwaltung",
        "title": ("Online-Terminvergabe", "Online appointments"),
        "teaser": (
            "Termine im Bürgerbüro, bei der Kfz-Zulassung und im Standesamt online buchen, verschieben und absagen.",
            "Book, move and cancel appointments at citizens' offices, vehicle registration and the registry office online.",
        ),
        "body": [
            (
                "Die Terminvergabe läuft für alle Bürgerbüros über ein gemeinsames System. Freie Termine werden "
                "automatisch wieder angeboten, wenn jemand absagt.",
                "All citizens' offices use one shared booking system. Free slots are offered again automatically "
                "when someone cancels.",
            )
        ],
        "steps": [(2000, "in-umsetzung", 40), (1500, "in-umsetzung", 80), (1300, "abgeschlossen", 100)],
        "start": "2020-01-01",
        "planned_end": "2022-12-31",
        "progress_method": (
            "Anteil der Dienststellen mit Online-Terminen.",
            "Share of service points with online appointments.",
        ),
        "milestones": [
            (("Alle Bürgerbüros angebunden", "All citizens' offices connected"), "2022-06-30", True)
        ],
        "lead": "kreisverwaltungsreferat",
        "co": ["it-referat"],
        "contact": "termine@example.invalid",
        "principles": [
            (
                "buergerzentrierung",
                ("Kein Anstehen, Termine rund um die Uhr.", "No queueing, appointments around the clock."),
            )
        ],
        "indicators": [
            {
                "name": ("Online gebuchte Termine", "Appointments booked online"),
                "unit": ("%", "%"),
                "baseline": 15,
                "target": 70,
                "current": 82,
                "source": ("Terminsystem", "Booking system"),
            },
        ],
        "budget": 800000,
        "funding": CITY_BUDGET,
        "topics": ["verwaltung-digital"],
    },
    {
        "id": "DR-2019-032",
        "sector": "verwaltung",
        "title": ("E-Rechnung", "E-invoicing"),
        "teaser": (
            "Die Stadt empfängt und bearbeitet Rechnungen elektronisch, vom Eingang bis zur Zahlung.",
            "The city receives and processes invoices electronically, from receipt to payment.",
        ),
        "body": [
            (
                "Lieferanten schicken Rechnungen im Standardformat; Freigaben laufen im Workflow. Das spart Papier "
                "und beschleunigt Zahlungen.",
                "Suppliers send invoices in the standard format; approvals run in a workflow. That saves paper and "
                "speeds up payments.",
            )
        ],
        "steps": [(1200, "in-planung", 10), (700, "in-umsetzung", 60), (80, "abgeschlossen", 100)],
        "start": "2022-09-01",
        "planned_end": "2026-06-30",
        "progress_method": (
            "Anteil der elektronisch eingehenden Rechnungen.",
            "Share of invoices received electronically.",
        ),
        "milestones": [
            (("Alle Referate im Workflow", "All departments in the workflow"), "2026-06-30", True)
        ],
        "lead": "stadtkaemmerei",
        "co": ["it-referat"],
        "contact": "e-rechnung@example.invalid",
        "principles": [
            ("standards", ("Rechnungen im Format XRechnung.", "Invoices in the XRechnung format."))
        ],
        "budget": 1500000,
        "funding": CITY_BUDGET,
        "topics": ["verwaltung-digital"],
    },
]

# (measure, relation type, target): a few measures build on or depend on others.
RELATIONS = [
    ("DR-2019-016", "builds_on", "DR-2019-018"),
    ("DR-2019-029", "depends_on", "DR-2019-026"),
    ("DR-2019-020", "depends_on", "DR-2019-026"),
    ("DR-2019-013", "related", "DR-2019-027"),
    ("DR-2019-011", "builds_on", "DR-2019-016"),
    ("DR-2019-004", "builds_on", "DR-2019-007"),
    ("DR-2019-022", "related", "DR-2019-023"),
    ("DR-2019-014", "related", "DR-2019-006"),
]
