/**
 * Conversations and their persistence in localStorage.
 *
 * Plots in reasoning traces are data: URIs and can be large; when the browser's quota is hit,
 * the oldest conversations' plots are dropped first (the numbers and tables stay), so saving
 * never silently loses the text of a conversation.
 */
import type { GenerationStats, SrsAnswerEvent, SrsStageEvent } from "./api";

export interface Attachment {
  name: string;
  size: number;
  /** the CSV text, kept so "edit and resend" and "regenerate" can send it again */
  text: string;
}

export interface SrsRun {
  stages: SrsStageEvent[];
  answer: SrsAnswerEvent | null;
}

export interface Message {
  id: string;
  role: "user" | "assistant";
  content: string;
  mode: "chat" | "srs";
  createdAt: number;
  attachment?: Attachment;
  stats?: GenerationStats;
  srs?: SrsRun;
  error?: string;
  /** true once the user pressed Stop on this answer */
  stopped?: boolean;
  /** a plain-chat answer from the demo model: its label (the answer is shown as plain text) */
  demoNote?: string;
  /** set when earlier turns were left out so the conversation fits the model's context */
  contextNote?: string;
  /** the request is still streaming (never persisted as true) */
  pending?: boolean;
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: Message[];
}

export const CONVERSATIONS_KEY = "havoc.conversations.v1";
export const ACTIVE_KEY = "havoc.activeConversation.v1";

export function newId(prefix: string): string {
  const rnd =
    typeof crypto !== "undefined" && "randomUUID" in crypto
      ? crypto.randomUUID().slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `${prefix}-${Date.now().toString(36)}-${rnd}`;
}

export function newConversation(): Conversation {
  const now = Date.now();
  return { id: newId("c"), title: "New conversation", createdAt: now, updatedAt: now, messages: [] };
}

/** A title from the first question: its first line, at most 48 characters. */
export function titleFrom(text: string): string {
  const line = text.trim().split("\n")[0].trim();
  if (!line) return "New conversation";
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
}

function isConversation(x: unknown): x is Conversation {
  if (!x || typeof x !== "object") return false;
  const c = x as Record<string, unknown>;
  return typeof c.id === "string" && typeof c.title === "string" && Array.isArray(c.messages);
}

export function loadConversations(storage: Storage = localStorage): Conversation[] {
  try {
    const raw = JSON.parse(storage.getItem(CONVERSATIONS_KEY) ?? "[]") as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.filter(isConversation).map((c) => ({
      ...c,
      // an answer that was still streaming when the page closed is shown as stopped
      messages: c.messages.map((m) => (m.pending ? { ...m, pending: false, stopped: true } : m)),
    }));
  } catch {
    return [];
  }
}

function stripPlots(c: Conversation): Conversation {
  return {
    ...c,
    messages: c.messages.map((m) =>
      m.srs
        ? {
            ...m,
            srs: {
              ...m.srs,
              stages: m.srs.stages.map((s) => ({
                ...s,
                plots: (s.plots ?? []).map((p) => ({ title: `${p.title ?? "plot"} (not kept: storage full)` })),
              })),
            },
          }
        : m,
    ),
  };
}

/** Save; on a quota error, drop plots from the oldest conversations until it fits. */
export function saveConversations(list: Conversation[], storage: Storage = localStorage): boolean {
  const byAge = [...list].sort((a, b) => a.updatedAt - b.updatedAt).map((c) => c.id);
  let current = list;
  for (let dropped = 0; dropped <= byAge.length; dropped++) {
    try {
      storage.setItem(CONVERSATIONS_KEY, JSON.stringify(current));
      return true;
    } catch {
      if (dropped === byAge.length) break;
      const victim = byAge[dropped];
      current = current.map((c) => (c.id === victim ? stripPlots(c) : c));
    }
  }
  return false;
}
