"""A minimal OpenAI-compatible chat server for a local Hugging Face model (test and demo only, never a runtime part).

    python3 serve_model.py <model-dir> [--port 8765] [--max-new-tokens 128] [--chat-template file.jinja] [--threads 1]

POST /v1/chat/completions renders the request's messages and tools with the model's own chat template (the one the
TRL bundle's train.py saved with it), generates greedily on the CPU, and returns <tool_call>{...}</tool_call> blocks
as OpenAI tool_calls. GET /v1/models lists the one model. No streaming. --chat-template serves a model (e.g. the
untrained random init, whose tokenizer carries its own template) with the template the tuned model was trained with.
Generation stops at the template's end of turn as text (<|im_end|>), since a tokenizer without that special token
spells it in several pieces.
"""
import argparse
import json
import re
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

END_OF_TURN = "<|im_end|>"
CALL = re.compile(r"<tool_call>\s*(\{.*?\})\s*</tool_call>", re.S)


def parse_calls(text):
    """OpenAI tool_calls from the <tool_call> blocks that parse; blocks that do not stay in the text, nothing is lost."""
    calls = []
    rest = text
    for match in CALL.finditer(text):
        try:
            payload = json.loads(match.group(1))
        except json.JSONDecodeError:
            continue
        if isinstance(payload, dict) and isinstance(payload.get("name"), str):
            rest = rest.replace(match.group(0), "", 1)
            arguments = payload.get("arguments", {})
            calls.append({
                "id": f"call_{uuid.uuid4().hex[:12]}",
                "type": "function",
                "function": {"name": payload["name"], "arguments": arguments if isinstance(arguments, str) else json.dumps(arguments)},
            })
    return calls, rest.strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--max-new-tokens", type=int, default=128)
    parser.add_argument("--chat-template", help="a Jinja chat template file to use instead of the tokenizer's own")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--log-requests", help="append each request's messages and tools, and the raw completion, as JSON Lines")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    if args.chat_template:
        with open(args.chat_template, encoding="utf-8") as handle:
            tokenizer.chat_template = handle.read()
    model = AutoModelForCausalLM.from_pretrained(args.model)
    model.eval()
    name = args.model.rstrip("/").split("/")[-1]
    stop_ids = [tokenizer.eos_token_id] + [i for i in [tokenizer.convert_tokens_to_ids("<|im_end|>")] if isinstance(i, int) and i != tokenizer.unk_token_id]

    class Handler(BaseHTTPRequestHandler):
        def reply(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_):
            pass

        def do_GET(self):
            if self.path.rstrip("/").endswith("/models"):
                return self.reply(200, {"object": "list", "data": [{"id": name, "object": "model", "owned_by": "toolgate-demo"}]})
            self.reply(404, {"error": {"message": f"no route {self.path}"}})

        def do_POST(self):
            if not self.path.rstrip("/").endswith("/chat/completions"):
                return self.reply(404, {"error": {"message": f"no route {self.path}"}})
            request = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))))
            messages = []
            for message in request["messages"]:
                message = dict(message)
                for call in message.get("tool_calls") or []:
                    arguments = call["function"].get("arguments")
                    if isinstance(arguments, str):
                        try:
                            call["function"]["arguments"] = json.loads(arguments)
                        except json.JSONDecodeError:
                            pass
                if message.get("content") is None:
                    message["content"] = ""
                messages.append(message)
            tools = request.get("tools") or None
            ids = tokenizer.apply_chat_template(messages, tools=tools, add_generation_prompt=True, tokenize=True, return_dict=True, return_tensors="pt")
            with torch.no_grad():
                output = model.generate(**ids, max_new_tokens=request.get("max_tokens") or args.max_new_tokens, do_sample=False, eos_token_id=stop_ids, pad_token_id=tokenizer.pad_token_id or tokenizer.eos_token_id, stop_strings=[END_OF_TURN], tokenizer=tokenizer)
            new = output[0][ids["input_ids"].shape[1]:]
            text = tokenizer.decode(new, skip_special_tokens=False).split(END_OF_TURN)[0].replace(tokenizer.eos_token or "", "").strip()
            calls, content = parse_calls(text)
            if args.log_requests:
                with open(args.log_requests, "a", encoding="utf-8") as handle:
                    handle.write(json.dumps({"messages": messages, "tools": tools, "completion": text}) + "\n")
            message = {"role": "assistant", "content": content or None}
            if calls:
                message["tool_calls"] = calls
            self.reply(200, {
                "id": f"chatcmpl-{uuid.uuid4().hex[:12]}", "object": "chat.completion", "created": int(time.time()), "model": name,
                "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls" if calls else "stop"}],
                "usage": {"prompt_tokens": int(ids["input_ids"].shape[1]), "completion_tokens": int(len(new)), "total_tokens": int(ids["input_ids"].shape[1] + len(new))},
            })

    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    print(json.dumps({"listening": f"http://127.0.0.1:{args.port}/v1", "model": name}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
