/**
 * The HTTP client for havoc-serve: /v1/chat/completions (streamed), /v1/srs (streamed),
 * /v1/models and /health. Shapes follow OpenAI's API and apps/server/API.md.
 */
import { ApiError, apiErrorFrom, readSSE } from "./sse";
import type { Settings } from "./settings";

export interface ChatMessageIn {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

interface ChatChunk {
  id?: string;
  object?: string;
  model?: string;
  choices?: { index: number; delta?: { role?: string; content?: string | null }; finish_reason?: string | null }[];
  usage?: Usage | null;
}

export interface ChatRequestBody {
  model?: string;
  messages: ChatMessageIn[];
  stream: true;
  stream_options: { include_usage: true };
  temperature: number;
  top_p: number;
  top_k: number;
  repetition_penalty: number;
  max_tokens: number;
}

export interface GenerationStats {
  promptTokens: number | null;
  completionTokens: number;
  /** true when completionTokens comes from the server's usage chunk, false when counted from chunks */
  exact: boolean;
  /** ms from sending the request to the first token */
  ttftMs: number | null;
  /** ms from the first token to the last */
  genMs: number;
  tokensPerSec: number | null;
  finishReason: string | null;
}

export interface StreamHandlers {
  onToken(text: string): void;
  onStats?(stats: GenerationStats): void;
}

function headers(apiKey: string): HeadersInit {
  const h: Record<string, string> = { "Content-Type": "application/json", Accept: "text/event-stream" };
  if (apiKey.trim()) h.Authorization = `Bearer ${apiKey.trim()}`;
  return h;
}

/** Turn any failure of fetch() or a non-2xx response into an ApiError a person can act on. */
async function send(url: string, body: unknown, apiKey: string, signal: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: headers(apiKey), body: JSON.stringify(body), signal });
  } catch (e) {
    if (isAbort(e)) throw e;
    throw new ApiError("Cannot reach the HAVOC server. Is `havoc-serve` running?", { status: null, type: "network" });
  }
  if (!res.ok) throw await errorFromResponse(res);
  if (!res.body) throw new ApiError("The server answered without a body", { status: res.status });
  return res;
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  let parsed: unknown;
  const text = await res.text().catch(() => "");
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text ? { error: { message: text.slice(0, 300) } } : null;
  }
  const err = apiErrorFrom(parsed, res.status);
  if (res.status === 429) {
    return new ApiError(`The server is busy (its queue is full); try again in a moment. ${err.message}`, {
      status: 429,
      type: err.type,
      code: err.code,
    });
  }
  if (res.status === 502 || res.status === 504) {
    return new ApiError("Cannot reach the HAVOC server. Is `havoc-serve` running?", { status: res.status, type: "network" });
  }
  return err;
}

export function isAbort(e: unknown): boolean {
  return e instanceof DOMException ? e.name === "AbortError" : (e as { name?: string })?.name === "AbortError";
}

export function buildChatBody(messages: ChatMessageIn[], settings: Settings, model?: string): ChatRequestBody {
  const system = settings.systemPrompt.trim();
  const all: ChatMessageIn[] = system ? [{ role: "system", content: system }, ...messages] : messages;
  const body: ChatRequestBody = {
    messages: all,
    stream: true,
    stream_options: { include_usage: true },
    temperature: settings.temperature,
    top_p: settings.topP,
    top_k: settings.topK,
    repetition_penalty: settings.repetitionPenalty,
    max_tokens: settings.maxTokens,
  };
  if (model) body.model = model;
  return body;
}

/** True when the server refused a chat because the conversation does not fit the context. */
export function isContextOverflow(e: unknown): boolean {
  return e instanceof ApiError && e.status === 400 && e.code === "context_length_exceeded";
}

/** The history without its oldest turn (the first message and the replies up to the next user
 * message), or null when only the last question is left. */
export function dropOldestTurn(messages: ChatMessageIn[]): ChatMessageIn[] | null {
  if (messages.length <= 1) return null;
  let i = 1;
  while (i < messages.length - 1 && messages[i].role !== "user") i++;
  return messages.slice(i);
}

