// Exact memoisation of a Hugging Face tokenizer's encode: the text is split at added (special) tokens first, and every
// part between them is normalised, pre-tokenised and BPE-merged on its own — so a part's token ids depend only on its
// text (and, for prepend-first pre-tokenizers, on being the first part). Rendered chat templates repeat most parts
// across rows and across a row's prefixes (system prompt, tool schemas, earlier turns), so each distinct part is
// tokenized once.
import { tokenizers as lenml } from "@lenml/tokenizers";

/** The parts of @lenml/tokenizers' PreTrainedTokenizer the cached path drives (its _encode_text, step by step). */
interface TokenizerInternals {
  added_tokens_splitter: { split(text: string): string[] };
  added_tokens_map: Map<string, { lstrip?: boolean; rstrip?: boolean }>;
  normalizer: ((text: string) => string) | null;
  pre_tokenizer: ((text: string, options: { section_index: number }) => string[]) | null;
  model: ((tokens: string[]) => string[]) & { convert_tokens_to_ids(tokens: string[]): number[]; fuse_unk?: boolean };
  post_processor: { config?: { type?: string } } | null;
  remove_space?: boolean;
  do_lowercase_and_remove_accent?: boolean;
  legacy?: boolean;
  _encode_text: unknown;
}

/** Post-processors that add nothing when add_special_tokens is false (the only way templates are encoded). */
const passThroughPostProcessors = new Set(["TemplateProcessing", "ByteLevel", "Sequence", "RobertaProcessing", "BertProcessing"]);

export interface SectionCacheOptions {
  /** Distinct parts kept (each holds its token ids); the cache is cleared when it is full. */
  maxEntries?: number;
  /** Parts longer than this are encoded every time (unlikely to repeat, and costly to hash and keep). */
  maxPartLength?: number;
}

/**
 * An encode(text) identical to `tokenizer.encode(text, { add_special_tokens: false })`, with every part between added
 * tokens memoised; `undefined` when the tokenizer's class changes _encode_text (then callers use the plain encode).
 */
export function sectionCachedEncoder(tokenizer: InstanceType<typeof lenml.PreTrainedTokenizer>, options: SectionCacheOptions = {}): ((text: string) => number[]) | undefined {
  const internals = tokenizer as unknown as TokenizerInternals;
  const plain = internals._encode_text === lenml.PreTrainedTokenizer.prototype._encode_text;
  // LlamaTokenizer overrides it, but only to add a prefix when not in legacy mode.
  const legacyLlama = internals._encode_text === lenml.LlamaTokenizer.prototype._encode_text && internals.legacy === true;
  if (!plain && !legacyLlama) return undefined;
  if (internals.remove_space === true || internals.do_lowercase_and_remove_accent === true) return undefined;
  const postType = internals.post_processor?.config?.type;
  if (postType !== undefined && !passThroughPostProcessors.has(postType)) return undefined;
  const maxEntries = options.maxEntries ?? 100_000;
  const maxPartLength = options.maxPartLength ?? 50_000;
  const { added_tokens_map: added, normalizer, pre_tokenizer: preTokenizer, model } = internals;
  const splitter = addedTokenSplitter([...added.keys()]) ?? internals.added_tokens_splitter;
  const addedIds = new Map<string, number>();
  for (const content of added.keys()) addedIds.set(content, model.convert_tokens_to_ids([content])[0] as number);
  // Index 0 and the others are kept apart: a Metaspace pre-tokenizer with prepend_scheme "first" treats them differently.
  const firstParts = new Map<string, number[]>();
  const laterParts = new Map<string, number[]>();

  const byWord = wordLevelSteps(internals);
  const wordIds = new Map<string, number[]>();
  // Without a pre-tokenizer (Llama 2's SentencePiece-style BPE) a part is one BPE sequence: a chat template's whole
  // rendering when the template's markers are not special tokens. BPE merges two symbols only into a vocabulary token,
  // so a character that no multi-character token contains (a newline, in Llama 2) is never merged: the ids are those
  // of the pieces between such characters, each BPE-merged on its own — and template lines repeat, so memoised.
  const boundary = mergeBoundary(model);
  const byBoundaryPieces = (text: string): number[] => {
    const ids: number[] = [];
    for (const piece of text.split(boundary!)) {
      if (piece.length === 0) continue;
      let known = wordIds.get(piece);
      if (known === undefined) {
        known = model.convert_tokens_to_ids(model([piece]));
        if (wordIds.size >= maxEntries) wordIds.clear();
        wordIds.set(piece, known);
      }
      for (const id of known) ids.push(id);
    }
    return ids;
  };
  const encodePart = (part: string, index: number): number[] => {
    const text = normalizer === null ? part : normalizer(part);
    if (text.length === 0) return [];
    if (byWord === undefined) {
      if (preTokenizer === null && boundary !== undefined) return byBoundaryPieces(text);
      const words = preTokenizer === null ? [text] : preTokenizer(text, { section_index: index });
      return model.convert_tokens_to_ids(model(words));
    }
    // Split into words by the regex pre-tokenizer; each word's ids depend on the word alone (byte-level mapping, then
    // BPE within the word), so words seen before — most of them — cost one lookup.
    const ids: number[] = [];
    for (const word of byWord.split(text)) {
      let known = wordIds.get(word);
      if (known === undefined) {
        known = model.convert_tokens_to_ids(model(byWord.toBytes(word)));
        if (wordIds.size >= maxEntries) wordIds.clear();
        wordIds.set(word, known);
      }
      for (const id of known) ids.push(id);
    }
    return ids;
  };

  return (text: string): number[] => {
    const sections = splitter.split(text);
    // lstrip/rstrip of added tokens trim their neighbours before anything else (as _encode_text does).
    for (let index = 0; index < sections.length; index += 1) {
      const token = added.get(sections[index] as string);
      if (token === undefined) continue;
      if (token.lstrip && index > 0) sections[index - 1] = (sections[index - 1] as string).trimEnd();
      if (token.rstrip && index < sections.length - 1) sections[index + 1] = (sections[index + 1] as string).trimStart();
    }
    const ids: number[] = [];
    for (let index = 0; index < sections.length; index += 1) {
      const part = sections[index] as string;
      if (part.length === 0) continue;
      const addedId = addedIds.get(part);
      if (addedId !== undefined) {
        ids.push(addedId);
        continue;
      }
      if (part.length > maxPartLength) {
        for (const id of encodePart(part, index)) ids.push(id);
        continue;
      }
      const cache = index === 0 ? firstParts : laterParts;
      let partIds = cache.get(part);
      if (partIds === undefined) {
        partIds = encodePart(part, index);
        if (cache.size >= maxEntries) cache.clear();
        cache.set(part, partIds);
      }
      for (const id of partIds) ids.push(id);
    }
    return ids;
  };
}

