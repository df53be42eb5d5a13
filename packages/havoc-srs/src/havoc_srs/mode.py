"""MODE: which kind of request this is, from keyword rules and the phrasing grammar.

Rules score each family by the engineering words in the question (and the data's shape); the
grammar's slots and cues add evidence (spec limits point to capability, a factor count to a
design, an effect size to power). ``decided_by`` says which of the two settled it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from havoc_srs.data import Dataset
from havoc_srs.phrasing import Phrasing, normalise

FAMILIES: tuple[str, ...] = (
    "hypothesis_test",
    "regression",
    "doe_design",
    "doe_analysis",
    "spc_chart",
    "capability",
    "measurement_system",
    "power",
    "symbolic",
    "general",
)

# (pattern, weight) per family; patterns run on the normalised (lower-case) question.
RULES: dict[str, list[tuple[str, float]]] = {
    "hypothesis_test": [
        (r"\bt[- ]?tests?\b", 3), (r"\bcompare\b|\bcomparison\b", 1.5),
        (r"\bdiffer(s|ent|ence)?\b", 1.5), (r"\banova\b", 3), (r"\bmann[- ]whitney\b", 3),
        (r"\bwilcoxon\b", 3), (r"\bkruskal\b", 3), (r"\bhypothes[ie]s\b", 2),
        (r"\bsignificant(ly)?\b", 1.5), (r"\bsame (mean|average)\b", 2), (r"\bpaired\b", 1.5),
        (r"\bbefore and after\b", 1.5), (r"\bmeans?\b|\baverages?\b", 0.5),
        (r"\bproportion\b|\bdefect rate\b|\bfraction defective\b", 1.5),
        (r"\b(better|worse|higher|lower|greater|larger|smaller) than\b", 1),
        (r"\bnull\b|\bp[- ]value\b", 1), (r"\bwelch\b", 2), (r"\bequivalen", 1),
        # the test variant in words: "independent samples", "unpaired"
        (r"\bindependent[- ](?:samples?|groups?|two[- ]sample|t\b|t[- ]?tests?|means|lots|batches|"
         r"specimens|sets)\b|\bun-?paired\b", 2),
        # one-sample tests against a stated value, sides, two-sample tests, counts "x out of n"
        (r"^(?!.*\b(power|sample sizes?|how many)\b).*\bone[- ]sample\b", 3),
        (r"^(?!.*\b(power|sample sizes?|how many)\b).*\btwo[- ]sample\b", 2.5),
        (r"^(?!.*\b(power|sample sizes?|how many)\b).*\b(one|two)[- ]?(sided|tailed)\b", 2), (r"\bunder[- ]?fill|\bover[- ]?fill", 2),
        (r"^(?!.*\b(sample sizes?|how many|power|detect|control limits?|cp|cpk|ppk|capab\w*)\b)"
         r".*\b(mean|average)s?\b(?:(?!\b(?:when|if|where|while|given)\b)[^,;.?!]){0,60}?"
         r"\b(equal to|equals|at least|at most|above|below|under|over|exceeds?|different from|"
         r"differs? from|(less|more|greater|lower|higher) than|is|be|with|against|to)"
         r"\s+(the\s+)?(stated\s+|nominal\s+|target\s+|label\s+)?-?\d", 3.5),
        # the mean held against a value by a symbol: "mean ph > 4.20?", "avg fill <= 500"
        (r"^(?!.*\b(sample sizes?|how many|power|detect|control limits?|cp|cpk|ppk|capab\w*)\b)"
         r".*\b(mean|average|avg|median)s?\b[^,;.?!]{0,30}?\s(?:>=?|<=?|≥|≤|≠|!=)\s*-?\.?\d"
         r"(?![\d.]*-[a-z])", 3.5),
        (r"\bthe -?\d+(\.\d+)?\s*[a-z%µ°/]* (nominal|label|claim|claimed value)\b|"
         r"\blabel(led)? (says|states|claims|reads|value)\b|\bcan we claim\b", 2.5),
        (r"(?<![\d.])\d+ ([a-z-]+ ){0,2}out of \d+", 1.5),
        (r"\b(reject|defect|failure|scrap|return|pass|error)\w* (rate|proportion|fraction)s?\b", 1),
        (r"\bman+[- ]?wh?it+h?n[ea]?y\b|\bwhit+h?n[ea]?y\b|\bwilc[ao]x[oe]n\b|\bkrus?kall?\b"
         r"|\bsigned[- ]rank|\brank[- ]sum\b", 1.5),
    ],
    "regression": [
        (r"\bregress(ion)?\b", 3), (r"\bpredict(s|ion|ed)?\b", 2), (r"\bslope\b", 2.5),
        (r"\bintercept\b", 2), (r"\bcorrelat", 2), (r"\brelationship\b|\brelated\b", 2),
        (r"\bfit (a|the) (line|model|straight line)\b", 3), (r"\blinear (model|fit)\b", 3),
        (r"\bdepends? on\b", 1.5), (r"\br[- ]?squared\b|\br²", 2), (r"\btrend\b", 1),
        (r"\bhow does \w+ (change|vary|increase|decrease) with\b", 2), (r"\beffect of \w+ on\b", 1),
        # polynomial fits, formulas and slopes as engineers write them
        (r"\b(polynom\w*|quadratic|cubic|second[- ]order|third[- ]order|(2nd|3rd)[- ]order|"
         r"degree (2|3|two|three)|(2nd|3rd|second|third)[- ]degree)\b( (fit|model|curve|term|"
         r"regression|of|for))?", 3),
        (r"(?<![<>=!~])\b[a-z_]\w*\s*~\s*[a-z_]\w*", 1.5),
        (r"\b[a-z]\s*=\s*[a-z]\d?\s*\+\s*[a-z]\d?\s*(\*|·|×)?\s*[a-z]\b", 3),
        (r"\bstraight[- ]line\b|\b(line|curve) of best fit\b|\bbest[- ]fit (line|curve)\b|"
         r"\btrend ?line\b|\bfit (a |the )?(line|curve)\b", 2.5),
        (r"\b(for|with) (every|each) (extra|additional|added|more|unit|one|1)\b|"
         r"\bper (extra|additional|added) \w+", 2.5),
        (r"\bwhat \w+( \w+)? (should|would|will|could|can|do) (we|i|you) (expect|get|see|sell)|"
         r"\b(expect|expected) to (get|see|sell|reach)\b", 2),
        (r"\b(build|fit|make|run|create) (me )?(a|an|the|one) (\w+ )?(model|regression)\b|"
         r"\bone model\b|\bmodel how\b", 2),
        (r"\bmodel\b.{0,40}\b(from|as a function of|in terms of)\b|\b(model|regression|fit|"
         r"equation)\b (\w+ ){0,2}(with|including|containing|using) (both|all|\w+ and \w+)\b", 2.5),
        (r"\b(estimate|predict|forecast|project)\b.{0,60}\b(if|when|at|for|with)\b.{0,40}\d", 2.5),
        (r"\bwhat (would|will|should|could|do|might) (we|i|you) (get|see|sell|expect|achieve|"
         r"make)\b|\bwhat (we|i|you)('d| would| will| should| could| might) (get|see|sell|expect|"
         r"achieve|make)\b", 2),
        (r"\bthe (more|less|higher|lower|bigger|smaller|longer|hotter|wetter) \w+( \w+){0,4}, "
         r"the (more|less|higher|lower|bigger|smaller|longer|weaker|stronger)\b", 2.5),
        (r"\b(wetter|drier|hotter|colder|warmer|heavier|lighter|thicker|thinner|longer|faster|"
         r"slower|more|higher|bigger)\b[\w ,']{1,40}?\b(comes? out|ends? up|turns? out|gets?|is|are)"
         r" (weaker|stronger|softer|harder|worse|better|lower|higher|thinner|thicker|rougher|"
         r"smoother)\b", 2.5),
    ],
    "doe_design": [
        (r"\bdesign (an?|the|my)? ?(\w+ )?(experiment|study|doe)\b", 3),
        (r"\b(full|fractional) factorial\b", 2), (r"\bplackett[- ]burman\b", 3),
        (r"\bbox[- ]behnken\b", 3), (r"\bcentral composite\b|\bccd\b", 3),
        (r"\bscreening (design|experiment)\b", 3), (r"\bresolution (iii|iv|v|\d)\b", 2),
        (r"\b(half|quarter)[- ]fraction\b", 2.5), (r"\brun (order|sheet)\b", 2),
        (r"\b(generate|create|make|build|set up|plan|give me|lay out) (an? |the )?(\w+ ){0,3}"
         r"(design|experiment|doe)\b", 3),
        (r"\bhow (should|do) i (run|set up|design)\b", 2), (r"\blatin hypercube\b", 3),
        (r"\btaguchi\b", 2.5), (r"\bresponse surface design\b", 3), (r"\bcenter points?\b", 1),
        # designs described in words, abbreviations and misspellings of the design names
        (r"\bbox[- ]?b[eh]\w*n\w*\b|\bbox[- ]b[eh]+[- ]?k[aeiy]+n\w*\b|\bbbd\b", 3), (r"\bpb\b|\bplacket\w*\b", 2.5),
        (r"\bfract\w* (factorial|design)\b", 1.5), (r"\bfactorial\b", 1), (r"\bdoe\b", 1),
        (r"\bresponse[- ]surface\b", 2), (r"\brotatable\b|\bface[- ]cent(er|re)d\b|\baxial\b", 2),
        (r"\b(two|2|three|3)[- ]level (design|factorial|experiment|plan)\b", 3),
        (r"\b(run|trial|test|experimental) (list|plan|matrix)\b|\brun sheet\b", 2),
        (r"\b(every|each|all) (possible )?combinations?\b", 1.5),
        (r"\b(screen|screening)\b", 2),
        (r"\b(want|need|plan|going) to (vary|screen|study|investigate|change|turn)\b", 1.5),
        (r"\b(trials|runs|experiments) (should|would|do|must) (i|we)\b|\b(trials|runs|experiment)"
         r" (look like|to do|to run)\b|\bwhich \d+ (runs|trials)\b|\bsmallest (sensible )?"
         r"(experiment|design)\b", 2.5),
        (r"\b(knobs|dials|levers|settings|causes|things|parameters|factors|variables)\b.{0,60}"
         r"\b(\d+|a few|only|budget for) (\w+ )?(trials|runs|experiments|tests)\b", 1.5),
        (r"\bk ?= ?\d+\b", 1),
    ],
    "doe_analysis": [
        (r"\banaly[sz]e (the|this|my|our) (\w+ )?(experiment|factorial|doe|design|runs)\b", 4),
        (r"\bwhich (factors|effects|terms) (are|were|is) (significant|active|important)\b", 4),
        (r"\b(main|interaction) effects?\b", 2), (r"\beffects?\b", 0.5),
        (r"\bfactorial (experiment|results|data)\b", 2.5), (r"\bhalf[- ]normal\b", 2),
        (r"\bpareto of (the )?effects\b", 2.5), (r"\blenth\b", 2.5),
        (r"\b(doe|experiment) (results|data)\b", 2),
        # effects asked of a run sheet in everyday words
        (r"\b(significant|active|important|big|large|biggest|largest|real) (effects?|terms?|factors?)"
         r"\b", 2.5),
        (r"\bwhich (of the )?(\w+ ){0,3}(factors|settings|variables|knobs|inputs|parameters)\b"
         r".{0,40}\b(matter|drive|affect|influence|move|change|important)", 3),
        (r"\bpareto\b.{0,40}\beffects\b|\beffects?\b.{0,20}\bpareto\b", 2.5),
        (r"\b(fitted|factorial) model\b|\bcoded units\b", 1.5),
        (r"\btwo[- ]factor interactions?\b|\binteractions?\b", 1),
        (r"\b(trial|run) (sheet|runs|data)\b|\bcent(er|re) (runs|points)\b.{0,60}\bcurvature\b|"
         r"\bcurvature\b", 1),
    ],
    "spc_chart": [
        (r"\bcontrol charts?\b|\bcontrol limits?\b", 3.5), (r"\bx[- ]?bar\b|\bxbar\b", 3),
        (r"\b[ix][- ]?mr\b|\bindividuals?( and moving range)? chart\b", 3),
        (r"\b[pcu] ?[- ]?chart\b|\bnp[- ]?chart\b", 3), (r"\bewma\b|\bcusum\b", 3),
        (r"\b(in|out of) (statistical )?control\b", 3), (r"\bnelson\b|\bwestern electric\b", 3),
        (r"\bstable\b|\bstability\b", 1.5), (r"\bspecial[- ]cause\b", 2.5), (r"\bshewhart\b", 3),
        (r"\bmoving range\b", 2), (r"\bchart\b", 1),
        (r"\b(np|[pcu]|i|x[- ]?bar[- ]?[rs]?)[- ]?(control )?(chrat|cahrt|chatr|chrt)s?\b", 3),
        (r"\b[pcu] control chart\b", 3), (r"\bcusum\b|\bewma\b", 1.5),
        (r"\b(ex[- ]?bar|(en[- ]?)?pee|pea)[- ]?((are|ess)[- ])?(control )?charts?\b", 3),
        (r"\bexponentially[- ]weighted\b|\bcumulative[- ]sums?\b", 3),
        (r"\b(steady|predictable)\b", 1),
        (r"\b(drift\w*|wander\w*|creep\w*|(?:went|goes|gone|go|going|run|ran|running) off(?: the "
         r"rails| track| course| target)?|veer\w*|slipp\w*)\b", 1.5),
        (r"\b(?:went|goes|gone|go|going|run|ran|running) off the (?:rails|track)\b", 2),
        (r"\b(at some point|over time|as time went on|during the (run|shift|audit|day|week|batch))\b", 1),
        (r"\bsignals?\b", 1), (r"\b(defects|nonconformities) per unit\b", 1.5),
        (r"\bsubgroups?\b", 1),
        (r"\b(averages?|means?) and (ranges?|standard deviations?|std devs?)\b", 2.5),
        (r"\b(chart|plot|graph)\w*\b.{0,30}\b(averages?|means?)( \w+)? and (the |their |its )?"
         r"(ranges?|standard deviations?|std devs?)\b", 3),
        # the two statistics named before the chart: "mean and standard deviation chart"
        (r"\b(averages?|means?) (and|&) (the )?(ranges?|standard deviations?|std devs?|sigmas?|"
         r"spreads?) (control )?(charts?|graphs?|plots?)\b", 3),
        # charts named in words, the control question asked plainly
        (r"\battribut\w* (control )?(charts?|graphs?)\b|\b(run|trend|process) (control )?chart\b", 3),
        (r"\b(averages?|means?|ranges?|sigmas?|standard deviations?|counts?|defectives?|defects?|"
         r"proportions?|fractions?) (control )?(charts?|graphs?|plots?)\b", 2),
        (r"\blambda\b|\bλ|\bsmoothing constant\b|\bdecision interval\b|\b[hk] ?= ?\d", 2),
        (r"\bsigma (control )?limits\b|\bcontrol limits? at\b", 1.5),
        (r"\b(is|was|are|were|stays?|remain\w*) (the )?(\w+ ){0,3}(process|line|machine|oven|filling|"
         r"operation)?\s*(statistically )?(stable|predictable|in control|under control)\b", 1),
        (r"\b(unusual|abnormal|odd|strange|suspicious) (points?|values?|days?|lots?|readings?)\b|"
         r"\bout[- ]of[- ]control\b|\bassignable cause", 1.5),
        # one period asked against the process's own noise: "was week 27 unusual or just noise"
        (r"\bor (just |only |simply |merely )(random |normal |natural |usual |common[- ]cause )?"
         r"(noise|chance|variation|fluctuations?|scatter)\b|\b(unusual|abnormal|odd|strange|"
         r"exceptional|out of the ordinary|real|genuine|bad)\b.{0,40}\bor (random |normal |natural )?"
         r"(noise|chance)\b|\b(common|special)[- ]cause (variation|noise)\b", 4),
        (r"\b(unusual|abnormal|odd|strange|suspicious|exceptional) (batch|week|shift|hour|month|run|"
         r"sample|period|part|unit|item|reel|coil|heat|order)(es|s)?\b", 1.5),
        # the same unit of time or production one after another: "batch after batch", "from
        # lot to lot", "day by day", "shift on shift"
        (r"\b(lot|batch|day|shift|hour|week|month|run|sample|reel|coil|heat|cycle|order|wafer|"
         r"panel|roll|load|week)(?:es|s)? (?:after|to|by|on|over) (?:the )?\1(?:es|s)?\b|"
         r"\bfrom one (lot|batch|day|shift|hour|week|month|run|sample|reel|coil|heat|cycle|order|"
         r"wafer|panel|roll|load) to the next\b", 1.5),
        # ... and asked whether it holds steady along them: "batch after batch, is it stable"
        (r"\b(lot|batch|day|shift|hour|week|month|run|sample|reel|coil|heat|cycle|order|wafer|"
         r"panel|roll|load)(?:es|s)? (?:after|to|by|on|over) (?:the )?\1(?:es|s)?\b.{0,60}\b(stable|"
         r"steady|consistent|in control|predictable|drift\w*|wander\w*|unusual|signal\w*|jump\w*)"
         r"|\b(stable|steady|consistent|in control|predictable|drift\w*|wander\w*|unusual|signal\w*|"
         r"jump\w*)\b.{0,60}\b(lot|batch|day|shift|hour|week|month|run|sample|reel|coil|heat|cycle|"
         r"order|wafer|panel|roll|load)(?:es|s)? (?:after|to|by|on|over) (?:the )?\4(?:es|s)?\b|"
         r"\b(stable|steady|consistent|in control|predictable|drift\w*|wander\w*|unusual|signal\w*|"
         r"jump\w*)\b.{0,60}\bfrom one (lot|batch|day|shift|hour|week|month|run|sample|reel|coil|heat|"
         r"cycle|order|wafer|panel|roll|load) to the next\b", 1.5),
        # a chart of a rate or count named in words: "proportion nonconforming chart"
        (r"\b(proportions?|fractions?|percent(ages)?|rates?|shares?|numbers?|counts?)( of)?"
         r"( [a-z-]+){0,2} (control )?(charts?|graphs?)\b", 2.5),
        (r"\b(control )?(charts?|graphs?) (of|for) (the )?(proportions?|fractions?|percent(ages)?|"
         r"shares?|numbers?|counts?) (of )?(\w+ ){0,2}(defective|rejected|failed|failing|"
         r"nonconforming|bad|scrapped)\b", 2.5),
        # "chart the rejected cartons", "chart the failed swatches": the verb and what fails
        (r"\bchart (the |our |its |their )?(\w+ ){0,2}(failed|failures|fails|rejects|rejected|"
         r"defects|defectives|defective|nonconforming|nonconformities|errors|flaws|blemishes)\b", 3),
        # CUSUM and EWMA described by what they do
        (r"\baccumulat\w* (\w+ ){0,3}(deviations?|differences?|departures?|errors?|shifts?)\b|"
         r"\b(running|cumulative) (sum|total)s? of (the )?(deviations?|differences?|departures?)\b|"
         r"\bweights? (the )?(recent|latest|newer|newest) (points|values|data|readings|results) "
         r"(more|most|heavier)\b", 7),
    ],
    "capability": [
        (r"\bcpk?\b|\bppk?\b|\bcpm\b", 4), (r"\bcapab(le|ility)\b", 3.5),
        (r"\bwithin spec(ification)?s?\b|\bmeets? (the )?spec", 2), (r"\bppm\b", 1.5),
        (r"\bsigma level\b", 2), (r"\bspec(ification)? limits?\b|\blsl\b|\busl\b", 1.5),
        (r"(?<![\d.])1\.33\b|(?<![\d.])1\.67\b", 1.5), (r"\b(well )?cent(er|re)d\b", 0.5),
        (r"\bcap[ab]+[il]+[it]+y\b|\bcapabl\w*\b", 1),
        # specs in everyday words, misspelt capability, the indices written loosely
        (r"^(?!.*\bcapab(le|ility)\b).*\bcap[aeiou]?b\w{2,8}\b", 2.5),
        (r"\bc_?p_?k?s?\b(?<!\bcp\b)|\bp_?p_?k\b|\bprocess capacity\b", 1.5),
        (r"\bout(side)? (of )?(the )?(spec|specs|specification|tolerance)\b|\bnon-?conforming\b", 2),
        (r"\b(hold|meet|make|achieve|satisfy|stay within|keep within)\b.{0,50}"
         r"(\bspecs?\b|\bspecification|\btolerance|\bdrawing|±|\+/-|\bplus or minus\b)", 2),
        (r"\bhow many sigma\b|\bsigma (capability|quality)\b", 2),
        # Pp/Ppk are the process performance indices
        (r"\bprocess performance\b|\bperformance ind(ex|ices)\b", 3),
    ],
    "measurement_system": [
        (r"\bgau?ge\b", 3), (r"\br ?& ?r\b|\brandr\b", 3.5), (r"\bmeasurement system\b", 3.5),
        (r"\brepeatability\b|\breproducibility\b", 3), (r"\bmsa\b", 3.5),
        # the study named in German, Spanish, French
        (r"\bmess(system|mittel)\w*analyse\b|\bprüfmittelfähigkeit\b|\bsistema de medici[oó]n\b|"
         r"\bsyst[eè]me de mesure\b|\brepetibilidad\b|\bwiederholpr[aä]zision\b", 3.5),
        (r"\bndc\b|\bdistinct categories\b", 3), (r"\boperators?\b|\bappraisers?\b", 1),
        (r"%\s?grr\b|\bgrr\b|%\s?r ?& ?r\b", 3.5), (r"%\s?tol(erance)?\b", 1.5),
        # a gauge study asked as a software call: R SixSigma ss.rr(...), qualityTools gageRR(...)
        (r"\b(?:ss\.rr|gage_?rr\w*|gauge_?rr\w*|gagerrdesign|gage\.rr|grr)\s*\(", 5),
        (r"%\s?(study )?var(iation)?\b|\bstudy var(iation)?\b|%\s?sv\b", 3),
        (r"\brep[ea]+t?ability\b|\breproduc[ai]bility\b", 3),
        (r"\b(instrument|micrometer|caliper|calliper|gau?ge|measuring (device|tool|equipment)|"
         r"cmm)s?\b", 1),
        (r"\b(people|operators?|appraisers?|inspectors?|technicians?|testers?|raters?|staff|"
         r"users?|measurers?)\b.{0,80}\b(instrument|"
         r"micrometer|cal+iper|gau?ge|device|equipment)s?\b", 1.5),
        (r"\b(trust|fit for purpose|good enough to (measure|tell)|tell .{0,30}(apart|from))\b", 1),
        # the study described: the same parts measured again and again by several people
        (r"\b(?:measured|measure|measures|checked|gauged|read)\b[^.?!]{0,15}\b(?:the )?same\b[^.?!]{0,40}?"
         r"\b(?:times|twice|repeatedly|again)\b|\bsame (?:\w+ ){0,3}(?:parts?|samples?|pieces?|items?|"
         r"specimens?|units?|coupons?)\b[^.?!]{0,40}?\b(?:\w+ times|twice|repeatedly)\b", 2),
        # the gauge's share of the variation in plain words
        (r"\bmeasurement (error|variation|variability|noise|uncertainty|precision|process)\b|"
         r"\bpart[- ]to[- ]part\b|\b(operators?|appraisers?|inspectors?|"
         r"people) (measur\w+|get|read|record)\w* (the same|consistently|differently|alike)\b", 2),
        (r"\bgau?ge (r and r|rr|r&r|study|capability|repeatability)\b|\bg ?r ?r\b|\br ?(and|n|&) ?r "
         r"(study|analysis)\b|\bndc\b|\bdistinct (categories|classes)\b", 1.5),
        (r"\bvariance components?\b|\bcomponents? of (the )?variance\b", 3),
        # the gauge's share of the tolerance, and the spread put down to the people measuring
        (r"\b(%|percent\w*|share|fraction|proportion|portion|part|how much)\b.{0,25}\bof (the |this |"
         r"that |our )?tolerance\b.{0,60}\b(measur\w+|gau?ge|instrument|meter|tool)|\btolerance\b"
         r".{0,40}\b(eaten|used|taken|consumed|lost) (up )?by (the )?(measur\w+|gau?ge|instrument)", 3),
        (r"\b(variation|variability|spread|scatter|noise|differences?|error)\b.{0,80}\b(from|due to|"
         r"caused by|down to|because of|by)\b.{0,15}\b(the )?(people|persons?|operators?|appraisers?|"
         r"inspectors?|technicians?|who (measure|measured|does the measuring|do the measuring)|"
         r"(the )?(person|people|staff) (doing|taking) the (measuring|measurements|readings))\b", 2),
        (r"\b(variation|variability|spread|scatter|noise|error|differences?)\b.{0,60}\b(is|are|comes?|"
         r"due to|caused by|from|down to|because of)\b.{0,12}\b(instrument|micrometer|cal+iper|gau?ge|"
         r"device|equipment|measuring|measurement|tool|cmm|meter|scale|probe)s?\b", 2),
    ],
    "power": [
        (r"\bsample sizes?\b", 3.5), (r"\bhow many (\w+ ){0,3}(do|would|should|will) (i|we)\b", 3),
        (r"\bpower (analysis|calculation)\b|\bstatistical power\b", 3.5), (r"\bpower\b", 1.5),
        (r"\bdetect (a |an )?(difference|shift|change|effect)\b", 2), (r"\beffect size\b", 1.5),
        (r"\bper group\b|\bper arm\b", 1),
    ],
    "symbolic": [
        (r"\bderivative\b|\bdifferentiate\b|\bd/d[a-z]\b", 4), (r"\bintegra(l|te)\b", 4),
        (r"\bantiderivative\b", 4), (r"\blimit of\b", 4), (r"\bsimplify\b", 4),
        (r"\b(taylor|maclaurin|power) series\b|\bseries expansion\b", 4),
        (r"\bsolve\b|\broots? of\b|\bzeros? of\b", 3), (r"\bequation\b", 1),
    ],
    "general": [
        (r"^(what|why|when|how|which|explain|describe|define|tell me)\b", 0.5),
        (r"\bwhat (is|are|does) (an?|the)\b|^what (is|are|does)\b", 1.5), (r"\bexplain\b|\bdescribe\b|\bdefine\b", 2),
        (r"\bwhen should (i|we|you) use\b", 2.5), (r"^why\b|\bwhy (do|does|is|are|should)\b", 2),
        (r"\bdifference between (an? |the )?[a-z]", 1), (r"\bmean(ing)? of\b|\bwhat does .* mean\b", 1.5),
        (r"\bassumptions? of\b", 2), (r"\bhow (do|does|can|to) (i )?(interpret|read|choose)\b", 2),
        (r"\brule of thumb\b|\bin general\b|\bconcept\b", 1.5),
    ],
}  # fmt: skip

_SLOT_EVIDENCE: dict[str, dict[str, float]] = {
    "lsl": {"capability": 2}, "usl": {"capability": 2}, "tolerance": {"measurement_system": 1},
    "subgroup_size": {"spc_chart": 1, "capability": 0.5}, "factor_count": {"doe_design": 1.5},
    "factor_names": {"doe_design": 1.5}, "resolution": {"doe_design": 2},
    "fraction_p": {"doe_design": 2}, "center_points": {"doe_design": 1},
    "runs": {"doe_design": 1}, "power": {"power": 2}, "effect": {"power": 1.5},
    "effect_f": {"power": 1.5}, "difference": {"power": 1}, "mu": {"hypothesis_test": 1.5},
    "counts": {"hypothesis_test": 2}, "order": {"symbolic": 2}, "var": {"symbolic": 1.5},
    "n": {"power": 0.5}, "p1": {"power": 1}, "alpha": {"hypothesis_test": 0.5},
}  # fmt: skip


@dataclass
class ModeDecision:
    """The family, its confidence in [0, 1], who decided and the evidence."""

    family: str
    confidence: float
    decided_by: str  # rules | grammar | model
    scores: dict[str, float] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "confidence": round(self.confidence, 4),
            "decided_by": self.decided_by,
            "scores": {k: round(v, 3) for k, v in self.scores.items() if v},
            "evidence": self.evidence,
            "note": self.note,
        }


def _confidence(scores: dict[str, float]) -> tuple[str, float]:
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    top, s1 = ranked[0]
    s2 = ranked[1][1] if len(ranked) > 1 else 0.0
    if s1 <= 0:
        return "general", 0.3
    # margin and absolute evidence both matter: 4+ points with a clear lead -> ~0.9+
    conf = (s1 - s2) / s1 * 0.6 + min(s1, 6.0) / 6.0 * 0.4
    return top, max(0.05, min(0.99, conf))


def _has_math(q: str) -> bool:
    return bool(re.search(r"[a-z0-9)]\s*(\^|\*\*)\s*[a-z0-9(]|\b(sin|cos|exp|ln|log|sqrt)\(", q))


_MEASURING = re.compile(
    r"\b(variation|variability|scatter|spread|measur\w*|readings?|gau?ge|instrument|micrometer|cal+iper|"
    r"repeat\w*|reproduc\w*|trust|r ?& ?r|grr|msa)(?!\w)"
)


def _one_reading_per_row(data: Dataset, roles: tuple) -> bool:
    """The measurements are laid out as alike columns (a subgroup per row), not one column."""
    from havoc_srs.families._sqc import _position_like, wide_group

    others = [c for c in data.numeric if c not in roles and not _position_like(data, c)]
    group = wide_group(data, others, [])
    return group is not None and len(group) >= 3


def _layout_evidence(q: str, data: Dataset, scores: dict[str, float], evidence: list) -> None:
    """The table's shape as evidence: a crossed part x operator study with repeat readings
    points to a gage study when the question speaks of measuring or variation."""
    from havoc_srs.families.measurement_system import gage_roles

    if len(data.frame) <= 5000 and len(data.frame.columns) <= 8 and _MEASURING.search(q):
        roles = gage_roles(q, data)
        if roles is not None and _one_reading_per_row(data, roles):
            roles = None  # several alike measurement columns: subgroups per row, not a study
        if roles is not None and data.n_levels(roles[0]) >= 5:  # a study has 5-10+ parts
            scores["measurement_system"] += 2.5
            evidence.append(f"data measurement_system: crossed {roles[0]} x {roles[1]} (+2.5)")


def _spec_evidence(q: str, ph: Phrasing, scores: dict[str, float], evidence: list) -> None:
    """Specification limits written as limits ("spec 52 to 60", "25 ± 0.02", "the 98-102 %
    window") that the grammar did not read point to capability."""
    from havoc_srs.families._specs import spec_limits

    if "lsl" in ph.slots or "usl" in ph.slots:
        return
    sp = spec_limits(q)
    if sp.strong:
        w = 3 if sp.lsl is not None and sp.usl is not None else 2  # two-sided: a spec window
        scores["capability"] += w
        evidence.append(f"specs capability: limits {sp.as_slots()} (+{w})")
    from havoc_srs.families.capability import margin_asked

    if (sp.lsl is not None or sp.usl is not None) and margin_asked(q):
        scores["capability"] += 6  # the room to a limit is capability, never a bare minimum
        evidence.append("specs capability: a limit and the margin to it asked (+6)")


# a test named outright is not a request for the run sheet's effects
_NAMED_TEST = re.compile(
    r"\b(f[- ]?test|levene|bartlett|fligner|chi[- ]?squared?|correlat\w*|shapiro|normality|"
    r"kolmogorov|mann[- ]whitney|kruskal|wilcoxon|t[- ]?test)\b"
    r"|\b(?:wilcox\.test|t\.test|ttest_(?:ind|rel|1samp)|mannwhitneyu|f_oneway|oneway\.test)\b"
)


_CHART_NAMED = re.compile(
    r"\b(cusum|ewma|x[- ]?bar[- ]?[rs]?|xbar[- ]?[rs]?|[ix][- ]?mr|np[- ]?chart|[pcu][- ]?chart|"
    r"shewhart)\b"
)
_REGRESSION_WORDS = re.compile(
    r"\b(regress\w*|predict\w*|models?|fit|fitted|equation|coefficients?|slopes?|r-?squared|"
    r"r2|r²|least squares|ols)\b"
)


def _run_sheet(data: Dataset) -> bool:
    from havoc_srs.families.doe_analysis import run_sheet

    return run_sheet(data)


@cache
def _rule(pattern: str) -> re.Pattern[str]:
    """RULES compiled once (there are more of them than the ``re`` module's own cache holds)."""
    return re.compile(pattern)


def decide_mode(question: str, phrasing: Phrasing, data: Dataset | None) -> ModeDecision:
    """Score every family; rules first, then the grammar's slots as extra evidence."""
    from havoc_srs.families._typos import fix_typos

    q = fix_typos(normalise(question))  # "smaple size", "stnadard deviation", "infiinty"
    rule_scores = dict.fromkeys(FAMILIES, 0.0)
    evidence: list[str] = []
    for fam, pats in RULES.items():
        for pat, w in pats:
            m = _rule(pat).search(q)
            if m:
                rule_scores[fam] += w
                evidence.append(f"rule {fam}: '{m.group(0).strip()}' (+{w:g})")
    # power and symbolic read their own phrasings (typos, plain wording) as extra rule evidence
    from havoc_srs.families import power as _power
    from havoc_srs.families import symbolic as _symbolic

    for fam, cue in (("power", _power.mode_cue(q, data is not None)),
                     ("symbolic", _symbolic.mode_cue(q, data is not None))):  # fmt: skip
        if cue > 0:
            evidence.append(f"rule {fam}: its own reading of the phrasing (+{cue:g})")
            rule_scores[fam] += cue
    # the engineering families read the question against the table's structure (named group
    # values, columns named with a fitting verb, a factor count with runs)
    from havoc_srs.families import capability as _capability
    from havoc_srs.families import doe_design as _doe_design
    from havoc_srs.families import hypothesis_test as _hypothesis_test
    from havoc_srs.families import regression as _regression
    from havoc_srs.families import spc_chart as _spc_chart

    for fam, mod in (("hypothesis_test", _hypothesis_test), ("regression", _regression),
                     ("doe_design", _doe_design), ("capability", _capability),
                     ("spc_chart", _spc_chart)):  # fmt: skip
        cue, why = mod.mode_cue(question, data)
        if cue > 0:
            evidence.append(f"rule {fam}: {why} (+{cue:g})")
            rule_scores[fam] += cue
    if _has_math(q) and rule_scores["symbolic"] > 0:
        rule_scores["symbolic"] += 2
        evidence.append("rule symbolic: a math expression (+2)")
    explanatory = rule_scores["general"] >= 1.5
    tool_words = max(v for k, v in rule_scores.items() if k != "general")
    if data is None and explanatory and not re.search(r"\d", q):
        rule_scores["general"] += 2.5 + 0.5 * tool_words  # a conceptual question about a tool
        evidence.append("rule general: explanatory phrasing, no data, no numbers")
    elif data is not None:
        rule_scores["general"] = max(0.0, rule_scores["general"] - 2)
        for fam in ("doe_design", "power", "symbolic"):
            rule_scores[fam] *= 0.7  # data attached: analyses of data are more likely
    if data is not None and rule_scores["doe_analysis"] > 0 and rule_scores["doe_design"] > 0:
        rule_scores["doe_analysis"] += rule_scores["doe_design"] * 0.5
    if data is not None:
        _layout_evidence(q, data, rule_scores, evidence)
        gauge_method = re.search(r"\b(?:r ?& ?r|grr|gau?ge (?:study|r&r)|msa)(?!\w)", q)
        if _CHART_NAMED.search(q) and not gauge_method:  # a chart named by its name decides
            # (the "X-bar and R method" of a gauge R&R study is the study's method, no chart)
            rule_scores["spc_chart"] += 3
            evidence.append("rule spc_chart: a control chart named with data attached (+3)")
    _spec_evidence(q, phrasing, rule_scores, evidence)
    if (
        data is not None
        and not _NAMED_TEST.search(q)
        and _run_sheet(data)
        and not _hypothesis_test.compares_named_groups(question, data)
        and not _regression.continuous_named(question, data)  # a slope of two measurements
    ):
        # a two-level run sheet attached: what is asked of it is almost always its effects
        # (its ANOVA and "is X significant" are the effects' tests)
        rule_scores["doe_analysis"] += (
            4 + rule_scores["doe_design"] + 0.5 * rule_scores["hypothesis_test"]
        )
        rule_scores["doe_design"] = 0.0
        rule_scores["hypothesis_test"] *= 0.5
        if not _REGRESSION_WORDS.search(q) or _regression._DESIGN_NAMED.search(q):
            # "how much does X change Y" of a run sheet, "fit the model" of "the experiment":
            # the design's effects
            rule_scores["regression"] *= 0.5
        evidence.append("rule doe_analysis: the table is a two-level run sheet (+4)")
    rule_top, rule_conf = _confidence(rule_scores)

    scores = dict(rule_scores)
    for slot in phrasing.slots:
        for fam, w in _SLOT_EVIDENCE.get(slot, {}).items():
            scores[fam] += w
            evidence.append(f"grammar {fam}: slot {slot} (+{w:g})")
    for cue in phrasing.cues:
        scores["hypothesis_test"] += 0.5
        evidence.append(f"grammar hypothesis_test: cue {cue} (+0.5)")
    if phrasing.levels and scores["doe_design"] > 0:
        scores["doe_design"] += 1
    if (
        data is None
        and scores["general"] > 0
        and max(v for k, v in scores.items() if k != "general") == 0
    ):
        scores["general"] += 1
    top, conf = _confidence(scores)
    if sum(scores.values()) == 0:
        return ModeDecision("general", 0.3, "rules", scores, evidence, "no engineering cue")
    decided_by = "rules" if top == rule_top and rule_conf >= 0.25 else "grammar"
    return ModeDecision(top, conf, decided_by, scores, evidence)


def model_mode(generator: Any, question: str) -> tuple[str | None, str]:
    """Ask a model for the family; accept only an exact family name."""
    prompt = (
        "Classify the engineering request into one of: " + ", ".join(FAMILIES) + ".\n"
        f"Request: {question}\nFamily:"
    )
    try:
        text = generator.generate(prompt, max_tokens=8, stop=("\n",))
    except Exception as e:  # a model failure must never stop the rules
        return None, f"the model failed: {type(e).__name__}: {e}"
    word = text.strip().split()[0].strip(".,;:").lower() if text.strip() else ""
    if word in FAMILIES:
        return word, f"model proposed {word!r}"
    return None, f"model output {text.strip()[:60]!r} is not a family name; rules decide"
