"""Requests HAVOC does not offer, by class, for MODE's out-of-scope decision.

``not_offered(question, ds)`` returns why a question is out of scope, or "". Each rule is a
class of request, never one wording:

- writing code, queries or scripts ("write a SQL query", "give me Python that ...");
- operating a company system (a transaction, menu or export in SAP, an ERP or a MES);
- questions to HAVOC about itself ("who built you?", "do you get bored?");
- nonsense: a sense or a feeling of an abstraction ("the smell of Wednesday", "the colour of
  seven", "the moon's opinion", "the vibes"), a word said three times over, keyboard mash;
- a result asked for without the analysis, or data bent to a verdict ("don't compute anything,
  just write that p is 0.41", "drop the outliers so the chart passes"): refused like an
  injection, also when a real request is wrapped around it;
- secrets or access to the machine (configuration files, API keys, shell commands);
- a general-knowledge fact with no statistics word ("where do penguins live in the wild?");
- a fact question with no table, no number and no statistics or engineering word at all
  ("how many planets are in the solar system?");
- a machine-learning method outside HAVOC's analyses (t-SNE, UMAP, embeddings, autoencoders);
- a prediction for one item named by its category ("predict the price of a 2015 Honda City
  with 60,000 km" where ``name`` holds "Honda City"): a predictive model on categorical
  inputs, which the regression family does not fit.

>>> not_offered("Write a SQL query that lists the top customers.")
'writing code or queries is not among HAVOC's analyses'
>>> not_offered("Compare the mean fill weight of line 1 and line 2.")
''
"""

from __future__ import annotations

import re
from typing import Any

_CODE = re.compile(
    r"\b(write|give|generate|create|show|send|produce|draft)\b( me| us)?\b.{0,40}?"
    r"\b(code|script|sql|query|queries|function|macro|vba|program|snippet|regex|class)\b"
    r"|\b(python|sql|javascript|typescript|vba|bash|java|c\+\+|c#|rust|golang|matlab|powershell)"
    r" (code|script|query|function|program|snippet|loop)\b"
    r"|\blinked list\b|\b(left|inner|outer) join\b|\bsegfault\b|\bstack trace\b"
)
_SYSTEM = (
    r"(sap|erp|mes|lims|crm|oracle|salesforce|sharepoint|outlook|jira|servicenow|workday|"
    r"the intranet)"
)
_SOFTWARE = re.compile(
    rf"\b{_SYSTEM}\b.{{0,40}}\b(transactions?|t-?codes?|menus?|screens?|buttons?|logins?|"
    r"passwords?|tickets?|workflows?|tabs?|fields?|modules?|licen[cs]es?|reports? to run)\b"
    rf"|\b(transactions?|t-?codes?|menus?|screens?|buttons?)\b.{{0,40}}\b{_SYSTEM}\b"
    rf"|\b(pull|export|download|extract|fetch|get|post|upload|enter|book)\b.{{0,50}}\b(out of|from|"
    rf"into|in|to) (the |our )?{_SYSTEM}\b.{{0,60}}\b(e-?mail|send|forward)\b"
)
_ABOUT_YOU = re.compile(
    r"\bwho (built|made|created|wrote|trained|programmed|designed|owns) you\b"
    r"|\b(do|did|does|can|will|would) you (ever )?(get|feel|become) (bored|tired|lonely|sad|"
    r"happy|angry|sleepy|excited)\b"
    r"|\bare you (a |an )?(human|robot|person|alive|conscious|sentient|bored|lonely|married|"
    r"single|happy|real person)\b"
    r"|\b(what'?s|what is) your (name|age|favou?rite \w+)\b|\bhow old are you\b"
    r"|\bdo you (dream|sleep|eat|love|have (feelings|friends|a family))\b"
)
_DAYS = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)('?s)?"
_NUMBER_WORDS = r"(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_ABSTRACT = (
    rf"(the )?({_DAYS}|{_NUMBER_WORDS}|numbers?|the (median|mean|average|variance|p-?value)|"
    r"(the )?(moon|sun|universe|cosmos|alphabet|silence|tuesdays?))\b"
)
_SENSE = r"(smell|scent|taste|flavou?r|colou?r|opinion|feelings?|mood|soul|dreams?|personality)s?"
_NONSENSE = re.compile(
    rf"\b{_SENSE} of {_ABSTRACT}"
    rf"|\b({_DAYS}|the moon|the sun|the universe|{_NUMBER_WORDS})'s {_SENSE}\b"
    r"|\b(the|some|good|bad) vibes?\b|\bvibes? (pls|please|check)\b|\b(chi[- ]?square|correlate|"
    r"test|regress) the vibes\b"
)
_ML = re.compile(
    r"\b(t-?sne|umap|autoencoders?|embeddings? of|word ?clouds?|topic model\w*|"
    r"dimensionality reduction|feature importances?|shap values?|hyper-?parameter\w*)\b"
)
# a statistics, engineering or mathematics word: with none of these, no table and no number,
# a question asks for a fact HAVOC does not hold
_STATS_WORD = re.compile(
    r"\b(mean|means|average|median|mode|varian\w*|deviation|std|sd|spread|range|quartile\w*|"
    r"percentil\w*|distribut\w*|normal\w*|skew\w*|kurtos\w*|correlat\w*|regress\w*|predict\w*|"
    r"trend|slope|tests?|testing|anova|chi|p-?values?|signific\w*|hypothes[ie]s|confidence|"
    r"intervals?|samples?|sampl\w*|data|dataset|measur\w*|readings?|charts?|control|specs?|"
    r"specification\w*|capab\w*|cp|cpk|ppk|gau?ge|r&r|repeatab\w*|reproduc\w*|doe|design\w*|"
    r"factors?|factorial|experiment\w*|runs?|effects?|interactions?|power|alpha|probab\w*|odds|"
    r"proportions?|percent\w*|rates?|ratio|counts?|integra\w*|derivativ\w*|differentiat\w*|"
    r"solve|equations?|matri\w*|formulas?|tolerances?|yield|defect\w*|scrap|process\w*|"
    r"statistic\w*|estimat\w*|errors?|bias|outliers?|histograms?|plot|tables?|columns?|"
    r"variables?|compar\w*|differ\w*|relationship|associat\w*|independen\w*|fit|model|"
    r"residuals?|sigma|limits?|batch\w*|lots?|parts?|operators?|subgroups?|kpi|metric\w*|"
    r"uncertaint\w*|precision|accuracy|calibrat\w*|inspect\w*|quality|reliab\w*|failure\w*|"
    r"weibull|spc|msa|six sigma|lean|pareto|taguchi|bootstrap\w*|likelihood|bayes\w*|"
    r"sum|product|total|number|square|root|log\w*|exponential|function|limit|coefficients?|tau|"
    r"kendall|spearman|pearson|curve|area|in\w*grat\w*|cv|rsd|mtbf|ppm|dpmo|hsd|tukey|"
    r"bonferroni|post-?hoc)\b"
)


