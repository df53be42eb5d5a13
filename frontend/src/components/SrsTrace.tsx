import { SRS_STAGES, type SrsStageEvent, type SrsTable } from "../lib/api";
import type { SrsRun } from "../lib/conversations";

const STAGE_HINT: Record<string, string> = {
  MODE: "what kind of question this is",
  GROUND: "handbook passages and data it rests on",
  PLAN: "the analysis, written as DSL",
  EXECUTE: "running the statistics",
  ARGUE: "alternatives and assumption checks",
  ARBITER: "weighing the evidence",
  AUDIT: "re-deriving the key numbers",
  ANSWER: "the answer",
};

function fmtCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (Number.isInteger(v)) return String(v);
    const a = Math.abs(v);
    return a !== 0 && (a < 1e-4 || a >= 1e6) ? v.toExponential(4) : String(Number(v.toPrecision(6)));
  }
  if (typeof v === "string") return v;
  return JSON.stringify(v);
}

function Table({ table }: { table: SrsTable }) {
  return (
    <figure className="srs-table">
      {table.title && <figcaption>{table.title}</figcaption>}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {table.columns.map((c, i) => (
                <th key={i} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {(Array.isArray(row) ? row : [row]).map((cell, c) => (
                  <td key={c} className={typeof cell === "number" ? "num" : undefined}>
                    {fmtCell(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === undefined || value === null) return null;
  if (typeof value === "object" && Object.keys(value as object).length === 0) return null;
  return (
    <section className="srs-section">
      <h4>{label}</h4>
      <pre className="json">{JSON.stringify(value, null, 2)}</pre>
    </section>
  );
}

/** Only data: URIs of images and same-origin or http(s) URLs are shown. */
function safeImageSrc(src: string | undefined): string | null {
  if (!src) return null;
  if (/^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,/i.test(src)) return src;
  if (/^(https?:)?\/\//i.test(src) || src.startsWith("/")) return src;
  return null;
}

function Stage({ ev }: { ev: SrsStageEvent }) {
  // Charts open by themselves; tables and JSON wait for a click, so the answer below stays near.
  const hasPlots = (ev.plots?.length ?? 0) > 0;
  return (
    <li className={`srs-stage status-${ev.status}`} data-stage={ev.stage} data-testid="srs-stage">
      <details open={hasPlots}>
        <summary>
          <span className="stage-name">{ev.stage}</span>
          <span className={`stage-status badge-${ev.status}`}>{ev.status}</span>
          {ev.decided_by && <span className="stage-by">by {ev.decided_by}</span>}
          {typeof ev.duration_ms === "number" && <span className="stage-ms">{ev.duration_ms.toFixed(1)} ms</span>}
          <span className="stage-summary">{ev.summary || STAGE_HINT[ev.stage] || ""}</span>
        </summary>
        <div className="srs-body">
          {ev.tables?.map((t, i) => <Table key={i} table={t} />)}
          {ev.plots?.map((p, i) => {
            const src = safeImageSrc(p.data_uri ?? p.url);
            return (
              <figure key={i} className="srs-plot">
                {src ? <img src={src} alt={p.title ?? `${ev.stage} chart ${i + 1}`} loading="lazy" /> : null}
                {p.title && <figcaption>{p.title}</figcaption>}
              </figure>
            );
          })}
          {ev.tool_calls && ev.tool_calls.length > 0 && (
            <section className="srs-section">
              <h4>Tool calls</h4>
              {ev.tool_calls.map((tc, i) => (
                <div key={i} className="tool-call">
                  <div className="tool-name">{tc.tool}</div>
                  {tc.dsl && <pre className="dsl">{tc.dsl}</pre>}
                  {tc.result !== undefined && <pre className="json">{JSON.stringify(tc.result, null, 2)}</pre>}
                </div>
              ))}
            </section>
          )}
          {ev.citations && ev.citations.length > 0 && (
            <section className="srs-section">
              <h4>Citations</h4>
              <ol className="citations">
                {ev.citations.map((c) => (
                  <li key={c.n} value={c.n}>
                    <strong>{c.source}</strong>
                    {c.heading && <> · {c.heading}</>}
                    {c.text && <blockquote>{c.text}</blockquote>}
                  </li>
                ))}
              </ol>
            </section>
          )}
          <Json label="Inputs" value={ev.inputs} />
          <Json label="Outputs" value={ev.outputs} />
        </div>
      </details>
    </li>
  );
}

/** The eight SRS stages: finished ones expandable, the running one marked, later ones waiting. */
export function SrsTrace({ run, running }: { run: SrsRun; running: boolean }) {
  const byName = new Map(run.stages.map((s) => [s.stage, s]));
  const extra = run.stages.filter((s) => !(SRS_STAGES as readonly string[]).includes(s.stage));
  const nextIndex = SRS_STAGES.findIndex((name) => !byName.has(name));
  return (
    <div className="srs-trace" aria-label="Reasoning trace">
      <ol className="srs-stages">
        {SRS_STAGES.map((name, i) => {
          const ev = byName.get(name);
          if (ev) return <Stage key={name} ev={ev} />;
          const active = running && i === nextIndex;
          return (
            <li key={name} className={`srs-stage ${active ? "active" : "waiting"}`} data-stage={name}>
              <div className="stage-placeholder">
                <span className="stage-name">{name}</span>
                <span className="stage-status">{active ? "running…" : running ? "waiting" : "not run"}</span>
                <span className="stage-summary">{STAGE_HINT[name]}</span>
              </div>
            </li>
          );
        })}
        {extra.map((ev) => (
          <Stage key={`${ev.index}-${ev.stage}`} ev={ev} />
        ))}
      </ol>
    </div>
  );
}
