import { useEffect, useRef } from "react";
import {
  DEFAULT_SETTINGS,
  PRESETS,
  RANGES,
  applyPreset,
  clampSetting,
  updateSetting,
  type Settings,
} from "../lib/settings";
import { CloseIcon } from "./Icons";

type NumKey = keyof typeof RANGES;

const LABELS: Record<NumKey, { label: string; help: string }> = {
  temperature: { label: "Temperature", help: "0 = greedy; higher = more varied" },
  topP: { label: "Top-p", help: "nucleus sampling mass" },
  topK: { label: "Top-k", help: "0 = off" },
  repetitionPenalty: { label: "Repetition penalty", help: "1 = off" },
  maxTokens: { label: "Max tokens", help: "length limit of an answer" },
};

interface Props {
  settings: Settings;
  models: string[];
  model: string;
  onModel(m: string): void;
  onChange(s: Settings): void;
  onClose(): void;
}

export function SettingsPanel({ settings, models, model, onModel, onChange, onClose }: Props) {
  const firstRef = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    firstRef.current?.focus();
  }, []);

  const numberField = (key: NumKey) => {
    const r = RANGES[key];
    const id = `setting-${key}`;
    const value = settings[key];
    const set = (raw: string) => onChange(updateSetting(settings, key, clampSetting(key, raw, value)));
    return (
      <div className="field" key={key}>
        <label htmlFor={id}>
          {LABELS[key].label} <span className="help">{LABELS[key].help}</span>
        </label>
        <div className="field-row">
          <input
            type="range"
            aria-label={`${LABELS[key].label} slider`}
            min={r.min}
            max={key === "maxTokens" ? 1024 : r.max}
            step={r.step}
            value={value}
            onChange={(e) => set(e.target.value)}
          />
          <input
            id={id}
            name={key}
            type="number"
            min={r.min}
            max={r.max}
            step={r.step}
            value={value}
            onChange={(e) => set(e.target.value)}
          />
        </div>
      </div>
    );
  };

  return (
    <aside
      className="settings-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="settings-title"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header>
        <h2 id="settings-title">Settings</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close settings">
          <CloseIcon />
        </button>
      </header>
      <p className="settings-note">Saved in this browser; applied to the next request.</p>

      <div className="field">
        <label htmlFor="setting-preset">Preset</label>
        <select
          id="setting-preset"
          ref={firstRef}
          value={settings.preset}
          onChange={(e) => e.target.value !== "custom" && onChange(applyPreset(settings, e.target.value))}
        >
          {Object.keys(PRESETS).map((p) => (
            <option key={p} value={p}>
              {p[0].toUpperCase() + p.slice(1)}
            </option>
          ))}
          <option value="custom" disabled>
            Custom
          </option>
        </select>
      </div>

      {models.length > 0 && (
        <div className="field">
          <label htmlFor="setting-model">Model</label>
          <select id="setting-model" value={model} onChange={(e) => onModel(e.target.value)}>
            {models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
      )}

      {(Object.keys(RANGES) as NumKey[]).map(numberField)}

      <div className="field">
        <label htmlFor="setting-system">System prompt</label>
        <textarea
          id="setting-system"
          rows={4}
          value={settings.systemPrompt}
          onChange={(e) => onChange({ ...settings, systemPrompt: e.target.value })}
        />
      </div>

      <div className="field checkbox">
        <input
          id="setting-use-model"
          type="checkbox"
          checked={settings.useModel}
          onChange={(e) => onChange({ ...settings, useModel: e.target.checked })}
        />
        <label htmlFor="setting-use-model">Reasoning mode: let the model propose MODE and PLAN</label>
      </div>

      <div className="field">
        <label htmlFor="setting-api-key">
          API key <span className="help">only if havoc-serve runs with --api-key</span>
        </label>
        <input
          id="setting-api-key"
          type="password"
          autoComplete="off"
          value={settings.apiKey}
          onChange={(e) => onChange({ ...settings, apiKey: e.target.value })}
        />
      </div>

      <button
        type="button"
        className="ghost"
        onClick={() => onChange({ ...DEFAULT_SETTINGS, apiKey: settings.apiKey })}
      >
        Reset to defaults
      </button>
    </aside>
  );
}
