import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ChatTemplateError, compileChatTemplate, loadChatTemplate } from "./chat-template.js";
import { locateTemplateError } from "./template-location.js";
import { toolgateChatmlTemplate } from "./toolgate-chatml-template.js";

/** Which error a load throws (the caller asserts it is a ChatTemplateError). */
function thrownBy(load: () => unknown): ChatTemplateError {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ChatTemplateError);
    return error as ChatTemplateError;
  }
  throw new Error("the template loaded");
}

// A real template (toolgate's own) broken in its tool loop, 12 lines down: the error must point there, not at line 1.
const brokenLine = toolgateChatmlTemplate.split("\n").findIndex((line) => line.includes("tool | tojson"));
const broken = toolgateChatmlTemplate.replace("(tool | tojson) }}", "(tool | tojson }}");

describe("template parse errors carry a location", () => {
  it("names file:line:col of the failing tag in a .jinja file, and quotes the tag", () => {
    const work = mkdtempSync(join(tmpdir(), "toolgate-template-location-"));
    try {
      const path = join(work, "chatml.jinja");
      writeFileSync(path, broken);
      const error = thrownBy(() => loadChatTemplate(path));
      const column = broken.split("\n")[brokenLine]!.indexOf("{{") + 1;
      expect(error.location).toMatchObject({ line: brokenLine + 1, column });
      // The reason is the library's own wording; the location and the quoted tag are toolgate's.
      expect(error.message.startsWith(`${path}:${brokenLine + 1}:${column}: chat template chatml: does not parse: Expected closing parenthesis`)).toBe(true);
      expect(error.message.endsWith(" at {{- '\\n' + (tool | tojson }}")).toBe(true);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("locates lexer errors (an unterminated string) and unknown statements", () => {
    expect(thrownBy(() => compileChatTemplate("{{ bos_token }}\n  {{ 'abc }}\n", "t")).message).toBe("chat template t, line 2, column 3: does not parse: Unexpected end of input at {{ 'abc }}");
    expect(locateTemplateError("line one\n{% if x %}a{% elif y %}b{% endiff %}")).toMatchObject({ line: 2, column: 25, near: "{% endiff %}" });
    expect(locateTemplateError("{{ a }}\n\n   {{ 1 +* 2 }}")).toMatchObject({ line: 3, column: 4 });
  });

  it("points at the block a template leaves open, not at its end", () => {
    const error = thrownBy(() => compileChatTemplate("{% for m in messages %}\n{% if m.role == 'user' %}{{ m.content }}\n{% endfor %}", "t"));
    // The parser reads `endfor` where it expects `endif`/`else`: the first tag it cannot take is reported.
    expect(error.location).toMatchObject({ line: 3, column: 1 });
    const open = thrownBy(() => compileChatTemplate("intro\n{% for m in messages %}{% if m.content %}{{ m.content }}{% endif %}\n", "t"));
    expect(open.location).toMatchObject({ line: 2, column: 1, unclosed: "{% for m in messages %}" });
    expect(open.message).toBe("chat template t, line 2, column 1: does not parse: {% for m in messages %} is never closed (the template ends inside it)");
  });

  it("names the tokenizer_config.json and the line within its chat_template", () => {
    const work = mkdtempSync(join(tmpdir(), "toolgate-template-location-"));
    try {
      const path = join(work, "tokenizer_config.json");
      writeFileSync(path, JSON.stringify({ chat_template: "{% for m in messages %}\n{{ m.content | }}\n{% endfor %}" }));
      const error = thrownBy(() => loadChatTemplate(path));
      expect(error.message).toBe(`${path}: chat template tokenizer_config.json, line 2, column 1: does not parse: Unexpected token: CloseExpression at {{ m.content | }}`);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it("finds nothing to report in templates that parse (the built-ins)", () => {
    expect(locateTemplateError(toolgateChatmlTemplate)).toBeUndefined();
    expect(locateTemplateError(loadChatTemplate("qwen3").source)).toBeUndefined();
  });
});
