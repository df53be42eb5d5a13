/** The SRS answer's status as a badge with a label and a one-line explanation. */
const STATUS: Record<string, { label: string; tone: string; explain: string }> = {
  answered: {
    label: "Answered",
    tone: "ok",
    explain: "The analysis ran on your data, its checks were executed and the audit re-derived the key numbers.",
  },
  explained: {
    label: "Explained",
    tone: "info",
    explain: "An explanation from the handbook, with sources; no analysis was run on data.",
  },
  needs_input: {
    label: "Needs input",
    tone: "warn",
    explain: "Something is missing before an analysis can run; what to add is listed below.",
  },
  out_of_scope: {
    label: "Out of scope",
    tone: "neutral",
    explain: "This is outside what the reasoning stack covers: statistics, DOE, SPC and engineering questions.",
  },
  failed: {
    label: "Failed",
    tone: "danger",
    explain: "The analysis could not be completed; nothing below is a verified result.",
  },
};

export function srsStatusInfo(status: string): { label: string; tone: string; explain: string } {
  return (
    STATUS[status] ?? {
      label: status.replace(/_/g, " ") || "unknown",
      tone: "neutral",
      explain: "The server reported a status this page does not know; read the answer with care.",
    }
  );
}

export function SrsStatus({ status }: { status: string }) {
  const info = srsStatusInfo(status);
  return (
    <p className={`srs-status tone-${info.tone}`} data-testid="srs-status" data-status={status}>
      <span className="srs-status-badge">{info.label}</span>
      <span className="srs-status-text">{info.explain}</span>
    </p>
  );
}
