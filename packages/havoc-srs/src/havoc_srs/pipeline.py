"""The orchestrator: MODE → GROUND → PLAN → EXECUTE → ARGUE → ARBITER → AUDIT → ANSWER.

``Pipeline.stream`` yields one StageEvent dict per stage as it finishes (the shape fixed in
apps/server/API.md) and then the answer event; ``Pipeline.run`` collects them into an
:class:`SRSResult`.

>>> from havoc_srs import Pipeline
>>> res = Pipeline(index=False).run("Is line1 different from line2?",
...                                 data="line1,line2\\n10.1,10.9\\n9.8,11.2\\n10.3,11.0\\n")
>>> res.status, res.answer["key_numbers"]["df"] > 0
('answered', True)
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from havoc_srs.answer import conclusion, key_numbers, next_step, render_markdown
from havoc_srs.argue import Argument, Decision, arbitrate, argue
from havoc_srs.audit import audit
from havoc_srs.data import Dataset, load_data
from havoc_srs.execute import Execution, execute_plan, plots_for
from havoc_srs.families import LEGACY, REGISTRY, TABLE
from havoc_srs.mode import FAMILIES, ModeDecision, decide_mode, model_mode
from havoc_srs.phrasing import Phrasing, check_question, read_phrasing
from havoc_srs.plan import PLAN_ERRORS as _PLAN_ERRORS
from havoc_srs.plan import Missing, Plan, plan_request
from havoc_srs.reader import read
from havoc_srs.reader.decide import choose_family
from havoc_srs.reader.named import check_named
from havoc_srs.reader.reference import check_reference
from havoc_srs.stages import family_events, internal_error_events, out_of_scope_events

log = logging.getLogger("havoc_srs")

STAGES = ("MODE", "GROUND", "PLAN", "EXECUTE", "ARGUE", "ARBITER", "AUDIT", "ANSWER")
MODEL_CONFIDENCE = 0.5  # below this the model (if any) may decide MODE

# the engineering families' retrieval hints (the data-description families search by the question)
_GROUND_HINTS = {f: TABLE[f].ground_hint for f in LEGACY}
_ANALYSIS_HINTS = {
    "ttest_welch": "Welch's t-test unequal variances", "ttest_pooled": "two-sample t-test pooled",
    "ttest_paired": "paired t-test", "ttest_1samp": "one-sample t-test",
    "mannwhitney": "Mann-Whitney U test", "wilcoxon": "Wilcoxon signed-rank test",
    "anova": "one-way ANOVA", "kruskal": "Kruskal-Wallis test", "chart_xbar_r": "X-bar R chart",
    "chart_xbar_s": "X-bar S chart", "chart_imr": "individuals moving range chart",
    "chart_p": "p chart", "chart_c": "c chart", "chart_u": "u chart",
}  # fmt: skip


@dataclass
class SRSResult:
    """The pipeline's outcome: status, markdown, the answer's JSON form and the trace."""

    id: str
    status: str  # answered | needs_input | failed
    markdown: str
    answer: dict[str, Any]
    trace: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "object": "srs.result",
            "created": int(time.time()),
            "status": self.status,
            "markdown": self.markdown,
            "answer": self.answer,
            "trace": self.trace,
        }


class Pipeline:
    """The eight stages over havoc-tools (DSL) and havoc-rag (handbook citations).

    ``index``: a havoc_rag Index, ``None`` for the bundled handbook (built once and cached), or
    ``False`` for no retrieval. ``generator``: an optional :class:`~havoc_srs.Generator`.
    """

    def __init__(self, index: Any = None, generator: Any = None, k: int = 3) -> None:
        self._index = index
        self.generator = generator
        self.k = k

    # -- retrieval -------------------------------------------------------------------------
    def index(self) -> Any:
        if self._index is None:
            from havoc_rag import default_index

            self._index = default_index()
        return self._index or None

    # -- public API ------------------------------------------------------------------------
    def run(self, question: str, data: Any = None, data_name: str | None = None) -> SRSResult:
        stages: list[dict[str, Any]] = []
        final: dict[str, Any] = {}
        t0 = time.perf_counter()
        for ev in self.stream(question, data=data, data_name=data_name):
            if ev["type"] == "stage":
                stages.append(ev)
            elif ev["type"] == "answer":
                final = ev
        total = (time.perf_counter() - t0) * 1000
        return SRSResult(
            id=final["id"],
            status=final["status"],
            markdown=final["markdown"],
            answer=final["answer"],
            trace={"stages": stages, "total_ms": round(total, 3)},
        )

    def stream(
        self, question: str, data: Any = None, data_name: str | None = None
    ) -> Iterator[dict[str, Any]]:
        """Yield StageEvent dicts as each stage finishes, then the answer event.

        Bad input (an empty question, unreadable CSV) raises :class:`SRSError` before the first
        event, so a server can answer with an HTTP error.
        """
        rid = "srs-" + uuid.uuid4().hex[:16]
        check_question(question)
        from havoc_srs.reader.parts import asked_part

        asked = question  # quoted in the answer as the user wrote it
        question = asked_part(question)  # "(a) ... (b) ... Answer (b).": part (b) is asked
        ds = load_data(data, data_name)
        from havoc_srs.reader.foreign import level_commas, table_words, to_english

        english = to_english(question, table_words(question, ds.frame if ds is not None else None))
        if english:  # asked in another language: read in English
            question = english  # (before the typed numbers: "10,1 10,3" are decimal commas)
        question = level_commas(question)  # "α = 0,05", "power 0,9" in an English question
        if ds is not None:  # "MTB > Oneway C4 C2": the request in words, C4 the 4th column
            from havoc_srs.reader.minitab import with_minitab_commands

            question = with_minitab_commands(question, list(ds.frame.columns))
        if ds is None:  # numbers typed into the question are the data
            from havoc_srs.reader.numbers import inline_table

            inline = inline_table(question)
            if inline is not None:
                ds = Dataset.from_frame(inline, "question")
        if ds is None:  # a design asked as a software call ("FrF2(16, 6)"): its words added
            from havoc_srs.families._design_calls import with_design_words

            question = with_design_words(question)
        run = _Run(self, rid, question, Phrasing(), ds)
        run.asked = asked
        try:
            yield from run.events()
        except Exception as exc:  # a bug in a stage: a failed answer that says so, never a crash
            log.exception("SRS stage raised on %r", question[:200])
            yield from internal_error_events(run, exc)


class _Run:
    def __init__(self, pipe: Pipeline, rid: str, question: str, ph: Any, ds: Dataset | None):
        self.pipe, self.rid, self.q, self.ph, self.ds = pipe, rid, question, ph, ds
        self.asked = question  # as the user wrote it (self.q is what the stages read)
        self.index = 0
        self.citations: list[dict[str, Any]] = []

    def _event(self, stage: str, t0: float, **kw: Any) -> dict[str, Any]:
        ev = {
            "type": "stage",
            "id": self.rid,
            "index": self.index,
            "stage": stage,
            "status": kw.get("status", "ok"),
            "decided_by": kw.get("decided_by", "rules"),
            "duration_ms": round((time.perf_counter() - t0) * 1000, 3),
            "summary": kw.get("summary", ""),
            "inputs": kw.get("inputs", {}),
            "outputs": kw.get("outputs", {}),
            "tool_calls": kw.get("tool_calls", []),
            "citations": kw.get("citations", []),
            "tables": kw.get("tables", []),
            "plots": kw.get("plots", []),
        }
        self.index += 1
        return ev

    def events(self) -> Iterator[dict[str, Any]]:
        # MODE
        t = time.perf_counter()
        mode = decide_mode(self.q, self.ph, self.ds)
        self.reading = read(self.q, self.ds, mode)
        mode = choose_family(mode, self.reading, self.ds)
        if mode.family not in REGISTRY:  # the engineering families read the phrasing grammar too
            self.ph = read_phrasing(self.q)
            mode = choose_family(decide_mode(self.q, self.ph, self.ds), self.reading, self.ds)
        model_note = ""
        if self.pipe.generator is not None and mode.confidence < MODEL_CONFIDENCE:
            fam, model_note = model_mode(self.pipe.generator, self.q)
            if fam is not None:
                mode = ModeDecision(
                    fam, mode.confidence, "model", mode.scores, mode.evidence, model_note
                )
            else:
                mode.note = model_note
        self.reading.family = mode.family
        yield self._event(
            "MODE", t, decided_by=mode.decided_by,
            summary=f"{mode.family} (confidence {mode.confidence:.2f}, decided by {mode.decided_by})",
            inputs={"question": self.asked, "read_as": self.q, "data": self.ds.describe() if self.ds else None},
            outputs=mode.to_dict() | {"phrasing": self.ph.to_dict(), "reading": self.reading.to_dict()},
        )  # fmt: skip

        if self.reading.scope == "out_of_scope":
            why = next(
                (
                    e.split(": ", 1)[1]
                    for e in reversed(mode.evidence)
                    if e.startswith("out of scope")
                ),
                "not a statistics or engineering question",
            )
            yield from out_of_scope_events(self, mode, why)
            return
        if mode.family in REGISTRY:
            yield from self._family_events(mode, REGISTRY[mode.family])
            return
        # GROUND
        t = time.perf_counter()
        yield self._ground(t, mode)

        # PLAN
        t = time.perf_counter()
        try:
            plan = check_named(self.q, self.ds, plan_request(mode.family, self.q, self.ph, self.ds))
            plan = check_reference(self.q, self.ds, plan)  # a target named must have its number
        except _PLAN_ERRORS as e:  # a reading the planner cannot use: say so, never crash
            plan = Plan(family=mode.family, analysis=mode.family)
            plan.missing.append(
                Missing(
                    "a clearer question",
                    f"the question could not be planned ({type(e).__name__}: {e})",
                )
            )
        plan_note = self._model_plan(plan)
        tables = [_slots_table(plan)]
        summary = (
            "missing: " + "; ".join(m.what for m in plan.missing)
            if plan.missing
            else (plan.dsl.strip().splitlines()[-1] if plan.program is not None else plan.notes[0])
        )
        yield self._event(
            "PLAN", t, decided_by=plan.decided_by, summary=summary,
            status="failed" if plan.missing else "ok",
            inputs={"family": mode.family, "columns": list(self.ds.frame.columns) if self.ds else []},
            outputs=plan.to_dict() | ({"model": plan_note} if plan_note else {}),
            tables=tables,
        )  # fmt: skip

        # EXECUTE
        t = time.perf_counter()
        ex = Execution(ok=False)
        if plan.program is not None:
            ex = execute_plan(plan)
            plots = plots_for(plan, ex) if ex.ok else []
            yield self._event(
                "EXECUTE", t, decided_by="tools", status="ok" if ex.ok else "failed",
                summary=_brief_result(plan, ex),
                inputs={"dsl": plan.dsl, "data": {k: _shape(v) for k, v in plan.data.items()}},
                outputs={"ok": ex.ok, "error": ex.error, "results": ex.results},
                tool_calls=ex.tool_calls, tables=_result_tables(plan, ex), plots=plots,
            )  # fmt: skip
        else:
            yield self._skip("EXECUTE", t, _skip_reason(plan))

        # ARGUE
        t = time.perf_counter()
        arg = argue(plan, ex) if ex.ok else Argument(skipped="nothing was executed")
        if arg.skipped:
            yield self._skip("ARGUE", t, arg.skipped)
        else:
            tables = [_checks_table(arg.checks)] if arg.checks else []
            yield self._event(
                "ARGUE", t, decided_by="tools",
                summary=f"{len(arg.checks)} check(s), {sum(c['outcome'] == 'failed' for c in arg.checks)} failed; "
                f"{len(arg.alternatives)} alternative(s) run",
                inputs={"analysis": plan.analysis}, outputs=arg.to_dict(),
                tool_calls=arg.tool_calls, tables=tables,
            )  # fmt: skip

        # ARBITER
        t = time.perf_counter()
        decision: Decision | None = None
        if ex.ok:
            decision = arbitrate(plan, ex, arg)
            yield self._event(
                "ARBITER", t, decided_by="rules",
                summary=f"chose {decision.chosen}: {decision.reasons[0]}",
                inputs={"alternatives": sorted(arg.alternatives)}, outputs=decision.to_dict(),
            )  # fmt: skip
        else:
            yield self._skip("ARBITER", t, "no results to choose between")

        # AUDIT
        t = time.perf_counter()
        au = None
        if ex.ok:
            results = dict(ex.results)
            au = audit(plan, results)
            n_fail = sum(not c["passed"] for c in au.checks)
            yield self._event(
                "AUDIT", t, decided_by="tools", status="ok" if au.passed else "failed",
                summary=f"{len(au.checks)} check(s), {n_fail} failed",
                inputs={"analysis": plan.analysis}, outputs={"passed": au.passed, "checks": au.checks},
                tables=[_audit_table(au.checks)] if au.checks else [],
            )  # fmt: skip
        else:
            yield self._skip("AUDIT", t, "nothing to audit")

        # ANSWER
        t = time.perf_counter()
        doc = self._answer(mode, plan, ex, arg, decision, au)
        md = render_markdown(doc)
        yield self._event(
            "ANSWER", t, decided_by="rules" if plan.family != "general" or not doc.get("generated") else "model",
            status="ok" if doc["status"] != "failed" else "failed",
            summary=doc["conclusion"], inputs={"status": doc["status"]}, outputs={"answer": doc},
            citations=self.citations,
        )  # fmt: skip
        yield {
            "type": "answer",
            "id": self.rid,
            "status": doc["status"],
            "markdown": md,
            "answer": doc,
        }

    # -- stages ----------------------------------------------------------------------------
    def _family_events(self, mode: ModeDecision, fam: Any) -> Iterator[dict[str, Any]]:
        yield from family_events(self, mode, fam)

    def _skip(self, stage: str, t: float, why: str) -> dict[str, Any]:
        return self._event(stage, t, status="skipped", decided_by="rules", summary=why)

    def _ground(self, t: float, mode: ModeDecision) -> dict[str, Any]:
        try:
            index = self.pipe.index()
        except Exception as e:  # retrieval is support, not the answer: report and go on
            return self._event("GROUND", t, status="failed", summary=f"retrieval unavailable: {e}")
        if index is None:
            return self._skip("GROUND", t, "retrieval disabled")
        if mode.family == "symbolic":
            return self._skip(
                "GROUND", t, "symbolic math: the tools are the reference, no notes needed"
            )
        from havoc_rag import ground

        query = f"{_topic(self.q)} {_GROUND_HINTS.get(mode.family, '')}".strip()
        hits = index.search(query, k=self.pipe.k)
        try:  # only notes above the calibrated relevance threshold are cited
            from havoc_rag import relevant

            kept = relevant(hits)
        except ImportError:  # an older havoc-rag without a threshold
            kept = hits
        dropped = len(hits) - len(kept)
        hits = kept
        g = ground(self.q, hits, budget_tokens=900)
        texts = {}
        for h in hits:
            texts.setdefault((h.source, h.heading), h.text)
        self.citations = [
            {
                "n": s.number, "source": s.source.split("/")[-1], "heading": s.heading,
                "text": texts.get((s.source, s.heading), "")[:600], "location": s.location,
            }
            for s in g.sources
        ]  # fmt: skip
        return self._event(
            "GROUND", t, decided_by="rules",
            summary=f"{len(self.citations)} relevant handbook passage(s)"
            + (": " + ", ".join(c["source"] for c in self.citations) if self.citations else "")
            + (f"; {dropped} below the relevance threshold left out" if dropped else ""),
            inputs={"query": query, "k": self.pipe.k}, outputs={"sources": [s.to_dict() for s in g.sources]},
            citations=self.citations,
        )  # fmt: skip

    def _model_plan(self, plan: Plan) -> str:
        """Let the model propose the DSL; accept it only when it checks (see :mod:`proposal`)."""
        gen = self.pipe.generator
        if gen is None or plan.program is None:
            return ""
        from havoc_srs.proposal import prompt_for, review

        try:
            text = gen.generate(prompt_for(self.q, plan), max_tokens=160, stop=("<DSL_END>",))
        except Exception as e:  # the rules' plan stands
            return f"model failed ({type(e).__name__}); rules decide"
        verdict = review(text, plan)
        if verdict.accepted:
            plan.program = verdict.program
            plan.decided_by = "model"
        return verdict.note

    def _answer(self, mode, plan, ex, arg, decision, au) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "question": self.asked,
            "family": mode.family,
            "analysis": plan.analysis,
            "dsl": plan.dsl,
            "citations": self.citations,
            "caveats": [],
            "assumptions": list(plan.notes),
            "missing": [m.to_dict() for m in plan.missing],
        }
        if plan.missing:
            doc.update(
                status="needs_input",
                conclusion="I need more information before I can answer: "
                + "; ".join(m.what for m in plan.missing) + ".",
                key_numbers={},
                next_step="Add what is listed and ask again.",
            )  # fmt: skip
            return doc
        if plan.family == "general":
            body = self._explain()
            status = "explained" if self.citations else "out_of_scope"
            doc.update(status=status, key_numbers={}, **body)
            return doc
        if not ex.ok:
            doc.update(
                status="failed", key_numbers={},
                conclusion=f"The analysis could not run: {(ex.error or '').splitlines()[0] if ex.error else 'error'}",
                next_step="Check the data (numbers in each column, enough values) and ask again.",
            )  # fmt: skip
            return doc
        chosen = decision.result if decision else ex.results["primary"]
        k = key_numbers(plan, chosen, ex.results)
        if decision and decision.chosen != "primary":
            k["primary_method"] = ex.results["primary"].get("method")
        for c in arg.checks:
            mark = {"passed": "passed", "failed": "FAILED"}.get(c["outcome"], "not checked")
            extra = f" (p = {c['p_value']:.4g})" if isinstance(c.get("p_value"), float) else ""
            doc["assumptions"].append(
                f"{c['name']}: {c['test']} — {mark}{extra}; {c['note']}".rstrip("; ")
            )
        doc["caveats"] += arg.caveats
        if decision:
            doc["caveats"] += [
                r for r in decision.reasons if "disagree" in r or "kept" in r and "asked" in r
            ]
        audit_failed = [c["check"] for c in au.checks if not c["passed"]] if au else []
        doc["audit"] = {
            "passed": bool(au.passed) if au else None,
            "checks": len(au.checks) if au else 0,
        }
        doc["arbiter"] = decision.to_dict() if decision else None
        doc["method"] = (
            chosen.get("method")
            or chosen.get("design_type")
            or chosen.get("chart")
            or plan.analysis
        )
        doc.update(
            status="answered", key_numbers=k, conclusion=conclusion(plan, k, decision.chosen if decision else "primary"),
            next_step=next_step(plan, k, doc["caveats"]),
        )  # fmt: skip
        doc["columns"] = _used_columns(plan, self.ds)
        if audit_failed:
            doc["status"] = "failed"
            doc["conclusion"] = (
                "The audit did not hold, so this result is not confirmed: "
                + ", ".join(audit_failed)
                + ". Library result: "
                + doc["conclusion"]
            )
            doc["next_step"] = (
                "The independent re-derivation disagrees with the library; report this with the data."
            )
        return doc

    def _explain(self) -> dict[str, Any]:
        if not self.citations:
            return {
                "conclusion": "I found no handbook note on this; ask about a test, chart, design or index.",
                "next_step": "Rephrase with the method's name.",
            }
        gen = self.pipe.generator
        if gen is not None:
            from havoc_rag import extract_citations

            ctx = "\n\n".join(f"[{c['n']}] {c['heading']}\n{c['text']}" for c in self.citations)
            try:
                text = gen.generate(
                    f"Answer from the numbered context and cite it like [1].\n\nContext:\n{ctx}\n\n"
                    f"Question: {self.q}\nAnswer:", max_tokens=200, stop=("\n\n",),
                ).strip()  # fmt: skip
            except Exception:
                text = ""
            cited = extract_citations(text) if text else []
            if text and cited and set(cited) <= {c["n"] for c in self.citations}:
                return {"conclusion": text, "generated": True, "next_step": "Read the cited notes."}

        # prefer a note's opening section over a "Common mistakes" chunk of the same rank order
        def rank(c: dict[str, Any]) -> tuple[int, int, int]:
            h = c["heading"].lower()
            pitfall = any(w in h for w in ("mistake", "pitfall", "caution", "see also"))
            return (pitfall, h.count(">"), c["n"])

        first = min(self.citations, key=rank)
        body = " ".join(first["text"].split())
        sentences = [s.strip() for s in body.replace("\n", " ").split(". ") if s.strip()]
        summary = ". ".join(sentences[:2]).rstrip(".") + "."
        conclusion_ = f"{summary} [{first['n']}]"
        extra = [f"{c['heading']} [{c['n']}]" for c in self.citations if c is not first]
        return {
            "conclusion": conclusion_,
            "explanation": [" ".join(c["text"].split()) for c in self.citations],
            "next_step": "See also: " + "; ".join(extra) if extra else "Read the cited note.",
        }


# ---- small helpers -------------------------------------------------------------------------


def _used_columns(plan: Plan, ds: Dataset | None) -> list[str]:
    """The table's headers (spelled as in the file) that the plan's program reads."""
    if ds is None or plan.program is None:
        return []
    # a comment counts only by the names it lists after its colon ("# run sheet columns read:
    # a, b"): its prose words ("run") are not columns
    text = "\n".join(
        line.split(":", 1)[1] if line.lstrip().startswith("#") and ":" in line
        else ("" if line.lstrip().startswith("#") else line)
        for line in plan.dsl.splitlines()
    )  # fmt: skip
    out = []
    for c in ds.frame.columns:
        ident_ = ds.idents.get(c, c)
        if re.search(rf"(?<![A-Za-z0-9_]){re.escape(ident_)}(?![A-Za-z0-9_])", text):
            out.append(ds.header(c))
    return out


_FILLER = set(
    "what whats is are the a an of and or between difference differences when should i we you use "
    "how does do can why explain describe define tell me my our this that to in for with it "
    "which mean means meaning please".split()
)


def _topic(question: str) -> str:
    """The question without question words, so retrieval keys on the topic (Cp, Cpk)."""
    import re

    words = re.findall(r"[A-Za-z0-9'&^-]+", question)
    kept = [w for w in words if w.lower().strip("'") not in _FILLER]
    return " ".join(kept) or question


def _shape(v: Any) -> Any:
    if hasattr(v, "shape"):
        return {"shape": list(v.shape), "columns": [str(c) for c in getattr(v, "columns", [])]}
    return str(type(v).__name__)


def _skip_reason(plan: Plan) -> str:
    if plan.missing:
        return "not run: missing " + "; ".join(m.what for m in plan.missing)
    return "nothing to execute (" + (plan.notes[0] if plan.notes else plan.analysis) + ")"


def _brief_result(plan: Plan, ex: Execution) -> str:
    if not ex.ok:
        return "failed: " + ((ex.error or "").splitlines() or ["error"])[0]
    r = ex.results.get("primary", {})
    if "p_value" in r and "statistic_name" in r:
        return f"{r.get('method')}: {r['statistic_name']} = {r['statistic']:.4g}, p = {r['p_value']:.4g}"
    return str(
        r.get("method") or r.get("design_type") or r.get("chart") or r.get("operation") or "done"
    )


def _slots_table(plan: Plan) -> dict[str, Any]:
    rows = [[k, str(v)] for k, v in plan.to_dict()["slots"].items()]
    return {"title": "Slots", "columns": ["slot", "value"], "rows": rows}


def _checks_table(checks: list[dict[str, Any]]) -> dict[str, Any]:
    rows = [
        [
            c["name"],
            c["test"],
            {"passed": "pass", "failed": "FAIL"}.get(c["outcome"], "not checked"),
            c.get("p_value"),
            c["note"],
        ]
        for c in checks
    ]
    return {
        "title": "Assumption checks",
        "columns": ["check", "test", "result", "p", "note"],
        "rows": rows,
    }


def _audit_table(checks: list[dict[str, Any]]) -> dict[str, Any]:
    rows = [
        [c["check"], c.get("expected"), c.get("got"), "pass" if c["passed"] else "FAIL"]
        for c in checks
    ]
    return {
        "title": "Audit",
        "columns": ["check", "independent", "library", "result"],
        "rows": rows,
    }


def _result_tables(plan: Plan, ex: Execution) -> list[dict[str, Any]]:
    r = ex.results.get("primary") or {}
    a = plan.analysis
    if not ex.ok or not r:  # nothing ran: no result table
        return []
    if a == "regress":
        rows = [
            [c["name"], c["estimate"], c["se"], c["t"], c["p_value"]]
            for c in r.get("coefficients", [])
        ]
        return [
            {"title": "Coefficients", "columns": ["term", "estimate", "se", "t", "p"], "rows": rows}
        ]
    if r.get("kind") == "AnovaResult":
        cols = ["source", "df", "sum_sq", "mean_sq", "F", "p_value"]
        return [
            {
                "title": "ANOVA",
                "columns": cols,
                "rows": [[row.get(c) for c in cols] for row in r["table"]],
            }
        ]
    if a == "analyze_quadratic":  # a second-order model: its coefficients
        rows = [[t, c, (r.get("p") or {}).get(t)] for t, c in r["coefficients"].items()]
        return [{"title": "Coefficients", "columns": ["term", "coefficient", "p"], "rows": rows}]
    if a.startswith("analyze"):
        rows = [
            [t, r["effects"].get(t), r["coefficients"].get(t), (r.get("p") or {}).get(t)]
            for t in r["effects"]
        ]
        return [
            {"title": "Effects", "columns": ["term", "effect", "coefficient", "p"], "rows": rows}
        ]
    if a.startswith("design"):
        names = r["factor_names"]
        rows = [[i + 1, *row] for i, row in enumerate(r["actual"])]
        return [{"title": "Design (run order)", "columns": ["run", *names], "rows": rows}]
    if a.startswith("chart_"):
        rows = []
        for p in r["panels"]:
            rows.append([p["name"], p["center"][0], p["ucl"][0], p["lcl"][0]])
        return [{"title": "Control limits", "columns": ["chart", "CL", "UCL", "LCL"], "rows": rows}]
    if a == "capability":
        rows = [
            [k, r[k]]
            for k in ("cp", "cpk", "pp", "ppk", "cpm", "mean", "sigma_within", "sigma_overall")
            if r.get(k) is not None
        ]
        return [{"title": "Capability", "columns": ["index", "value"], "rows": rows}]
    if a == "gage_rr":
        rows = [
            [k, r["variance_components"][k], r["pct_contribution"][k], r["pct_study_var"][k]]
            for k in r["variance_components"]
        ]
        return [
            {
                "title": "Gage R&R",
                "columns": ["source", "variance", "%contribution", "%study var"],
                "rows": rows,
            }
        ]
    return []


__all__ = ["FAMILIES", "STAGES", "Pipeline", "SRSResult"]
