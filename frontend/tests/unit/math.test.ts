import { describe, expect, it } from "vitest";
import { convertMathDelimiters as conv } from "../../src/lib/math";

describe("convertMathDelimiters", () => {
  it("turns \\( \\) into inline $ $", () => {
    expect(conv("area is \\(\\pi r^2\\) here")).toBe("area is $\\pi r^2$ here");
  });

  it("turns \\[ \\] into display $$ blocks", () => {
    expect(conv("so \\[ \\bar{x} = \\frac{1}{n}\\sum x_i \\] done")).toBe(
      "so \n$$\n\\bar{x} = \\frac{1}{n}\\sum x_i\n$$\n done",
    );
  });

  it("handles several delimiters and multi-line display math", () => {
    const out = conv("\\(a\\) and \\(b\\)\n\\[\nx\n+y\n\\]");
    expect(out).toBe("$a$ and $b$\n\n$$\nx\n+y\n$$\n");
  });

  it("leaves inline code spans alone", () => {
    expect(conv("use `\\(x\\)` or ``a \\[b\\] ` c`` but \\(y\\)")).toBe("use `\\(x\\)` or ``a \\[b\\] ` c`` but $y$");
  });

  it("leaves fenced code blocks alone, with ``` and ~~~ fences", () => {
    const md = "before \\(a\\)\n```python\nre.compile(r'\\(x\\)')\n```\n~~~\n\\[y\\]\n~~~\nafter \\[b\\]";
    expect(conv(md)).toBe(
      "before $a$\n```python\nre.compile(r'\\(x\\)')\n```\n~~~\n\\[y\\]\n~~~\nafter \n$$\nb\n$$\n",
    );
  });

  it("treats an unclosed fence (still streaming) as code to the end", () => {
    expect(conv("x \\(1\\)\n```\n\\(2\\)")).toBe("x $1$\n```\n\\(2\\)");
  });

  it("leaves an unmatched opener and existing $ math untouched", () => {
    expect(conv("cost \\( no close and $x^2$")).toBe("cost \\( no close and $x^2$");
  });

  it("does not read an escaped backslash as a delimiter", () => {
    expect(conv("a \\\\(b)")).toBe("a \\\\(b)");
  });
});
