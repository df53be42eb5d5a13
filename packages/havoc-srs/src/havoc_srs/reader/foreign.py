"""Questions written in German, Spanish, French, Portuguese, Italian or Dutch, read in English.

Quality and lab engineers often ask in their own language ("Wie groß ist die Spannweite der
Leitfähigkeit?", "¿Cuál es la moda del número de estrellas?", "Existe associação entre o tipo de
escola e o distrito?"). The reader's rules are English, so a question is first recognised as
foreign by its function words (two or more of one language, more than its English ones), then
read word by word through a glossary of statistics vocabulary, everyday words for what tables
measure, and function words; phrases first ("desviación estándar", "écart interquartile").
Words the glossary does not hold stay as written: column names, codes, numbers, and any word
that is a word of the table's own headers (a German table's "Geschwindigkeit" stays German, so
that the question still names its column).

>>> to_english("Wie groß ist die Spannweite der Leitfähigkeit?")
'how large is the range of the conductivity?'
>>> to_english("Is the mean different from 10?") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from havoc_srs.reader import foreign_more as _more

# Function words that mark each language (none of them an English word).
_MARKERS = {
    "de": "der die das den dem des ist sind und oder zwischen von vom zum zur mit bei fur nach "
    "wie gibt ein eine einen einer nicht auch bitte ob welche welcher sich je pro uber unterscheidet "
    "unterscheiden gleich gross gros",
    "es": "el los las del es son y entre por para con una que cual cuales como hay existe esta "
    "estan segun sobre cada su sus si mas menos",
    "fr": "le les des du est sont et ou entre pour avec une que quel quelle quels quelles y il "
    "selon chaque sur leur entre ces cette par vous nous au aux dans",
    "pt": "o os as do da dos das e sao entre para com uma que qual quais existe ha segundo cada "
    "sobre seu sua nao ao aos pelo pela em",
    "it": "il lo gli della dei delle del e sono tra fra per con una che quale quali ce secondo "
    "ogni sul sulla di al alla dello degli",
    "pl": "czy jest sie nie przy dla oraz ile jaki jaka jakie ktory ktora niz zeby aby bylo byly "
    "miedzy pomiedzy czym",
}
# one-letter words ("y", "e", "o", "a") are variables as often as conjunctions: no evidence
_MARKER_SETS = {
    lang: frozenset(w for w in words.split() if len(w) > 1) for lang, words in _MARKERS.items()
}
_ENGLISH = frozenset(
    "the of and is are what whats between for with to in on by does do which how this that "
    "there any from than please was were our we my".split()
)

# phrase -> English (keys without accents, lower case); applied before single words
_PHRASES = {
    # a definition or a reason asked ("qu'est-ce que le ndc", "wat betekent", "was bedeutet")
    "qu'est-ce que": "what is", "qu'est-ce qu'": "what is", "qu'est ce que": "what is",
    "que signifie": "what is the meaning of", "que veut dire": "what is the meaning of",
    "pourquoi": "why", "wat betekent": "what is the meaning of", "wat is het verschil": "what is "
    "the difference", "waarom": "why", "was bedeutet": "what is the meaning of", "warum": "why",
    "que significa": "what is the meaning of", "o que significa": "what is the meaning of",
    "cosa significa": "what is the meaning of", "che cos'e": "what is", "perche": "why",
    # specification limits by their local abbreviations (es/pt LIE/LSE, fr/it LSI/LSS, de
    # USG/OSG) and a limit's approach ("quand x tend vers 0"); a central composite design
    "lie": "lsl", "lse": "usl", "lsi": "lsl", "lss": "usl", "usg": "lsl", "osg": "usl",
    "tend vers": "tends to", "tiende a": "tends to", "tende para": "tends to",
    "tende a": "tends to", "quand": "when", "cuando": "when", "quando": "when",
    "plan composite centre": "central composite design", "composite centre": "central composite",
    "diseno central compuesto": "central composite design",
    "delineamento composto central": "central composite design",
    # levels of significance and confidence
    "nivel de significancia": "significance level", "nivel de significacion": "significance level",
    "nivel de confianza": "confidence level", "niveau de signification": "significance level",
    "seuil de signification": "significance level", "niveau de confiance": "confidence level",
    "livello di significativita": "significance level", "livello di confidenza": "confidence level",
    "nivel de significancia de": "significance level", "nivel de confianca": "confidence level",
    "signifikanzniveau": "significance level", "irrtumswahrscheinlichkeit": "alpha",
    "konfidenzniveau": "confidence level", "vertrauensniveau": "confidence level",
    # engineering phrases
    # vital signs, as the five languages and Dutch say them
    "frequenza cardiaca": "heart rate", "frecuencia cardiaca": "heart rate",
    "frequencia cardiaca": "heart rate", "frequence cardiaque": "heart rate",
    "herzfrequenz": "heart rate", "hartslag": "heart rate", "temperatura corporea": "body temperature",
    "temperatura corporal": "body temperature", "temperature corporelle": "body temperature",
    "korpertemperatur": "body temperature", "lichaamstemperatuur": "body temperature",
    "pressione arteriosa": "blood pressure", "presion arterial": "blood pressure",
    "pressao arterial": "blood pressure", "pression arterielle": "blood pressure",
    "blutdruck": "blood pressure", "bloeddruk": "blood pressure",
    "zu je": "of", "mindestens": "at least", "hochstens": "at most",
    "qualitatsregelkarte": "control chart", "prozessfahigkeit": "process capability",
    "messsystemanalyse": "measurement system analysis", "messmittelfahigkeit": "gage r&r",
    "prufmittelfahigkeit": "gage r&r", "versuchsplan": "design of experiments",
    "vollfaktorieller versuchsplan": "full factorial design", "stichprobenumfang": "sample size",
    "trennscharfe": "power", "teststarke": "power",
    "grafico de control": "control chart", "grafica de control": "control chart",
    "capacidad del proceso": "process capability", "capacidad de proceso": "process capability",
    "tamano de muestra": "sample size", "tamano muestral": "sample size",
    "diseno factorial": "factorial design", "mayor que": "greater than", "menor que": "less than",
    "como maximo": "at most", "como minimo": "at least", "al menos": "at least",
    "carte de controle": "control chart", "capabilite du procede": "process capability",
    "capabilite procede": "process capability", "taille d'echantillon": "sample size",
    "taille de l'echantillon": "sample size", "plan factoriel": "factorial design",
    "superieur a": "greater than", "superieure a": "greater than", "inferieur a": "less than",
    "inferieure a": "less than", "au plus": "at most", "au moins": "at least",
    "carta di controllo": "control chart", "capacita di processo": "process capability",
    "capacita del processo": "process capability", "dimensione del campione": "sample size",
    "piano fattoriale": "factorial design", "superiore al": "greater than",
    "superiore a": "greater than", "inferiore al": "less than", "inferiore a": "less than",
    "al massimo": "at most", "almeno": "at least",
    "grafico de controle": "control chart", "carta de controle": "control chart",
    "capacidade do processo": "process capability", "tamanho da amostra": "sample size",
    "maior que": "greater than", "no maximo": "at most", "pelo menos": "at least",
    # German
    "getrennt nach": "by", "aufgeteilt nach": "by", "in abhangigkeit von": "by",
    "wie gross": "how large", "wie gros": "how large", "gibt es": "is there", "normal verteilt": "normally distributed",
    "normalverteilt": "normally distributed", "f test": "f-test", "t test": "t-test",
    "chi quadrat": "chi-square", "chi-quadrat": "chi-square", "exakter test nach fisher": "fisher exact test",
    "exakter fisher test": "fisher exact test", "zusammenhang zwischen": "association between",
    "im vergleich zu": "compared with",
    # Spanish
    "desviacion estandar": "standard deviation", "desviacion tipica": "standard deviation",
    "rango intercuartil": "interquartile range", "rango intercuartilico": "interquartile range",
    "coeficiente de variacion": "coefficient of variation", "coeficiente de correlacion": "correlation coefficient",
    "prueba de": "test of", "prueba exacta de fisher": "fisher exact test", "por favor": "please",
    "chi cuadrado": "chi-square", "ji cuadrado": "chi-square", "en funcion de": "by",
    "distribucion normal": "normal distribution", "sigue una": "follows a", "hay relacion": "is there a relationship",
    "numero de": "number of", "tamano de": "size of",
    # French
    "ecart type": "standard deviation", "ecart-type": "standard deviation",
    "ecart interquartile": "interquartile range", "intervalle interquartile": "interquartile range",
    "coefficient de variation": "coefficient of variation", "y a-t-il": "is there", "y a t il": "is there",
    "est-ce que": "", "est ce que": "", "s'il vous plait": "please", "s il vous plait": "please",
    "test exact de fisher": "fisher exact test", "loi normale": "normal distribution",
    "en fonction de": "by", "selon le": "by the", "selon la": "by the", "nombre de": "number of",
    "chi deux": "chi-square", "khi deux": "chi-square", "khi-deux": "chi-square", "chi-deux": "chi-square",
    # Portuguese
    "desvio padrao": "standard deviation", "desvio-padrao": "standard deviation",
    "intervalo interquartil": "interquartile range", "amplitude interquartil": "interquartile range",
    "coeficiente de variacao": "coefficient of variation", "qui-quadrado": "chi-square",
    "qui quadrado": "chi-square", "teste exato de fisher": "fisher exact test",
    "em funcao de": "by",
    # Italian
    "deviazione standard": "standard deviation", "scarto quadratico medio": "standard deviation",
    "scarto interquartile": "interquartile range", "range interquartile": "interquartile range",
    "coefficiente di variazione": "coefficient of variation", "per favore": "please",
    "chi quadro": "chi-square", "chi-quadro": "chi-square", "test esatto di fisher": "fisher exact test",
    "c'e": "is there", "numero di": "number of",
    # sample-size and test requests (folded in from the test and power families' own glossary)
    "wie viele": "how many", "combien de": "how many",
    "por grupo": "per group", "por brazo": "per arm", "par groupe": "per group",
    "par bras": "per arm", "per gruppo": "per group", "per braccio": "per arm",
    "pro arm": "per arm", "por braco": "per arm",
    "desviaciones estandar": "standard deviations", "desviaciones tipicas": "standard deviations",
    "ecarts types": "standard deviations", "ecarts-types": "standard deviations",
    "deviazioni standard": "standard deviations", "desvios padrao": "standard deviations",
    "standardabweichungen": "standard deviations",
    "media desviacion estandar": "half a standard deviation",
    "media desviacion tipica": "half a standard deviation",
    "meio desvio padrao": "half a standard deviation", "meia desvio padrao": "half a standard deviation",
    "un demi-ecart type": "half a standard deviation", "un demi ecart-type": "half a standard deviation",
    "un demi ecart type": "half a standard deviation", "un demi-ecart-type": "half a standard deviation",
    "eine halbe standardabweichung": "half a standard deviation",
    "mezza deviazione standard": "half a standard deviation",
    "prueba t de welch": "welch t-test", "prueba t pareada": "paired t-test",
    "prueba t para muestras pareadas": "paired t-test", "prueba t": "t-test",
    "test t de welch": "welch t-test", "test t apparie": "paired t-test", "test t": "t-test",
    "teste t de welch": "welch t-test", "teste t pareado": "paired t-test", "teste t": "t-test",
    "test t di welch": "welch t-test", "test t appaiato": "paired t-test",
    "welch-test": "welch t-test", "gepaarter t-test": "paired t-test",
    "t-test fur verbundene stichproben": "paired t-test", "verbundene stichproben": "paired samples",
    # Polish
    "poziom istotnosci": "significance level", "poziomie istotnosci": "significance level",
    "odchylenie standardowe": "standard deviation", "odchyleniu standardowym": "standard deviation",
    "na grupe": "per group", "na grupę": "per group", "moc testu": "power", "rozni sie": "differs",
    "roznia sie": "differ", "wielkosc proby": "sample size",
    "liczebnosc proby": "sample size",
    "mayores que": "greater than", "menores que": "less than", "diferente de": "different from",
    "diferentes de": "different from", "different de": "different from",
    "differente de": "different from", "diverso da": "different from",
}  # fmt: skip

# word -> English (keys without accents, lower case)
_WORDS = {
    **_more.ANY_LANGUAGE,  # Dutch terms, read whatever the question's language
    "confrontare": "compare", "contra": "against",
    "contre": "against", "gegen": "against", "contro": "against",
    # what engineering tables measure
    "wandstarke": "wall thickness", "wanddicke": "wall thickness", "messgerat": "gauge",
    "hohenmessgerat": "height gauge", "durchmesser": "diameter", "harte": "hardness",
    "rauheit": "roughness", "rauigkeit": "roughness", "festigkeit": "strength",
    "zugfestigkeit": "tensile strength", "fullmenge": "fill weight", "fullgewicht": "fill weight",
    "drehmoment": "torque", "trubung": "turbidity", "wasser": "water",
    "turbiedad": "turbidity", "turbidez": "turbidity", "agua": "water", "diametro": "diameter",
    "dureza": "hardness", "rugosidad": "roughness",
    "turbidite": "turbidity", "eau": "water", "diametre": "diameter", "durete": "hardness",
    "rugosite": "roughness", "couple": "torque", "torbidita": "turbidity", "acqua": "water",
    "durezza": "hardness", "rugosita": "roughness", "coppia": "torque", "filtrada": "filtered",
    "filtree": "filtered", "filtrata": "filtered", "filtrado": "filtered",
    # measuring instruments and what they measure (a gauge study in any of the five languages)
    "calibre": "gauge", "calibro": "gauge", "calibrador": "gauge", "jauge": "gauge",
    "messmittel": "gauge", "messmittels": "gauge", "paquimetro": "caliper", "pied a coulisse": "caliper",
    "micrometro": "micrometer", "micrometre": "micrometer", "bugelmessschraube": "micrometer",
    "costura": "seam", "couture": "seam",
    "naht": "seam", "cucitura": "seam", "operador": "operator", "operadores": "operators",
    "operateur": "operator", "operateurs": "operators", "operatore": "operator",
    "operatori": "operators", "pieza": "part", "piezas": "parts", "pieces": "parts",
    "pezzo": "part", "pezzi": "parts", "peca": "part", "pecas": "parts",
    # engineering (all five languages)
    "regelkarte": "control chart", "regelkarten": "control charts", "fahigkeit": "capability",
    "toleranz": "tolerance", "untergruppe": "subgroup", "untergruppen": "subgroups",
    "messung": "measurement", "messungen": "measurements", "stichprobe": "sample",
    "stichproben": "samples", "prufer": "operator", "teile": "parts", "teil": "part",
    "ausschuss": "scrap", "fehler": "defects", "vorhersage": "prediction",
    "ableitung": "derivative", "grafico": "chart", "capacidad": "capability",
    # calculus: the operation words (the symbolic family reads them in English)
    "derivee": "derivative", "derivata": "derivative", "derivada": "derivative",
    "integrale": "integral", "resoudre": "solve", "risolvi": "solve", "risolvere": "solve",
    "resolva": "solve", "simplifier": "simplify", "semplifica": "simplify",
    "semplificare": "simplify", "simplifique": "simplify",
    "tolerancia": "tolerance", "subgrupos": "subgroups", "subgrupo": "subgroup",
    "muestra": "sample", "muestras": "samples", "defectos": "defects",
    "defectuosos": "defectives", "potencia": "power", "carte": "chart",
    "proceso": "process", "procesos": "processes", "processo": "process", "todos": "all",
    "todas": "all", "cambia": "changes", "cambian": "change", "varia": "varies", "varian": "vary",
    "capabilite": "capability", "sous-groupes": "subgroups", "echantillon": "sample",
    "echantillons": "samples", "rebuts": "rejects", "defauts": "defects", "puissance": "power",
    "carta": "chart", "capacita": "capability", "tolleranza": "tolerance", "campione": "sample",
    "campioni": "samples", "difetti": "defects", "scarti": "rejects", "potenza": "power",
    "proporzione": "proportion", "percentuale": "percentage", "superiore": "greater",
    "inferiore": "less", "alfa": "alpha", "controllate": "checked", "specifica": "specification",
    "amostra": "sample", "amostras": "samples", "capacidade": "capability",
    "defeitos": "defects", "proporcion": "proportion", "proporcao": "proportion",
    "porcentaje": "percentage", "especificacion": "specification", "limite": "limit",
    "limites": "limits", "hypothese": "hypothesis", "hipotesis": "hypothesis",
    # control charts: their nouns and what they count, in the five languages
    "karte": "chart", "karten": "charts", "einzelwert": "individual", "einzelwerte": "individuals",
    "urwert": "individual", "urwerte": "individuals", "anteil": "fraction",
    "fehlerhaft": "defective", "fehlerhafte": "defective", "fehlerhafter": "defective",
    "fehlerhaften": "defective", "rechazada": "rejected", "rechazadas": "rejected",
    "rechazado": "rejected", "rechazados": "rejected", "rechazos": "rejects",
    "defectueux": "defective", "defectueuse": "defective", "defectueuses": "defective",
    "rejetes": "rejected", "rejetees": "rejected", "scartati": "rejected", "scartate": "rejected",
    "difettosi": "defective", "difettose": "defective", "rejeitados": "rejected",
    "rejeitadas": "rejected", "defeituosos": "defective", "defeituosas": "defective",
    "fraccion": "fraction", "frazione": "fraction", "fracao": "fraction",
    # sample-size and test requests (all five languages)
    "cuantos": "how many", "cuantas": "how many", "quantos": "how many", "quantas": "how many",
    "quanti": "how many", "quante": "how many", "combien": "how many",
    "necesito": "need", "necesitamos": "need", "necesita": "need", "necesitan": "need",
    "brauche": "need", "brauchen": "need", "braucht": "need", "benotigen": "need",
    "benotige": "need", "benotigt": "need", "preciso": "need", "precisamos": "need",
    "precisa": "need", "servono": "are needed", "detectar": "detect", "detecter": "detect",
    "rilevare": "detect", "erkennen": "detect", "nachweisen": "detect", "entdecken": "detect",
    "proben": "samples", "grupo": "group", "groupe": "group", "gruppo": "group",
    "brazo": "arm", "brazos": "arms", "bras": "arm", "braccio": "arm", "braccia": "arms",
    "diferente": "different", "diferentes": "different", "verschieden": "different",
    "verschiedene": "different", "diverso": "different", "diversi": "different",
    "pareada": "paired", "pareadas": "paired", "pareado": "paired", "pareados": "paired",
    "apareadas": "paired", "apareados": "paired", "emparejadas": "paired", "emparejados": "paired",
    "gepaart": "paired", "gepaarte": "paired", "gepaarten": "paired", "apparies": "paired",
    "appariees": "paired", "apparie": "paired", "appaiati": "paired", "appaiate": "paired",
    "unilateral": "one-sided", "bilateral": "two-sided", "einseitig": "one-sided",
    "zweiseitig": "two-sided", "unilaterale": "one-sided", "bilaterale": "two-sided",
    "eficiencia": "efficiency", "effizienz": "efficiency", "wirkungsgrad": "efficiency",
    "efficacite": "efficiency", "efficienza": "efficiency", "resistencia": "resistance",
    "widerstand": "resistance", "resistenza": "resistance", "ausbeute": "yield",
    "rendimento": "yield", "linea": "line", "lineas": "lines", "linie": "line",
    "linien": "lines", "ligne": "line", "lignes": "lines", "linha": "line", "linhas": "lines",
    "maquinas": "machines", "macchina": "machine", "macchine": "machines",
    "proveedores": "suppliers", "fournisseurs": "suppliers", "fornecedores": "suppliers",
    "fornitori": "suppliers", "turnos": "shifts", "schichten": "shifts",
    "paneles": "panels", "panneaux": "panels", "pannelli": "panels", "horno": "oven",
    "hornos": "ovens", "ofen": "oven", "forno": "oven", "interna": "internal",
    "interno": "internal", "internas": "internal", "internos": "internal", "interne": "internal",
    "externa": "external", "externo": "external", "externe": "external",
    # ---- statistics ----
    # German
    "mittelwert": "mean", "mittelwerte": "means", "durchschnitt": "average",
    "durchschnittlich": "average", "durchschnittliche": "average", "durchschnittlichen": "average",
    "standardabweichung": "standard deviation", "varianz": "variance", "varianzen": "variances",
    "streuung": "spread", "streuungen": "spreads", "spannweite": "range", "median": "median",
    "modalwert": "mode", "modus": "mode", "haufigster": "most common", "quartile": "quartiles",
    "quartil": "quartile", "schiefe": "skewness", "wolbung": "kurtosis", "kurtosis": "kurtosis",
    "minimum": "minimum", "maximum": "maximum", "variationskoeffizient": "coefficient of variation",
    "korrelation": "correlation", "korreliert": "correlated", "zusammenhang": "association",
    "zusammenhangen": "related", "hangt": "depends", "abhangig": "dependent",
    "unabhangigkeit": "independence", "unabhangig": "independent", "verteilung": "distribution",
    "verteilt": "distributed", "normalverteilung": "normal distribution", "test": "test",
    "prufen": "test", "prufe": "test", "teste": "test", "berechne": "compute",
    "berechnen": "compute", "vergleiche": "compare", "vergleichen": "compare",
    "gleich": "equal", "gleiche": "equal", "unterschied": "difference", "unterschiede": "differences",
    "unterscheidet": "differs", "unterscheiden": "differ", "kleiner": "smaller", "grosser": "larger",
    "hoher": "higher", "niedriger": "lower", "signifikant": "significant", "anzahl": "number",
    "haufigkeit": "frequency", "kreuztabelle": "contingency table", "gruppen": "groups",
    "gruppe": "group", "pro": "per", "je": "per",
    # Spanish
    "media": "mean", "medias": "means", "promedio": "average", "mediana": "median",
    "moda": "mode", "varianza": "variance", "varianzas": "variances", "dispersion": "spread",
    "rango": "range", "recorrido": "range", "cuartiles": "quartiles", "cuartil": "quartile",
    "asimetria": "skewness", "curtosis": "kurtosis", "minimo": "minimum", "maximo": "maximum",
    "correlacion": "correlation", "correlacionados": "correlated", "correlacionadas": "correlated",
    "relacion": "relationship", "asociacion": "association", "independencia": "independence",
    "distribucion": "distribution", "prueba": "test", "contraste": "test", "calcula": "compute",
    "calcular": "compute", "compara": "compare", "comparar": "compare", "iguales": "equal",
    "igual": "equal", "diferencia": "difference", "diferencias": "differences",
    "difiere": "differs", "difieren": "differ", "mayor": "larger", "menor": "smaller",
    "significativa": "significant", "significativo": "significant", "grupos": "groups",
    "sigue": "follows", "siguen": "follow", "frecuencia": "frequency", "tabla": "table",
    # French
    "moyenne": "mean", "moyennes": "means", "mediane": "median", "mode": "mode",
    "variance": "variance", "variances": "variances", "etendue": "range", "quartiles": "quartiles",
    "asymetrie": "skewness", "aplatissement": "kurtosis", "correlation": "correlation",
    "correles": "correlated", "liaison": "association", "lien": "association",
    "independance": "independence", "loi": "distribution", "calculer": "compute",
    "calcule": "compute", "comparer": "compare", "egales": "equal", "egale": "equal",
    "difference": "difference", "differe": "differs", "different": "different",
    "differentes": "different", "plus": "more", "moins": "less", "significative": "significant",
    "groupes": "groups", "suit": "follows", "suivent": "follow",
    # Portuguese
    "variancia": "variance", "variancias": "variances",
    "amplitude": "range", "assimetria": "skewness", "curtose": "kurtosis",
    "correlacao": "correlation", "associacao": "association",
    "relacao": "relationship", "distribuicao": "distribution",
    "compare": "compare", "iguais": "equal",
    "diferenca": "difference", "diferencas": "differences", "maior": "larger",     "segue": "follows", "seguem": "follow",
    # Italian
    "varianze": "variances", "campo": "range", "asimmetria": "skewness",
    "correlazione": "correlation", "associazione": "association", "relazione": "relationship",
    "indipendenza": "independence", "distribuzione": "distribution", "calcola": "compute",
    "confronta": "compare", "uguale": "equal", "turni": "shifts", "uguali": "equal", "differenza": "difference", "gruppi": "groups",
        # ---- what tables measure (everyday nouns) ----
    # German
    "geschwindigkeit": "speed", "puls": "pulse", "stark": "strong", "schwach": "weak", "gewicht": "weight", "preis": "price", "preise": "prices",
    "temperatur": "temperature", "alter": "age", "hohe": "height", "lange": "length",
    "breite": "width", "dicke": "thickness", "dauer": "duration", "zeit": "time",
    "menge": "quantity", "betrag": "amount", "umsatz": "sales", "kosten": "cost",
    "einkommen": "income", "gehalt": "salary", "entfernung": "distance", "strecke": "distance",
    "leitfahigkeit": "conductivity", "konzentration": "concentration", "druck": "pressure",
    "ertrag": "yield", "fettgehalt": "fat", "fett": "fat", "eiweiss": "protein", "milch": "milk",
    "milchleistung": "milk yield", "rasse": "breed", "geschlecht": "sex", "frauen": "women",
    "manner": "men", "kunden": "customers", "bestellung": "order", "bestellungen": "orders",
    "tag": "day", "tage": "days", "woche": "week", "monat": "month", "jahr": "year",
    "pegel": "level", "maximal": "maximum", "minimal": "minimum", "mittlere": "mean",
    "mittleren": "mean", "mittlerer": "mean", "zeitraum": "period", "zeitraume": "periods",
    "zeitraumen": "periods", "abend": "evening", "nacht": "night", "messstelle": "site",
    "messstellen": "sites", "larm": "noise", "schall": "sound",
    "region": "region", "land": "country", "stadt": "city", "schule": "school",
    "schuler": "students", "patienten": "patients", "station": "ward", "stationen": "wards",
    "typ": "type", "art": "type", "sorte": "type", "fahrten": "rides", "fahrt": "ride",
    "stil": "style", "bier": "beer", "charge": "batch", "chargen": "batches",
    "maschine": "machine", "maschinen": "machines", "lieferant": "supplier",
    "lieferanten": "suppliers", "schicht": "shift", "bewertung": "rating", "bewertungen": "ratings",
    "sterne": "stars", "punkte": "points", "note": "grade", "noten": "grades",
    "minuten": "minutes", "sekunden": "seconds", "stunden": "hours", "spieldauer": "game length",
    "ausgang": "outcome", "ausgange": "outcomes", "standort": "site", "standorte": "sites",
    "standorten": "sites", "behandlung": "treatment", "versicherung": "insurance",
    "zuschauerzahl": "attendance", "zuschauerzahlen": "attendance", "zuschauer": "spectators",
    # Spanish
    "velocidad": "speed", "peso": "weight", "precio": "price", "precios": "prices",
    "temperatura": "temperature", "edad": "age", "altura": "height", "longitud": "length",
    "ancho": "width", "espesor": "thickness", "duracion": "duration", "tiempo": "time",
    "cantidad": "quantity", "importe": "amount", "monto": "amount", "ventas": "sales",
    "costo": "cost", "coste": "cost", "ingresos": "income", "salario": "salary",
    "distancia": "distance", "conductividad": "conductivity", "concentracion": "concentration",
    "presion": "pressure", "rendimiento": "yield", "grasa": "fat", "leche": "milk",
    "raza": "breed", "sexo": "sex", "genero": "gender", "mujeres": "women", "hombres": "men",
    "clientes": "customers", "pedido": "order", "pedidos": "orders", "dia": "day", "dias": "days",
    "semana": "week", "mes": "month", "ano": "year", "pais": "country", "ciudad": "city",
    "escuela": "school", "colegio": "school", "alumnos": "students", "estudiantes": "students",
    "pacientes": "patients", "tipo": "type", "estilo": "style", "cerveza": "beer", "lote": "batch",
    "lotes": "batches", "maquina": "machine", "proveedor": "supplier", "turno": "shift",
    "estrellas": "stars", "resenas": "reviews", "puntuacion": "score", "nota": "grade",
    "devoluciones": "returns", "devuelto": "returned", "canal": "channel", "articulos": "items",
    "minutos": "minutes", "segundos": "seconds", "horas": "hours", "tratamiento": "treatment",
    "sitio": "site", "seguro": "insurance", "receta": "prescription", "generico": "generic",
    "pez": "fish", "peces": "fish", "piojos": "lice", "mortalidad": "mortality",
    "casa": "house", "casas": "houses", "vivienda": "housing", "viviendas": "homes",
    "proximidad": "proximity", "oceano": "ocean",
    # French
    "vitesse": "speed", "poids": "weight", "prix": "price", "temperature": "temperature",
    "age": "age", "hauteur": "height", "taille": "size", "longueur": "length", "largeur": "width",
    "epaisseur": "thickness", "duree": "duration", "temps": "time", "quantite": "quantity",
    "montant": "amount", "ventes": "sales", "cout": "cost", "revenu": "income", "salaire": "salary",
    "conductivite": "conductivity", "pression": "pressure", "rendement": "yield",
    "matiere": "fat", "lait": "milk", "race": "breed", "sexe": "sex", "femmes": "women",
    "hommes": "men", "commande": "order", "commandes": "orders", "jour": "day",
    "jours": "days", "semaine": "week", "mois": "month", "annee": "year", "pays": "country",
    "ville": "city", "ecole": "school", "eleves": "students", "etudiants": "students",
    "patients": "patients", "service": "ward", "services": "wards", "velo": "bike", "velos": "bikes",
    "sortie": "ride", "sorties": "rides", "biere": "beer", "machine": "machine",
    "fournisseur": "supplier", "equipe": "shift", "etoiles": "stars", "avis": "reviews",
    "retours": "returns", "semaine-end": "weekend",
    # Portuguese
    "velocidade": "speed", "preco": "price", "precos": "prices", "idade": "age",
    "comprimento": "length", "largura": "width", "espessura": "thickness", "duracao": "duration",
    "quantidade": "quantity", "valor": "value", "vendas": "sales", "custo": "cost",
    "renda": "income", "condutividade": "conductivity",
    "concentracao": "concentration", "pressao": "pressure", "gordura": "fat", "leite": "milk",
    "raca": "breed", "mulheres": "women", "homens": "men", "encomenda": "order",
    "encomendas": "orders", "cidade": "city",
    "escola": "school", "alunos": "students", "cerveja": "beer",
    "fornecedor": "supplier", "artigos": "items", "euros": "euros",
    "distrito": "district",     # Italian
    "velocita": "speed", "prezzo": "price", "eta": "age", "lunghezza": "length",
    "spessore": "thickness", "durata": "duration", "quantita": "quantity", "importo": "amount",
    "vendite": "sales", "reddito": "income", "stipendio": "salary",
    "conducibilita": "conductivity", "concentrazione": "concentration", "pressione": "pressure",
    "resa": "yield", "grasso": "fat", "latte": "milk", "razza": "breed", "donne": "women",
    "uomini": "men", "ordine": "order", "ordini": "orders", "giorno": "day", "settimana": "week",
    "mese": "month", "anno": "year", "citta": "city", "scuola": "school", "studenti": "students",
    "pazienti": "patients", "reparto": "ward", "birra": "beer", "fornitore": "supplier",
    "minuti": "minutes", "secondi": "seconds", "ore": "hours", "trattamento": "treatment",
    "sito": "site", "siti": "sites", "pesce": "fish", "pesci": "fish", "pidocchi": "lice",
    "mortalita": "mortality", "stessa": "same", "stesso": "same", "vasca": "pool",
    "sesso": "sex", "assicurazione": "insurance",
    # ---- function words ----
    # German
    "der": "the", "die": "the", "das": "the", "den": "the", "dem": "the", "des": "of the",
    "ist": "is", "sind": "are", "und": "and", "oder": "or", "zwischen": "between", "von": "of",
    "vom": "of the", "zum": "to the", "zur": "to the", "mit": "with", "bei": "for",
    "fur": "for", "nach": "by", "wie": "how", "ein": "a", "eine": "a", "einen": "a",
    "einer": "a", "nicht": "not", "auch": "also", "bitte": "please", "ob": "whether",
    "welche": "which", "welcher": "which", "uber": "over", "als": "than", "alle": "all",
    "jede": "each", "jeder": "each", "nur": "only", "wenn": "if", "im": "in the", "am": "on the",
    "an": "at", "auf": "on", "aus": "from", "unsere": "our", "unserer": "our", "gross": "large",
    "gros": "large", "groser": "larger",
    "es": "it",
    # Spanish
    "el": "the", "los": "the", "las": "the", "del": "of the", "y": "and", "o": "or",
    "entre": "between", "por": "by", "para": "for", "con": "with", "una": "a", "un": "a",
    "que": "that", "cual": "what", "cuales": "which", "como": "how", "hay": "is there",
    "existe": "is there", "esta": "is", "estan": "are", "segun": "by", "sobre": "on",
    "cada": "each", "su": "its", "sus": "their", "si": "whether", "mas": "more", "menos": "less",
    "son": "are", "solo": "only", "nuestros": "our", "nuestras": "our",
    # French
    "le": "the", "les": "the", "du": "of the", "et": "and", "ou": "or", "pour": "for",
    "avec": "with", "une": "a", "quel": "what", "quelle": "what", "quels": "which",
    "quelles": "which", "sont": "are", "chaque": "each", "leur": "their", "ces": "these",
    "cette": "this", "nos": "our", "notre": "our", "au": "to the", "aux": "to the", "dans": "in",
    "par": "by",
    # Portuguese
    "os": "the", "do": "of the", "da": "of the", "dos": "of the",     "sao": "are", "com": "with", "uma": "a", "um": "a", "qual": "what", "quais": "which",
    "ha": "is there", "nao": "not", "seu": "its", "sua": "its", "nosso": "our", "nossa": "our",
    "na": "in the", "no": "in the", "nas": "in the", "em": "in", "pelo": "by the",
    "pela": "by the",
    # Italian
    "il": "the", "lo": "the", "gli": "the", "della": "of the", "dei": "of the",
    "delle": "of the", "sono": "are", "tra": "between", "fra": "between", "per": "for",
    "che": "that", "quale": "what", "quali": "which", "ogni": "each", "sul": "on the",
    "sulla": "on the", "nel": "in the", "nella": "in the", "di": "of", "ed": "and",
}  # fmt: skip
# Words whose English reading depends on the language (the same spelling in several)
_BY_LANGUAGE = {
    "de": {"die": "the", "es": "it", "art": "type", "note": "grade", "test": "test"},
    "es": {"de": "of", "la": "the", "a": "to", "en": "in", "es": "is", "e": "and", "media": "mean"},
    "fr": {
        "de": "of",
        "la": "the",
        "a": "to",
        "en": "in",
        "est": "is",
        "des": "of the",
        "e": "and",
    },  # fmt: skip
    "pt": {
        "de": "of",
        "a": "the",
        "o": "the",
        "as": "the",
        "e": "and",
        "media": "mean",
    },  # fmt: skip
    "it": {
        "de": "of",
        "la": "the",
        "le": "the",
        "e": "and",
        "a": "to",
        "in": "in",
        "media": "mean",
        "o": "or",
        "i": "the",
        "turno": "shift",
        "su": "on",
    },  # fmt: skip
}
_BY_LANGUAGE["pl"] = {
    "z": "of", "w": "in", "i": "and", "o": "of", "na": "per", "do": "to", "od": "from",
    "po": "after", "a": "and", "czy": "", "jest": "is", "sa": "are", "bylo": "were",
    "byly": "were", "byl": "was", "ile": "how many", "niz": "than", "oraz": "and", "dla": "for",
    "przy": "with", "zeby": "to", "aby": "to", "nie": "not", "miedzy": "between",
    "pomiedzy": "between", "poza": "outside", "odsetek": "proportion", "moc": "power",
    "mocy": "power", "alfa": "alpha", "sie": "",
}  # fmt: skip
# Polish words change their endings with case and number: their stems (longest first)
_PL_STEMS = sorted(
    {
        "wiekszy": "greater",
        "wieksz": "greater",
        "wyzsz": "higher",
        "mniejsz": "less",
        "nizsz": "lower",
        "wadliw": "defective",
        "tolerancj": "tolerance",
        "proporcj": "proportion",
        "ubezpiecz": "insurance",
        "aptek": "pharmacy",
        "aptec": "pharmacy",
        "najdluzs": "longest",
        "najkrots": "shortest",
        "leczeni": "treatment",
        "sprawdzon": "checked",
        "potrzebuj": "need",
        "potrzeb": "need",
        "wykry": "detect",
        "przesuniec": "shift",
        "srednic": "diameter",
        "sredni": "mean",
        "odchyleni": "standard deviation",
        "istotnosc": "significance",
        "probek": "samples",
        "probk": "samples",
        "prob": "sample",
        "grup": "group",
        "roznic": "difference",
        "porown": "compare",
        "sztuk": "pieces",
        "lozysk": "bearings",
        "sprezyn": "springs",
        "grubos": "thickness",
        "wytrzymalos": "strength",
        "temperatur": "temperature",
        "twardos": "hardness",
        "wag": "weight",
        "masa": "mass",
        "dlugos": "length",
        "test": "test",
        "hipotez": "hypothesis",
        "linii": "line",
        "lini": "line",
        "maszyn": "machine",
        "dostawc": "supplier",
        "zmian": "shift",
        "jednostronn": "one-sided",
        "dwustronn": "two-sided",
        "sparowan": "paired",
        "zalezn": "paired",
    }.items(),
    key=lambda kv: -len(kv[0]),
)
_ENGLISH_OUT = frozenset(w for v in (*_WORDS.values(), *_PHRASES.values()) for w in v.split())
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*", re.UNICODE)


def _plain(text: str) -> str:
    """Lower case without accents, one character for one ("Leitfähigkeit" -> "leitfahigkeit",
    "groß" -> "gros"), so that positions in it are positions in ``text``."""
    out = []
    for c in text:
        if c in "ßẞ":
            out.append("s")
            continue
        if c in "ıŁł":  # Turkish dotless i, Polish l with stroke (no accent to remove)
            out.append("i" if c == "ı" else "l")
            continue
        base = "".join(
            b for b in unicodedata.normalize("NFKD", c.lower()) if not unicodedata.combining(b)
        )
        out.append(base if len(base) == 1 else c.lower()[:1] or c)
    return "".join(out)


# letters that only some of the five languages write
_LETTERS = {"de": "äöüß", "es": "ñ¿¡", "pt": "ãõç", "fr": "êëœç", "it": "ìòè", "pl": "ąęłśźżćń"}


# Dutch, Polish, Turkish and Swedish (reader/foreign_more.py), merged into the tables above
_MORE_MARKERS, _MORE_PHRASES, _MORE_WORDS, _STEMS = _more.tables(_plain)
for _lang, _marks in _MORE_MARKERS.items():
    _MARKER_SETS[_lang] = _MARKER_SETS.get(_lang, frozenset()) | frozenset(
        w for w in _marks.split() if len(w) > 1 and w not in _ENGLISH
    )
for _phrases in _MORE_PHRASES.values():
    for _k, _v in _phrases.items():
        _PHRASES.setdefault(_k, _v)
for _lang, _glossary in _MORE_WORDS.items():  # both glossaries of a language, this one first
    _BY_LANGUAGE[_lang] = {**_BY_LANGUAGE.get(_lang, {}), **_glossary}
for _k, _v in _more.ITALIAN.items():  # and words the Italian glossary lacks
    _BY_LANGUAGE["it"].setdefault(_plain(_k), _v)
for _k, _v in _more.ITALIAN_PHRASES.items():
    _PHRASES.setdefault(_plain(_k), _v)
_LETTERS.update(_more.LETTERS)
_ENGLISH_OUT = _ENGLISH_OUT | {
    w for d in _MORE_WORDS.values() for v in d.values() for w in v.split()
}

# glossary words that are also English words, never evidence of another language
_LOOKALIKES = frozenset(
    "service services race pays canal note sale fin once come dove data media mine sort tag "
    "will war plus also lange teste tipo".split()
)


def language(question: str, own: Iterable[str] = ()) -> str | None:
    """The question's language when it is German, Spanish, French, Portuguese or Italian (two
    or more of its function words or glossary words, more than its English function words);
    None for English. Which language: the one with most function words (and its letters).
    Words of ``own`` (the table's own names, accent-free) are no evidence of a language: a
    header "gross" or "Tag" names a column whatever the question's language."""
    own = set(own)
    words = [w for w in (_plain(w) for w in _WORD.findall(question)) if w not in own]
    english = sum(w in _ENGLISH for w in words)
    glossary = sum(
        len(w) >= 4 and _WORDS.get(w, w) != w and w not in _LOOKALIKES and w not in _ENGLISH
        for w in words
    )
    counts = {lang: sum(w in marks for w in words) for lang, marks in _MARKER_SETS.items()}
    counts["it"] += len(_more.IT_ELIDED_EVIDENCE.findall(question))  # "dall'ultima"
    low = question.lower()
    for lang, letters in _LETTERS.items():  # "ç", "ã": Portuguese rather than Spanish
        if any(c in low for c in letters):
            counts[lang] += 1
    for lang in _STEMS:  # Dutch, Polish, Turkish, Swedish: words of its own glossary (and,
        # once the question is marked as the language, inflected ones read by their stems)
        marked = counts[lang] > 0
        counts[lang] += sum(
            w not in _WORDS and _more.own_word(w, lang, _MORE_WORDS[lang], _STEMS[lang], marked)
            for w in words
        )
    lang = max(counts, key=lambda k: counts[k])
    evidence = counts[lang] + glossary
    if evidence >= 2 and evidence > english:
        return lang
    return None


def table_words(question: str, frame: Any) -> list[str]:
    """The table's headers and the cell values the question writes as the table does (same
    letter case, four letters or more: "apteki Station", "Standorten East"): names of the
    table, never translated ("Station" is a branch here, not a hospital ward)."""
    if frame is None:
        return []
    out = [str(c) for c in frame.columns]
    for c in frame.columns:
        col = frame[c]
        if col.dtype.kind in "biufcmM" or col.nunique() > 50:
            continue
        for v in col.dropna().unique():
            v = str(v).strip()
            if (
                len(v) >= 4
                and v in question
                and re.search(r"(?<![^\W\d_])" + re.escape(v) + r"(?![^\W\d_])", question)
            ):
                out.append(v)
    return out


def to_english(question: str, headers: Iterable[str] = ()) -> str | None:
    """The question read in English, or None when it is not in one of the five languages.
    Words of ``headers`` (the table's own column names) are never translated."""
    keep = {_plain(w) for h in headers for w in _WORD.findall(str(h))}
    lang = language(question, keep)
    mixed = False
    if lang is None:
        # an English question with a foreign test or power term in it ("the resistencia
        # interna ... prueba t de Welch, por favor"): those terms read, English words kept
        if not _STRONG.search(_plain(question)):
            return None
        lang, mixed = _likeliest(question), True
    text = _more.reorder(question.replace("¿", " ").replace("¡", " "), lang)
    plain = _plain(text)
    # phrases first, on the accent-free text, then the words of what is left
    out: list[str] = []
    i = 0
    phrases = sorted(_PHRASES, key=len, reverse=True)
    pattern = re.compile(r"(?<![^\W\d_])(" + "|".join(map(re.escape, phrases)) + r")(?![^\W\d_])")
    by_lang = _BY_LANGUAGE.get(lang, {})
    for m in pattern.finditer(plain):
        j = m.start()
        if re.search(r"(?<![^\W\d_])[ld]'$", plain[i:j]):  # "l'écart interquartile": no "l'"
            j -= 2
        out.append(_words(text[i:j], plain[i:j], keep, by_lang, lang, mixed))
        out.append(_PHRASES[m.group(1)])
        i = m.end()
    out.append(_words(text[i:], plain[i:], keep, by_lang, lang, mixed))
    english = "".join(out)
    # a word the glossary lacks, glossed in brackets ("Bauchumfang (waist)"): the gloss
    english = re.sub(
        r"(?<![^\W\d_])([^\W\d_]{4,})\s*\(([A-Za-z][A-Za-z ]{1,30})\)",
        lambda m: (
            m.group(0)
            if _plain(m.group(1)) in keep or m.group(1).lower() in _ENGLISH_OUT
            else m.group(2)
        ),
        english,
    )
    # a decimal comma ("alfa 0,05", "25,00 ± 0,10 mm"); a run "1,2,3" is a list, left alone
    english = re.sub(r"(?<![\d,.])(\d+),(\d+)(?![\d]|,\d)", r"\1.\2", english)
    # a chart's letters joined to the chart noun ("np-kaart", "CUSUM-diagram", "p-Karte")
    english = re.sub(
        r"\b(np|p|c|u|i-?mr|x-?bar(?:-?[rs])?|xbar(?:-?[rs])?|cusum|ewma)[- ](?:kaart|karte|diagram|"
        r"diagrammet|kort)\b",
        r"\1 chart",
        english,
        flags=re.IGNORECASE,
    )
    # x-bar in the other languages' words ("X-barra", "X barre", "X-quer")
    english = re.sub(r"\b([xX])[- ]?(?:barra|barre|quer)\b", r"\1-bar", english)
    # a chart named after its noun, as the Romance languages write it ("gráfico EWMA")
    english = re.sub(
        r"\bchart\s+(ewma|cusum|np|p|c|u|i-?mr|x-?bar(?:[- ]?[rs])?|xbarra|x-?r|x-?s)\b",
        r"\1 chart",
        english,
        flags=re.IGNORECASE,
    )
    # an adjective the Romance languages write after its noun ("resistencia interna", "la
    # dureza media"): before it, as English writes it ("internal resistance", "mean hardness")
    if lang in ("es", "fr", "pt", "it"):
        english = _ADJ_AFTER.sub(r"\2 \1", english)
    return re.sub(r"\s+([?.,;:!])", r"\1", re.sub(r"[ \t]+", " ", english)).strip()


def _german_compound(w: str, by_lang: dict[str, str]) -> str | None:
    """A German compound of glossary words, read part by part: hyphenated parts and a last
    part "-karte" (a chart) after a glossary word ("Mittelwert-Standardabweichungskarte" ->
    "mean and standard deviation chart", "Einzelwertkarte" -> "individual chart"). None
    unless every part is known."""

    def one(part: str) -> str | None:
        return by_lang.get(part, _WORDS.get(part))

    parts = w.split("-")
    last = parts[-1]
    chart = ""
    m = re.fullmatch(r"(\w+)(karten?)", last)
    if m:  # the stem before "karte", with or without its linking letters ("Spannweite-n-karte")
        stems = [m.group(1)] + [
            m.group(1)[: -len(x)] for x in ("s", "n", "en") if m.group(1).endswith(x)
        ]
        known = [st for st in stems if st and one(st) is not None]
        if not known:
            return None
        parts[-1], chart = known[0], " chart" + ("s" if m.group(2).endswith("n") else "")
    elif len(parts) < 2:
        return None
    read = [one(p) for p in parts]
    if any(r is None for r in read):
        return None
    return " and ".join(read) + chart  # type: ignore[arg-type]


def _compound(word: str, by_lang: dict[str, str]) -> str | None:
    """A compound noun of two glossary words (Dutch and German write them as one): "vrucht" +
    "gewicht" -> "fruit weight", with a linking "s" or "en" between them ("leeftijdsgroep")."""
    for k in range(4, len(word) - 3):
        head, tail = word[:k], word[k:]
        for link in ("", "s", "en", "e"):
            if link and not tail.startswith(link):
                continue
            rest = tail[len(link) :]
            a, b = by_lang.get(head, _WORDS.get(head)), by_lang.get(rest, _WORDS.get(rest))
            if not b and rest.endswith("s"):  # a German genitive ("des Maximalpegels")
                b = by_lang.get(rest[:-1], _WORDS.get(rest[:-1]))
            if a and b and len(rest) >= 4:
                return f"{a} {b}"
    return None


# the measured nouns of the glossary that a Romance adjective may follow
_ADJ_NOUNS = sorted(
    {
        v
        for v in _WORDS.values()
        if v
        in "resistance temperature pressure diameter thickness weight hardness efficiency yield "
        "roughness strength torque conductivity concentration speed price length width height "
        "duration time cost income salary age value".split()
    }
)
_ADJ_AFTER = re.compile(
    rf"\b({'|'.join(_ADJ_NOUNS)})\s+(internal|external|mean|average|total|median)\b"
)


# content words of the test and power vocabulary no English question holds (accents dropped)
_STRONG = re.compile(
    r"\b(?:cuant[ao]s|muestras?|necesit\w+|potencia|prueba|desviacion|diferencia|por favor|"
    r"resistencia|eficiencia|wie viele|proben|brauche\w*|unterschied|standardabweichung|"
    r"stichprobe\w*|combien|echantillons|puissance|ecart[- ]type|quantas|amostras|campioni|"
    r"nivel de|signifikanzniveau|toets|steekproef|istotnosci)\b"
)


def _likeliest(question: str) -> str:
    """The language whose function words and letters the question holds most of ("es" when
    none)."""
    words = [_plain(w) for w in _WORD.findall(question)]
    counts = {lang: sum(w in marks for w in words) for lang, marks in _MARKER_SETS.items()}
    low = question.lower()
    for lang, letters in _LETTERS.items():
        counts[lang] += sum(c in low for c in letters)
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "es"


def _words(
    text: str,
    plain: str,
    keep: set[str],
    by_lang: dict[str, str],
    lang: str = "",
    mixed: bool = False,
) -> str:
    """The words of ``text`` in English; ``mixed`` (an English question with foreign terms):
    only words of four letters or more that are no English word, the English ones kept."""
    out, i = [], 0
    german = by_lang is _BY_LANGUAGE["de"]
    prev = ""
    for m in _WORD.finditer(plain):
        out.append(text[i : m.start()])
        w, written = m.group(0), text[m.start() : m.end()]
        if w in keep or (
            mixed and (len(w) < 4 or w in _ENGLISH or w in _LOOKALIKES or w in _ENGLISH_OUT)
        ):
            english = None
        elif (
            len(written) == 1
            and written.isupper()
            and re.search(r"(?:\w[\s,]*|\()$", text[: m.start()])
        ):
            english = None  # "la línea A", "el proveedor B": a label, not the word "a"
        elif written in ("é", "è"):  # Portuguese and Italian "is" (not "e", "and")
            english = "is"
        elif german and w in ("der", "des") and prev[:1].isupper():
            english = "of the"  # "die Streuung der Geschwindigkeit": a genitive after a noun
        else:
            english = by_lang.get(w)
            if english is None and german:  # "Mittelwert-Standardabweichungskarte"
                english = _german_compound(w, by_lang)
            if english is None and w not in keep and len(w) >= 8 and "-" not in w and "'" not in w:
                english = _compound(w, by_lang)  # "vruchtgewicht" -> fruit weight
            if english is None and lang in _STEMS:  # "średniej", "fiyatları", "borrdiametern"
                english = _more.gloss(w, lang, by_lang, _STEMS[lang])
            if english is None and (lang not in _STEMS or len(w) >= 4):
                english = _WORDS.get(w)  # not "y" ("and") in a Dutch "(Y)"
        if english is None and "-" in w:  # "niet-gekoelde": each part read, when all are known
            parts = [by_lang.get(p, _WORDS.get(p)) for p in w.split("-")]
            english = "-".join(parts) if all(parts) else None
        if english is None and by_lang is _BY_LANGUAGE["pl"] and len(w) >= 3:
            english = next((e for stem_, e in _PL_STEMS if w.startswith(stem_)), None)
        if english is None and w in keep:
            pass  # a word of the table's own headers stays as written
        elif english is None and len(w) >= 8 and "'" not in w and "-" not in w:
            english = _compound(w, by_lang)  # "vruchtgewicht" -> fruit weight
        if english is None and "-" in w and w not in keep:  # "F-toets": part by part
            parts = w.split("-")
            said = [by_lang.get(x, _WORDS.get(x)) for x in parts]
            if any(said):
                english = "-".join(e if e else x for x, e in zip(parts, said, strict=True))
        if english is None and "'" in w:  # "l'ecart", "d'association": the article dropped
            head, _, tail = w.partition("'")
            if head in ("l", "d", "qu", "s", "c", "n") and (tail in _WORDS or tail in by_lang):
                english = by_lang.get(tail, _WORDS.get(tail))
        out.append(english if english is not None else written)
        prev = written if m.start() > 0 else ""
        i = m.end()
    out.append(text[i:])
    return "".join(out)


# a level written with a decimal comma in an English question ("α = 0,05", "power 0,9")
_LEVEL_COMMA = re.compile(
    r"(?i)(\b(?:alpha|alfa|significance(?: level)?|sig\.? level|power|confidence(?: level)?|"
    r"beta)\b|α|β|\bp\s*[<>=]|\b1\s*-\s*(?:β|beta))(\s*(?:=|:|of|is|at|<|>|≤)?\s*)(0),(\d{1,4})"
    r"(?![\d,])"
)
# and without a level's name: a zero, a comma and two or more digits ("at 0,05") is a decimal
# (never a thousands separator; a run of codes "0,1,2" or a pair "0,1" is left alone)
_ZERO_COMMA = re.compile(r"(?<![\d.,])0,(\d{2,})(?![\d]|,\d)")


def level_commas(question: str) -> str:
    """A significance level, power or confidence written with a decimal comma in a question
    that is otherwise English ("α = 0,05", "power of 0,9", "test at 0,01"): the comma read as
    a point, since a level is a fraction below one. Lists ("levels 0,1,2") are left alone."""
    question = _LEVEL_COMMA.sub(
        lambda m: f"{m.group(1)}{m.group(2)}{m.group(3)}.{m.group(4)}", question
    )
    return _ZERO_COMMA.sub(r"0.\1", question)
