// The README a bundle carries: the one command that trains, what the data is, and how to check nothing was changed.
import type { DatasetManifest } from "./manifest.js";

const trainerNames: Record<string, string> = { trl: "TRL (SFTTrainer)", axolotl: "Axolotl", "llama-factory": "LLaMA-Factory" };
const installs: Record<string, string> = {
  trl: "pip install torch transformers trl peft datasets accelerate",
  axolotl: "pip install axolotl",
  "llama-factory": "pip install llamafactory",
};

export function bundleReadme(input: { trainer: string; command: string; manifest: Omit<DatasetManifest, "files" | "signature">; droppedText: number }): string {
  const { manifest } = input;
  const lines = [
    `# Fine-tuning bundle for ${trainerNames[input.trainer] ?? input.trainer}`,
    "",
    "Train (LoRA by default; settings in the config file):",
    "",
    "```sh",
    installs[input.trainer] ?? "",
    input.command,
    "```",
    "",
    `- base model: \`${manifest.baseModel}\``,
    `- chat template: ${manifest.template.name} (sha256 ${manifest.template.sha256.slice(0, 16)}…); tokenizer ${manifest.tokenizer}`,
    `- context: ${manifest.maxTokens} tokens; every row was counted with that template and tokenizer and fits`,
    `- rows: ${manifest.rows.train} train, ${manifest.rows.eval} held back; ${manifest.tokens.train} tokens, ${manifest.tokens.trained} of them trained (assistant turns)`,
    `- categories: ${Object.entries(manifest.categories).map(([name, rows]) => `${name} ${rows}`).join(", ") || "none recorded"}`,
    `- sources: ${manifest.sources.map((source) => `${source.file} (${source.format}, ${source.licence}, ${source.rows} rows)`).join("; ")}`,
    ...(manifest.audit ? [`- traces read at audit head seq ${manifest.audit.headSeq} (${manifest.audit.headHash.slice(0, 16)}…) of ${manifest.audit.store}`] : []),
    ...(input.droppedText > 0 ? [`- ${input.droppedText} assistant turn(s) had text beside their calls, which ShareGPT cannot hold; the text was left out`] : []),
    "",
    "`manifest.json` lists every file's sha256, the sources with licences, filters, seeds, counts per step and the leakage",
    "report, signed with the audit key. Check it before training:",
    "",
    "```sh",
    "toolgate dataset verify-manifest .",
    "```",
    "",
  ];
  return lines.join("\n");
}
