import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../src/lib/sse";
import { DEFAULT_SETTINGS } from "../../src/lib/settings";
import { buildChatBody, describeError, streamChat, streamSrs, type SrsStageEvent } from "../../src/lib/api";

const enc = new TextEncoder();

function sseResponse(events: string[], split = 7): Response {
  const text = events.map((e) => `data: ${e}\n\n`).join("");
  const bytes = enc.encode(text);
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += split) c.enqueue(bytes.slice(i, i + split));
      c.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

const chunk = (content: string) =>
  JSON.stringify({ id: "c1", object: "chat.completion.chunk", choices: [{ index: 0, delta: { content }, finish_reason: null }] });

afterEach(() => vi.unstubAllGlobals());

describe("streamChat", () => {
  it("delivers tokens in order and takes the counts from the usage chunk", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        sseResponse([
          JSON.stringify({ id: "c1", choices: [{ index: 0, delta: { role: "assistant" }, finish_reason: null }] }),
          chunk("Hel"),
          chunk("lo σ"),
          chunk("²!"),
          JSON.stringify({ id: "c1", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] }),
          JSON.stringify({ id: "c1", choices: [], usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 } }),
          "[DONE]",
        ]),
      ),
    );
    const tokens: string[] = [];
    const body = buildChatBody([{ role: "user", content: "hi" }], DEFAULT_SETTINGS);
    const stats = await streamChat(body, "", new AbortController().signal, { onToken: (t) => tokens.push(t) });
    expect(tokens.join("")).toBe("Hello σ²!");
    expect(stats.completionTokens).toBe(4);
    expect(stats.promptTokens).toBe(5);
    expect(stats.exact).toBe(true);
    expect(stats.finishReason).toBe("stop");
  });

  it("sends the body as JSON with a Bearer key when one is set", async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => sseResponse(["[DONE]"]));
    vi.stubGlobal("fetch", fetchMock);
    const body = buildChatBody([{ role: "user", content: "hi" }], DEFAULT_SETTINGS);
    await streamChat(body, "sk-test", new AbortController().signal, { onToken: () => {} });
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/v1/chat/completions");
    expect(JSON.parse(init.body as string)).toEqual(body);
    expect((init.headers as Record<string, string>).Authorization).toBe("Bearer sk-test");
  });

  it("turns a 4xx OpenAI error object into an ApiError naming the field", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ error: { message: "max_tokens must be <= 512", type: "invalid_request_error", param: "max_tokens", code: null } }),
            { status: 400 },
          ),
      ),
    );
    const body = buildChatBody([{ role: "user", content: "hi" }], DEFAULT_SETTINGS);
    const err = await streamChat(body, "", new AbortController().signal, { onToken: () => {} }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(describeError(err)).toBe("400 · max_tokens must be <= 512 (field: max_tokens)");
  });

  it("says the server is busy on 429", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(JSON.stringify({ error: { message: "queue full", type: "rate_limit", code: 429 } }), { status: 429 })),
    );
    const body = buildChatBody([{ role: "user", content: "hi" }], DEFAULT_SETTINGS);
    const err = await streamChat(body, "", new AbortController().signal, { onToken: () => {} }).catch((e) => e);
    expect(describeError(err)).toMatch(/^429 · The server is busy.*queue full/);
  });

  it("says the server is unreachable when fetch itself fails", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const body = buildChatBody([{ role: "user", content: "hi" }], DEFAULT_SETTINGS);
    const err = await streamChat(body, "", new AbortController().signal, { onToken: () => {} }).catch((e) => e);
    expect(describeError(err)).toMatch(/Cannot reach the HAVOC server/);
  });

  it("rethrows an abort as AbortError, not as a server error", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => Promise.reject(new DOMException("The user aborted a request.", "AbortError"))),
    );
    const body = buildChatBody([{ role: "user", content: "hi" }], DEFAULT_SETTINGS);
    const err = await streamChat(body, "", new AbortController().signal, { onToken: () => {} }).catch((e) => e);
    expect((err as DOMException).name).toBe("AbortError");
  });
});

describe("streamSrs", () => {
  it("delivers stage events then the answer, and raises an in-stream error", async () => {
    const stage = (i: number, name: string): SrsStageEvent => ({ type: "stage", id: "srs-1", index: i, stage: name, status: "ok" });
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        sseResponse([
          JSON.stringify(stage(0, "MODE")),
          JSON.stringify(stage(1, "GROUND")),
          JSON.stringify({ type: "answer", id: "srs-1", status: "answered", markdown: "**yes**", answer: {} }),
          "[DONE]",
        ]),
      ),
    );
    const seen: string[] = [];
    await streamSrs(
      { question: "q", data_csv: "a,b\n1,2", data_name: "d.csv", stream: true, use_model: true },
      "",
      new AbortController().signal,
      { onStage: (e) => seen.push(e.stage), onAnswer: (e) => seen.push(`answer:${e.markdown}`) },
    );
    expect(seen).toEqual(["MODE", "GROUND", "answer:**yes**"]);

    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        sseResponse([
          JSON.stringify(stage(0, "MODE")),
          JSON.stringify({ type: "error", error: { message: "PLAN failed", type: "srs_error", code: null } }),
          "[DONE]",
        ]),
      ),
    );
    await expect(
      streamSrs({ question: "q", data_csv: null, data_name: null, stream: true, use_model: false }, "", new AbortController().signal, {
        onStage: () => {},
        onAnswer: () => {},
      }),
    ).rejects.toThrow("PLAN failed");
  });
});
