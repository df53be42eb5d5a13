/**
 * A server-sent-events parser for fetch() bodies.
 *
 * Bytes arrive in arbitrary pieces: an event may be split across chunks, and so may a multi-byte
 * UTF-8 character. `SSEParser.feed` keeps both halves until they are whole (TextDecoder in
 * streaming mode holds incomplete code points; the line buffer holds incomplete events).
 *
 *   const p = new SSEParser();
 *   p.feed(new TextEncoder().encode('data: {"a":1}\n\nda'));  // -> [{event: "message", data: '{"a":1}'}]
 *   p.feed(new TextEncoder().encode('ta: [DONE]\n\n'));        // -> [{event: "message", data: "[DONE]"}]
 */

export interface SSEMessage {
  /** the `event:` field, "message" when absent */
  event: string;
  /** the `data:` lines joined with "\n" */
  data: string;
  id?: string;
}

export class SSEParser {
  private decoder = new TextDecoder("utf-8");
  private buffer = "";
  private dataLines: string[] = [];
  private eventName = "";
  private lastId: string | undefined;

  /** Feed raw bytes (or already-decoded text); returns the events completed by this piece. */
  feed(chunk: Uint8Array | string): SSEMessage[] {
    this.buffer +=
      typeof chunk === "string" ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** Signal the end of the stream; returns a final event if one was left without its blank line. */
  end(): SSEMessage[] {
    this.buffer += this.decoder.decode();
    const out = this.drain(true);
    if (this.buffer.length > 0) {
      this.processLine(this.buffer, out);
      this.buffer = "";
    }
    this.dispatch(out);
    return out;
  }

  private drain(final: boolean): SSEMessage[] {
    const out: SSEMessage[] = [];
    // Lines end with \n, \r\n or \r. A trailing \r may be the first half of \r\n, so it waits
    // for the next chunk unless the stream is over.
    for (;;) {
      const m = /\r\n|\n|\r/.exec(this.buffer);
      if (!m) break;
      if (m[0] === "\r" && m.index === this.buffer.length - 1 && !final) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      this.processLine(line, out);
    }
    return out;
  }

  private processLine(line: string, out: SSEMessage[]): void {
    if (line === "") {
      this.dispatch(out);
      return;
    }
    if (line.startsWith(":")) return; // comment / keep-alive
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.dataLines.push(value);
    else if (field === "event") this.eventName = value;
    else if (field === "id") this.lastId = value;
    // "retry" and unknown fields are ignored, as the spec says.
  }

  private dispatch(out: SSEMessage[]): void {
    if (this.dataLines.length > 0) {
      const msg: SSEMessage = { event: this.eventName || "message", data: this.dataLines.join("\n") };
      if (this.lastId !== undefined) msg.id = this.lastId;
      out.push(msg);
    }
    this.dataLines = [];
    this.eventName = "";
  }
}

/** An error the server reported, in OpenAI's error-object shape or as a transport failure. */
export class ApiError extends Error {
  readonly status: number | null;
  readonly type: string | null;
  readonly param: string | null;
  readonly code: string | number | null;
  constructor(
    message: string,
    opts: {
      status?: number | null;
      type?: string | null;
      param?: string | null;
      code?: string | number | null;
    } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = opts.status ?? null;
    this.type = opts.type ?? null;
    this.param = opts.param ?? null;
    this.code = opts.code ?? null;
  }
}

interface ErrorObject {
  message?: unknown;
  type?: unknown;
  param?: unknown;
  code?: unknown;
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
}

/** Build an ApiError from an OpenAI error object (`{"error": {...}}`) or a bare `{...}`. */
export function apiErrorFrom(body: unknown, status: number | null = null): ApiError {
  let err: ErrorObject | null = null;
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    if (b.error && typeof b.error === "object") err = b.error as ErrorObject;
    else if (typeof b.error === "string") err = { message: b.error };
    else if ("detail" in b) {
      // FastAPI's own shape, in case a route returns it unwrapped.
      const d = b.detail;
      err = {
        message: typeof d === "string" ? d : JSON.stringify(d),
      };
    } else if ("message" in b) err = b as ErrorObject;
  }
  const message = (err && str(err.message)) || (status ? `HTTP ${status}` : "Unknown error");
  return new ApiError(message, {
    status,
    type: err ? str(err.type) : null,
    param: err ? str(err.param) : null,
    code: err && (typeof err.code === "number" || typeof err.code === "string") ? err.code : null,
  });
}

export type StreamItem<T> = { kind: "data"; value: T } | { kind: "done" };

/**
 * Read a fetch() body as SSE and yield parsed JSON payloads, then `{kind: "done"}` at `[DONE]`.
 * An error event (an `event: error` field, `{"error": {...}}` or `{"type": "error", ...}`) is
 * thrown as an ApiError. Non-JSON data is thrown too: the contract says every event is JSON.
 */
export async function* readSSE<T = unknown>(
  body: ReadableStream<Uint8Array>,
): AsyncGenerator<StreamItem<T>> {
  const parser = new SSEParser();
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      const events = done ? parser.end() : parser.feed(value);
      for (const ev of events) {
        const item = interpretEvent<T>(ev);
        yield item;
        if (item.kind === "done") return;
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}

/** Turn one SSE message into a stream item, throwing ApiError for error events. */
export function interpretEvent<T>(ev: SSEMessage): StreamItem<T> {
  const data = ev.data.trim();
  if (data === "[DONE]") return { kind: "done" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    if (ev.event === "error") throw new ApiError(data || "The server reported an error");
    throw new ApiError(`The server sent an event that is not JSON: ${data.slice(0, 120)}`);
  }
  if (parsed && typeof parsed === "object") {
    const p = parsed as Record<string, unknown>;
    if (ev.event === "error" || p.type === "error" || (p.error && !("choices" in p))) {
      throw apiErrorFrom(parsed);
    }
  }
  return { kind: "data", value: parsed as T };
}
