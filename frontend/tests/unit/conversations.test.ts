import { beforeEach, describe, expect, it } from "vitest";
import {
  CONVERSATIONS_KEY,
  loadConversations,
  newConversation,
  saveConversations,
  titleFrom,
  type Conversation,
} from "../../src/lib/conversations";

/** A Storage whose quota is a number of characters, like a browser's. */
class TinyStorage implements Storage {
  private data = new Map<string, string>();
  constructor(private quota: number) {}
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    if (v.length > this.quota) throw new DOMException("quota", "QuotaExceededError");
    this.data.set(k, v);
  }
}

function withPlot(title: string, updatedAt: number): Conversation {
  const c = newConversation();
  return {
    ...c,
    title,
    updatedAt,
    messages: [
      {
        id: `m-${title}`,
        role: "assistant",
        content: `answer ${title}`,
        mode: "srs",
        createdAt: 0,
        srs: {
          stages: [
            { type: "stage", id: "s", index: 3, stage: "EXECUTE", status: "ok", plots: [{ title: "hist", data_uri: "data:image/png;base64," + "A".repeat(5000) }] },
          ],
          answer: null,
        },
      },
    ],
  };
}

describe("conversation persistence", () => {
  beforeEach(() => localStorage.clear());

  it("round-trips and marks an answer left streaming as stopped", () => {
    const c = newConversation();
    c.messages.push({ id: "m1", role: "user", content: "q", mode: "chat", createdAt: 1 });
    c.messages.push({ id: "m2", role: "assistant", content: "partial", mode: "chat", createdAt: 2, pending: true });
    saveConversations([c]);
    const [back] = loadConversations();
    expect(back.messages[0]).toEqual(c.messages[0]);
    expect(back.messages[1]).toMatchObject({ content: "partial", pending: false, stopped: true });
  });

  it("ignores corrupt storage and malformed entries", () => {
    localStorage.setItem(CONVERSATIONS_KEY, "[[[");
    expect(loadConversations()).toEqual([]);
    localStorage.setItem(CONVERSATIONS_KEY, JSON.stringify([{ id: 1 }, { id: "ok", title: "t", messages: [] }]));
    expect(loadConversations().map((c) => c.id)).toEqual(["ok"]);
  });

  it("drops plots of the oldest conversations first when the quota is hit, keeping all text", () => {
    const old = withPlot("old", 1);
    const recent = withPlot("recent", 2);
    const storage = new TinyStorage(8000); // fits one plot, not two
    expect(saveConversations([old, recent], storage)).toBe(true);
    const back = loadConversations(storage);
    const plot = (t: string) => back.find((c) => c.title === t)!.messages[0].srs!.stages[0].plots![0];
    expect(plot("old").data_uri).toBeUndefined();
    expect(plot("old").title).toMatch(/not kept/);
    expect(plot("recent").data_uri).toMatch(/^data:image\/png/);
    expect(back.map((c) => c.messages[0].content).sort()).toEqual(["answer old", "answer recent"]);
  });
});

describe("titleFrom", () => {
  it("takes the first line, shortened", () => {
    expect(titleFrom("  Is the mean different?\nmore")).toBe("Is the mean different?");
    expect(titleFrom("x".repeat(60))).toHaveLength(48);
    expect(titleFrom("   ")).toBe("New conversation");
  });
});
