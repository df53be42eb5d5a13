import { memo, type ReactNode, isValidElement } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeKatex from "rehype-katex";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { convertMathDelimiters } from "../lib/math";
import { CopyButton } from "./CopyButton";

/** The plain text of rendered children (highlighted code is a tree of spans). */
function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement(node)) return textOf((node.props as { children?: ReactNode }).children);
  return "";
}

const components: Components = {
  pre({ children }) {
    const code = textOf(children).replace(/\n$/, "");
    let lang = "";
    if (isValidElement(children)) {
      const cls = (children.props as { className?: string }).className ?? "";
      lang = /language-([\w+-]+)/.exec(cls)?.[1] ?? "";
    }
    return (
      <div className="code-block">
        <div className="code-head">
          <span className="code-lang">{lang || "code"}</span>
          <CopyButton text={code} label="Copy code" />
        </div>
        <pre>{children}</pre>
      </div>
    );
  },
  a({ href, children }) {
    return (
      <a href={href} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    );
  },
  table({ children }) {
    return (
      <div className="table-wrap">
        <table>{children}</table>
      </div>
    );
  },
};

const remarkPlugins = [remarkGfm, remarkMath];
const rehypePlugins = [
  [rehypeKatex, { throwOnError: false, strict: "ignore" }],
  [rehypeHighlight, { detect: false, ignoreMissing: true }],
] as NonNullable<Parameters<typeof ReactMarkdown>[0]["rehypePlugins"]>;

/** Markdown with GFM tables, KaTeX math ($, $$, \( \), \[ \]) and highlighted code. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components}>
        {convertMathDelimiters(text)}
      </ReactMarkdown>
    </div>
  );
});