# a result asked to be written down without being computed, or the data bent to a verdict
_FABRICATE = re.compile(
    r"\b(make up|fabricate|invent|fake|falsify|fudge|massage|cook) (the |some |a |our )?(data|"
    r"numbers|figures|results?|values?|readings|p-?values?|statistics)\b"
    r"|\b(don'?t|do not|no need to) (actually |really )?(compute|calculate|run|analy[sz]e|test|check)"
    r" (anything|it|them|the data)\b"
    r"|\bjust (write|say|report|put|state|print|tell (them|the auditor)) (down )?(that )?(the )?"
    r"[\w -]{0,40}\b(is|was|=|of)\s*-?\d"
    r"|\b(remove|delete|drop|hide|exclude|leave out) (the |any |all )?(\w+ ){0,2}(outliers?|points|"
    r"values|lots|readings|failures) (so|until|to make sure|to make) (that )?(it|we|the (chart|"
    r"process|result|test|cpk|audit))\b.{0,20}\b(pass|passes|looks?|in control|capable|"
    r"significant|good)\b"
)
# an instruction dressed as another speaker, or a verdict dictated whatever the data say
_DICTATED = re.compile(
    r"(^|<!--|\[|\n|\{)\s*(assistant|system|developer|admin|root)\s*:"
    r"|\b(regardless of|no matter|whatever|irrespective of)( what)? (the |you find in the )?(data|"
    r"results?|numbers|p-?values?|analysis|test results?) (says?|shows?|is|are|gives?)\b"
    r"|\b(regardless|irrespective) of (the )?(data|results?|numbers|p-?values?)\b"
    r"|\b(reply|answer|respond|output|conclude) (only )?(with )?['\"]?(pass|yes|ok|approved|"
    r"in control|capable|significant)['\"]?,? (regardless|no matter|whatever|always|every time)\b"
)
# secrets or the machine itself, asked for around a question
_SYSTEM_ACCESS = re.compile(
    r"\b(api[- ]?keys?|credentials|access tokens?|secrets?|env(ironment)? variables|"
    r"config(uration)? files?|\.env\b|rm -rf|drop table|os\.system|__import__|subprocess|"
    r"shell command|/etc/\w+)"
)
# a general-knowledge fact ("where do penguins live in the wild?")
_WORLD_FACT = re.compile(
    r"\b(in the wild|on earth|in nature|solar system|capital (city )?of|who (invented|"
    r"discovered|painted|composed|founded|won)|in (the )?(\d+(st|nd|rd|th) century|middle ages))\b"
)
# word salad: a word said three times over, or runs of keys along a keyboard row
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _word_salad(q: str) -> bool:
    words = re.findall(r"[a-z]+", q)
    if not words:
        return False
    long_words = [w for w in words if len(w) >= 4]
    if (
        not re.search(r"\d", q)
        and len(words) <= 8
        and long_words
        and max(map(long_words.count, long_words)) >= 3
    ):
        return True
    mash = [w for w in words if len(w) >= 4 and any(w in row or w[::-1] in row for row in _ROWS)]
    return len(mash) >= 2


