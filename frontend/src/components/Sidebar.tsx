import { useState } from "react";
import type { Conversation } from "../lib/conversations";
import { CloseIcon, PencilIcon, TrashIcon } from "./Icons";

interface Props {
  conversations: Conversation[];
  activeId: string;
  open: boolean;
  onSelect(id: string): void;
  onNew(): void;
  onRename(id: string, title: string): void;
  onDelete(id: string): void;
  onClose(): void;
}

export function Sidebar({ conversations, activeId, open, onSelect, onNew, onRename, onDelete, onClose }: Props) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [draft, setDraft] = useState("");
  const sorted = [...conversations].sort((a, b) => b.updatedAt - a.updatedAt);

  return (
    <nav className={`sidebar${open ? " open" : ""}`} aria-label="Conversations">
      <div className="sidebar-head">
        <span className="brand">
          HAVOC<span className="brand-dot">·</span>
          <span className="brand-sub">chat</span>
        </span>
        <button type="button" className="icon-button only-mobile" onClick={onClose} aria-label="Close conversation list">
          <CloseIcon />
        </button>
      </div>
      <button type="button" className="primary new-chat" onClick={onNew}>
        + New conversation
      </button>
      <ul className="conversation-list">
        {sorted.map((c) => (
          <li key={c.id} className={c.id === activeId ? "active" : undefined}>
            {renaming === c.id ? (
              <form
                className="rename-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  onRename(c.id, draft.trim() || c.title);
                  setRenaming(null);
                }}
              >
                <label className="visually-hidden" htmlFor={`rename-${c.id}`}>
                  New name
                </label>
                <input
                  id={`rename-${c.id}`}
                  autoFocus
                  value={draft}
                  maxLength={80}
                  onChange={(e) => setDraft(e.target.value)}
                  onBlur={() => {
                    onRename(c.id, draft.trim() || c.title);
                    setRenaming(null);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Escape") {
                      e.stopPropagation();
                      setRenaming(null);
                    }
                  }}
                />
              </form>
            ) : (
              <>
                <button
                  type="button"
                  className="conversation-title"
                  aria-current={c.id === activeId ? "page" : undefined}
                  onClick={() => onSelect(c.id)}
                  title={c.title}
                >
                  {c.title}
                </button>
                <span className="conversation-actions">
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Rename ${c.title}`}
                    title="Rename"
                    onClick={() => {
                      setDraft(c.title);
                      setRenaming(c.id);
                    }}
                  >
                    <PencilIcon />
                  </button>
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Delete ${c.title}`}
                    title="Delete"
                    onClick={() => {
                      if (c.messages.length === 0 || window.confirm(`Delete "${c.title}"?`)) onDelete(c.id);
                    }}
                  >
                    <TrashIcon />
                  </button>
                </span>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
