import type { HealthState } from "../lib/api";

export function HealthIndicator({ health }: { health: HealthState | null }) {
  const state = health?.state ?? "loading";
  const text = health?.detail ?? "Checking API…";
  return (
    <div className={`health health-${state}`} role="status" aria-live="polite" data-testid="health" data-state={state}>
      <span className="health-dot" aria-hidden="true" />
      <span className="health-text">{text}</span>
    </div>
  );
}