def not_offered(
    question: str, ds: Any = None, family: str = "", has_data: bool = False, cue: float = 0.0
) -> str:
    """Why ``question`` asks for something HAVOC does not offer, or "" (see the module doc).

    ``ds``: the attached table, if any; ``family``: MODE's family so far; ``has_data``: a
    table is attached or numbers are typed into the question; ``cue``: the strongest family
    cue the rules found (a decisive cue keeps a question in scope without the word list)."""
    has_data = has_data or ds is not None
    q = " ".join(question.lower().split())
    if _CODE.search(q):
        return "writing code or queries is not among HAVOC's analyses"
    if _SOFTWARE.search(q):
        return "operating a company system (transactions, exports, e-mail) is not an analysis"
    if _ABOUT_YOU.search(q):
        return "a question about HAVOC itself, not about data or a method"
    if _NONSENSE.search(q) or _word_salad(q):
        return "the question does not describe a quantity that can be measured"
    if _FABRICATE.search(q):
        return "a result asked for without the analysis, or the data bent to a verdict"
    if _DICTATED.search(q):
        return "the question dictates the answer or speaks as another role (an injection)"
    if _SYSTEM_ACCESS.search(q):
        return "secrets or access to the machine are asked for, not an analysis"
    if _WORLD_FACT.search(q) and not _STATS_WORD.search(q):
        return "a general-knowledge fact, not a statistics or engineering question"
    if _ML.search(q):
        return f"{_ML.search(q).group(0)} is not among HAVOC's analyses"
    if (
        cue < 2.5
        and not has_data
        and family != "symbolic"
        # "explain X" goes to the handbook, whose relevance threshold answers it or not
        and not re.search(r"\b(explain|define|definition)\b", q)
        and not re.search(r"\d", q)
        and not _STATS_WORD.search(q)
    ):
        return "no statistics, engineering or mathematics in the question and no data"
    if ds is not None and family == "regression":
        item = _named_item(q, ds)
        if item:
            return (
                f"a prediction for one item named by its category ({item!r}) needs a predictive "
                "model on categorical inputs, which is not among HAVOC's analyses"
            )
    return ""


_PREDICT = re.compile(
    r"\b(predict|forecast|estimate|value|price|worth|sell for|go for|fetch)\b.{0,60}\b(an?|the|my|"
    r"our|this) (\d{4} )?"
)


def _named_item(q: str, ds: Any) -> str:
    """A value of a label column named after prediction wording ("a 2015 Honda City"), or ""."""
    m = _PREDICT.search(q)
    if not m or not re.match(r"\s*(predict|forecast|estimate|what would|how much)", q):
        return ""
    frame = getattr(ds, "frame", None)
    for c in getattr(ds, "labels", []):
        if frame is None or ds.n_levels(c) > 500:
            continue
        for v in frame[c].dropna().unique():
            v = " ".join(str(v).lower().split())
            if len(v) >= 4 and re.search(rf"\b{re.escape(v)}\b", q[m.start() :]):
                return str(v)
    return ""


__all__ = ["not_offered"]
