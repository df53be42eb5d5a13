/**
 * Example prompts on the empty screen. Clicking one fills the message box (it is not sent), turns
 * Reasoning on and, for data questions, attaches the small example CSV that goes with it, so a
 * newcomer's first question gets a real, tool-backed answer.
 */
import type { Attachment } from "./conversations";

export interface Example {
  question: string;
  /** attached as a CSV when the example is picked */
  data?: { name: string; csv: string };
}

// Two filling lines' weights (g), ten bottles each; line2 runs a little heavier.
const FILL_CSV = [
  "line1,line2",
  "500.1,500.9",
  "499.8,501.2",
  "500.4,500.7",
  "500.0,501.0",
  "499.6,500.6",
  "500.3,501.4",
  "499.9,500.8",
  "500.2,501.1",
  "500.5,500.5",
  "499.7,501.3",
].join("\n");

// Shaft diameters (mm), 25 parts in the order they were made; specification 9.95-10.05 mm.
const DIAMETERS = [
  10.003, 9.998, 10.011, 9.992, 10.006, 10.001, 9.995, 10.009, 10.004, 9.997, 10.012, 9.999, 10.002,
  9.994, 10.007, 10.0, 9.996, 10.008, 10.003, 9.993, 10.005, 10.01, 9.998, 10.001, 10.004,
];
const DIAMETER_CSV = ["diameter", ...DIAMETERS.map(String)].join("\n");

export const EXAMPLES: Example[] = [
  { question: "Is line1 different from line2?", data: { name: "fill-weights.csv", csv: FILL_CSV } },
  {
    question: "Compute Cp and Cpk for these diameters with limits 9.95 and 10.05.",
    data: { name: "diameters.csv", csv: DIAMETER_CSV },
  },
  { question: "Is the diameter process in control?", data: { name: "diameters.csv", csv: DIAMETER_CSV } },
  { question: "Explain X̄–R control limits and where the constants come from." },
];

export function exampleAttachment(ex: Example): Attachment | null {
  if (!ex.data) return null;
  return { name: ex.data.name, size: new TextEncoder().encode(ex.data.csv).length, text: ex.data.csv };
}
