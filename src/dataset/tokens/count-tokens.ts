// Counts a record's tokens as the target model sees them: its chat template rendered, then its tokenizer, like apply_chat_template.
import type { DatasetRecord, RecordMessage } from "../record.js";
import type { ChatTemplate, TemplateMessage } from "./chat-template.js";
import type { TextTokenizer } from "./tokenizer.js";

export interface RowTokenCount {
  id: string;
  /** Tokens of the whole rendered conversation (tools included), what a trainer feeds the model. */
  tokens: number;
  /**
   * Tokens the model is trained to produce: for each assistant turn not marked `weight: 0`, the tokens of the history up
   * to and including that turn minus the tokens of the history with the generation prompt — the completion the model
   * would generate at that point.
   */
  trainedTokens: number;
}

export interface TokenCounter {
  readonly template: ChatTemplate;
  readonly tokenizer: TextTokenizer;
  count(record: Pick<DatasetRecord, "messages" | "tools" | "meta">): RowTokenCount;
  /** Only the whole conversation's tokens: one render, one encode (the fitting loop's measure). */
  countTotal(record: Pick<DatasetRecord, "messages" | "tools" | "meta">): number;
  /** The rendered conversation, as the model sees it. */
  render(record: Pick<DatasetRecord, "messages" | "tools">, addGenerationPrompt?: boolean): string;
}

export interface TokenCounterOptions {
  template: ChatTemplate;
  tokenizer: TextTokenizer;
  /** Extra template variables passed as apply_chat_template kwargs (date_string, enable_thinking…). */
  variables?: Readonly<Record<string, unknown>>;
}

export class TokenCountError extends Error {
  override readonly name = "TokenCountError";
  constructor(
    readonly rowId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`row ${rowId}: ${message}`, options);
  }
}

/**
 * The messages a template is given for a record. Two documented normalisations, applied identically in the Python
 * parity script: an assistant turn's null content becomes "" (Qwen 3's template does `'</think>' in content` and
 * fails on None, and Arrow wants one type per column); `reasoning` is passed as Qwen 3's `reasoning_content`.
 * `weight` stays out of the template: it decides what is trained, not what is shown.
 */
export function templateMessages(messages: readonly RecordMessage[]): TemplateMessage[] {
  return messages.map((message): TemplateMessage => {
    if (message.role !== "assistant") return { ...message };
    const { weight: _weight, reasoning, content, ...rest } = message;
    const shaped: TemplateMessage = { ...rest, content: content ?? "" };
    if (reasoning !== undefined) shaped.reasoning_content = reasoning;
    return shaped;
  });
}

export function createTokenCounter(options: TokenCounterOptions): TokenCounter {
  const { template, tokenizer, variables } = options;
  const renderMessages = (messages: TemplateMessage[], tools: readonly unknown[], addGenerationPrompt: boolean) =>
    template.render(messages, { tools, addGenerationPrompt, ...(variables === undefined ? {} : { variables }) });
  // countTotal then count on the same record (the tokens step does) renders and encodes the whole conversation once.
  const totals = new WeakMap<object, number>();
  return {
    template,
    tokenizer,
    render: (record, addGenerationPrompt = false) => renderMessages(templateMessages(record.messages), record.tools, addGenerationPrompt),
    countTotal(record) {
      try {
        const total = tokenizer.encode(renderMessages(templateMessages(record.messages), record.tools, false)).length;
        totals.set(record, total);
        return total;
      } catch (error) {
        throw new TokenCountError(record.meta.id, (error as Error).message, { cause: error });
      }
    },
    count(record) {
      const id = record.meta.id;
      const messages = templateMessages(record.messages);
      const lengths = new Map<string, number>();
      const knownTotal = totals.get(record);
      if (knownTotal !== undefined) lengths.set(`${messages.length}:false`, knownTotal);
      // Prefix renders repeat across turns; each distinct (length, prompt) pair is rendered and encoded once.
      const tokensOf = (end: number, addGenerationPrompt: boolean): number => {
        const key = `${end}:${addGenerationPrompt}`;
        const known = lengths.get(key);
        if (known !== undefined) return known;
        let text: string;
        try {
          text = renderMessages(messages.slice(0, end), record.tools, addGenerationPrompt);
        } catch (error) {
          throw new TokenCountError(id, (error as Error).message, { cause: error });
        }
        const length = tokenizer.encode(text).length;
        lengths.set(key, length);
        return length;
      };
      const tokens = tokensOf(messages.length, false);
      let trainedTokens = 0;
      record.messages.forEach((message, index) => {
        if (message.role !== "assistant" || message.weight === 0) return;
        trainedTokens += tokensOf(index + 1, false) - tokensOf(index, true);
      });
      return { id, tokens, trainedTokens };
    },
  };
}
