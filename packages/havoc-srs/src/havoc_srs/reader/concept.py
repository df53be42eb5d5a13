"""Questions that ask what something IS rather than what the data SAY, and questions that ask
for a fact HAVOC cannot hold.

``conceptual(question, grounded)``: definitional, why, how-does and what-does-X-mean wording
("What does kurtosis tell me about a distribution?", "If I double n, does the power double?")
with no request to compute on data. Such a question is explained from the handbook even when a
table is attached, as long as it names none of the table's columns (``grounded``).

``lookup(question)``: a fact kept in someone's records or set by an outside body ("what lead
time does our ERP have for supplier X", "the EPA's limit for ozone"): not a calculation, so out
of scope, unless the question gives the number itself to test against.

>>> conceptual("What do centre points add to a two-level factorial design?")
True
>>> conceptual("What's the standard deviation of my measurements?")
False
>>> lookup("What limit does the FDA set for lead in candy?")
True
"""

from __future__ import annotations

import re

# wording that asks about a concept: what it is, means, does, is for; why; how it works
_CONCEPT = re.compile(
    r"\bwhat('?s| is| are) (a|an)\b"
    r"|\bwhat (does|do|did)\b.{1,80}\b(mean|tell|add|measure|check|avoid|do|say|indicate|represent|"
    r"imply|show|buy|cost)\b"
    r"|\bwhat .{1,40}\bmeans?\b\s*(\?|$|,| for\b| in\b)"
    r"|\bwhy\b|\bexplain\b|\bdefine\b|\bdefinition\b|\bwhat('?s| is) the meaning of\b|\bin (plain|simple) (words|english|terms|language)\b"
    r"|\b(what'?s|what is|explain|describe) (the |a )?(main |real |key )?difference between\b"
    r"|^\s*(the )?difference between\b|\b(vs\.?|versus)\b.{0,40}\bwhich (one|is)\b"
    # what a term means or is, asked in French, Dutch, German, Spanish, Portuguese or Italian
    r"|^\s*[¿¡]?\s*(qu'est-ce (que|qu)|que (signifie|veut dire)|c'est quoi|wat (betekent|is een|zijn|"
    r"houdt)|was (bedeutet|ist ein|ist eine|sind)|qu[eé] (es|significa|son)|o que (é|e|significa|"
    r"são)|cos'è|cosa (è|significa)|che cos'è)\b"
    r"|^\s*[¿¡]?\s*(pourquoi|waarom|warum|por qu[eé]|perch[eé])\b"
    r"|\bwhen (should|do|would|is|are|does|must|can)\b"
    r"|\bhow (does|do|is|are|should|can) .{1,60}\b(work|come into|computed|calculated|defined|"
    r"interpreted|chosen|matter)\b|\bhow (does|do|is|are) (a|an|the) .{1,40}\b(differ|set|used|affect|influence|relate)\b"
    r"|\bmakes? sense\b|\b(used|good|meant) for\b|\bthe (point|purpose|catch|idea|intuition) (of|behind)\b"
    r"|\bdoes (the )?[a-z-]+( [a-z-]+)? (double|halve|triple|quadruple)\b"
    # results already in hand, put up for interpretation ("Cp is 1.6 but Cpk 0.9: what is going
    # on?", "is that good enough?"); two notions set against each other
    r"|\bwhat('?s| is) (going on|happening|wrong|the (problem|issue|catch|story))\b"
    r"|\b(is|are) (that|this|these|those) (good|bad|ok|okay|acceptable|enough|good enough|"
    r"a problem|a concern|reasonable|worrying|high|low)\b"
    r"|\bis it (ok|okay|fine|valid|wrong|better|true) to\b|\brule of thumb\b"
    # a claim about a method or a result put up for judgement ("is that a correct reading")
    r"|\b(is|are) (that|this|it|he|she|they|my \w+) (a |an )?(correct|right|valid|fair|proper|"
    r"sound|wrong|legitimate)( (reading|interpretation|way|conclusion|statement|use|claim)s?)?\b"
    # what a design gives up ("what is confounded with what", "what gets aliased with AB")
    r"|\bwhat (is|are|gets?|was|were) (confounded|aliased|mixed up|traded off|sacrificed|lost)\b"
)
# a yes/no question about anything of a kind ("can a process be in control and out of spec?",
# "is a p-value of 0.04 the chance that ..."): a claim about the concept, unless it sizes a study
_GENERIC_CLAIM = re.compile(
    r"^\s*(can|could|is|are|does|will|would|should|must|may|might) (a|an|any|every) [\w-]+"
)
_SIZING = re.compile(r"\b(detect|power|sample size|how many|how large|how big|per group)\b")
# "what is Cpk?" with nothing attached (with a table, "what are Cp and Cpk?" asks for numbers)
_BARE_WHAT = re.compile(
    r"^\s*(so,? |and |ok,? )?what('?s| is| are) (?!the\b|my\b|our\b|your\b|this\b|these\b|that\b)"
    r"[\w'%&-]+( [\w'%&-]+)?\s*(\?|$|,| and\b| in (plain|simple)\b)"
)
# the user's own data pointed at: "my two columns", "our readings", "my survey table"
_OWN_DATA = (
    r"\b(my|our) (\w+ )?(columns|variables|readings|measurements|samples|numbers|values|"
    r"data ?set|spreadsheet|table|csv|file)\b"
)
# a request to compute: an imperative verb opening a sentence, a statistic OF something, a test
# of named things, or numbers given as parameters ("my data" alone is no request: "what does a
# high kurtosis tell me about my data?" asks about the concept)
_COMPUTE = re.compile(
    r"(^|[.?!;:]\s+|,\s*(just |then |and )?)(please |pls |can you |could you |would you |kindly )?(compute|calculate|run|fit|compare|"
    r"test|check|plot|make|draw|give|find|estimate|solve|do|perform|build|generate|create|design|"
    r"determine|show|tell me the|get)\b"
    r"|\bwhat('?s| is| are| was| were) the \w+( \w+){0,3} (of|for|in|on|between|across|among|from)"
    r" (my|our|your|the|this|these|that|those|line|machine|lot|batch|site)\b"
    # the user's own data pointed at ("my two columns", "our readings"): a computation on them
    r"|"
    + _OWN_DATA
    + r"|\b(is|are|was|were) (the|my|our|this|these) \w+( \w+){0,3} (in control|capable|normal|"
    r"equal|different|significant|correlated|related|independent)\b"
    r"|\bwhat (does|do) (the|my|our|this|these) (data|numbers|results|table|file|sample)s? (say|show)\b"
    r"|\bwhere should (i|we) set\b|\b(n|alpha|sigma|mu|d|delta)\s*=\s*\d|\b\d+\s*(parts|samples|subjects|units|per group|"
    r"operators|runs|factors|subgroups|observations)\b"
)


