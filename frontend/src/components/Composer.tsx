import { forwardRef, useRef, useState } from "react";
import type { Attachment } from "../lib/conversations";
import { ClipIcon, CloseIcon } from "./Icons";

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

interface Props {
  busy: boolean;
  /** the message box's text (App owns it, so an example prompt can fill it) */
  text: string;
  onText(text: string): void;
  /** shown under the box in plain-chat mode, e.g. the demo model's label */
  chatNote?: string | null;
  reasoning: boolean;
  attachment: Attachment | null;
  onReasoning(on: boolean): void;
  onAttach(a: Attachment | null): void;
  onSend(text: string): void;
  onStop(): void;
}

/** The question box: Enter sends, Shift+Enter adds a line, Escape (anywhere) stops. */
export const Composer = forwardRef<HTMLTextAreaElement, Props>(function Composer(
  { busy, text, onText: setText, chatNote, reasoning, attachment, onReasoning, onAttach, onSend, onStop },
  ref,
) {
  const [fileError, setFileError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const submit = () => {
    if (busy || !text.trim()) return;
    onSend(text);
    setText("");
  };

  const pick = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (!/\.(csv|tsv|txt)$/i.test(file.name) && !/csv|text/.test(file.type)) {
      setFileError(`${file.name} is not a CSV file`);
      return;
    }
    if (file.size > MAX_CSV_BYTES) {
      setFileError(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the limit is ${MAX_CSV_BYTES / 1e6} MB`);
      return;
    }
    const content = await file.text();
    onAttach({ name: file.name, size: file.size, text: content });
    onReasoning(true); // data questions are answered by the reasoning stack
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {(attachment || fileError) && (
        <div className="composer-attachments">
          {attachment && (
            <span className="attachment-chip" data-testid="attachment">
              <ClipIcon /> {attachment.name} <span className="muted">({(attachment.size / 1024).toFixed(1)} KB)</span>
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${attachment.name}`}
                onClick={() => onAttach(null)}
              >
                <CloseIcon />
              </button>
            </span>
          )}
          {fileError && (
            <span className="error inline" role="alert">
              {fileError}
            </span>
          )}
        </div>
      )}
      <div className="composer-row">
        <label className="visually-hidden" htmlFor="composer-input">
          {reasoning ? "Question for the reasoning stack" : "Message"}
        </label>
        <textarea
          id="composer-input"
          ref={ref}
          value={text}
          rows={Math.min(8, Math.max(1, text.split("\n").length))}
          // short enough for a 375 px phone; the keyboard hint is in the title and the help line
          placeholder={reasoning ? "Ask an engineering question…" : "Message HAVOC…"}
          title="Enter sends, Shift+Enter adds a line"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {busy ? (
          <button type="button" className="stop" onClick={onStop} aria-label="Stop generating (Escape)">
            ■ Stop
          </button>
        ) : (
          <button type="submit" className="primary send" disabled={!text.trim()} aria-label="Send message">
            Send
          </button>
        )}
      </div>
      {!reasoning && chatNote && (
        <p className="chat-note" data-testid="chat-note">
          {chatNote}
        </p>
      )}
      <div className="composer-tools">
        <label className="switch">
          <input
            type="checkbox"
            role="switch"
            checked={reasoning}
            onChange={(e) => onReasoning(e.target.checked)}
            aria-describedby="reasoning-help"
          />
          <span>Reasoning (SRS)</span>
        </label>
        <span id="reasoning-help" className="muted small">
          {reasoning
            ? "MODE → GROUND → PLAN → EXECUTE → ARGUE → ARBITER → AUDIT → ANSWER"
            : "plain chat with the model · Enter sends, Shift+Enter new line"}
        </span>
        <span className="spacer" />
        <input
          ref={fileRef}
          id="csv-input"
          type="file"
          accept=".csv,text/csv,.tsv,.txt"
          className="visually-hidden"
          onChange={(e) => {
            void pick(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
        <button type="button" className="ghost" onClick={() => fileRef.current?.click()} aria-label="Attach a CSV file">
          <ClipIcon /> Attach CSV
        </button>
      </div>
    </form>
  );
});
