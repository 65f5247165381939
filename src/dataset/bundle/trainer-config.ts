// Each trainer's config files and its README's one command: TRL SFT (train.py), Axolotl (config.yml), LLaMA-Factory (train_lora.yaml).
import { stringify } from "yaml";
import type { Trainer } from "./trainer-rows.js";
import { trlTrainScript } from "./trl-train-script.js";

/** LoRA by default: a bundle should train on one ordinary GPU (or, for tiny models, a CPU). */
export interface TrainingSettings {
  lora: { r: number; alpha: number; dropout: number; targetModules: string } | false;
  epochs: number;
  learningRate: number;
  batchSize: number;
  gradientAccumulationSteps: number;
  warmupSteps: number;
  seed: number;
  /** TRL only: train on the CPU (the demo; no GPU on the machine). */
  useCpu: boolean;
  /** TRL only: stop after this many optimiser steps (-1: run the epochs). */
  maxSteps: number;
}

export const defaultTrainingSettings: TrainingSettings = {
  lora: { r: 16, alpha: 32, dropout: 0.05, targetModules: "all-linear" },
  epochs: 3,
  learningRate: 2e-4,
  batchSize: 2,
  gradientAccumulationSteps: 4,
  warmupSteps: 10,
  seed: 42,
  useCpu: false,
  maxSteps: -1,
};

export interface ConfigInput {
  baseModel: string;
  /** The chat template text the rows were counted with; trainers render with the same one. */
  template: string;
  /** For LLaMA-Factory, which names its own templates (qwen3, llama3, default…). */
  llamaFactoryTemplate: string;
  /** Folder (relative to the bundle) holding the tokenizer, or a model id. */
  tokenizer: string;
  maxTokens: number;
  hasEval: boolean;
  settings: TrainingSettings;
}

export interface BundleFile {
  path: string;
  content: string;
}

/** The files besides the data that make the folder a runnable training job, and the one command that runs it. */
export function trainerFiles(trainer: Trainer, input: ConfigInput): { files: BundleFile[]; command: string } {
  if (trainer === "trl") return trlFiles(input);
  if (trainer === "axolotl") return axolotlFiles(input);
  return llamaFactoryFiles(input);
}

function trlFiles(input: ConfigInput) {
  const { settings } = input;
  const config = {
    model: input.baseModel,
    tokenizer: input.tokenizer,
    train_file: "train.jsonl",
    eval_file: input.hasEval ? "eval.jsonl" : null,
    output_dir: "output",
    max_length: input.maxTokens,
    lora: settings.lora === false ? null : { r: settings.lora.r, alpha: settings.lora.alpha, dropout: settings.lora.dropout, target_modules: settings.lora.targetModules },
    num_train_epochs: settings.epochs,
    max_steps: settings.maxSteps,
    learning_rate: settings.learningRate,
    batch_size: settings.batchSize,
    gradient_accumulation_steps: settings.gradientAccumulationSteps,
    warmup_steps: settings.warmupSteps,
    // Cosine decay, as in the Axolotl and LLaMA-Factory configs (train.py's fallback is the Trainer's linear decay).
    lr_scheduler_type: "cosine",
    seed: settings.seed,
    use_cpu: settings.useCpu,
  };
  return {
    command: "python train.py",
    files: [
      { path: "sft_config.json", content: `${JSON.stringify(config, null, 2)}\n` },
      { path: "chat_template.jinja", content: input.template },
      { path: "train.py", content: trlTrainScript },
    ],
  };
}

function axolotlFiles(input: ConfigInput) {
  const { settings } = input;
  const dataset = {
    path: "data/train.jsonl",
    ds_type: "json",
    type: "chat_template",
    field_messages: "messages",
    field_tools: "tools",
    message_property_mappings: { role: "role", content: "content" },
    roles_to_train: ["assistant"],
    // Turns the source marked weight 0 stay context only.
    message_field_training: "weight",
  };
  const config: Record<string, unknown> = {
    base_model: input.baseModel,
    chat_template: "jinja",
    chat_template_jinja: input.template,
    datasets: [dataset],
    ...(input.hasEval ? { test_datasets: [{ ...dataset, path: "data/eval.jsonl", split: "train" }] } : { val_set_size: 0 }),
    dataset_prepared_path: "prepared",
    output_dir: "output",
    sequence_len: input.maxTokens,
    sample_packing: false,
    ...(settings.lora === false
      ? {}
      : { adapter: "lora", lora_r: settings.lora.r, lora_alpha: settings.lora.alpha, lora_dropout: settings.lora.dropout, lora_target_linear: true }),
    micro_batch_size: settings.batchSize,
    gradient_accumulation_steps: settings.gradientAccumulationSteps,
    num_epochs: settings.epochs,
    learning_rate: settings.learningRate,
    warmup_steps: settings.warmupSteps,
    optimizer: "adamw_torch",
    lr_scheduler: "cosine",
    seed: settings.seed,
  };
  return { command: "axolotl train config.yml", files: [{ path: "config.yml", content: stringify(config, { lineWidth: 0 }) }] };
}

function llamaFactoryFiles(input: ConfigInput) {
  const { settings } = input;
  const columns = { messages: "conversations", system: "system", tools: "tools" };
  const info: Record<string, unknown> = { toolgate_train: { file_name: "train.jsonl", formatting: "sharegpt", columns } };
  if (input.hasEval) info.toolgate_eval = { file_name: "eval.jsonl", formatting: "sharegpt", columns };
  const config: Record<string, unknown> = {
    model_name_or_path: input.baseModel,
    stage: "sft",
    do_train: true,
    finetuning_type: settings.lora === false ? "full" : "lora",
    ...(settings.lora === false ? {} : { lora_rank: settings.lora.r, lora_alpha: settings.lora.alpha, lora_dropout: settings.lora.dropout, lora_target: "all" }),
    dataset: "toolgate_train",
    ...(input.hasEval ? { eval_dataset: "toolgate_eval" } : {}),
    dataset_dir: "data",
    template: input.llamaFactoryTemplate,
    cutoff_len: input.maxTokens,
    output_dir: "output",
    per_device_train_batch_size: settings.batchSize,
    gradient_accumulation_steps: settings.gradientAccumulationSteps,
    num_train_epochs: settings.epochs,
    learning_rate: settings.learningRate,
    warmup_steps: settings.warmupSteps,
    lr_scheduler_type: "cosine",
    seed: settings.seed,
  };
  return {
    command: "llamafactory-cli train train_lora.yaml",
    files: [
      { path: "data/dataset_info.json", content: `${JSON.stringify(info, null, 2)}\n` },
      { path: "train_lora.yaml", content: stringify(config, { lineWidth: 0 }) },
    ],
  };
}

/** LLaMA-Factory's own template name for a chat template we know, `default` otherwise (the README says to check it). */
export function llamaFactoryTemplateFor(templateName: string): string {
  const name = templateName.toLowerCase();
  if (name.includes("qwen3")) return "qwen3";
  if (name.includes("qwen")) return "qwen";
  if (name.includes("llama-3") || name.includes("llama3")) return "llama3";
  if (name.includes("mistral")) return "mistral";
  if (name.includes("hermes") || name.includes("chatml")) return "chatml";
  return "default";
}
