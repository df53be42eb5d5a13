import { describe, expect, it } from "vitest";
import { ApiError, SSEParser, interpretEvent, readSSE } from "../../src/lib/sse";

const enc = new TextEncoder();

function bodyOf(pieces: (Uint8Array | string)[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(typeof p === "string" ? enc.encode(p) : p);
      controller.close();
    },
  });
}

async function collect<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe("SSEParser", () => {
  it("parses whole events", () => {
    const p = new SSEParser();
    const evs = p.feed(enc.encode('data: {"a":1}\n\ndata: {"b":2}\n\n'));
    expect(evs.map((e) => e.data)).toEqual(['{"a":1}', '{"b":2}']);
    expect(evs[0].event).toBe("message");
  });

  it("joins an event split across chunks at every possible byte", () => {
    const text = 'data: {"choices":[{"delta":{"content":"hello"}}]}\n\ndata: [DONE]\n\n';
    const bytes = enc.encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      const p = new SSEParser();
      const evs = [...p.feed(bytes.slice(0, cut)), ...p.feed(bytes.slice(cut)), ...p.end()];
      expect(evs.map((e) => e.data)).toEqual(['{"choices":[{"delta":{"content":"hello"}}]}', "[DONE]"]);
    }
  });

  it("keeps multi-byte UTF-8 characters split across chunks intact", () => {
    const text = 'data: {"t":"σ² ≈ 1.5 € 😀 日本"}\n\n';
    const bytes = enc.encode(text);
    // feed one byte at a time: every multi-byte character is split
    const p = new SSEParser();
    const evs = [];
    for (const b of bytes) evs.push(...p.feed(new Uint8Array([b])));
    evs.push(...p.end());
    expect(evs).toHaveLength(1);
    expect(JSON.parse(evs[0].data).t).toBe("σ² ≈ 1.5 € 😀 日本");
    expect(evs[0].data).not.toContain("\uFFFD");
  });

  it("handles CRLF line endings, including a CR at the end of one chunk and LF in the next", () => {
    const p = new SSEParser();
    const evs = [...p.feed("data: one\r"), ...p.feed("\n\r\n"), ...p.feed("data: two\r\n\r\n")];
    expect(evs.map((e) => e.data)).toEqual(["one", "two"]);
  });

  it("joins multi-line data, reads event and id fields, ignores comments", () => {
    const p = new SSEParser();
    const evs = p.feed(": keep-alive\nevent: error\nid: 7\ndata: line1\ndata: line2\n\n");
    expect(evs).toEqual([{ event: "error", data: "line1\nline2", id: "7" }]);
  });

  it("flushes a last event that lacks its blank line at end of stream", () => {
    const p = new SSEParser();
    expect(p.feed("data: tail")).toEqual([]);
    expect(p.end().map((e) => e.data)).toEqual(["tail"]);
  });

  it("skips events without data", () => {
    const p = new SSEParser();
    expect(p.feed("event: ping\n\n")).toEqual([]);
  });
});

describe("interpretEvent / readSSE", () => {
  it("yields JSON then stops at [DONE], ignoring anything after it", async () => {
    const items = await collect(
      readSSE(bodyOf(['data: {"x":1}\n\nda', 'ta: {"x":2}\n\ndata: [DO', "NE]\n\ndata: {\"x\":3}\n\n"])),
    );
    expect(items).toEqual([
      { kind: "data", value: { x: 1 } },
      { kind: "data", value: { x: 2 } },
      { kind: "done" },
    ]);
  });

  it("throws an OpenAI error object as ApiError with its fields", () => {
    expect(() =>
      interpretEvent({
        event: "message",
        data: '{"error":{"message":"max_tokens too large","type":"invalid_request_error","param":"max_tokens","code":400}}',
      }),
    ).toThrowError(ApiError);
    try {
      interpretEvent({ event: "message", data: '{"error":{"message":"boom","type":"server_error","param":"x","code":"c"}}' });
    } catch (e) {
      const err = e as ApiError;
      expect(err.message).toBe("boom");
      expect(err.type).toBe("server_error");
      expect(err.param).toBe("x");
      expect(err.code).toBe("c");
    }
  });

  it("throws the SRS in-stream error event", async () => {
    const body = bodyOf([
      'data: {"type":"stage","stage":"MODE","index":0}\n\n',
      'data: {"type":"error","error":{"message":"EXECUTE failed: column y missing","type":"srs_error","code":null}}\n\n',
      "data: [DONE]\n\n",
    ]);
    const gen = readSSE(body);
    const first = await gen.next();
    expect(first.value).toMatchObject({ kind: "data", value: { stage: "MODE" } });
    await expect(gen.next()).rejects.toThrow("EXECUTE failed: column y missing");
  });

  it("treats an `event: error` with plain text as an error", () => {
    expect(() => interpretEvent({ event: "error", data: "queue full" })).toThrow("queue full");
  });

  it("rejects data that is not JSON", () => {
    expect(() => interpretEvent({ event: "message", data: "<html>" })).toThrow(/not JSON/);
  });

  it("does not mistake a usage chunk with choices for an error", () => {
    const item = interpretEvent({ event: "message", data: '{"choices":[],"usage":{"completion_tokens":3}}' });
    expect(item.kind).toBe("data");
  });
});