# two notions set against each other ("how is %tolerance different from %study variation"),
# not two groups ("how is line A different from line B": a comparison asking for data)
_TWO_NOTIONS = re.compile(
    r"\bhow (is|are|does|do) (the |a |an )?(?P<a>[\w%&-]+( [\w%&-]+){0,2}) (different from|"
    r"differ from) (the |a |an )?(?P<b>[\w%&-]+( [\w%&-]+){0,2})( (in|for|of) (a|an|the) [\w -]+)?"
    r"\s*\??$"
)
_GROUP_LABEL = re.compile(r"\b[a-z]+ ([a-h]|\d+)\b|\b\d")


# two notions set against each other, then the difference asked ("p chart vs u chart, whats the
# diffrence?"), in any spelling of "difference"
_VS_DIFFERENCE = re.compile(
    r"^\s*(?P<a>[\w%&'-]+( [\w%&'-]+){0,3}) (vs\.?|versus|or) (?P<b>[\w%&'-]+( [\w%&'-]+){0,3})"
    r"\s*[,:;?.-]*\s*(so )?(what'?s|whats|what is|what are)( the| their)? (main |real |key )?"
    r"(diff?e?re?n\w*|diffs?)\s*[?!.]*\s*$"
)


def _two_notions(q: str) -> bool:
    m = _TWO_NOTIONS.search(q) or _VS_DIFFERENCE.search(q)
    return bool(m) and not any(_GROUP_LABEL.search(m.group(k)) for k in ("a", "b"))


