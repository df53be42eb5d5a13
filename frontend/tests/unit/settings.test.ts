import { beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_SETTINGS,
  PRESETS,
  SETTINGS_KEY,
  applyPreset,
  loadSettings,
  normalizeSettings,
  saveSettings,
  updateSetting,
} from "../../src/lib/settings";
import { buildChatBody } from "../../src/lib/api";

describe("settings persistence", () => {
  beforeEach(() => localStorage.clear());

  it("returns the defaults when nothing is stored", () => {
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it("round-trips through localStorage", () => {
    const s = { ...DEFAULT_SETTINGS, temperature: 0.3, topK: 12, maxTokens: 99, systemPrompt: "Be terse." };
    saveSettings(s);
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!).topK).toBe(12);
    expect(loadSettings()).toEqual(s);
  });

  it("falls back to the defaults on corrupt JSON", () => {
    localStorage.setItem(SETTINGS_KEY, "{not json");
    expect(loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it("clamps out-of-range and wrong-typed stored values", () => {
    localStorage.setItem(
      SETTINGS_KEY,
      JSON.stringify({ temperature: 9, topP: -1, topK: 3.7, repetitionPenalty: "1.3", maxTokens: "lots", useModel: "yes" }),
    );
    const s = loadSettings();
    expect(s.temperature).toBe(2);
    expect(s.topP).toBe(0.05);
    expect(s.topK).toBe(4);
    expect(s.repetitionPenalty).toBeCloseTo(1.3);
    expect(s.maxTokens).toBe(DEFAULT_SETTINGS.maxTokens);
    expect(s.useModel).toBe(DEFAULT_SETTINGS.useModel);
  });

  it("keeps unknown presets out", () => {
    expect(normalizeSettings({ preset: "turbo" }).preset).toBe(DEFAULT_SETTINGS.preset);
  });
});

describe("presets", () => {
  it("applies a preset's sampling values and names it", () => {
    const s = applyPreset(DEFAULT_SETTINGS, "precise");
    expect(s.temperature).toBe(PRESETS.precise.temperature);
    expect(s.preset).toBe("precise");
    expect(s.systemPrompt).toBe(DEFAULT_SETTINGS.systemPrompt);
  });

  it("rejects an unknown preset with a message naming it", () => {
    expect(() => applyPreset(DEFAULT_SETTINGS, "turbo")).toThrow(/turbo/);
  });

  it("becomes custom after a hand edit and matches a preset again when values return", () => {
    const edited = updateSetting(DEFAULT_SETTINGS, "temperature", 0.33);
    expect(edited.preset).toBe("custom");
    const back = updateSetting(edited, "temperature", PRESETS.balanced.temperature);
    expect(back.preset).toBe("balanced");
  });
});

describe("request body", () => {
  it("carries every setting under the OpenAI / havoc-serve field names", () => {
    const s = { ...DEFAULT_SETTINGS, temperature: 0.2, topP: 0.8, topK: 7, repetitionPenalty: 1.2, maxTokens: 64, systemPrompt: "sys" };
    const body = buildChatBody([{ role: "user", content: "hi" }], s, "havoc-tiny");
    expect(body).toEqual({
      model: "havoc-tiny",
      messages: [
        { role: "system", content: "sys" },
        { role: "user", content: "hi" },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0.2,
      top_p: 0.8,
      top_k: 7,
      repetition_penalty: 1.2,
      max_tokens: 64,
    });
  });

  it("omits an empty system prompt", () => {
    const body = buildChatBody([{ role: "user", content: "hi" }], { ...DEFAULT_SETTINGS, systemPrompt: "  " });
    expect(body.messages).toEqual([{ role: "user", content: "hi" }]);
    expect(body.model).toBeUndefined();
  });
});
