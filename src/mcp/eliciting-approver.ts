// Approvals for MCP calls: each pending call is recorded in the approval store, then — when the connected client
// declares the `elicitation` capability — the person at that client is asked (MCP `elicitation/create`). Their answer
// becomes a signed grant in the store, exactly as `toolgate approvals approve|deny` writes it, and the gate honours only
// that grant. A client without elicitation gets the pending approval back as a clear tool error.
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import type { AuditVerifier } from "../audit/index.js";
import type { ApprovalAsk, ApprovalRequest, ApprovalStore, Approver, StoreApprovalDecision } from "../policy/index.js";
import { approvalView, renderApprovalView, storeApprover } from "../policy/index.js";
import type { Principal } from "../record/index.js";

export interface ElicitingApproverOptions {
  store: ApprovalStore;
  /** Trusts the deployment key the store signs grants with. */
  verifier: AuditVerifier;
  /** How long the person has to answer before the call is left pending (default 10 minutes). */
  timeoutMs?: number;
}

/** What one MCP connection lends the approver: its server (to elicit through) and who its person is. */
interface Connection {
  server: Server;
  person?: Principal;
}

export interface ElicitingApprover extends Approver {
  /** Binds a connection's trace (one MCP session) to its server, so that session's approvals are asked of its client. */
  attach(traceId: string, server: Server, person?: Principal): () => void;
}

const decisionSchema = {
  type: "object",
  properties: {
    decision: { type: "string", title: "Decision", enum: ["approve", "deny"], description: "approve runs this exact call once; deny tells the model no" },
    reason: { type: "string", title: "Reason", description: "why (shown to the model on a denial, kept in the signed grant)" },
  },
  required: ["decision"],
} as const;

export function elicitingApprover(options: ElicitingApproverOptions): ElicitingApprover {
  const fromStore = storeApprover({ store: options.store, verifier: options.verifier });
  const connections = new Map<string, Connection>();
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;

  // The ask is noted in the store before and after, so the approvals queue (dashboard, CLI) shows that the person at
  // the client is being asked, or was and gave no answer.
  const ask = async (connection: Connection, request: ApprovalRequest, approvalId: string, client: string, signal: AbortSignal): Promise<{ answer: ElicitResult | undefined; asked: ApprovalAsk }> => {
    const rendered = renderApprovalView(approvalView(request));
    const message = `toolgate: approval ${approvalId} — ${rendered.text}\n\nApprove this exact call once, or deny it.`;
    const asked: ApprovalAsk = { via: "mcp-elicitation", client, ...(connection.person ? { person: connection.person.id } : {}), at: new Date().toISOString(), outcome: "waiting" };
    await options.store.noteAsk(approvalId, asked);
    let answer: ElicitResult | undefined;
    let unanswered = "cancelled at the client";
    try {
      answer = await connection.server.elicitInput({ mode: "form", message, requestedSchema: decisionSchema as never }, { signal, timeout: timeoutMs });
    } catch (error) {
      // Timed out, cancelled or the client went away: the call stays pending in the store, where anyone may decide it.
      unanswered = (error as Error).message;
    }
    const answered = answer !== undefined && answer.action !== "cancel";
    const settled: ApprovalAsk = { ...asked, outcome: answered ? "answered" : "unanswered", ...(answered ? {} : { detail: unanswered }) };
    await options.store.noteAsk(approvalId, settled);
    return { answer, asked: settled };
  };

  return {
    attach(traceId, server, person) {
      connections.set(traceId, { server, ...(person ? { person } : {}) });
      return () => void connections.delete(traceId);
    },
    async requestApproval(request, signal): Promise<StoreApprovalDecision> {
      const first = (await fromStore.requestApproval(request, signal)) as StoreApprovalDecision;
      const pendingId = first.approved ? undefined : first.pendingApprovalId;
      const connection = connections.get(request.traceId);
      if (pendingId === undefined || !connection?.server.getClientCapabilities()?.elicitation?.form) return first;
      const client = connection.server.getClientVersion()?.name ?? "mcp-client";
      const { answer, asked } = await ask(connection, request, pendingId, client, signal);
      if (answer === undefined || answer.action === "cancel") return first;
      // The signed grant names the person the client acts for (mcp serve --principal), else the client itself.
      const approver = connection.person?.id ?? `mcp:${client}`;
      const content = answer.content ?? {};
      const reasonGiven = typeof content.reason === "string" && content.reason.trim() !== "" ? content.reason.trim() : undefined;
      try {
        if (answer.action === "accept" && content.decision === "approve") {
          await options.store.approve(pendingId, { approver, roles: connection.person?.roles ?? [], reason: reasonGiven ?? `approved at the MCP client ${client}` });
        } else {
          await options.store.deny(pendingId, { approver, reason: reasonGiven ?? (answer.action === "decline" ? `declined at the MCP client ${client}` : `denied at the MCP client ${client}`) });
        }
      } catch (error) {
        // E.g. the policy wants an approver role this person lacks, or someone decided it meanwhile: say so, stay governed.
        const decided = await options.store.get(pendingId);
        if (decided?.status === "pending") {
          await options.store.noteAsk(pendingId, { ...asked, detail: `the answer was not recorded: ${(error as Error).message}` });
          return { ...first, reason: `${first.reason}; the answer from ${client} was not recorded: ${(error as Error).message}` };
        }
      }
      // Read back through the store approver: it checks the grant's signature and binding, and consumes it once.
      return (await fromStore.requestApproval(request, signal)) as StoreApprovalDecision;
    },
  };
}
