import { afterEach, describe, expect, it, vi } from "vitest";
import { checkHealth, describeBuild, formatSeconds, listModels, parseModelInfo } from "../../src/lib/api";
import { EXAMPLES, exampleAttachment } from "../../src/lib/examples";
import { srsStatusInfo } from "../../src/components/SrsStatus";

afterEach(() => vi.unstubAllGlobals());

const building = {
  id: "havoc-demo-tiny",
  state: "building",
  demo: true,
  note: "demo model — trained in minutes on this machine; train your own with havoc-train",
  phase: "training",
  step: 120,
  of: 250,
  eta_s: 40.2,
};

describe("the model's state", () => {
  it("reads /health's model object, and a bare id as a ready model", () => {
    expect(parseModelInfo(building)).toMatchObject({ state: "building", step: 120, of: 250, demo: true });
    expect(parseModelInfo("tiny-ckpt")).toMatchObject({ id: "tiny-ckpt", state: "ready", demo: false });
    expect(parseModelInfo(null)).toBeUndefined();
  });

  it("describes a build in one line", () => {
    expect(describeBuild(parseModelInfo(building)!)).toBe("step 120/250 · ~40 s left");
    const preparing = { ...building, phase: "preparing: packing the training data", step: null };
    expect(describeBuild(parseModelInfo(preparing)!)).toBe("packing the training data");
    expect(formatSeconds(125)).toBe("2 min 05 s");
    expect(formatSeconds(3488)).toBe("58 min");
  });

  it("says in the header that the API is ready while the demo model builds", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ status: "ok", model: building })));
    const h = await checkHealth();
    expect(h.state).toBe("ok");
    expect(h.detail).toBe("API ready · demo model building: step 120/250 · ~40 s left");
    expect(h.model?.state).toBe("building");
  });

  it("lists models with their havoc metadata", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json({ data: [{ id: "havoc-demo-tiny", havoc: building }, { id: "plain" }, { nope: 1 }] }),
      ),
    );
    const models = await listModels("");
    expect(models.map((m) => [m.id, m.state, m.demo])).toEqual([
      ["havoc-demo-tiny", "building", true],
      ["plain", "ready", false],
    ]);
  });
});

describe("SRS statuses", () => {
  it("gives each of the five its own label and tone, and tolerates unknown ones", () => {
    const five = ["answered", "explained", "needs_input", "out_of_scope", "failed"].map(srsStatusInfo);
    expect(new Set(five.map((s) => s.label)).size).toBe(5);
    expect(new Set(five.map((s) => s.tone)).size).toBe(5);
    expect(srsStatusInfo("deferred_to_human")).toMatchObject({ label: "deferred to human", tone: "neutral" });
  });
});

describe("examples", () => {
  it("attach their data as a CSV with its byte size", () => {
    const first = exampleAttachment(EXAMPLES[0])!;
    expect(first.name).toBe("fill-weights.csv");
    expect(first.text.split("\n")[0]).toBe("line1,line2");
    expect(first.size).toBe(new TextEncoder().encode(first.text).length);
    expect(exampleAttachment({ question: "Explain Cpk." })).toBeNull();
  });
});

describe("fitting a conversation into the context", () => {
  it("drops the oldest turn, keeping the last question", async () => {
    const { dropOldestTurn, isContextOverflow } = await import("../../src/lib/api");
    const { ApiError } = await import("../../src/lib/sse");
    const h = [
      { role: "user" as const, content: "a" },
      { role: "assistant" as const, content: "A" },
      { role: "user" as const, content: "b" },
      { role: "assistant" as const, content: "B" },
      { role: "user" as const, content: "c" },
    ];
    expect(dropOldestTurn(h)).toEqual(h.slice(2));
    expect(dropOldestTurn(h.slice(2))).toEqual(h.slice(4));
    expect(dropOldestTurn(h.slice(4))).toBeNull();
    expect(isContextOverflow(new ApiError("too long", { status: 400, code: "context_length_exceeded" }))).toBe(true);
    expect(isContextOverflow(new ApiError("bad", { status: 400, code: "invalid" }))).toBe(false);
  });
});