/**
 * Splits text at added tokens like @lenml's DictionarySplitter (at each position the longest token that starts there,
 * scanning left to right), with one regular expression instead of a character-by-character trie walk: the
 * alternatives are tried longest first, so the leftmost match is the longest one there.
 */
function addedTokenSplitter(tokens: string[]): { split(text: string): string[] } | undefined {
  const alternatives = tokens.filter((token) => token.length > 0).sort((a, b) => b.length - a.length);
  if (alternatives.length === 0) return undefined;
  const pattern = new RegExp(alternatives.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return {
    split(text) {
      const parts: string[] = [];
      let start = 0;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
        if (match.index > start) parts.push(text.slice(start, match.index));
        parts.push(match[0]);
        start = match.index + match[0].length;
      }
      if (start < text.length) parts.push(text.slice(start));
      return parts;
    },
  };
}

/**
 * A pattern that splits text at (and keeps) the control characters BPE can never merge across: those no vocabulary
 * token longer than one character contains, and that map to a known token by themselves (a byte-fallback <0x0A>), so
 * no unknown-token fusing can span them either. Undefined for models that are not BPE over a vocabulary map.
 */
function mergeBoundary(model: TokenizerInternals["model"]): RegExp | undefined {
  const vocabulary = (model as unknown as { tokens_to_ids?: Map<string, number>; bpe?: unknown; merges?: unknown }).tokens_to_ids;
  if (!(vocabulary instanceof Map) || !("merges" in model)) return undefined;
  const candidates = ["\n", "\r", "\t"].filter((char) => {
    for (const token of vocabulary.keys()) if (token.length > 1 && token.includes(char) && !/^<0x[0-9A-F]{2}>$/.test(token)) return false;
    const unknown = (model as unknown as { unk_token_id?: number }).unk_token_id;
    return !model.convert_tokens_to_ids(model([char])).some((id) => id === unknown);
  });
  return candidates.length === 0 ? undefined : new RegExp(`([${candidates.map((char) => JSON.stringify(char).slice(1, -1)).join("")}])`);
}

interface PreTokenizerStep {
  config?: { type?: string; use_regex?: boolean; add_prefix_space?: boolean; invert?: boolean; behavior?: string };
  pre_tokenize_text(text: string, options?: unknown): string[];
}

/**
 * When the pre-tokenizer is [Split by a regex (isolated), ByteLevel without its own regex or prefix space] — Qwen,
 * Llama 3 and most GPT-style tokenizers — and the model fuses nothing across words, a part's ids are the
 * concatenation of each regex word's ids: the two steps, separately, so words can be memoised.
 */
function wordLevelSteps(internals: TokenizerInternals): { split(text: string): string[]; toBytes(word: string): string[] } | undefined {
  if (internals.model.fuse_unk === true) return undefined;
  const steps = (internals.pre_tokenizer as unknown as { tokenizers?: PreTokenizerStep[] } | null)?.tokenizers;
  if (steps?.length !== 2) return undefined;
  const [split, byteLevel] = steps as [PreTokenizerStep, PreTokenizerStep];
  if (split.config?.type !== "Split" || split.config.invert === true || split.config.behavior?.toLowerCase() !== "isolated") return undefined;
  if (byteLevel.config?.type !== "ByteLevel" || byteLevel.config.use_regex !== false || byteLevel.config.add_prefix_space === true) return undefined;
  return {
    split: (text) => split.pre_tokenize_text(text),
    toBytes: (word) => byteLevel.pre_tokenize_text(word),
  };
}
