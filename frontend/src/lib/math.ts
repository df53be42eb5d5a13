/**
 * Convert LaTeX's `\( … \)` and `\[ … \]` delimiters into the `$ … $` and `$$ … $$` that
 * remark-math understands, leaving fenced code blocks and inline code spans untouched (a regex
 * in a code sample must stay a regex).
 *
 *   convertMathDelimiters("area \\(\\pi r^2\\)")  // -> "area $\\pi r^2$"
 */

/** Split markdown into code and prose segments; only prose is rewritten. */
function segments(md: string): { code: boolean; text: string }[] {
  const out: { code: boolean; text: string }[] = [];
  const lines = md.split(/(?<=\n)/); // keep the newline on each line
  let prose = "";
  let fence: { char: string; len: number } | null = null;
  let block = "";
  for (const line of lines) {
    if (fence) {
      block += line;
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line.replace(/\n$/, ""));
      if (close && close[1][0] === fence.char && close[1].length >= fence.len) {
        out.push({ code: true, text: block });
        block = "";
        fence = null;
      }
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      if (prose) out.push({ code: false, text: prose });
      prose = "";
      fence = { char: open[1][0], len: open[1].length };
      block = line;
      continue;
    }
    prose += line;
  }
  if (fence) out.push({ code: true, text: block }); // an unclosed fence runs to the end
  if (prose) out.push({ code: false, text: prose });
  return out;
}

/** Rewrite delimiters in prose, skipping inline code spans (backtick runs of equal length). */
function convertProse(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "`") {
      let n = 0;
      while (text[i + n] === "`") n++;
      const ticks = "`".repeat(n);
      const end = findClosingTicks(text, i + n, n);
      if (end === -1) {
        out += ticks;
        i += n;
      } else {
        out += text.slice(i, end + n);
        i = end + n;
      }
      continue;
    }
    if (ch === "\\" && (text[i + 1] === "(" || text[i + 1] === "[")) {
      const display = text[i + 1] === "[";
      const closer = display ? "\\]" : "\\)";
      const end = text.indexOf(closer, i + 2);
      if (end !== -1) {
        const body = text.slice(i + 2, end);
        if (display) {
          out += `\n$$\n${body.trim()}\n$$\n`;
        } else {
          out += `$${body.trim()}$`;
        }
        i = end + 2;
        continue;
      }
    }
    if (ch === "\\" && i + 1 < text.length) {
      // any other escape (\\, \$, \`) is copied whole so the pair is not re-read
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function findClosingTicks(text: string, from: number, n: number): number {
  let j = from;
  while (j < text.length) {
    if (text[j] === "`") {
      let m = 0;
      while (text[j + m] === "`") m++;
      if (m === n) return j;
      j += m;
    } else j++;
  }
  return -1;
}

export function convertMathDelimiters(md: string): string {
  return segments(md)
    .map((s) => (s.code ? s.text : convertProse(s.text)))
    .join("");
}