/** Stream a chat completion; resolves with the statistics when the stream ends. */
export async function streamChat(
  body: ChatRequestBody,
  apiKey: string,
  signal: AbortSignal,
  handlers: StreamHandlers,
): Promise<GenerationStats> {
  const t0 = performance.now();
  const res = await send("/v1/chat/completions", body, apiKey, signal);
  let first: number | null = null;
  let last = t0;
  let chunks = 0;
  let usage: Usage | null = null;
  let finishReason: string | null = null;
  const stats = (): GenerationStats => {
    const genMs = first === null ? 0 : last - first;
    const completion = usage ? usage.completion_tokens : chunks;
    // The first token starts the clock, so the rate counts the tokens after it.
    const tps = first !== null && genMs > 0 && completion > 1 ? ((completion - 1) * 1000) / genMs : null;
    return {
      promptTokens: usage ? usage.prompt_tokens : null,
      completionTokens: completion,
      exact: usage !== null,
      ttftMs: first === null ? null : first - t0,
      genMs,
      tokensPerSec: tps,
      finishReason,
    };
  };
  for await (const item of readSSE<ChatChunk>(res.body!)) {
    if (item.kind === "done") break;
    const chunk = item.value;
    if (chunk.usage) usage = chunk.usage;
    for (const choice of chunk.choices ?? []) {
      if (choice.finish_reason) finishReason = choice.finish_reason;
      const text = choice.delta?.content;
      if (text) {
        const now = performance.now();
        if (first === null) first = now;
        last = now;
        chunks += 1;
        handlers.onToken(text);
        handlers.onStats?.(stats());
      }
    }
  }
  const s = stats();
  handlers.onStats?.(s);
  return s;
}

// ---- /v1/srs ------------------------------------------------------------------------------

export const SRS_STAGES = ["MODE", "GROUND", "PLAN", "EXECUTE", "ARGUE", "ARBITER", "AUDIT", "ANSWER"] as const;
export type SrsStageName = (typeof SRS_STAGES)[number];

export interface SrsToolCall {
  tool: string;
  dsl?: string;
  result?: unknown;
}
export interface SrsCitation {
  n: number;
  source: string;
  heading?: string;
  text?: string;
}
export interface SrsTable {
  title?: string;
  columns: string[];
  rows: unknown[][];
}
export interface SrsPlot {
  title?: string;
  data_uri?: string;
  url?: string;
}
export interface SrsStageEvent {
  type: "stage";
  id: string;
  index: number;
  stage: string;
  status: "ok" | "skipped" | "failed";
  decided_by?: string;
  duration_ms?: number;
  summary?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  tool_calls?: SrsToolCall[];
  citations?: SrsCitation[];
  tables?: SrsTable[];
  plots?: SrsPlot[];
}
/** The SRS's five statuses (DESIGN §7); a newer server may send others, shown as they come. */
export const SRS_STATUSES = ["answered", "explained", "needs_input", "out_of_scope", "failed"] as const;
export type SrsStatus = (typeof SRS_STATUSES)[number];

export interface SrsAnswerEvent {
  type: "answer";
  id: string;
  status: SrsStatus | (string & {});
  markdown: string;
  answer: Record<string, unknown>;
}
type SrsEvent = SrsStageEvent | SrsAnswerEvent;

/** The exact body POSTed to /v1/srs (apps/server/API.md). */
export interface SrsRequestBody {
  question: string;
  data_csv: string | null;
  data_name: string | null;
  stream: true;
  use_model: boolean;
}

export interface SrsHandlers {
  onStage(ev: SrsStageEvent): void;
  onAnswer(ev: SrsAnswerEvent): void;
}

export async function streamSrs(
  body: SrsRequestBody,
  apiKey: string,
  signal: AbortSignal,
  handlers: SrsHandlers,
): Promise<void> {
  const res = await send("/v1/srs", body, apiKey, signal);
  for await (const item of readSSE<SrsEvent>(res.body!)) {
    if (item.kind === "done") return;
    const ev = item.value;
    if (ev.type === "stage") handlers.onStage(ev);
    else if (ev.type === "answer") handlers.onAnswer(ev);
  }
}

// ---- /health and /v1/models ----------------------------------------------------------------

