"""Reference side of the token-counting bench: Hugging Face tokenizers (Rust) and transformers on the same rows.

    python3 hf_tokens_bench.py <texts.jsonl> <records.jsonl> <template.jinja> <tokenizer-dir> <full-rows>
Prints one JSON object: rows/s for Rust encode_batch and a one-by-one encode loop over the rendered texts, and for
transformers' apply_chat_template (render + tokenize + the trained-token prefixes) on the first <full-rows> records.
"""
import json
import sys
import time

from tokenizers import Tokenizer
from transformers import AutoTokenizer


def main():
    texts_path, records_path, template_path, tokenizer_dir, full_rows = sys.argv[1:6]
    texts = [json.loads(line) for line in open(texts_path, encoding="utf-8")]
    rust = Tokenizer.from_file(f"{tokenizer_dir}/tokenizer.json")
    start = time.perf_counter()
    batch = rust.encode_batch(texts, add_special_tokens=False)
    batch_seconds = time.perf_counter() - start
    start = time.perf_counter()
    total = 0
    for text in texts:
        total += len(rust.encode(text, add_special_tokens=False).ids)
    loop_seconds = time.perf_counter() - start
    assert total == sum(len(item.ids) for item in batch)

    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    template = open(template_path, encoding="utf-8").read()
    records = []
    with open(records_path, encoding="utf-8") as handle:
        for line in handle:
            records.append(json.loads(line))
            if len(records) >= int(full_rows):
                break
    start = time.perf_counter()
    full_tokens = 0
    for record in records:
        messages = [dict(m, content=m.get("content") or "") if m["role"] == "assistant" else m for m in record["messages"]]
        tools = record.get("tools") or None
        count = lambda end, prompt: len(tokenizer.apply_chat_template(messages[:end], tools=tools, chat_template=template, tokenize=True, add_generation_prompt=prompt, return_dict=True)["input_ids"])
        full_tokens += count(len(messages), False)
        for index, message in enumerate(messages):
            if message["role"] == "assistant":
                count(index + 1, False) - count(index, True)
    full_seconds = time.perf_counter() - start
    print(json.dumps({
        "rows": len(texts), "tokens": total,
        "rustBatchRowsPerSecond": len(texts) / batch_seconds,
        "rustLoopRowsPerSecond": len(texts) / loop_seconds,
        "transformersRows": len(records), "transformersTokens": full_tokens,
        "transformersRowsPerSecond": len(records) / full_seconds,
    }))


if __name__ == "__main__":
    main()
