import { useEffect, useRef, useState } from "react";
import type { GenerationStats } from "../lib/api";
import type { Message } from "../lib/conversations";
import { CopyButton } from "./CopyButton";
import { Markdown } from "./Markdown";
import { SrsStatus } from "./SrsStatus";
import { SrsTrace } from "./SrsTrace";
import { ClipIcon } from "./Icons";

function Stats({ stats }: { stats: GenerationStats }) {
  const parts: string[] = [];
  parts.push(`${stats.exact ? "" : "≈"}${stats.completionTokens} tokens`);
  if (stats.promptTokens !== null) parts.push(`${stats.promptTokens} prompt`);
  if (stats.tokensPerSec !== null) parts.push(`${stats.tokensPerSec.toFixed(1)} tok/s`);
  if (stats.ttftMs !== null) parts.push(`first token ${Math.round(stats.ttftMs)} ms`);
  if (stats.finishReason && stats.finishReason !== "stop") parts.push(`finish: ${stats.finishReason}`);
  return (
    <span className="stats" data-testid="stats">
      {parts.join(" · ")}
    </span>
  );
}

interface Props {
  message: Message;
  isLastAssistant: boolean;
  busy: boolean;
  onRegenerate(): void;
  onEditResend(id: string, text: string): void;
}

export function MessageView({ message, isLastAssistant, busy, onRegenerate, onEditResend }: Props) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.content);
  const editRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (editing) editRef.current?.focus();
  }, [editing]);

  if (message.role === "user") {
    return (
      <article className="message user" aria-label="Your message" data-testid="user-message">
        {editing ? (
          <form
            className="edit-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!draft.trim()) return;
              setEditing(false);
              onEditResend(message.id, draft);
            }}
          >
            <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
              Edit your message
            </label>
            <textarea
              id={`edit-${message.id}`}
              ref={editRef}
              value={draft}
              rows={Math.min(10, draft.split("\n").length + 1)}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Escape") {
                  e.stopPropagation();
                  setEditing(false);
                  setDraft(message.content);
                }
              }}
            />
            <div className="edit-actions">
              <button type="button" className="ghost" onClick={() => (setEditing(false), setDraft(message.content))}>
                Cancel
              </button>
              <button type="submit" className="primary" disabled={busy || !draft.trim()}>
                Save &amp; resend
              </button>
            </div>
          </form>
        ) : (
          <>
            <div className="bubble">
              {message.mode === "srs" && <span className="mode-tag">reasoning</span>}
              <div className="user-text">{message.content}</div>
              {message.attachment && (
                <div className="attachment-chip" title={`${message.attachment.size} bytes`}>
                  <ClipIcon /> {message.attachment.name}
                </div>
              )}
            </div>
            <div className="message-actions">
              <CopyButton text={message.content} label="Copy message" />
              <button
                type="button"
                className="icon-button"
                disabled={busy}
                onClick={() => (setDraft(message.content), setEditing(true))}
                aria-label="Edit and resend"
              >
                Edit
              </button>
            </div>
          </>
        )}
      </article>
    );
  }

  const running = Boolean(message.pending);
  return (
    <article
      className={`message assistant${running ? " streaming" : ""}`}
      aria-label="HAVOC's answer"
      aria-busy={running}
      data-testid="assistant-message"
    >
      {message.srs && <SrsTrace run={message.srs} running={running} />}
      {message.srs?.answer && <SrsStatus status={message.srs.answer.status} />}
      {message.contextNote && <p className="context-note">{message.contextNote}</p>}
      {message.demoNote && (
        <p className="demo-note" data-testid="demo-note">
          {message.demoNote}
        </p>
      )}
      {message.content ? (
        <div className="answer" data-testid="answer-text">
          {message.demoNote ? (
            // the demo model's words are not markdown: a stray "#" must not become a heading
            <div className="plain-text">{message.content}</div>
          ) : (
            <Markdown text={message.content} />
          )}
        </div>
      ) : running && !message.srs ? (
        <div className="typing" aria-label="Waiting for the first token">
          <span />
          <span />
          <span />
        </div>
      ) : null}
      {message.error && (
        <div className="error" role="alert" data-testid="error">
          {message.error}
        </div>
      )}
      <div className="message-footer">
        {message.stats && <Stats stats={message.stats} />}
        {message.stopped && <span className="stopped">stopped</span>}
        <span className="spacer" />
        {message.content && <CopyButton text={message.content} label="Copy answer" />}
        {isLastAssistant && !running && (
          <button type="button" className="icon-button" onClick={onRegenerate} disabled={busy} aria-label="Regenerate answer">
            Regenerate
          </button>
        )}
      </div>
    </article>
  );
}