/** The served model as /health and /v1/models describe it (`havoc` metadata). */
export interface ModelInfo {
  id: string;
  /** "building" while the demo checkpoint trains; chat answers 503 until "ready" */
  state: "building" | "ready" | "failed" | (string & {});
  demo: boolean;
  note: string | null;
  phase: string | null;
  step: number | null;
  of: number | null;
  eta_s: number | null;
  message: string | null;
}

export type HealthState = { state: "ok" | "loading" | "down"; detail: string; model?: ModelInfo };

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/** Read the model object of /health (or a model card's `havoc`); a bare id string is "ready". */
export function parseModelInfo(raw: unknown, fallbackId = ""): ModelInfo | undefined {
  if (typeof raw === "string") raw = { id: raw, state: "ready" };
  if (!raw || typeof raw !== "object") return undefined;
  const o = raw as Record<string, unknown>;
  return {
    id: str(o.id) ?? fallbackId,
    state: str(o.state) ?? "ready",
    demo: o.demo === true,
    note: str(o.note),
    phase: str(o.phase),
    step: num(o.step),
    of: num(o.of),
    eta_s: num(o.eta_s),
    message: str(o.message),
  };
}

export function formatSeconds(s: number): string {
  const t = Math.max(0, Math.round(s));
  if (t < 60) return `${t} s`;
  const m = Math.floor(t / 60);
  if (m >= 60) return `${Math.floor(m / 60)} h ${m % 60} min`;
  return m >= 10 ? `${m} min` : `${m} min ${String(t % 60).padStart(2, "0")} s`;
}

/** One short line on the model's build: "step 120/250 · ~40 s left". */
export function describeBuild(m: ModelInfo): string {
  if (m.state === "failed") return "could not be built";
  if (m.phase === "training" && m.step !== null && m.of) {
    const eta = m.eta_s !== null ? ` · ~${formatSeconds(m.eta_s)} left` : "";
    return `step ${m.step}/${m.of}${eta}`;
  }
  return (m.phase ?? "starting").replace(/^preparing: /, "");
}

export async function checkHealth(signal?: AbortSignal): Promise<HealthState> {
  try {
    const res = await fetch("/health", { signal, cache: "no-store" });
    let body: Record<string, unknown> = {};
    try {
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      /* a plain-text health answer is fine */
    }
    const status = typeof body.status === "string" ? body.status : res.ok ? "ok" : `HTTP ${res.status}`;
    if (res.ok && (status === "ok" || status === "healthy" || status === "ready")) {
      const model = parseModelInfo(body.model);
      if (model && model.state !== "ready") {
        const what = model.demo ? "demo model" : "model";
        const detail =
          model.state === "failed"
            ? `API ready · the ${what} could not be built`
            : `API ready · ${what} building: ${describeBuild(model)}`;
        return { state: "ok", detail, model };
      }
      return { state: "ok", detail: `API ready${model?.id ? ` · ${model.id}` : ""}`, model };
    }
    if (res.status === 503 || status === "loading" || status === "starting" || status === "draining") {
      return { state: "loading", detail: `API not ready (${status})` };
    }
    return { state: res.ok ? "ok" : "down", detail: res.ok ? "API ready" : `API unhealthy: ${status}` };
  } catch (e) {
    if (isAbort(e)) throw e;
    return { state: "down", detail: "API unreachable" };
  }
}

/** The served models with HAVOC's metadata (`havoc`: state, demo, note). */
export async function listModels(apiKey: string): Promise<ModelInfo[]> {
  const h: Record<string, string> = {};
  if (apiKey.trim()) h.Authorization = `Bearer ${apiKey.trim()}`;
  const res = await fetch("/v1/models", { headers: h });
  if (!res.ok) throw await errorFromResponse(res);
  const body = (await res.json()) as { data?: { id?: unknown; havoc?: unknown }[] };
  return (body.data ?? []).flatMap((m) =>
    typeof m.id === "string" ? [{ ...parseModelInfo(m.havoc ?? { state: "ready" }, m.id)!, id: m.id }] : [],
  );
}

/** A one-line message for an error shown under an answer. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError) {
    const where = e.param ? ` (field: ${e.param})` : "";
    const status = e.status ? `${e.status} · ` : "";
    return `${status}${e.message}${where}`;
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
