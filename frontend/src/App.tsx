import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import {
  buildChatBody,
  checkHealth,
  describeError,
  dropOldestTurn,
  isAbort,
  isContextOverflow,
  listModels,
  streamChat,
  streamSrs,
  describeBuild,
  type ChatMessageIn,
  type HealthState,
  type ModelInfo,
  type SrsRequestBody,
} from "./lib/api";
import { EXAMPLES, exampleAttachment, type Example } from "./lib/examples";
import {
  ACTIVE_KEY,
  loadConversations,
  newConversation,
  newId,
  saveConversations,
  titleFrom,
  type Attachment,
  type Conversation,
  type Message,
} from "./lib/conversations";
import { loadSettings, saveSettings, type Settings } from "./lib/settings";
import { Background } from "./components/Background";
import { Composer } from "./components/Composer";
import { HealthIndicator } from "./components/HealthIndicator";
import { MessageView } from "./components/MessageView";
import { SettingsPanel } from "./components/SettingsPanel";
import { Sidebar } from "./components/Sidebar";
import { MenuIcon } from "./components/Icons";

const HEALTH_POLL_MS = 5000;
const BUILD_POLL_MS = 2000; // while the demo model builds, its progress moves quickly
const FLUSH_MS = 40;

function initialState(): { list: Conversation[]; active: string } {
  const list = loadConversations();
  if (list.length === 0) list.push(newConversation());
  const stored = localStorage.getItem(ACTIVE_KEY);
  const active = list.some((c) => c.id === stored) ? stored! : list[0].id;
  return { list, active };
}

/** The chat history sent to /v1/chat/completions: finished plain-chat turns only. Reasoning
 * turns are left out: their long tool-backed answers are not the model's words and would fill a
 * small model's context at once. */
function historyFor(messages: Message[]): ChatMessageIn[] {
  return messages
    .filter((m) => m.mode !== "srs")
    .filter((m) => m.content.trim() && !(m.role === "assistant" && m.error && !m.content))
    .map((m) => ({ role: m.role, content: m.content }));
}