def own_data(question: str) -> bool:
    """The question points at the user's own data ("between my two columns", "our readings"):
    with nothing attached, it asks for a computation on data still to come."""
    return re.search(_OWN_DATA, question.lower()) is not None


def conceptual(question: str, grounded: bool = False, has_data: bool = False) -> bool:
    """True for a question about a concept with no request to compute (see the module doc).

    ``grounded``: the question names a column or a cell value of the attached table (then it is
    about the data, whatever its wording). ``has_data``: a table is attached (then numbers in
    the question are parameters of an analysis, and a bare "what are Cp and Cpk?" asks for
    them)."""
    # dashes of any width are hyphens ("Kolmogorov–Smirnov"), curly apostrophes straight
    q = " ".join(re.sub(r"[\u2010-\u2015]", "-", question.lower()).replace("’", "'").split())
    if grounded or (has_data and re.search(r"\d", q)):
        return False
    generic = not has_data and bool(_GENERIC_CLAIM.search(q)) and not _SIZING.search(q)
    if not (
        _CONCEPT.search(q) or _two_notions(q) or generic or (not has_data and _BARE_WHAT.search(q))
    ):
        return False
    # "how is the Lilliefors test different from ...": the notions' comparison is no request
    q = _TWO_NOTIONS.sub(" ", q) if _two_notions(q) else q
    return _COMPUTE.search(q) is None


# a fact held in company records or set by an outside body, asked for rather than tested
_LOOKUP = re.compile(
    r"\b(erp|crm|sap|mes|lims|database|intranet|spreadsheet on the server)\b.{0,40}\b(have|has|hold|"
    r"holds|say|says|list|lists|show|shows|store|stores|record|records|on file)\b"
    r"|\bon file\b|\bin (our|the company'?s?) (records|system|files|archive)\b"
    r"|\b(who|epa|fda|osha|iso|astm|eu|nist|cdc|ansi|din|iec)'?s? (\w+ ){0,3}(guideline|limit|standard|"
    r"threshold|recommendation|rule|requirement)s?\b"
    r"|\b(guideline|legal|regulatory|statutory|permitted|recommended) (\w+ )?(limit|threshold|value|"
    r"level|maximum)s?\b (for|of|on)\b"
    # a value a named document sets, asked for ("what torque does Boeing's spec BAC5004
    # require"), a document's number, who signs something off
    r"|\b(what|which|how much|how many)\b.{0,40}\b(does|do|did) .{0,40}\b(spec|specs|specification|"
    r"standard|procedure|sop|manual|work instruction|datasheet|data sheet|handbook|drawing|contract)"
    r"( [\w-]*\d[\w-]*)? (require|specify|say|call for|allow|permit|list|state|mandate)\b"
    r"|\bwhat('?s| is| are) the (\w+ )?(sop|procedure|document|drawing|form|ticket|part|batch record)s? "
    r"(number|no|id|code|reference)s?\b"
    r"|\bwho (approves|signs off|authori[sz]es|is responsible for|owns|signs)\b"
)


def lookup(question: str) -> bool:
    """True when the question asks for a recorded or regulated figure instead of an analysis."""
    q = " ".join(question.lower().split())
    if not _LOOKUP.search(q):
        return False
    # "is our PM2.5 above the WHO limit of 15?": the number is given, the test is ours to run
    return not re.search(
        r"\b(limit|threshold|guideline|standard|value|level|maximum) (of|is|=)\s*\d", q
    )


__all__ = ["conceptual", "lookup", "own_data"]
