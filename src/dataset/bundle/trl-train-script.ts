// The train.py a TRL bundle carries: LoRA SFT with TRL's SFTTrainer on the bundle's rows, loss on assistant tokens only.
// A string, so it ships in the compiled package. Python is the trainer's side of the line: toolgate never trains in Node.
export const trlTrainScript = `"""Fine-tune with TRL's SFTTrainer on this bundle (written by \`toolgate dataset bundle\`).

    python train.py                      # what README.md says; settings in sft_config.json
    python train.py --max-steps 3 --model <dir> --output-dir <dir> --dump-labels labels.json

Rows are read from JSON Lines with the json module, not Hugging Face datasets' Arrow inference (which rejects call
arguments whose value types differ across rows and pads tool schemas with null keys), then tokenized here with the
bundle's chat template. Only assistant turns carry loss: the template's {% generation %} marks when it has them,
otherwise each assistant turn's completion after the generation prompt (how \`toolgate dataset tokens\` counts them).
"""
import argparse
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def read_rows(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def encode(tokenizer, template, row):
    messages = row["messages"]
    tools = json.loads(row["tools"]) if isinstance(row.get("tools"), str) else row.get("tools")
    tools = tools or None
    kwargs = {"chat_template": template, "tools": tools, "tokenize": True, "return_dict": True}
    if re.search(r"{%-?\\s*generation\\s*-?%}", template):
        full = tokenizer.apply_chat_template(messages, return_assistant_tokens_mask=True, **kwargs)
        return list(full["input_ids"]), list(full["assistant_masks"])
    ids = list(tokenizer.apply_chat_template(messages, **kwargs)["input_ids"])
    mask = [0] * len(ids)
    for index, message in enumerate(messages):
        if message.get("role") != "assistant" or message.get("weight") == 0:
            continue
        start = len(tokenizer.apply_chat_template(messages[:index], add_generation_prompt=True, **kwargs)["input_ids"])
        end = len(tokenizer.apply_chat_template(messages[: index + 1], **kwargs)["input_ids"])
        for position in range(start, min(end, len(ids))):
            mask[position] = 1
    return ids, mask


def to_dataset(tokenizer, template, rows, max_length):
    from datasets import Dataset

    columns = {"input_ids": [], "assistant_masks": []}
    for row in rows:
        ids, mask = encode(tokenizer, template, row)
        columns["input_ids"].append(ids[:max_length])
        columns["assistant_masks"].append(mask[:max_length])
    return Dataset.from_dict(columns)


def trained_positions_trainer(base):
    """SFTTrainer whose loss runs the output layer only where the next token carries a label.

    The loss is SFTTrainer's (cross-entropy over tokens whose label is not -100, summed and divided by the batch's
    label count), but a causal LM otherwise projects every position onto the whole vocabulary; with a 32k vocabulary and
    long tool schemas that projection is most of a step, while only the assistant's tokens are trained. Models whose
    forward has no logits_to_keep fall back to SFTTrainer's own loss.
    """
    import torch

    class TrainedPositionsTrainer(base):
        def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
            labels = inputs.get("labels")
            if labels is None or "shift_labels" in inputs:
                return super().compute_loss(model, inputs, return_outputs=return_outputs, num_items_in_batch=num_items_in_batch)
            targets = labels[:, 1:]
            positions = (targets != -100).any(dim=0).nonzero().flatten()
            forward = {key: inputs[key] for key in ("input_ids", "attention_mask", "position_ids") if key in inputs}
            try:
                outputs = model(**forward, use_cache=False, logits_to_keep=positions)
            except TypeError:
                return super().compute_loss(model, inputs, return_outputs=return_outputs, num_items_in_batch=num_items_in_batch)
            logits = outputs.logits.float()
            picked = targets[:, positions]
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]), picked.reshape(-1), ignore_index=-100, reduction="sum")
            labelled = (picked != -100).sum()
            if num_items_in_batch is not None and self.model_accepts_loss_kwargs:
                loss = loss / num_items_in_batch
            else:
                loss = loss / labelled.clamp(min=1)
            with torch.no_grad():
                mode = "train" if model.training else "eval"
                right = ((logits.argmax(dim=-1) == picked) & (picked != -100)).sum()
                self._metrics[mode]["mean_token_accuracy"].append((right / labelled.clamp(min=1)).item())
            return (loss, outputs) if return_outputs else loss

    return TrainedPositionsTrainer


def main():
    with open(os.path.join(HERE, "sft_config.json"), encoding="utf-8") as handle:
        config = json.load(handle)
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=config["model"])
    parser.add_argument("--tokenizer", default=config.get("tokenizer") or config["model"])
    parser.add_argument("--output-dir", default=config["output_dir"])
    parser.add_argument("--max-steps", type=int, default=config.get("max_steps", -1))
    parser.add_argument("--epochs", type=float, default=config.get("num_train_epochs", 1))
    parser.add_argument("--dump-labels", help="write each row's trained tokens (labels != -100) as JSON and stop")
    args = parser.parse_args()

    from transformers import AutoModelForCausalLM, AutoTokenizer
    from peft import LoraConfig
    from trl import SFTConfig, SFTTrainer

    tokenizer_dir = args.tokenizer if os.path.isabs(args.tokenizer) or not os.path.isdir(os.path.join(HERE, args.tokenizer)) else os.path.join(HERE, args.tokenizer)
    tokenizer = AutoTokenizer.from_pretrained(tokenizer_dir)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token or tokenizer.unk_token
    with open(os.path.join(HERE, "chat_template.jinja"), encoding="utf-8") as handle:
        template = handle.read()
    # Saved with the model, so a server applies the template the model was trained with.
    tokenizer.chat_template = template
    max_length = config["max_length"]
    train = to_dataset(tokenizer, template, read_rows(os.path.join(HERE, config["train_file"])), max_length)
    evaluation = None
    if config.get("eval_file") and os.path.exists(os.path.join(HERE, config["eval_file"])):
        evaluation = to_dataset(tokenizer, template, read_rows(os.path.join(HERE, config["eval_file"])), max_length)

    model = AutoModelForCausalLM.from_pretrained(args.model)
    lora = config.get("lora")
    peft_config = None if not lora else LoraConfig(
        r=lora["r"], lora_alpha=lora["alpha"], lora_dropout=lora["dropout"],
        target_modules=lora["target_modules"], task_type="CAUSAL_LM",
    )
    sft = SFTConfig(
        output_dir=args.output_dir,
        max_length=max_length,
        num_train_epochs=args.epochs,
        max_steps=args.max_steps,
        per_device_train_batch_size=config["batch_size"],
        gradient_accumulation_steps=config.get("gradient_accumulation_steps", 1),
        learning_rate=config["learning_rate"],
        lr_scheduler_type=config.get("lr_scheduler_type", "linear"),
        warmup_steps=config.get("warmup_steps", 0),
        logging_steps=config.get("logging_steps", 10),
        save_strategy="no",
        report_to=[],
        seed=config["seed"],
        data_seed=config["seed"],
        use_cpu=config.get("use_cpu", False),
        dataloader_num_workers=0,
        # TRL defaults to bf16 autocast and gradient checkpointing (GPU memory savers); on a CPU both only cost time
        # (measured here: ~8x slower per step on a tiny model), so a CPU run trains in float32 without checkpointing.
        **({"bf16": False, "gradient_checkpointing": False} if config.get("use_cpu", False) else {}),
    )
    trainer = trained_positions_trainer(SFTTrainer)(model=model, args=sft, train_dataset=train, eval_dataset=evaluation, processing_class=tokenizer, peft_config=peft_config)
    if args.dump_labels:
        rows = []
        for example in trainer.train_dataset:
            trained = [token for token, label in zip(example["input_ids"], example["labels"]) if label != -100]
            rows.append({"tokens": len(example["input_ids"]), "trainedTokens": len(trained), "trainedText": tokenizer.decode(trained)})
        with open(args.dump_labels, "w", encoding="utf-8") as handle:
            json.dump(rows, handle)
    result = trainer.train()
    print(json.dumps({"train_loss": result.training_loss, "steps": result.global_step}))
    if lora:
        trainer.model = trainer.model.merge_and_unload()
    trainer.model.save_pretrained(args.output_dir)
    tokenizer.save_pretrained(args.output_dir)


if __name__ == "__main__":
    main()
`;
