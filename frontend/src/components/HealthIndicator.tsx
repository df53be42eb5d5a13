import type { HealthState } from "../lib/api";

/** The API's state, and the model's: its build progress while the demo model trains, and a
 * "demo model" chip whose title says what that means. */
export function HealthIndicator({ health }: { health: HealthState | null }) {
  const state = health?.state ?? "loading";
  const text = health?.detail ?? "Checking API…";
  const model = health?.model;
  const building = model?.state === "building";
  const pct = building && model.step !== null && model.of ? Math.round((100 * model.step) / model.of) : null;
  return (
    <div
      className={`health health-${state}`}
      role="status"
      aria-live="polite"
      data-testid="health"
      data-state={state}
      data-model-state={model?.state ?? "unknown"}
      title={
        model && model.state !== "ready"
          ? "Reasoning (SRS) answers now; plain chat waits for the model."
          : undefined
      }
    >
      <span className="health-dot" aria-hidden="true" />
      <span className="health-text">{text}</span>
      {building && (
        <span className="model-build" title={text} data-testid="model-build">
          <progress max={100} value={pct ?? undefined} aria-label="Demo model build progress" />
          <span className="model-build-pct">{pct === null ? "building" : `${pct}%`}</span>
        </span>
      )}
      {model?.demo && (
        <span className="demo-chip" title={model.note ?? "demo model"} data-testid="demo-chip">
          demo model
        </span>
      )}
    </div>
  );
}
