// The runtime configuration (toolgate.yaml): one Zod schema read by the CLI, `toolgate serve` and library users alike.
import { z } from "zod";

export const spotlightingModes = ["datamark", "delimit", "off"] as const;
export type SpotlightingMode = (typeof spotlightingModes)[number];

/** Where each tool call runs: a worker thread or a child process that its timeout stops for good, or in-process (off). */
export const isolationModes = ["worker", "process", "off"] as const;
export type IsolationMode = (typeof isolationModes)[number];

/** The routers `router.name` accepts; kept here (not imported from route) so reading a config loads no router code. */
const configRouterNames = ["flat", "bm25", "embedding", "two-stage", "hybrid"] as const;

export const defaultMaxSteps = 8;

const nonEmpty = z.string().trim().min(1, "must not be empty");

const modelSetting = z.union([
  nonEmpty.describe("a model spec, e.g. openai:gpt-4.1-mini, ollama:llama3.1:8b, openai-compatible:http://host/v1#name, llama:default"),
  z
    .object({
      spec: nonEmpty.optional().describe("the model spec (default: $TOOLGATE_MODEL, else llama:default)"),
      threads: z.number().int().min(1).optional().describe("CPU threads for an embedded llama model"),
      contextSize: z.number().int().min(256).optional().describe("context window of an embedded llama model in tokens (default: 8192, capped at what the model was trained for); tools that do not fit are left out, best-ranked first kept"),
      maxOutputTokens: z.number().int().min(1).optional().describe("bound on generated tokens per model call (llama default: a quarter of the context, at most 1024; HTTP models: the provider's default)"),
    })
    .strict(),
]);

const routerSetting = z
  .object({
    name: z.enum(configRouterNames).describe("which tools the model sees per step; flat shows every tool"),
    embeddingModel: nonEmpty.optional().describe("for name: embedding, the embedding model spec"),
    examples: nonEmpty.optional().describe("a JSON file of example requests per tool (`toolgate route enrich` writes it)"),
  })
  .strict();

const principalSetting = z
  .object({
    id: nonEmpty.describe("who the run acts for; policy rules match on it"),
    roles: z.array(nonEmpty).optional().describe("roles of the principal"),
  })
  .strict();

const mcpServerSetting = z
  .object({
    name: nonEmpty.regex(/^[\w.-]+$/, "letters, digits, _ . - only").describe("names the server; becomes its tools' capability area and its pin file's name"),
    command: nonEmpty.optional().describe("a server to spawn and speak to over stdio"),
    args: z.array(z.string()).optional().describe("arguments of the command"),
    env: z.record(z.string(), z.string()).optional().describe("environment of the command"),
    url: nonEmpty.optional().describe("a streamable HTTP endpoint (instead of command)"),
    prefix: z.string().optional().describe("put before every imported tool's name, to keep servers' tools apart"),
    overrides: z
      .record(z.string(), z.object({ risk: z.enum(["read", "write", "privileged"]).optional(), trust: z.enum(["trusted", "untrusted"]).optional() }).strict())
      .optional()
      .describe("per tool (the server's name for it): risk and trust that win over the server's annotations"),
  })
  .strict()
  .refine((entry) => (entry.command === undefined) !== (entry.url === undefined), "give exactly one of command or url");

const storeUrl = nonEmpty.describe("sqlite:<file> or postgres://user@host/db?schema=name");

const gatewayLimitSetting = z
  .object({
    id: nonEmpty.describe("names the limit in the 429 and its counters"),
    measure: z.enum(["requests", "tokens"]).describe("requests per window (rate limit) or upstream-reported tokens per window (budget)"),
    max: z.number().int().min(1),
    windowSeconds: z.number().int().min(1),
    per: z.enum(["key", "principal"]).describe("one counter per API key, or one per principal across its keys"),
  })
  .strict();

