"""Dutch, Polish, Turkish and Swedish for :mod:`havoc_srs.reader.foreign`.

All of the reader's Dutch vocabulary lives here.

The same glossary scheme as the five languages of ``foreign``: function words that mark each
language, phrases, then words. The data here is written from general vocabulary (statistics and
quality engineering terms, question and comparison words, everyday nouns for what tables
measure), never from particular questions.

Polish and Turkish inflect ("średnia", "średniej", "średnią"; "fiyat", "fiyatları",
"fiyatların"), and Dutch and Swedish add plural and definite endings and build compounds
("wanddikte", "borrdiametern"): :func:`gloss` reads a word the glossary lacks by its longest
known stem (a minimum stem length, a bounded ending), and Dutch and Swedish compounds by their
known last part.

Keys are written as the language writes them; :func:`tables` returns them in the form that
``foreign._plain`` gives (lower case, accents removed).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Function words that mark each language; none an English word, none a function word of the
# five older languages (those would tip a Spanish or German question the wrong way).
MARKERS = {
    "nl": "het een van zijn tussen voor wat welke hoe geen niet ook graag alsjeblieft "
    "alstublieft deze dit bij naar uit verschilt verschillen hebben heeft wordt worden kunnen "
    "kun kunt jullie ons onze alleen tenminste minstens hoogstens groter kleiner "
    "tegen volgens elke ieder welk waar hoeveel wij nodig meer minder onder verschil gelijke gelijk",
    "pl": "jest czy jaka jaki jakie jaką ile między dla oraz lub albo nie się przez proszę "
    "który która które których tylko jak przy niż więcej mniej pomiędzy wśród każdy każdej "
    "oblicz sprawdź policz porównaj czym są był była było według zależy różni różnią ze",
    "tr": "ve bir bu ile için nedir mıdır midir mudur hangi göre lütfen yapar misin mısın musunuz "
    "mısınız müsün müsünüz misiniz musun olan arasında değil daha veya kaç nasıl ise tüm sadece yalnızca "
    "üzerinde altında fazla başına yapabilir yapın hesapla hesaplar",
    "sv": "och är av mellan ett det som på vad hur vilken vilka vilket finns inte kan ni "
    "jag vi våra mot eller skillnad varje bara minst högst större mindre "
    "skiljer sig enligt hos efter gör gärna någon några ska",
}

# Letters only some languages write (added to the count of markers).
LETTERS = {"pl": "ąęłśźżń", "tr": "ığş", "sv": "å"}

# phrase -> English, per language (applied before words)
PHRASES = {
    "nl": {
        "standaard deviatie": "standard deviation", "standaardafwijking": "standard deviation",
        "interkwartielafstand": "interquartile range", "variatiecoëfficiënt": "coefficient of variation",
        "normaal verdeeld": "normally distributed", "normale verdeling": "normal distribution",
        "is er": "is there", "zijn er": "are there", "groter dan": "greater than",
        "kleiner dan": "less than", "meer dan": "more than", "minder dan": "less than",
        "ten minste": "at least", "op zijn minst": "at least", "ten hoogste": "at most",
        "hoogstens": "at most", "minstens": "at least", "tenminste": "at least",
        "in vergelijking met": "compared with", "vergeleken met": "compared with",
        "regelkaart": "control chart", "controlekaart": "control chart",
        "proceskaart": "control chart", "procescapabiliteit": "process capability",
        "procesvermogen": "process capability", "steekproefgrootte": "sample size",
        "steekproefomvang": "sample size", "betrouwbaarheidsniveau": "confidence level",
        "significantieniveau": "significance level", "onderscheidend vermogen": "power",
        "factorieel ontwerp": "factorial design", "proefopzet": "design of experiments",
        "per groep": "per group", "t-toets": "t-test", "t toets": "t-test",
        "meetsysteemanalyse": "measurement system analysis", "per stuk": "per unit",
        "rekening houdend met": "controlling for", "gecorrigeerd voor": "controlling for",
        "met twee steekproeven": "two-sample",
        "voor en na": "before and after", "vóór en na": "before and after", "chi kwadraat": "chi-square",
        "chi-kwadraat": "chi-square", "dank je": "thanks", "dank u": "thanks",
    },
    "pl": {
        "odchylenie standardowe": "standard deviation", "odchylenia standardowego": "standard deviation",
        "odchyleniem standardowym": "standard deviation", "rozstęp międzykwartylowy": "interquartile range",
        "współczynnik zmienności": "coefficient of variation", "rozkład normalny": "normal distribution",
        "rozkładu normalnego": "normal distribution", "rozkład normalnym": "normal distribution",
        # "in control" of a process
        "pod kontrolą": "in control", "pod kontrola": "in control",
        "karta kontrolna": "control chart", "karty kontrolnej": "control chart",
        "kartę kontrolną": "control chart", "karta kontrolną": "control chart",
        "zdolność procesu": "process capability", "zdolności procesu": "process capability",
        "wielkość próby": "sample size", "liczebność próby": "sample size",
        "poziom istotności": "significance level", "poziomie istotności": "significance level",
        "poziom ufności": "confidence level", "moc testu": "power", "co najmniej": "at least",
        "co najwyżej": "at most", "większy niż": "greater than", "większa niż": "greater than",
        "większe niż": "greater than", "mniejszy niż": "less than", "mniejsza niż": "less than",
        "mniejsze niż": "less than", "plan czynnikowy": "factorial design",
        "plan centralny kompozycyjny": "central composite design",
        "plan eksperymentu": "design of experiments", "chi kwadrat": "chi-square",
        "chi-kwadrat": "chi-square", "w porównaniu z": "compared with", "w zależności od": "by",
        "poza tolerancją": "out of tolerance",
        "test t": "t-test", "prób zależnych": "paired samples", "próby zależne": "paired samples",
        "wytrzymałość na rozciąganie": "tensile strength",
        "wytrzymałości na rozciąganie": "tensile strength",
        "analiza wariancji": "analysis of variance", "analizę wariancji": "analysis of variance", "poza specyfikacją": "out of specification",
    },
    "tr": {
        "standart sapma": "standard deviation", "standart sapması": "standard deviation",
        "standart sapmasi": "standard deviation", "çeyrekler açıklığı": "interquartile range",
        "değişim katsayısı": "coefficient of variation", "normal dağılım": "normal distribution",
        "normal dağılıma": "normal distribution", "normal dağılımı": "normal distribution",
        "normal dağılıyor": "normally distributed", "kontrol grafiği": "control chart",
        "kontrol kartı": "control chart", "süreç yeterliliği": "process capability",
        "proses yeterliliği": "process capability", "örneklem büyüklüğü": "sample size",
        "örneklem sayısı": "sample size", "anlamlılık düzeyi": "significance level",
        "güven düzeyi": "confidence level", "testin gücü": "power", "en az": "at least",
        "en çok": "at most", "en fazla": "at most", "daha büyük": "greater",
        "daha küçük": "smaller", "daha yüksek": "higher", "daha düşük": "lower",
        "faktöriyel tasarım": "factorial design", "deney tasarımı": "design of experiments",
        "ki kare": "chi-square", "ki-kare": "chi-square", "bakar mısın": "please",
        "yapar mısın": "please", "yapar mısınız": "please", "yapabilir misin": "please",
        "yapabilir misiniz": "please", "ölçüm sistemi analizi": "measurement system analysis",
        "var mı": "is there", "var mıdır": "is there",
        "çekme dayanımı": "tensile strength", "tek yönlü": "one-way", "öncesi ve sonrası": "before and after",
        "varyans analizi": "analysis of variance",
    },
    "sv": {
        "standardavvikelse": "standard deviation", "standardavvikelsen": "standard deviation",
        "kvartilavstånd": "interquartile range", "variationskoefficient": "coefficient of variation",
        "normalfördelad": "normally distributed", "normalfördelade": "normally distributed",
        "normalfördelning": "normal distribution", "finns det": "is there",
        "större än": "greater than", "mindre än": "less than", "fler än": "more than",
        "färre än": "fewer than", "minst": "at least", "högst": "at most",
        "jämfört med": "compared with", "i förhållande till": "compared with",
        "styrdiagram": "control chart", "kontrolldiagram": "control chart",
        "duglighet": "capability", "processduglighet": "process capability",
        "processförmåga": "process capability", "stickprovsstorlek": "sample size",
        "signifikansnivå": "significance level", "konfidensnivå": "confidence level",
        "faktorförsök": "factorial design", "försöksplan": "design of experiments",
        "chi två": "chi-square", "chi-två": "chi-square", "ta fram": "make",
        "skiljer sig": "differs", "skiljer de sig": "do they differ",
        "mätsystemanalys": "measurement system analysis",
        "för att": "to", "hur många": "how many", "skillnad på": "difference of",
        "skillnaden på": "the difference of",
    },
}  # fmt: skip

# word -> English, per language (exact words; see STEMS for inflected ones)
WORDS = {
    "nl": {
        # statistics
        "gemiddelde": "mean", "gemiddeld": "average", "gemiddelden": "means",
        "mediaan": "median", "modus": "mode", "variantie": "variance", "varianties": "variances",
        "spreiding": "spread", "standaarddeviatie": "standard deviation", "bereik": "range",
        "variatiebreedte": "range", "kwartiel": "quartile", "kwartielen": "quartiles",
        "percentiel": "percentile", "scheefheid": "skewness", "minimum": "minimum",
        "maximum": "maximum", "correlatie": "correlation", "samenhang": "association",
        "lijn": "line", "lijnen": "lines", "ploegen": "shifts", "afwijking": "deviation",
        "groot": "large", "bedankt": "thanks", "zowel": "both",
        "verband": "association", "verdeling": "distribution", "verdeeld": "distributed",
        "normaal": "normal", "normale": "normal", "toets": "test", "toetsen": "test",
        "test": "test", "verschil": "difference", "verschillen": "differ",
        "verschilt": "differs", "significant": "significant", "significante": "significant",
        "steekproef": "sample", "steekproeven": "samples", "regressie": "regression",
        "voorspelling": "prediction", "kans": "probability", "proportie": "proportion",
        "aandeel": "proportion", "percentage": "percentage", "frequentie": "frequency",
        "kruistabel": "contingency table", "onafhankelijk": "independent", "hypothese": "hypothesis",
        "betrouwbaarheidsinterval": "confidence interval", "vermogen": "power",
        "kaart": "chart", "grafiek": "chart", "capabiliteit": "capability", "tolerantie": "tolerance",
        "specificatie": "specification", "specificatiegrens": "specification limit",
        "specificatiegrenzen": "specification limits", "ontwerp": "design", "factor": "factor",
        "factoren": "factors", "factorieel": "factorial", "meting": "measurement",
        "metingen": "measurements", "meetsysteem": "measurement system", "operator": "operator",
        "afgekeurd": "rejected", "afgekeurde": "rejected", "defect": "defective",
        "defecte": "defective", "fouten": "defects", "uitval": "scrap", "subgroep": "subgroup",
        "subgroepen": "subgroups", "partiële": "partial", "partiele": "partial",
        "gecorrigeerd": "adjusted", "vergelijk": "compare", "vergelijken": "compare",
        "bereken": "compute", "berekenen": "compute", "maak": "make", "maken": "make",
        "gelijk": "equal", "gelijke": "equal", "hoger": "higher", "lager": "lower",
        "groter": "larger", "kleiner": "smaller", "meer": "more", "minder": "less",
        "hangt": "depends", "afhankelijk": "dependent", "aantal": "number", "telling": "count",
        "som": "sum", "totaal": "total", "groep": "group", "groepen": "groups",
        # what tables measure
        "gewicht": "weight", "temperatuur": "temperature", "tijd": "time", "wachttijd": "waiting time",
        "prijs": "price", "prijzen": "prices", "leeftijd": "age", "lengte": "length",
        "dikte": "thickness", "hoogte": "height", "druk": "pressure", "opbrengst": "yield",
        "snelheid": "speed", "duur": "duration", "breedte": "width", "diameter": "diameter",
        "hardheid": "hardness", "sterkte": "strength", "kosten": "cost", "omzet": "sales",
        "inkomen": "income", "salaris": "salary", "afstand": "distance", "concentratie": "concentration",
        "geleidbaarheid": "conductivity", "score": "score", "cijfer": "grade", "cijfers": "grades",
        "klanten": "customers", "patiënten": "patients", "leerlingen": "students",
        "studenten": "students", "bestellingen": "orders", "dag": "day", "dagen": "days",
        "week": "week", "maand": "month", "jaar": "year", "jaren": "years", "regio": "region",
        "land": "country", "stad": "city", "school": "school", "machine": "machine",
        # deliveries and depots: vans, parcels, sorting
        "busje": "van", "busjes": "vans", "bestelbus": "van", "bestelbussen": "vans",
        "pakket": "parcel", "pakketten": "parcels", "sorteer": "sort", "sorteren": "sort",
        "levering": "delivery", "leveringen": "deliveries", "bezorging": "delivery",
        "machines": "machines", "leverancier": "supplier", "ploeg": "shift", "dienst": "shift",
        "partij": "batch", "batch": "batch", "soort": "type", "type": "type", "geslacht": "sex",
        "vrouwen": "women", "mannen": "men", "wand": "wall", "boring": "bore", "fles": "bottle",
        "flessen": "bottles", "onderdelen": "parts", "onderdeel": "part", "stuks": "units",
        "rol": "roll", "rollen": "rolls", "vulgewicht": "fill weight", "ruwheid": "roughness",
        "koppel": "torque", "gekoeld": "cooled", "gekoelde": "cooled", "behandeling": "treatment",
        "afdeling": "department", "staal": "sample", "stalen": "samples", "afdelingen": "departments", "aan": "on", "uit": "off",
        # function words
        "de": "the", "het": "the", "een": "a", "van": "of", "en": "and", "of": "or",
        "is": "is", "zijn": "are", "tussen": "between", "voor": "for", "met": "with",
        "wat": "what", "welke": "which", "welk": "which", "hoe": "how", "er": "there",
        "geen": "no", "niet": "not", "ook": "also", "graag": "please", "alsjeblieft": "please",
        "alstublieft": "please", "deze": "these", "dit": "this", "die": "that", "dat": "that",
        "bij": "at", "op": "on", "naar": "to", "over": "over", "per": "per", "in": "in",
        "alleen": "only", "dan": "than", "tegen": "against", "versus": "versus",
        "volgens": "by", "elke": "each", "ieder": "each", "door": "by", "om": "to",
        "kunnen": "can", "kun": "can", "kunt": "can", "jullie": "you", "je": "you", "u": "you",
        "ik": "i", "wij": "we", "we": "we", "ons": "our", "onze": "our", "hallo": "hello",
        "heeft": "has", "hebben": "have", "wordt": "is", "worden": "are", "hoeveel": "how many",
        "waar": "where", "nodig": "needed", "alle": "all", "na": "after", "sinds": "since",
        "doen": "do", "uitvoeren": "run", "voeren": "run", "twee": "two", "drie": "three",
        "vier": "four", "vijf": "five", "zes": "six", "beide": "both", "hoog": "high",
        "laag": "low", "zonder": "without", "binnen": "within", "buiten": "outside",
        "sterker": "stronger", "vaker": "more often", "verwacht": "expected",
        "vertraging": "delay", "schip": "ship", "schepen": "ships", "lucht": "air",
        "wind": "wind", "windsnelheid": "wind speed", "brandstof": "fuel", "verbruik": "consumption",
        "route": "route", "routes": "routes", "kaartje": "ticket", "kaartjes": "tickets",
        "heb": "have", "te": "to", "detecteren": "detect", "aantonen": "detect",
        "proefstukken": "specimens", "proefstuk": "specimen", "monster": "sample",
        "monsters": "samples", "wachtrij": "queue", "bezoekers": "visitors", "passagiers": "passengers",
        "seizoen": "season", "seizoenen": "seasons", "anders": "different", "waarde": "value",
        "waarden": "values", "meetwaarden": "measurements", "meetwaarde": "measurement",
        "lineair": "linear", "lineaire": "linear", "volledig": "full", "volledige": "full",
        "niveau": "level", "niveaus": "levels", "voer": "run", "overtocht": "crossing",
        "histogram": "histogram", "spreidingsdiagram": "scatter plot", "uitschieters": "outliers",
        "gepaarde": "paired", "gepaard": "paired", "treksterkte": "tensile strength",
        "eenweg": "one-way", "eenwegs": "one-way", "herhaling": "repeat", "herhalingen": "repeats",
        "viscositeit": "viscosity", "kalibratie": "calibration", "valt": "falls", "vallen": "fall",
    },
    "pl": {
        # exact short words (the rest are in STEMS)
        "i": "and", "w": "in", "we": "in", "z": "with", "ze": "with", "na": "on", "do": "to",
        # water in its cases (a stem "wod" would also read "wodór", hydrogen)
        "woda": "water", "wody": "water", "wodzie": "water", "wodę": "water", "wodą": "water",
        "od": "from", "po": "after", "o": "by", "a": "and", "jest": "is", "są": "are",
        "czy": "whether", "ile": "how many", "jak": "how", "co": "what", "dla": "for",
        "oraz": "and", "lub": "or", "albo": "or", "nie": "not", "się": "", "przez": "by",
        "proszę": "please", "tylko": "only", "przy": "at", "niż": "than", "między": "between",
        "pomiędzy": "between", "wśród": "among", "według": "by", "więcej": "more",
        "mniej": "less", "bardziej": "more", "latem": "in summer", "zimą": "in winter",
        "rocznie": "per year", "dziennie": "per day", "każdy": "each", "każdej": "each",
        "każdego": "each", "potrzebuję": "i need", "potrzebujemy": "we need",
        "żeby": "to", "aby": "to", "istnieje": "is there", "ma": "has", "mają": "have", "oblicz": "compute", "policz": "compute",
        "sprawdź": "test", "porównaj": "compare", "test": "test", "testem": "test",
        "dwa": "two", "dwie": "two", "trzy": "three", "cztery": "four", "pięć": "five",
        "jaka": "what", "jaki": "what", "jakie": "what", "jaką": "what", "który": "which",
        "która": "which", "które": "which", "których": "which", "był": "was", "była": "was",
        "było": "was", "czym": "what", "zależy": "depends", "ten": "this", "ta": "this",
        "to": "it", "tych": "these", "pod": "under", "nad": "above", "bez": "without",
    },
    "tr": {
        "ve": "and", "bir": "a", "bu": "this", "ile": "with", "için": "for", "mi": "",
        "mı": "", "mu": "", "mü": "", "mısın": "", "misin": "", "nedir": "what is",
        "var": "is there", "hangi": "which", "göre": "by", "lütfen": "please", "olan": "that is",
        "değil": "not", "daha": "more", "veya": "or", "ya": "or", "kaç": "how many", "şekilde": "", "tam": "full",
        "nasıl": "how", "tüm": "all", "sadece": "only", "yalnızca": "only", "fazla": "more",
        "az": "less", "arasında": "between", "üzerinde": "above", "altında": "below",
        "başına": "per", "test": "test", "testi": "test", "testini": "test", "midir": "",
        "mıdır": "", "mudur": "", "misiniz": "", "musunuz": "", "mısınız": "", "ne": "what", "en": "most", "olarak": "as", "de": "also",
        "da": "also", "ki": "that", "hesapla": "compute", "hesaplar": "compute",
        "yapar": "do", "yap": "do", "uyuyor": "follows", "uyar": "follows", "uyuyormu": "follows", "ay": "month",
        "iki": "two", "üç": "three", "dört": "four", "beş": "five", "aylık": "monthly", "kaçtır": "how many",
    },
    "sv": {
        "och": "and", "är": "is", "av": "of", "för": "for", "med": "with", "mellan": "between",
        "göra": "make", "kapabilitet": "capability", "duglighet": "capability",
        "vill": "want", "ha": "have",
        "en": "a", "ett": "a", "det": "it", "den": "the", "de": "the", "som": "that",
        "på": "on", "till": "to", "om": "whether", "vad": "what", "hur": "how",
        "vilken": "which", "vilka": "which", "vilket": "which", "finns": "is there",
        "inte": "not", "kan": "can", "ni": "you", "du": "you", "jag": "i", "vi": "we",
        "våra": "our", "vår": "our", "vårt": "our", "mot": "against", "eller": "or",
        "tack": "thanks", "varje": "each", "bara": "only", "enbart": "only", "endast": "only",
        "större": "larger", "mindre": "smaller", "högre": "higher", "lägre": "lower",
        "än": "than", "enligt": "by", "hos": "for", "efter": "after", "före": "before",
        "i": "in", "per": "per", "gör": "do", "gärna": "please", "någon": "any",
        "några": "any", "ska": "should", "skiljer": "differs", "sig": "", "misstänker": "suspect",
        "liten": "small", "stor": "large", "beräkna": "compute", "räkna": "compute",
        "jämför": "compare", "testa": "test", "test": "test", "pröva": "test", "lika": "equal",
        "två": "two", "tre": "three", "fyra": "four", "fem": "five", "båda": "both",
        "utan": "without", "inom": "within", "utanför": "outside", "från": "from", "behövs": "needed",
        "behöver": "need", "upptäcka": "detect", "många": "many", "mycket": "much", "antal": "number", "antalet": "the number", "andel": "proportion", "andelen": "the proportion",
    },
}  # fmt: skip

# Dutch terms read whatever language the rest of the question is in (a Dutch test name or
# column word dropped into an English question); merged into ``foreign._WORDS``
ANY_LANGUAGE = {
    # statistics words, what tables measure, function words of no other language
    "toets": "test", "toetsen": "test", "varianties": "variances", "variantie": "variance",
    "gelijke": "equal", "gelijk": "equal", "alleen": "only", "partiele": "partial",
    "correlatie": "correlation", "correlaties": "correlations", "tussen": "between",
    "gecorrigeerd": "adjusted", "corrigeren": "adjust", "graag": "please", "verschilt": "differs",
    "verschillen": "differ", "verschil": "difference", "spreiding": "spread",
    "mannen": "men", "vrouwen": "women", "rookten": "smoked", "roken": "smoking",
    "rokers": "smokers", "samenhang": "association", "verband": "relationship",
    "gemiddelde": "mean", "gemiddeld": "average", "mediaan": "median",
    "standaardafwijking": "standard deviation", "verdeeld": "distributed",
    "verdeling": "distribution", "leeftijd": "age", "geslacht": "sex",
    "prijs": "price", "duur": "duration", "tijd": "time", "temperatuur": "temperature",
    "snelheid": "speed", "groep": "group", "groepen": "groups", "seizoen": "season",
    "seizoenen": "seasons", "jaar": "year", "jaren": "years", "afhankelijk": "dependent",
    "onafhankelijk": "independent", "onafhankelijkheid": "independence",
    "gestratificeerd": "stratified", "dezelfde": "the same", "zelfde": "same",
    "groter": "greater", "hoger": "higher", "lager": "lower",
    "variabiliteit": "variability", "vrucht": "fruit", "opbrengst": "yield",
    "belasting": "load", "mijt": "mite", "mijten": "mites", "behandeling": "treatment",
    "speelduur": "runtime", "kruistabel": "contingency table", "rangcorrelatie": "rank correlation",
    "hoeveel": "how many", "welke": "which", "tegen": "against", "niet": "not", "wordt": "is",
    "zijn": "are", "heeft": "has", "hebben": "have", "naar": "to", "deze": "these",
    "dit": "this", "meer": "more", "minder": "less", "elke": "each", "onder": "among",
    "het": "the", "een": "a", "klanten": "customers",
    # engineering
    "steekproef": "sample", "steekproeven": "samples", "steekproefgrootte": "sample size",
    "significantieniveau": "significance level", "betrouwbaarheid": "confidence",
    "detecteren": "detect", "ontdekken": "detect", "aantonen": "show", "leverancier": "supplier",
    "leveranciers": "suppliers", "wanddikte": "wall thickness",
    "hardheid": "hardness", "treksterkte": "tensile strength", "eenzijdig": "one-sided",
    "tweezijdig": "two-sided", "gepaarde": "paired", "flessen": "bottles", "gekoelde": "cooled",
    "gekoeld": "cooled",
}  # fmt: skip

# Stems of inflected words -> English: a word the glossary lacks is read by its longest stem
# here (at least ``_MIN_STEM`` letters) followed by a bounded ending.
STEMS = {
    "nl": {},
    "pl": {
        "średni": "mean", "mediana": "median", "median": "median", "dominant": "mode",
        "moda": "mode", "wariancj": "variance", "odchyleni": "standard deviation", "rozrzut": "spread",
        "zmiennoś": "variability", "zmienność": "variability", "rozstęp": "range",
        "kwartyl": "quartile", "percentyl": "percentile", "skośnoś": "skewness",
        "minimaln": "minimum", "maksymaln": "maximum", "minimum": "minimum",
        "maksimum": "maximum", "korelacj": "correlation", "skorelowan": "correlated",
        "związek": "association", "związk": "association", "zależnoś": "dependence",
        "rozkład": "distribution", "normaln": "normal", "różnic": "difference",
        "różni": "differs", "istotn": "significant", "prób": "sample", "próbk": "sample",
        "regresj": "regression", "prognoz": "prediction", "prawdopodobieństw": "probability",
        "odset": "proportion", "proporcj": "proportion", "procent": "percent",
        "częstoś": "frequency", "liczb": "number", "liczebnoś": "count", "suma": "sum",
        "sum": "sum", "grup": "group", "karta": "chart", "kart": "chart", "wykres": "chart",
        "zdolnoś": "capability", "toleranc": "tolerance", "specyfikacj": "specification",
        "granic": "limit", "plan": "design", "czynnik": "factor", "czynnikowy": "factorial", "czynnikowe": "factorial", "czynnikowym": "factorial",
        "pomiar": "measurement", "pomiarow": "measurement", "operator": "operator",
        "wadliw": "defective", "wad": "defects", "brak": "defects", "hipotez": "hypothesis",
        "przedział": "interval", "moc": "power", "alfa": "alpha", "wielkoś": "size",
        "liczebnoś próby": "sample size", "przesunięci": "shift", "efekt": "effect",
        "zaprojektow": "design", "porówn": "compare", "oblicz": "compute",
        "sprawdz": "test", "testow": "test", "test": "test", "większ": "larger",
        "mniejsz": "smaller", "wyższ": "higher", "niższ": "lower", "równ": "equal",
        "jednakow": "equal", "centraln": "central", "kompozycyjn": "composite",
        "czterech": "four", "trzech": "three", "dwóch": "two", "pięciu": "five",
        # what tables measure
        "wag": "weight", "mas": "mass", "temperatur": "temperature", "czas": "time",
        "oczekiwani": "waiting", "cen": "price", "wiek": "age", "długoś": "length",
        "grubośc": "thickness", "grubość": "thickness", "wysokoś": "height",
        "ciśnieni": "pressure", "wydajnoś": "yield", "plon": "yield", "prędkoś": "speed",
        "szybkoś": "speed", "szerokoś": "width", "średnic": "diameter", "twardoś": "hardness",
        "wytrzymałoś": "strength", "koszt": "cost", "sprzedaż": "sales", "dochód": "income",
        "dochod": "income", "wynagrodzeni": "salary", "pensj": "salary", "odległoś": "distance",
        "stężeni": "concentration", "przewodnoś": "conductivity", "wynik": "score",
        "ocen": "grade", "klient": "customer", "pacjent": "patient", "uczni": "students",
        "student": "students", "zamówieni": "order", "dzień": "day", "dni": "days",
        "tydzień": "week", "tygodni": "week", "miesiąc": "month", "miesięc": "month",
        "rok": "year", "lat": "years", "region": "region", "kraj": "country", "miast": "city",
        "szkoł": "school", "maszyn": "machine", "dostawc": "supplier", "zmian": "shift",
        "parti": "batch", "rodzaj": "type", "typ": "type", "płeć": "sex", "płci": "sex",
        "kobiet": "women", "mężczyzn": "men", "pasażer": "passengers", "sprężyn": "springs",
        "łożysk": "bearings", "część": "part", "części": "parts", "sztuk": "units",
        "rodzin": "colony", "moment": "torque", "chropowatoś": "roughness",
        "sprawdzon": "checked", "potrzeb": "need", "wykry": "detect",
        "opóźnieni": "delay", "statk": "ship", "statek": "ship", "wiatr": "wind",
        "powietrz": "air", "paliw": "fuel", "zużyci": "consumption", "bilet": "ticket",
        "otwór": "bore", "tras": "route", "kolejk": "queue",
        "sezon": "season", "liniow": "linear", "wykonaj": "perform", "pełn": "full",
        "względem": "versus", "przepraw": "crossing", "wskaźnik": "index", "zaprojekt": "design",
        "poziom": "level", "wartoś": "value", "odstając": "outlier", "histogram": "histogram",
        "przed": "before", "sparowan": "paired", "zależn": "dependent", "jednoczynnikow": "one-way",
        "powtórz": "repeat", "analiz": "analysis", "przeprowadź": "perform", "system": "system",
        "lepkoś": "viscosity", "kalibracj": "calibration", "wyrob": "products", "wyrób": "product",
        "trzema": "three", "dwoma": "two", "czterema": "four", "że": "that",
        # units and everyday substances ("na litrach wody": on the litres of water)
        "litr": "litres", "mililitr": "millilitres", "kilogram": "kilograms", "gram": "grams",
        "sekund": "seconds", "minut": "minutes", "godzin": "hours",
        "energi": "energy", "prąd": "electricity", "prad": "electricity",
    },
    "tr": {
        "ortalama": "mean", "ortalaması": "mean", "ortanca": "median", "medyan": "median",
        "mod": "mode", "varyans": "variance", "standart": "standard",
        "sapma": "deviation", "yayılım": "spread", "dağılım": "distribution",
        "değişkenlik": "variability", "açıklık": "range", "aralık": "range", "ranj": "range",
        "çeyrek": "quartile", "çeyreklik": "quartile", "yüzdelik": "percentile",
        "çarpıklık": "skewness", "minimum": "minimum", "maksimum": "maximum",
        "en küçük": "minimum", "en büyük": "maximum", "korelasyon": "correlation",
        "ilişki": "association", "ilişkili": "associated", "bağımsız": "independent",
        "bağımlı": "dependent", "normal": "normal", "normallik": "normality", "fark": "difference",
        "farklı": "different", "anlamlı": "significant", "örneklem": "sample", "örnek": "sample",
        "regresyon": "regression", "tahmin": "prediction", "olasılık": "probability",
        "oran": "proportion", "yüzde": "percent", "frekans": "frequency", "sıklık": "frequency",
        "sayı": "number", "adet": "count", "toplam": "total", "grup": "group",
        "grafik": "chart", "kart": "chart", "yeterlilik": "capability", "yetenek": "capability",
        "tolerans": "tolerance", "spesifikasyon": "specification", "şartname": "specification",
        "sınır": "limit", "limit": "limit", "tasarım": "design", "faktör": "factor",
        "faktöriyel": "factorial", "ölçüm": "measurement", "operatör": "operator",
        "hatalı": "defective", "kusurlu": "defective", "kusur": "defect", "hata": "defect",
        "hipotez": "hypothesis", "güven": "confidence", "aralığı": "interval", "güç": "power",
        "alfa": "alpha", "büyüklük": "size", "etki": "effect", "karşılaştır": "compare",
        "büyük": "larger", "küçük": "smaller", "yüksek": "higher", "düşük": "lower",
        "eşit": "equal", "bağlı": "depends",
        # what tables measure
        "ağırlık": "weight", "kilo": "weight", "sıcaklık": "temperature", "ısı": "temperature",
        "zaman": "time", "süre": "duration", "bekleme": "waiting", "fiyat": "price",
        "ücret": "fee", "yaş": "age", "uzunluk": "length", "boy": "height", "kalınlık": "thickness",
        "yükseklik": "height", "basınç": "pressure", "verim": "yield", "hız": "speed",
        "genişlik": "width", "çap": "diameter", "sertlik": "hardness", "dayanım": "strength",
        "mukavemet": "strength", "maliyet": "cost", "satış": "sales", "gelir": "income",
        "maaş": "salary", "mesafe": "distance", "uzaklık": "distance", "konsantrasyon": "concentration",
        "iletkenlik": "conductivity", "puan": "score", "not": "grade", "müşteri": "customer",
        "hasta": "patient", "öğrenci": "student", "sipariş": "order", "gün": "day",
        "hafta": "week", "yıl": "year", "bölge": "region", "ülke": "country",
        "şehir": "city", "okul": "school", "makine": "machine", "tedarikçi": "supplier",
        "vardiya": "shift", "parti": "batch", "tür": "type", "tip": "type", "cinsiyet": "sex",
        "kadın": "women", "erkek": "men", "gecikme": "delay", "bilet": "ticket", "nabız": "pulse",
        "kan": "blood", "hava": "air", "sayısı": "number", "parça": "part", "kusurlar": "defects",
        "tork": "torque", "pürüzlülük": "roughness", "dolum": "fill",
        "rüzgar": "wind", "rüzgâr": "wind", "kuyruk": "queue", "gemi": "ship", "yakıt": "fuel",
        "tüketim": "consumption", "rota": "route", "yolcu": "passenger", "çiz": "draw",
        "gecik": "delay",
        "mevsim": "season", "hesapla": "compute", "delik": "hole", "doğrusal": "linear",
        "geçiş": "crossing", "seviye": "level", "oluştur": "create", "değer": "value",
        "aykırı": "outlier", "histogram": "histogram",
        "kedi": "cats", "köpek": "dogs", "barınak": "shelter", "kalış": "stay", "altın": "gold",
        "dakika": "minute", "ölüm": "death", "tedavi": "treatment", "balık": "fish",
        "önce": "before", "sonra": "after", "eşleştiril": "paired", "eşli": "paired",
        "tekrar": "repeat", "analiz": "analysis", "viskozite": "viscosity",
        "kalibrasyon": "calibration", "yap": "do",
    },
    "sv": {
        "medelvärde": "mean", "medel": "mean", "genomsnitt": "average",
        "genomsnittlig": "average", "median": "median", "typvärde": "mode", "varians": "variance",
        "spridning": "spread", "variationsbredd": "range", "kvartil": "quartile",
        "percentil": "percentile", "skevhet": "skewness", "korrelation": "correlation",
        "samband": "association", "fördelning": "distribution", "fördelad": "distributed",
        "normal": "normal", "skillnad": "difference", "signifikant": "significant",
        "stickprov": "sample", "urval": "sample", "regression": "regression",
        "prognos": "prediction", "sannolikhet": "probability", "proportion": "proportion",
        "frekvens": "frequency", "korstabell": "contingency table", "oberoende": "independent",
        "hypotes": "hypothesis", "konfidensintervall": "confidence interval", "styrka": "power",
        "diagram": "chart", "kort": "chart", "tolerans": "tolerance", "specifikation": "specification",
        "specifikationsgräns": "specification limit", "gräns": "limit", "försök": "experiment",
        "faktor": "factor", "mätning": "measurement", "mätsystem": "measurement system",
        "operatör": "operator", "kassation": "scrap", "defekt": "defective", "fel": "defects",
        "undergrupp": "subgroup", "förskjutning": "shift", "grupp": "group", "summa": "sum",
        # what tables measure
        "vikt": "weight", "temperatur": "temperature", "tid": "time", "väntetid": "waiting time",
        "väntan": "waiting", "pris": "price", "ålder": "age", "längd": "length",
        "tjocklek": "thickness", "höjd": "height", "tryck": "pressure", "avkastning": "yield",
        "skörd": "yield", "hastighet": "speed", "fart": "speed", "bredd": "width",
        "diameter": "diameter", "hårdhet": "hardness", "hållfasthet": "strength",
        "kostnad": "cost", "försäljning": "sales", "inkomst": "income", "lön": "salary",
        "avstånd": "distance", "koncentration": "concentration", "ledningsförmåga": "conductivity",
        "betyg": "grade", "poäng": "score", "kund": "customer", "patient": "patient",
        "elev": "student", "student": "student", "beställning": "order", "order": "order",
        "dag": "day", "vecka": "week", "månad": "month", "år": "year", "region": "region",
        "land": "country", "stad": "city", "skola": "school", "maskin": "machine",
        "leverantör": "supplier", "skift": "shift", "sats": "batch", "batch": "batch",
        "typ": "type", "kön": "sex", "kvinnor": "women", "män": "men", "borr": "bore",
        "middag": "midday", "del": "part", "detalj": "part", "ytjämnhet": "roughness",
        "vridmoment": "torque", "fyllnadsvikt": "fill weight", "vägg": "wall",
        "försening": "delay", "fartyg": "ship", "båt": "boat", "luft": "air", "vind": "wind",
        "bränsle": "fuel", "förbrukning": "consumption", "rutt": "route", "biljett": "ticket",
        "kö": "queue", "passagerare": "passengers", "prov": "sample", "provbit": "specimen",
        "säsong": "season", "linjär": "linear", "fullständig": "full", "nivå": "level",
        "överfart": "crossing", "värde": "value", "mätvärde": "measurement", "hål": "hole",
        "avvikare": "outlier", "histogram": "histogram",
        "parad": "paired", "parat": "paired", "draghållfasthet": "tensile strength",
        "envägs": "one-way", "upprepning": "repeat", "viskositet": "viscosity",
        "kalibrering": "calibration", "att": "that", "hamnar": "falls",
    },
}  # fmt: skip
STEMS["nl"] = {}  # Dutch endings are few: the compound rule and exact words read it

_MIN_STEM = {"pl": 3, "tr": 3, "sv": 3, "nl": 4}
# the longest ending read after a stem; short stems take short endings only
_MAX_END = {"pl": 6, "tr": 9, "sv": 5, "nl": 3}
_ENDS = {  # endings a stem may take in Dutch and Swedish (plural, definite)
    "sv": (
        "",
        "en",
        "et",
        "n",
        "t",
        "er",
        "ar",
        "or",
        "na",
        "erna",
        "arna",
        "orna",
        "ens",
        "ets",
        "s",
        "ernas",
        "arnas",
        "ornas",
    ),
    "nl": ("", "en", "s", "e", "n"),
}
# Turkish final consonants soften before a vowel ("sıcaklık" -> "sıcaklığı", "kitap" -> "kitabı")
_SOFT = {"k": "g", "p": "b", "t": "d", "c": "c"}
# compound parts joined by a linking letter ("kwaliteitsmeting", "stickprovsstorlek")
_LINKS = ("s", "e", "")
# a compound's last part read as an everyday word, not the statistics term it is alone
# ("styrka" alone is a test's power; "vindstyrka", "draghållfasthet" are strengths)
_HEADS = {"styrka": "strength", "kracht": "force", "vermogen": "capacity"}


def tables(
    plain: Callable[[str], str],
) -> tuple[dict, dict, dict, dict]:
    """MARKERS, LETTERS, PHRASES, WORDS, STEMS with their keys in ``plain`` form."""
    markers = {lang: " ".join(plain(w) for w in ws.split()) for lang, ws in MARKERS.items()}
    phrases = {lang: {plain(k): v for k, v in d.items()} for lang, d in PHRASES.items()}
    words = {lang: {plain(k): v for k, v in d.items()} for lang, d in WORDS.items()}
    stems: dict[str, dict[str, str]] = {}
    for lang, d in STEMS.items():
        out: dict[str, str] = {}
        for k, v in d.items():
            p = plain(k)
            out.setdefault(p, v)
            if lang == "tr" and p[-1:] in _SOFT:
                out.setdefault(p[:-1] + _SOFT[p[-1]], v)
        for k, v in PHRASES.get(lang, {}).items():  # one-word terms take endings too
            if " " not in k:
                out.setdefault(plain(k), v)
        stems[lang] = out
    return markers, phrases, words, stems


def gloss(w: str, lang: str, words: dict[str, str], stems: dict[str, str]) -> str | None:
    """English for a plain word of ``lang`` the exact glossary lacks: its longest known stem
    and an ending (Polish, Turkish: any bounded ending; Swedish, Dutch: a plural or definite
    ending), else for Swedish and Dutch a compound read by its known last part."""
    if lang not in _MIN_STEM:
        return None
    if "-" in w:  # "CUSUM-diagram", "I-MR-kaart": codes kept as written, words read
        split = w.split("-")
        parts = [
            (words.get(p) or gloss(p, lang, words, stems)) if len(p) >= 3 else None for p in split
        ]
        if not any(parts):
            return None
        out: list[str] = []  # in order; neighbouring codes stay joined ("i-mr chart")
        for p, e in zip(split, parts, strict=True):
            if e is None and out and out[-1].endswith("-"):
                out[-1] += p + "-"
            else:
                out.append(e if e is not None else p + "-")
        return " ".join(t.rstrip("-") for t in out)
    known = {**stems, **words} if lang in ("sv", "nl") else stems
    best = _stem(w, lang, known)
    if best is not None:
        return best
    if lang in ("sv", "nl"):
        return _compound(w, lang, known)
    return None


def _stem(w: str, lang: str, known: dict[str, str]) -> str | None:
    ends = _ENDS.get(lang)
    for n in range(len(w), _MIN_STEM[lang] - 1, -1):
        stem, end = w[:n], w[n:]
        if stem not in known:
            continue
        if ends is not None:
            if end in ends:
                return known[stem]
            continue
        # a short stem takes a short ending ("mas" -> "masy", not "masters")
        long_stem = n >= 5 or (lang == "tr" and n >= 4)  # Turkish endings stack ("-lerinin")
        limit = _MAX_END[lang] if long_stem else min(_MAX_END[lang], 4 if lang == "tr" else 3)
        if len(end) <= limit:
            return known[stem]
    return None


def _compound(w: str, lang: str, known: dict[str, str]) -> str | None:
    """A Dutch or Swedish compound ("wanddikte", "borrdiametern") read as its parts: the
    known last part (at least four letters) and, when known, the part before it."""
    for i in range(3, len(w) - 3):
        head = _stem(w[i:], lang, {**known, **_HEADS})
        if head is None or len(w) - i < 4:
            continue
        first = w[:i]
        for link in _LINKS:
            if link and not first.endswith(link):
                continue
            part = first[: len(first) - len(link)] if link else first
            mod = known.get(part) or _stem(part, lang, known) if len(part) >= 3 else None
            if mod:
                return f"{mod} {head}"
        return head
    return None


# glossary words that are also English words ("boring" is Dutch for a bore): no evidence
_LOOKALIKES = frozenset(
    "boring defect rollen kosten parti student order patient diagram diagrams monster monsters "
    "stuks kort".split()
)


def own_word(
    w: str, lang: str, words: dict[str, str], stems: dict[str, str], inflected: bool = True
) -> bool:
    """Whether a plain word of five or more letters is one of ``lang``'s own glossary words
    (not one that reads as itself in English: "median", "test"); ``inflected``: also a word
    read by its stem."""
    if len(w) < 5 or w in _LOOKALIKES:
        return False
    english = words.get(w)
    if english is None and inflected:
        english = gloss(w, lang, words, stems)
    elif english is None and lang in _ENDS:  # Swedish, Dutch: a plural or definite ending
        english = _stem(w, lang, {**stems, **words})
    if english is None:
        return False
    english = english.replace(" ", "")  # not an English word read as itself ("routes")
    return not (w.startswith(english) or english.startswith(w))


_W = r"[^\W\d_][\w'’-]*"
# Turkish postpositions follow their noun phrase ("kan grupları arasında", "bölgeye göre",
# "MV Tern için"); English prepositions lead it
_TR_POST = r"aras[ıi]nda|i[çc]in|g[öo]re|ba[şs][ıi]na"
_TR_BETWEEN_AND = re.compile(
    rf"(?<![\w'’-])((?:{_W}\s+)?{_W})\s+ile\s+((?:{_W}\s+)?{_W})\s+(aras[ıi]nda)(?![\w'’-])",
    re.IGNORECASE,
)
_TR_PHRASE = re.compile(rf"(?<![\w'’-])((?:{_W}\s+)?{_W})\s+({_TR_POST})(?![\w'’-])", re.IGNORECASE)
# Italian prepositions with an elided article ("dall'ultima visita", "nell'anno")
_IT_ELIDED = re.compile(r"(?<![\w'’-])((?:da|de|ne|su|a)ll['’])(?=[^\W\d_])", re.IGNORECASE)
_TR_REQUEST = re.compile(
    rf"(?<![\w'’-]){_W}\s+m[iıuü]s[iıuü]n(?:[iıuü]z)?(?![\w'’-])", re.IGNORECASE
)
# Polish "z 500 ..." (genitive after a number): "out of 500", not "with 500"
_PL_OUT_OF = re.compile(r"(?<![\w'’-])[zZ]e?\s+(?=\d)")


def reorder(text: str, lang: str) -> str:
    """Word order put in English order before the glossary reads the words: Turkish
    postpositions moved before their noun phrase ("A ile B arasında" -> "arasında A ve B",
    "kan grupları arasında" -> "arasında kan grupları"); Polish "z 500" -> "out of 500"."""
    if lang == "pl":
        return _PL_OUT_OF.sub("out of ", text)
    if lang == "it":  # "dall'ultima", "dell'anno": the elided preposition as its own word
        return _IT_ELIDED.sub(lambda m: m.group(1)[:-1] + " ", text)
    if lang != "tr":
        return text
    # a request "<verb> misiniz?" ("çizer misiniz", "hesaplar mısın"): "please"
    text = _TR_REQUEST.sub("lütfen", text)
    text = _TR_BETWEEN_AND.sub(lambda m: f"{m.group(3)} {m.group(1)} ve {m.group(2)}", text)

    def move(m: re.Match) -> str:
        words, post = m.group(1).split(), m.group(2)
        if post.lower().startswith("aras") and len(words) == 2 and words[0].lower() == post.lower():
            return m.group(0)  # already moved ("arasında A ve B")
        first, last = words if len(words) == 2 else ("", words[-1])
        # a two-word noun phrase: a compound whose last word takes the possessive ending
        # ("kan grupları", "hava sıcaklığı") or a name ("MV Tern")
        two = first and (
            last.lower()[-1:] in "ıiuü" or (first[:1].isupper() and last[:1].isupper())
        )
        if first and first.lower() in _TR_STOP:
            two = False
        phrase = f"{first} {last}" if two else last
        lead = f"{first} " if first and not two else ""
        return f"{lead}{post} {phrase}"

    return _TR_PHRASE.sub(move, text)


# Turkish words that never open a noun phrase
_TR_STOP = frozenset("ve ile bir bu için göre icin gore arasında arasinda da de mi mı".split())


# Italian words and phrases the older glossary lacks (general vocabulary), added to it
ITALIAN = {
    "mesi": "months", "giorni": "days", "settimane": "weeks", "anni": "years", "ore": "hours",
    "minuti": "minutes", "ultima": "last", "ultimo": "last", "prima": "first", "visita": "visit",
    "visite": "visits", "esponenziale": "exponential", "normale": "normal",
    "uniforme": "uniform", "seguono": "follow", "segue": "follows", "frequenza": "frequency",
    "corporea": "body", "corporeo": "body", "animali": "animals", "degli": "of the",
    "negli": "in the", "sesso": "sex", "stratificato": "stratified", "stratificata": "stratified",
    "peso": "weight", "altezza": "height", "larghezza": "width", "temperatura": "temperature",
    "tempo": "time", "attesa": "waiting", "dall": "from the", "dell": "of the",
    "nell": "in the", "sull": "on the", "mediana": "median", "moda": "mode",
    "varianza": "variance", "media": "mean", "dispersione": "spread", "quartili": "quartiles",
    "differiscono": "differ", "differisce": "differs", "significativa": "significant",
    "significativo": "significant", "rispetto": "compared", "campione": "sample",
    "macchina": "machine", "macchine": "machines", "pezzi": "parts", "lotto": "batch",
    "lotti": "batches", "diametro": "diameter", "durezza": "hardness", "turno": "shift",
}  # fmt: skip
ITALIAN_PHRASES = {
    "frequenza cardiaca": "heart rate", "pressione arteriosa": "blood pressure",
    "pressione sanguigna": "blood pressure", "temperatura corporea": "body temperature",
    "stratificato per": "stratified by", "stratificata per": "stratified by",
    "trascorsi dall": "since the", "trascorsi dalla": "since the", "trascorsi dal": "since the",
    "trascorsi da": "since", "passati dall": "since the", "rispetto a": "compared with",
    "qual e": "what is", "quanti sono": "how many are",
}  # fmt: skip
# Italian evidence the function-word markers miss: an elided article after a preposition
IT_ELIDED_EVIDENCE = re.compile(r"(?<![\w'’-])(?:da|de|ne|su)ll['’][^\W\d_]", re.IGNORECASE)
