/**
 * Generation settings: defaults, presets, validation and persistence in localStorage.
 * Values read back from storage are clamped to their ranges, so a stale or hand-edited entry
 * can never send an out-of-range request.
 */

export interface Settings {
  temperature: number;
  topP: number;
  topK: number;
  repetitionPenalty: number;
  maxTokens: number;
  systemPrompt: string;
  /** let the loaded model propose MODE/PLAN in reasoning mode (API.md `use_model`) */
  useModel: boolean;
  /** sent as a Bearer token when havoc-serve runs with --api-key */
  apiKey: string;
  /** the preset the values came from, or "custom" once one is changed by hand */
  preset: string;
}

export const SETTINGS_KEY = "havoc.settings.v1";

interface Range {
  min: number;
  max: number;
  step: number;
  integer?: boolean;
}

export const RANGES: Record<"temperature" | "topP" | "topK" | "repetitionPenalty" | "maxTokens", Range> = {
  temperature: { min: 0, max: 2, step: 0.05 },
  topP: { min: 0.05, max: 1, step: 0.05 },
  topK: { min: 0, max: 500, step: 1, integer: true },
  repetitionPenalty: { min: 1, max: 2, step: 0.01 },
  maxTokens: { min: 1, max: 4096, step: 1, integer: true },
};

export const DEFAULT_SYSTEM_PROMPT =
  "You are HAVOC, an assistant for statistics, engineering, design of experiments and statistical process control. Answer precisely and show the numbers.";

export const PRESETS: Record<string, Pick<Settings, "temperature" | "topP" | "topK" | "repetitionPenalty">> = {
  precise: { temperature: 0, topP: 1, topK: 0, repetitionPenalty: 1 },
  balanced: { temperature: 0.7, topP: 0.9, topK: 40, repetitionPenalty: 1.1 },
  creative: { temperature: 1.1, topP: 0.95, topK: 100, repetitionPenalty: 1.05 },
};

export const DEFAULT_SETTINGS: Settings = {
  ...PRESETS.balanced,
  maxTokens: 256,
  systemPrompt: DEFAULT_SYSTEM_PROMPT,
  useModel: true,
  apiKey: "",
  preset: "balanced",
};

export function clampSetting(key: keyof typeof RANGES, value: unknown, fallback: number): number {
  const r = RANGES[key];
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  if (!Number.isFinite(n)) return fallback;
  const v = Math.min(r.max, Math.max(r.min, n));
  return r.integer ? Math.round(v) : v;
}

/** Merge anything (parsed JSON, partial objects) onto the defaults, clamping every number. */
export function normalizeSettings(raw: unknown): Settings {
  const o = raw && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_SETTINGS;
  return {
    temperature: clampSetting("temperature", o.temperature, d.temperature),
    topP: clampSetting("topP", o.topP, d.topP),
    topK: clampSetting("topK", o.topK, d.topK),
    repetitionPenalty: clampSetting("repetitionPenalty", o.repetitionPenalty, d.repetitionPenalty),
    maxTokens: clampSetting("maxTokens", o.maxTokens, d.maxTokens),
    systemPrompt: typeof o.systemPrompt === "string" ? o.systemPrompt : d.systemPrompt,
    useModel: typeof o.useModel === "boolean" ? o.useModel : d.useModel,
    apiKey: typeof o.apiKey === "string" ? o.apiKey : d.apiKey,
    preset: typeof o.preset === "string" && (o.preset in PRESETS || o.preset === "custom") ? o.preset : d.preset,
  };
}

export function loadSettings(storage: Storage = localStorage): Settings {
  try {
    const text = storage.getItem(SETTINGS_KEY);
    return normalizeSettings(text ? JSON.parse(text) : null);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function saveSettings(s: Settings, storage: Storage = localStorage): void {
  storage.setItem(SETTINGS_KEY, JSON.stringify(normalizeSettings(s)));
}

export function applyPreset(s: Settings, name: string): Settings {
  const p = PRESETS[name];
  if (!p) throw new Error(`Unknown preset "${name}"; expected one of ${Object.keys(PRESETS).join(", ")}`);
  return { ...s, ...p, preset: name };
}

/** Change one sampling value by hand; the preset label becomes "custom" unless it still matches. */
export function updateSetting<K extends keyof Settings>(s: Settings, key: K, value: Settings[K]): Settings {
  const next = { ...s, [key]: value };
  if (key === "temperature" || key === "topP" || key === "topK" || key === "repetitionPenalty") {
    const match = Object.entries(PRESETS).find(([, p]) =>
      (Object.keys(p) as (keyof typeof p)[]).every((k) => p[k] === next[k]),
    );
    next.preset = match ? match[0] : "custom";
  }
  return next;
}