const serveSetting = z
  .object({
    upstream: nonEmpty.optional().describe("guard mode's upstream: an OpenAI-compatible base URL, e.g. http://127.0.0.1:8080/v1"),
    upstreamKeyEnv: nonEmpty.optional().describe("environment variable holding the upstream's API key"),
    models: z.array(nonEmpty).optional().describe("model names clients may ask for in guard mode"),
    agents: z.array(nonEmpty).optional().describe("agents served as model `toolgate/<name>`: the governed loop runs server-side with this file's model, tools and policy"),
    host: nonEmpty.optional().describe("interface to listen on (default 127.0.0.1)"),
    port: z.number().int().min(0).max(65535).optional().describe("port (default 8787; 0: any free port)"),
    workers: z.number().int().min(1).optional().describe("processes sharing the port (node:cluster; default 1)"),
    keys: storeUrl.optional().describe("the API key store (default: sqlite:<dataDir>/keys.db)"),
    untrusted: z.array(nonEmpty).optional().describe("client tools whose results carry outside text (they taint later calls)"),
    allowRoles: z.array(nonEmpty).optional().describe("admit only keys with one of these roles"),
    repairRounds: z.number().int().min(0).optional().describe("rounds an invalid call goes back to the upstream (default 2)"),
    maxBodyBytes: z.number().int().min(1).optional().describe("largest request body (default 1 MiB)"),
    timeoutMs: z.number().int().min(1).optional().describe("per-request upstream timeout (default 60000)"),
    holdApprovals: z.number().min(0).optional().describe("seconds a request whose call needs approval is held for the decision (needs `approvals`; default 0: returned pending)"),
    limits: z.array(gatewayLimitSetting).optional().describe("rate limits and token budgets per key or principal, counted in limits.counters"),
  })
  .strict();

/** What toolgate.yaml may say. Every key is optional: an empty file is the built-in defaults. */
export const runtimeConfigSchema = z
  .object({
    model: modelSetting.optional().describe("the model (default: $TOOLGATE_MODEL, else llama:default)"),
    tools: nonEmpty.optional().describe("a .ts/.js/.mjs module exporting `tools` (and optionally `areas`, `systemPrompt`); default: the customer-service example"),
    system: z.string().optional().describe("the system prompt, replacing the one the tools provide"),
    dataDir: nonEmpty.optional().describe("where default stores and the example catalog live (default: $TOOLGATE_HOME, else .toolgate)"),
    router: routerSetting.optional(),
    policy: nonEmpty.optional().describe("a YAML policy file deciding every call (default: the built-in policy)"),
    profile: z.enum(["strict", "data-flow"]).optional().describe("the built-in policy's profile when no policy file is given: strict (default) or data-flow; a policy file names its own with `profile:`"),
    principal: principalSetting.optional(),
    taint: z.boolean().optional().describe("track values from untrusted tool results into later calls (default: true)"),
    spotlighting: z.enum(spotlightingModes).optional().describe("how untrusted tool results are marked before the model reads them (default: datamark)"),
    isolation: z
      .enum(isolationModes)
      .optional()
      .describe("run each tool call in a worker thread or a child process that loads the tools module itself and is stopped at the call's timeout, so even a busy loop ends; needs `tools` (default: off)"),
    audit: z.union([storeUrl, z.literal(false)]).optional().describe("the audit store, or false to record nothing (default: sqlite:<dataDir>/audit.db)"),
    approvals: z
      .union([storeUrl, z.literal(true)])
      .optional()
      .describe("park calls needing approval in this store and pause the run (true: sqlite:<dataDir>/approvals.db); absent: ask the approver given at run time"),
    limits: z
      .object({
        maxSteps: z.number().int().min(1).optional().describe(`model calls per run at most (default: ${defaultMaxSteps})`),
        counters: storeUrl.optional().describe("where a policy's rate limits and budgets count (default: sqlite:<dataDir>/limits.db)"),
      })
      .strict()
      .optional(),
    pins: nonEmpty.optional().describe("deny calls to tools whose definition differs from this pin file (`toolgate tools pin` writes it)"),
    mcp: z
      .array(mcpServerSetting)
      .optional()
      .describe("external MCP servers whose tools join the catalog under the gate: scanned, pinned on first import (<dataDir>/mcp-pins/<name>.json), a changed definition denied until re-approved"),
    capture: storeUrl
      .optional()
      .describe("keep each run's content (messages sent and returned, tools shown; sensitive values masked) in this store, for fine-tuning data (`toolgate dataset import --format trace`); off by default"),
    serve: serveSetting.optional().describe("the gateway (`toolgate serve --config`): upstream, models, keys, limits, held approvals, agents"),
  })
  .strict();

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

/** The JSON Schema editors validate toolgate.yaml against (docs/toolgate.schema.json is this, checked in). */
export function runtimeConfigJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(runtimeConfigSchema, { target: "draft-2020-12" }),
    title: "toolgate runtime configuration (toolgate.yaml)",
  };
}
