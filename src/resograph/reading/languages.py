"""The languages the reader knows, one unit each (issue 14): a language is added here, in one place.

Data, not logic. :mod:`resograph.reading.patterns` builds from these units the word lists and the
parts of its patterns that differ between languages (months, the names of the issuing bodies,
the words between the items of a list, the possessives of "its resolution", the stop words that
tell the languages apart) and the pre-filter needles that go with them. Every word is *folded*
(lower case, accents stripped, see :func:`resograph.reading.clean.fold`); a space in a phrase stands
for any run of white space. The order of `LANGUAGES` is the order of the alternatives built from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47: "fr", "en", "es"
    months: dict[str, int]  # month names (and variants) → month number
    stopwords: tuple[str, ...]  # frequent short words that tell this language from the others
    bodies: dict[str, tuple[str, ...]]  # issuing body code → its names (regular expressions)
    body_needles: tuple[str, ...]  # every name of `bodies` holds one of these
    conjunctions: tuple[str, ...]  # words between two items of a list ("and", "as well as")
    # "its"/"their" before "resolution": the issuing body's own; before "article(s)": the instrument named
    # before ("la Charte de l'OUA, en particulier son article II"), never one named after
    possessives: tuple[str, ...]
    vote_needle: str  # a word every vote count of this language holds ("votes", "voix")
    resolution_words: tuple[str, ...] = ()  # "resolution(s)" before the numbers it introduces
    own_words: tuple[str, ...] = ()  # between the possessive and the noun: "its own", "ses propres", "sus propias"
    # One word for a body's name and "resolution(s)" ("UNSCR 2396 (2017)", "UNSCRs 1373 (2001) and
    # 2322 (2016)", as INTERPOL's English texts write): the word → the body.
    resolution_abbreviations: dict[str, str] = field(default_factory=dict)
    decision_words: tuple[str, ...] = ()  # "decision(s)" likewise
    # Words right before "resolution(s)" that refer back to resolutions cited before ("that resolution",
    # "the above-mentioned resolutions", "ladite résolution", "dicha resolución"); never "this
    # resolution" nor "la présente résolution" (the document itself).
    anaphors_before: tuple[str, ...] = ()
    # … and right after it ("les résolutions susmentionnées", "las resoluciones antes mencionadas", "the
    # resolutions referred to above")
    anaphors_after: tuple[str, ...] = ()
    # Plural head nouns before (fr, es) or after (en) a list of the places treaties are known by ("les
    # Conventions de Palerme et de Mérida", "the Tokyo, Hague and Montreal Conventions") → the singular
    # the registry's short names use ("Convention de Palerme", "Hague Convention")
    plural_nouns: dict[str, str] = field(default_factory=dict)
    # Pronouns that stand for the instrument noun named before them, then "de"/"of" and the place or
    # year that tells the treaty apart ("l'article 8 de celle de Montréal", "la Convención de 1961 y la
    # de 1971", "the Hague Convention and that of Montreal") → True when plural (a list may follow:
    # "celles de 1971 et de 1988")
    noun_pronouns: dict[str, bool] = field(default_factory=dict)
    # Words before "article" that point back to the article of that number cited before ("ledit article 3")
    article_anaphors: tuple[str, ...] = ()
    # "draft resolution" before a quoted draft that a resolution recommends to another body
    draft_words: tuple[str, ...] = ()
    # Bodies whose resolutions and decisions have no key in DESIGN's table (functional commissions,
    # conferences of the parties, the assemblies of the specialised agencies): a number they issued
    # ("Commission on Narcotic Drugs resolution 56/4", "la résolution 22/7 de la Commission …") is
    # not a citation, rather than one of the General Assembly's. Plain folded phrases.
    other_bodies: tuple[str, ...] = ()
    # Every phrase of `other_bodies` holds one of these, and few texts near an issuing body's name do
    # (not "council", "assembly"): where none is, the finder does not look for such a body.
    other_body_needles: tuple[str, ...] = ()
    # Their short name, read only as a resolution's qualifier ("Commission resolution 66/3", "la
    # résolution 66/3 de la Commission"): no body with keyed resolutions is called so.
    other_body_short_names: tuple[str, ...] = ()
    # Words between a body's name and "resolution" that pick one of its resolutions out ("the
    # resolutions of the Commission on Narcotic Drugs, *including* resolution 67/1").
    inclusion_links: tuple[str, ...] = ()
    # Words between a body and "its resolution" that make the resolution that body's ("the
    # Commission, in its resolution …", "la Commission, dans sa résolution …").
    possessive_links: tuple[str, ...] = ()
    # The head nouns of an instrument's name ("International *Covenant* on …", "*Protocole* facultatif")
    # → the kind of instrument they name: how the reader notices a treaty the registry does not know.
    # "Rules": an organization's own rules ("the General Regulations", "le Règlement d'INTERPOL sur le
    # traitement des données"), which own the articles cited after them ("son article 10").
    instrument_nouns: dict[str, str] = field(default_factory=dict)
    range_words: tuple[str, ...] = ()  # between the two ends of a range of articles ("16 to 21")
    # Other organisations whose resolutions the genre also has (regional, inter-regional and police
    # organisations): named at the head of a document or in its chapeau, they issued it — its own
    # numbers ("sa décision 749 (XXXIII)", "AHG/Res.213 (XXVIII)") have no key in DESIGN's table.
    other_organisations: tuple[str, ...] = ()
    # Indefinite articles: before a treaty's name in lower case ("élaborer une convention contre la
    # criminalité transnationale organisée") they make it a description of a task, not the treaty
    indefinite_articles: tuple[str, ...] = ()
    # After a list of articles, pairs them with the treaties named before them, in order ("the Palermo and
    # Mérida Conventions, and their articles 27 and 48, respectively")
    respectively_words: tuple[str, ...] = ()
    # Words that open a clause giving a listed resolution's subject ("S-20/4 B, on the control of
    # precursors, and S-20/4 D, on countering money-laundering"): the list resumes after it
    topic_words: tuple[str, ...] = ()
    # Relative pronouns that open a clause on a listed resolution ("55/25, by which it adopted …, and 55/255,
    # by which …"; "S-20/4 C, en la que figuran …, y S-30/1, en cuyo anexo …"): two such clauses, even
    # worded apart, tell a list that resumes (find._parallel_resume)
    relative_pronouns: tuple[str, ...] = ()
    # Relative pronouns of an object clause whose subject is a body and whose verb stands before "in its
    # resolution" ("…, which the General Assembly endorsed in its resolution 73/195", "que la Asamblea General
    # hizo suyo en su resolución"): "its" is that body's (find._relative_agent)
    object_relatives: tuple[str, ...] = ()
    # The determiners before a body named as a clause's addressee ("Encourages *the* Human Rights
    # Council to …", "Solicita *al* Consejo …"): "its resolution" further on is that body's.
    determiners: tuple[str, ...] = ()
    # Nouns after a clause's opening words whose genitive names the body that acted ("Welcoming the
    # *decision* of the Human Rights Council to extend, by its resolution 48/4, …"): "its" is that body.
    agent_nouns: tuple[str, ...] = ()
    # The short names a text gives a body it has named in full ("la Asamblea", "le Conseil"), read only
    # between "resolution(s)" and a number of the body's own form ("las resoluciones de la Asamblea
    # 60/288 y 79/243", "les résolutions du Conseil 2178 (2014)"): there the word cannot be another
    # body's start (regular expressions, like `bodies`).
    short_bodies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Words right before a treaty's name that make it part of another instrument's title ("the Protocol
    # against the Smuggling of Migrants …, *supplementing the* United Nations Convention against …"):
    # that treaty is named there, not cited.
    title_links: tuple[str, ...] = ()
    # Lower-case words that go on inside an instrument's title ("Kyoto Declaration on Advancing Crime
    # Prevention, Criminal Justice and the Rule of Law: Towards the Achievement of the 2030 Agenda …"),
    # where every other word is capitalised: a name in such a title's subtitle is not cited
    title_words: tuple[str, ...] = ()


FRENCH = Language(
    code="fr",
    months={"janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
            "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12},
    stopwords=("le", "les", "des", "du", "et", "une", "dans", "pour", "sur", "aux", "qui", "que", "est"),
    bodies={"un-sc": (r"conseil\s+de\s+securite",),
            "ecosoc": (r"conseil\s+economique\s+et\s+social",),
            "hrc": (r"conseil\s+des\s+droits\s+de\s+l'homme",),
            "un-ga": (r"assemblee\s+generale",)},
    body_needles=("conse", "assembl"),
    conjunctions=("et", "ou", "ainsi que"),
    possessives=("sa", "son", "ses", "leur", "leurs"),
    own_words=("propre", "propres"),
    possessive_links=("dans", "par"),
    vote_needle="voix",
    resolution_words=("resolution", "resolutions"),
    decision_words=("decision", "decisions"),
    article_anaphors=("ledit", "lesdits", "cet", "ce meme", "le meme"),
    anaphors_before=("ladite", "lesdites", "cette", "ces", "la susdite", "les susdites", "la susmentionnee",
                     "les susmentionnees", "la precitee", "les precitees", "la meme", "cette meme"),
    anaphors_after=("susmentionnee", "susmentionnees", "susvisee", "susvisees", "precitee", "precitees",
                    "susdite", "susdites", "mentionnee ci-dessus", "mentionnees ci-dessus",
                    "ci-dessus mentionnee", "ci-dessus mentionnees", "visee ci-dessus", "visees ci-dessus",
                    "citee plus haut", "citees plus haut", "en question"),
    draft_words=("projet de resolution", "projet de decision", "projets de resolution"),
    other_bodies=("commission pour la prevention du crime et la justice penale",
                  "commission de la prevention du crime et de la justice penale", "commission des stupefiants",
                  "commission de la condition de la femme", "commission des droits de l'homme",
                  "sous-commission de la promotion et de la protection des droits de l'homme",
                  "commission du developpement social", "commission de la population et du developpement",
                  "commission du developpement durable", "commission de statistique",
                  "commission de la science et de la technique au service du developpement",
                  "conference des parties", "conference des etats parties", "reunion des parties",
                  "reunion des etats parties", "assemblee des etats parties", "assemblee mondiale de la sante",
                  "conference generale de l'unesco", "conference generale", "conseil executif",
                  "conseil d'administration", "assemblee des nations unies pour l'environnement",
                  "conference internationale du travail",
                  # other organisations' general assemblies, not the United Nations'
                  "assemblee generale de l'organisation des etats americains", "assemblee generale de l'oea"),
    other_body_needles=("commission", "conference", "reunion", "parties", "sante", "executif", "administration",
                        "environnement", "americains", "oea"),
    other_body_short_names=("commission",),
    inclusion_links=("notamment", "notamment la", "en particulier", "en particulier la", "y compris", "y compris la"),
    instrument_nouns={"convention": "Treaty", "pacte": "Treaty", "protocole": "Treaty", "traite": "Treaty",
                      "statut": "Constitution", "constitution": "Constitution", "declaration": "Declaration",
                      "accord": "Agreement", "reglement": "Rules", "strategie": "Resolution"},
    range_words=("a", "au"),
    respectively_words=("respectivement",),
    object_relatives=("que", "qu'"),
    relative_pronouns=("laquelle", "lesquelles", "lequel", "lesquels", "dont"),
    topic_words=("sur", "relative", "relatives", "concernant", "intitulee", "intitulees", "intitule", "intitules"),
    plural_nouns={"conventions": "convention"},
    noun_pronouns={"celle": False, "celui": False, "celles": True, "ceux": True},
    other_organisations=("organisation des etats americains", "union africaine", "organisation de l'unite africaine",
                         "conseil de l'europe", "union europeenne",
                         "organisation pour la securite et la cooperation en europe", "ligue des etats arabes",
                         "communaute economique des etats de l'afrique de l'ouest"),
    indefinite_articles=("un", "une", "d'un", "d'une"),
    determiners=("le", "la", "l'", "au", "a la"),
    agent_nouns=("decision", "decisions"),
    short_bodies={"un-sc": (r"conseil",), "hrc": (r"conseil",), "un-ga": (r"assemblee",)},
    title_words=("sur", "sa", "son", "ses", "la", "le", "les", "l'", "de", "d'", "du", "des", "et", "pour", "a", "au",
                 "aux", "en", "contre", "vers", "dans"),
    title_links=("additionnel a la", "complementaire de la", "protocole facultatif a la",
                 "protocole facultatif se rapportant a la"),
)

ENGLISH = Language(
    code="en",
    months={"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
            "august": 8, "september": 9, "october": 10, "november": 11, "december": 12},
    stopwords=("the", "of", "and", "to", "in", "for", "that", "with", "its", "on", "by", "which"),
    bodies={"un-sc": (r"security\s+council",),
            "ecosoc": (r"economic\s+and\s+social\s+council", "ecosoc"),
            "hrc": (r"human\s+rights\s+council",),
            "un-ga": (r"general\s+assembly",)},
    body_needles=("council", "ecosoc", "assembl"),
    conjunctions=("and", "or", "as well as", "&"),
    possessives=("its", "their"),
    own_words=("own",),
    possessive_links=("in", "by", "through"),
    vote_needle="vote",
    resolution_words=("resolution", "resolutions"),
    resolution_abbreviations={"unscr": "un-sc", "unscrs": "un-sc"},
    decision_words=("decision", "decisions"),
    # (not "that": "and that article 41 provides …" is a conjunction, the treaty under discussion's article)
    article_anaphors=("said", "the said", "the aforementioned", "the above-mentioned"),
    anaphors_before=("that", "those", "these", "said", "the above-mentioned", "the above mentioned",
                     "the abovementioned", "the aforementioned", "the aforesaid", "the above", "the said", "the same"),
    anaphors_after=("mentioned above", "referred to above", "cited above", "above-mentioned", "aforementioned",
                    "under reference", "in question"),
    draft_words=("draft resolution", "draft decision"),
    other_bodies=("commission on crime prevention and criminal justice", "commission on narcotic drugs",
                  "commission on the status of women", "commission on human rights",
                  "sub-commission on the promotion and protection of human rights",
                  "commission for social development", "commission on population and development",
                  "commission on sustainable development", "statistical commission",
                  "commission on science and technology for development",
                  "conference of the parties", "conference of states parties", "conference of the states parties",
                  "meeting of the parties", "meeting of states parties", "meeting of the states parties",
                  "assembly of states parties", "world health assembly", "unesco general conference",
                  "general conference of unesco", "general conference", "executive board", "governing council",
                  "united nations environment assembly", "international labour conference",
                  # other organisations' general assemblies, not the United Nations'
                  "general assembly of the organization of american states", "oas general assembly",
                  "general assembly of the oas"),
    other_body_needles=("commission", "conference", "meeting", "parties", "health", "board", "governing",
                        "environment", "american", "oas"),
    other_body_short_names=("commission",),
    inclusion_links=("including", "in particular", "particularly", "notably", "especially"),
    instrument_nouns={"convention": "Treaty", "covenant": "Treaty", "protocol": "Treaty", "treaty": "Treaty",
                      "statute": "Constitution", "constitution": "Constitution", "declaration": "Declaration",
                      "agreement": "Agreement", "regulations": "Rules", "rules": "Rules", "strategy": "Resolution"},
    range_words=("to",),
    respectively_words=("respectively",),
    object_relatives=("which", "that"),
    relative_pronouns=("which", "whereby", "whose", "wherein"),
    topic_words=("on", "concerning", "relating", "entitled"),
    plural_nouns={"conventions": "convention"},
    noun_pronouns={"that": False, "those": True},
    other_organisations=("organization of american states", "african union", "organization of african unity",
                         "council of europe", "european union", "organization for security and co-operation in europe",
                         "organization for security and cooperation in europe", "league of arab states",
                         "economic community of west african states", "association of southeast asian nations",
                         # acronyms that are names in every language
                         "ameripol", "aseanapol", "afripol", "europol", "asean", "osce"),
    indefinite_articles=("a", "an"),
    determiners=("the",),
    agent_nouns=("decision", "decisions"),
    short_bodies={"un-sc": (r"council",), "hrc": (r"council",), "un-ga": (r"assembly",)},
    title_words=("on", "of", "the", "and", "for", "to", "in", "against", "towards", "its", "at", "a", "an"),
    title_links=("supplementing the", "supplementary to the", "optional protocol to the"),
)

SPANISH = Language(
    code="es",
    months={"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
            "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12},
    stopwords=("el", "los", "las", "del", "y", "una", "para", "con", "que", "por", "sobre", "su"),
    bodies={"un-sc": (r"consejo\s+de\s+seguridad",),
            "ecosoc": (r"consejo\s+economico\s+y\s+social",),
            "hrc": (r"consejo\s+de\s+derechos\s+humanos",),
            "un-ga": (r"asamblea\s+general",)},
    body_needles=("conse", "asamblea"),
    conjunctions=("y", "e", "o", "asi como"),
    possessives=("su", "sus"),
    own_words=("propia", "propias", "propio", "propios"),
    possessive_links=("en", "por", "mediante", "en virtud de"),
    vote_needle="voto",
    resolution_words=("resolucion", "resoluciones"),
    decision_words=("decision", "decisiones"),
    article_anaphors=("dicho", "dichos", "el citado", "el mencionado", "el referido", "el precitado",
                      "el mismo"),
    anaphors_before=("dicha", "dichas", "esa", "esas", "la citada", "las citadas", "la mencionada",
                     "las mencionadas", "la antes mencionada", "las antes mencionadas", "la misma", "esa misma"),
    anaphors_after=("antes mencionada", "antes mencionadas", "anteriormente mencionada", "anteriormente mencionadas",
                    "mencionada anteriormente", "mencionadas anteriormente", "arriba mencionada",
                    "arriba mencionadas", "antes citada", "antes citadas", "precitada", "precitadas",
                    "mencionada", "mencionadas", "citada", "citadas", "en cuestion"),
    draft_words=("proyecto de resolucion", "proyecto de decision", "proyectos de resolucion"),
    other_bodies=("comision de prevencion del delito y justicia penal", "comision de estupefacientes",
                  "comision de la condicion juridica y social de la mujer", "comision de derechos humanos",
                  "subcomision de promocion y proteccion de los derechos humanos",
                  "comision de desarrollo social", "comision de poblacion y desarrollo",
                  "comision sobre el desarrollo sostenible", "comision de estadistica",
                  "comision de ciencia y tecnologia para el desarrollo",
                  "conferencia de las partes", "conferencia de los estados partes", "reunion de las partes",
                  "reunion de los estados partes", "asamblea de los estados partes", "asamblea mundial de la salud",
                  "conferencia general de la unesco", "conferencia general", "consejo ejecutivo",
                  "consejo de administracion", "asamblea de las naciones unidas sobre el medio ambiente",
                  "conferencia internacional del trabajo",
                  # other organisations' general assemblies, not the United Nations'
                  "asamblea general de la organizacion de los estados americanos", "asamblea general de la oea"),
    other_body_needles=("comision", "conferencia", "reunion", "partes", "salud", "ejecutivo", "administracion",
                        "medio ambiente", "americanos", "oea"),
    other_body_short_names=("comision",),
    inclusion_links=("en particular", "en particular la", "incluida", "incluida la", "entre ellas", "entre ellas la",
                     "especialmente", "especialmente la"),
    instrument_nouns={"convencion": "Treaty", "convenio": "Treaty", "pacto": "Treaty", "protocolo": "Treaty",
                      "tratado": "Treaty", "estatuto": "Constitution", "constitucion": "Constitution",
                      "declaracion": "Declaration", "acuerdo": "Agreement", "reglamento": "Rules",
                      "estrategia": "Resolution"},
    range_words=("a", "al"),
    respectively_words=("respectivamente",),
    object_relatives=("que",),
    relative_pronouns=("que", "cual", "cuales", "cuyo", "cuya", "cuyos", "cuyas"),
    topic_words=("sobre", "relativa", "relativas", "relativo", "relativos", "titulada", "tituladas", "titulado", "titulados"),
    plural_nouns={"convenciones": "convencion", "convenios": "convenio"},
    noun_pronouns={"la": False, "el": False, "del": False, "al": False, "las": True, "los": True},
    other_organisations=("organizacion de los estados americanos", "union africana",
                         "organizacion de la unidad africana", "consejo de europa", "union europea",
                         "organizacion para la seguridad y la cooperacion en europa", "liga de los estados arabes",
                         "comunidad de policias de america"),
    indefinite_articles=("un", "una"),
    determiners=("el", "la", "al", "a la"),
    agent_nouns=("decision", "decisiones"),
    short_bodies={"un-sc": (r"consejo",), "hrc": (r"consejo",), "un-ga": (r"asamblea",)},
    title_words=("sobre", "la", "el", "los", "las", "de", "del", "y", "e", "para", "hacia", "contra", "en", "al", "su",
                 "sus"),
    title_links=("que complementa la", "complementario del", "protocolo facultativo de la"),
)

LANGUAGES: tuple[Language, ...] = (FRENCH, ENGLISH, SPANISH)

# The issuing bodies, most specific first (the General Assembly last): the order their names are tried.
BODY_ORDER = ("un-sc", "ecosoc", "hrc", "un-ga")