export default function App() {
  const [init] = useState(initialState);
  const [conversations, setConversations] = useState<Conversation[]>(init.list);
  const [activeId, setActiveId] = useState(init.active);
  const [settings, setSettings] = useState<Settings>(loadSettings);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const [health, setHealth] = useState<HealthState | null>(null);
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [model, setModel] = useState("");
  const [reasoning, setReasoningState] = useState(false);
  const [draft, setDraft] = useState("");
  // Reasoning opens on for the demo model until the user picks a mode themselves.
  const reasoningChosen = useRef(false);
  const setReasoning = useCallback((on: boolean) => {
    reasoningChosen.current = true;
    setReasoningState(on);
  }, []);
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [busy, setBusy] = useState(false);

  const abortRef = useRef<AbortController | null>(null);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const settingsRef = useRef(settings);
  settingsRef.current = settings;

  const active = conversations.find((c) => c.id === activeId) ?? conversations[0];

  // ---- persistence ------------------------------------------------------------------------
  const conversationsRef = useRef(conversations);
  conversationsRef.current = conversations;
  useEffect(() => {
    // While streaming, save at most once a second; otherwise at once.
    if (!busy) {
      saveConversations(conversations);
      return;
    }
    const t = window.setTimeout(() => saveConversations(conversationsRef.current), 1000);
    return () => window.clearTimeout(t);
  }, [conversations, busy]);

  useEffect(() => {
    // A reload or tab close mid-stream (or before the effect above ran) still saves the latest.
    const flush = () => saveConversations(conversationsRef.current);
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, []);

  useEffect(() => {
    localStorage.setItem(ACTIVE_KEY, activeId);
  }, [activeId]);

  useEffect(() => {
    saveSettings(settings);
  }, [settings]);

  // ---- health and models --------------------------------------------------------------------
  const buildingRef = useRef(false);
  buildingRef.current = health?.model?.state === "building";
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const ctrl = new AbortController();
    const poll = async () => {
      if (document.visibilityState !== "hidden") {
        try {
          const h = await checkHealth(ctrl.signal);
          if (!stopped) setHealth(h);
        } catch {
          return; // aborted on unmount
        }
      }
      if (!stopped) timer = window.setTimeout(poll, buildingRef.current ? BUILD_POLL_MS : HEALTH_POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      ctrl.abort();
      window.clearTimeout(timer);
    };
  }, []);

  const healthy = health?.state === "ok";
  const modelState = health?.model?.state;
  useEffect(() => {
    if (!healthy) return;
    listModels(settingsRef.current.apiKey).then(
      (list) => {
        setModels(list);
        const ids = list.map((m) => m.id);
        setModel((m) => (m && ids.includes(m) ? m : (ids[0] ?? "")));
      },
      () => setModels([]),
    );
  }, [healthy, modelState]);

  /** The served model: its state from /health (fresh), its metadata from /v1/models. */
  const served: ModelInfo | undefined = useMemo(() => {
    const card = models.find((m) => m.id === model) ?? models[0];
    const live = health?.model;
    if (!card) return live;
    return live && live.id === card.id ? { ...card, ...live, note: live.note ?? card.note } : card;
  }, [models, model, health?.model]);
  const demo = served?.demo === true;
  const modelReady = !served || served.state === "ready";

  useEffect(() => {
    // A newcomer on the demo model (or one still being built) starts with the reasoning stack,
    // which answers with real statistics; plain chat stays one click away.
    if ((demo || !modelReady) && !reasoningChosen.current) setReasoningState(true);
  }, [demo, modelReady]);

  const chatNote = !served
    ? null
    : served.state === "building"
      ? `Plain chat opens when the ${demo ? "demo " : ""}model is built (${describeBuild(served)}); Reasoning answers now.`
      : served.state === "failed"
        ? `The model could not be built (${served.message ?? "see the server log"}); Reasoning still answers.`
        : demo
          ? (served.note ?? "demo model")
          : null;

  // ---- message updates ----------------------------------------------------------------------
  const patchMessage = useCallback((convId: string, msgId: string, fn: (m: Message) => Message) => {
    setConversations((list) =>
      list.map((c) =>
        c.id === convId
          ? { ...c, updatedAt: Date.now(), messages: c.messages.map((m) => (m.id === msgId ? fn(m) : m)) }
          : c,
      ),
    );
  }, []);

  /** Run one answer for the conversation's messages (the last one is the user's question). */
  const run = useCallback(
    async (conv: Conversation, question: Message) => {
      const s = settingsRef.current;
      const ctrl = new AbortController();
      abortRef.current = ctrl;
      setBusy(true);
      stickToBottom.current = true;
      const answer: Message = {
        id: newId("m"),
        role: "assistant",
        content: "",
        mode: question.mode,
        createdAt: Date.now(),
        pending: true,
        ...(question.mode === "chat" && demo ? { demoNote: served?.note ?? "demo model" } : {}),
        ...(question.mode === "srs" ? { srs: { stages: [], answer: null } } : {}),
      };
      const convId = conv.id;
      setConversations((list) =>
        list.map((c) =>
          c.id === convId
            ? {
                ...c,
                title: c.messages.length <= 1 && c.title === "New conversation" ? titleFrom(question.content) : c.title,
                updatedAt: Date.now(),
                messages: [...conv.messages, answer],
              }
            : c,
        ),
      );

      let buffer = "";
      let flushTimer = 0;
      const flush = () => {
        flushTimer = 0;
        if (!buffer) return;
        const piece = buffer;
        buffer = "";
        patchMessage(convId, answer.id, (m) => ({ ...m, content: m.content + piece }));
      };

      try {
        if (question.mode === "srs") {
          const body: SrsRequestBody = {
            question: question.content,
            data_csv: question.attachment?.text ?? null,
            data_name: question.attachment?.name ?? null,
            stream: true,
            use_model: s.useModel,
          };
          await streamSrs(body, s.apiKey, ctrl.signal, {
            onStage: (ev) =>
              patchMessage(convId, answer.id, (m) => ({
                ...m,
                srs: { stages: [...(m.srs?.stages ?? []), ev], answer: m.srs?.answer ?? null },
              })),
            onAnswer: (ev) =>
              patchMessage(convId, answer.id, (m) => ({
                ...m,
                content: ev.markdown,
                srs: { stages: m.srs?.stages ?? [], answer: ev },
              })),
          });
        } else {
          // A conversation longer than the model's context loses its oldest turns, one at a time.
          let history = historyFor(conv.messages);
          for (;;) {
            try {
              await streamChat(buildChatBody(history, s, model || undefined), s.apiKey, ctrl.signal, {
                onToken: (t) => {
                  buffer += t;
                  if (!flushTimer) flushTimer = window.setTimeout(flush, FLUSH_MS);
                },
                onStats: (stats) => patchMessage(convId, answer.id, (m) => ({ ...m, stats })),
              });
              break;
            } catch (e) {
              const shorter = isContextOverflow(e) ? dropOldestTurn(history) : null;
              if (!shorter) throw e;
              history = shorter;
              patchMessage(convId, answer.id, (m) => ({
                ...m,
                contextNote: "Earlier turns were left out so the conversation fits the model's context.",
              }));
            }
          }
        }
        window.clearTimeout(flushTimer);
        flush();
        patchMessage(convId, answer.id, (m) => ({ ...m, pending: false }));
      } catch (e) {
        window.clearTimeout(flushTimer);
        flush();
        if (isAbort(e) || ctrl.signal.aborted) {
          patchMessage(convId, answer.id, (m) => ({ ...m, pending: false, stopped: true }));
        } else {
          patchMessage(convId, answer.id, (m) => ({ ...m, pending: false, error: describeError(e) }));
        }
      } finally {
        if (abortRef.current === ctrl) abortRef.current = null;
        setBusy(false);
        composerRef.current?.focus();
      }
    },
    [model, patchMessage, demo, served?.note],
  );

  const stop = useCallback(() => {
    abortRef.current?.abort();
  }, []);

  const send = (text: string) => {
    if (busy || !active) return;
    const question: Message = {
      id: newId("m"),
      role: "user",
      content: text.trim(),
      mode: reasoning ? "srs" : "chat",
      createdAt: Date.now(),
      ...(reasoning && attachment ? { attachment } : {}),
    };
    setAttachment(null);
    void run({ ...active, messages: [...active.messages, question] }, question);
  };

  const regenerate = () => {
    if (busy || !active) return;
    const msgs = active.messages;
    let cut = msgs.length;
    while (cut > 0 && msgs[cut - 1].role === "assistant") cut--;
    const question = msgs[cut - 1];
    if (!question) return;
    void run({ ...active, messages: msgs.slice(0, cut) }, question);
  };

  const editResend = (id: string, text: string) => {
    if (busy || !active) return;
    const i = active.messages.findIndex((m) => m.id === id);
    if (i < 0) return;
    const question: Message = { ...active.messages[i], content: text.trim(), createdAt: Date.now() };
    void run({ ...active, messages: [...active.messages.slice(0, i), question] }, question);
  };

  /** An example prompt fills the box (and attaches its data); the person still presses Send. */
  const pickExample = (ex: Example) => {
    setDraft(ex.question);
    setAttachment(exampleAttachment(ex));
    setReasoning(true);
    composerRef.current?.focus();
  };

  // ---- conversations ------------------------------------------------------------------------
  const newChat = () => {
    if (busy) stop();
    const empty = conversations.find((c) => c.messages.length === 0);
    if (empty) setActiveId(empty.id);
    else {
      const c = newConversation();
      setConversations((l) => [c, ...l]);
      setActiveId(c.id);
    }
    setSidebarOpen(false);
    composerRef.current?.focus();
  };

  const select = (id: string) => {
    if (busy && id !== activeId) stop();
    setActiveId(id);
    setSidebarOpen(false);
  };

  const rename = (id: string, title: string) =>
    setConversations((l) => l.map((c) => (c.id === id ? { ...c, title: title.slice(0, 80) } : c)));

  const remove = (id: string) => {
    if (busy && id === activeId) stop();
    const rest = conversations.filter((c) => c.id !== id);
    const next = rest.length ? rest : [newConversation()];
    setConversations(next);
    if (id === activeId) setActiveId([...next].sort((a, b) => b.updatedAt - a.updatedAt)[0].id);
  };

  // ---- keyboard and scrolling -----------------------------------------------------------------
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && abortRef.current) {
        e.preventDefault();
        stop();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [stop]);

  useEffect(() => {
    const el = scrollRef.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [active?.messages]);

  useEffect(() => {
    stickToBottom.current = true;
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [activeId]);

  const lastAssistantId = useMemo(() => {
    const msgs = active?.messages ?? [];
    const last = msgs[msgs.length - 1];
    return last?.role === "assistant" ? last.id : null;
  }, [active?.messages]);

  return (
    <div className="app">
      <Background />
      <a href="#composer-input" className="skip-link">
        Skip to the message box
      </a>
      <Sidebar
        conversations={conversations}
        activeId={active?.id ?? ""}
        open={sidebarOpen}
        onSelect={select}
        onNew={newChat}
        onRename={rename}
        onDelete={remove}
        onClose={() => setSidebarOpen(false)}
      />
      {sidebarOpen && <div className="scrim only-mobile" onClick={() => setSidebarOpen(false)} aria-hidden="true" />}
      <main className="main">
        <header className="topbar">
          <button
            type="button"
            className="icon-button only-mobile"
            onClick={() => setSidebarOpen(true)}
            aria-label="Open conversation list"
          >
            <MenuIcon />
          </button>
          <h1 className="conversation-name">{active?.title}</h1>
          <HealthIndicator health={health} />
          <button
            type="button"
            className="ghost"
            onClick={() => setSettingsOpen((o) => !o)}
            aria-expanded={settingsOpen}
            aria-controls="settings"
          >
            Settings
          </button>
        </header>
        <div
          className="messages"
          ref={scrollRef}
          role="log"
          aria-label="Conversation"
          aria-live="polite"
          aria-busy={busy}
          onScroll={(e) => {
            const el = e.currentTarget;
            stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
          }}
        >
          <div className="messages-inner">
            {active && active.messages.length === 0 && (
              <div className="empty">
                <h2>What are we measuring today?</h2>
                <p>
                  <strong>Reasoning</strong> runs the eight-stage SRS stack on an engineering question — attach a
                  CSV and it runs the real statistics and shows its work. Switch it off to chat with the model
                  {demo ? " (here a small demo model, so expect rough text)" : ""}.
                </p>
                <p className="examples-head">Try an example (it fills the box; the data is attached):</p>
                <ul className="examples">
                  {EXAMPLES.map((ex) => (
                    <li key={ex.question}>
                      <button type="button" className="example" onClick={() => pickExample(ex)} data-testid="example">
                        <span>{ex.question}</span>
                        {ex.data && <span className="example-data">{ex.data.name}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {active?.messages.map((m) => (
              <MessageView
                key={m.id}
                message={m}
                isLastAssistant={m.id === lastAssistantId}
                busy={busy}
                onRegenerate={regenerate}
                onEditResend={editResend}
              />
            ))}
          </div>
        </div>
        <Composer
          ref={composerRef}
          busy={busy}
          text={draft}
          onText={setDraft}
          chatNote={chatNote}
          reasoning={reasoning}
          attachment={attachment}
          onReasoning={setReasoning}
          onAttach={setAttachment}
          onSend={send}
          onStop={stop}
        />
      </main>
      {settingsOpen && (
        <div id="settings">
          <SettingsPanel
            settings={settings}
            models={models.map((m) => m.id)}
            model={model}
            onModel={setModel}
            onChange={setSettings}
            onClose={() => setSettingsOpen(false)}
          />
        </div>
      )}
    </div>
  );
}
