"""Reference token counts from Hugging Face transformers' apply_chat_template, for toolgate's parity test and bench.

Usage: python3 hf_token_counts.py <records.jsonl> <template.jinja> <tokenizer-dir> [--variables JSON]
Prints one JSON object per row: {"id", "tokens", "trainedTokens"}, or {"id", "error"} when the template refuses it.
Applies the same two normalisations as templateMessages() in count-tokens.ts (null assistant content -> "",
reasoning -> reasoning_content, weight left out) and counts trained tokens the same way.
"""
import json
import sys

from transformers import AutoTokenizer


def template_messages(messages):
    shaped = []
    for message in messages:
        if message.get("role") != "assistant":
            shaped.append(dict(message))
            continue
        copy = {k: v for k, v in message.items() if k not in ("weight", "reasoning", "content")}
        copy["content"] = message.get("content") if message.get("content") is not None else ""
        if "reasoning" in message:
            copy["reasoning_content"] = message["reasoning"]
        shaped.append(copy)
    return shaped


def main():
    records_path, template_path, tokenizer_dir = sys.argv[1:4]
    variables = {}
    if "--variables" in sys.argv:
        variables = json.loads(sys.argv[sys.argv.index("--variables") + 1])
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    with open(template_path, encoding="utf-8") as handle:
        template = handle.read()
    out = sys.stdout
    with open(records_path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            row_id = record["meta"]["id"]
            messages = template_messages(record["messages"])
            tools = record.get("tools") or None
            cache = {}

            def tokens_of(end, generation_prompt):
                key = (end, generation_prompt)
                if key not in cache:
                    ids = tokenizer.apply_chat_template(
                        messages[:end], tools=tools, chat_template=template, tokenize=True,
                        add_generation_prompt=generation_prompt, **variables)
                    if isinstance(ids, dict) or hasattr(ids, "keys"):
                        ids = ids["input_ids"]
                    cache[key] = len(ids)
                return cache[key]

            try:
                tokens = tokens_of(len(messages), False)
                trained = 0
                for index, message in enumerate(record["messages"]):
                    if message.get("role") == "assistant" and message.get("weight") != 0:
                        trained += tokens_of(index + 1, False) - tokens_of(index, True)
                out.write(json.dumps({"id": row_id, "tokens": tokens, "trainedTokens": trained}) + "\n")
            except Exception as error:  # the template refused the row (raise_exception, type errors)
                out.write(json.dumps({"id": row_id, "error": f"{type(error).__name__}: {error}"}) + "\n")


if __name__ == "__main__":
    main()
