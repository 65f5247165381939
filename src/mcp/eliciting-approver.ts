// Approvals for MCP calls: each pending call is recorded in the approval store, then — when the connected client
// declares the `elicitation` capability — the person at that client is asked (MCP `elicitation/create`). Their answer
// becomes a signed grant in the store, exactly as `toolgate approvals approve|deny` writes it, and the gate honours only
// that grant. A client without elicitation gets the pending approval back as a clear tool error.
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import type { AuditVerifier } from "../audit/index.js";
import type { ApprovalRequest, ApprovalStore, Approver, StoreApprovalDecision } from "../policy/index.js";
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

  const ask = async (connection: Connection, request: ApprovalRequest, approvalId: string, signal: AbortSignal): Promise<ElicitResult | undefined> => {
    const rendered = renderApprovalView(approvalView(request));
    const message = `toolgate: approval ${approvalId} — ${rendered.text}\n\nApprove this exact call once, or deny it.`;
    try {
      return await connection.server.elicitInput({ mode: "form", message, requestedSchema: decisionSchema as never }, { signal, timeout: timeoutMs });
    } catch {
      // Timed out, cancelled or the client went away: the call stays pending in the store, where anyone may decide it.
      return undefined;
    }
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
      const answer = await ask(connection, request, pendingId, signal);
      if (answer === undefined || answer.action === "cancel") return first;
      const client = connection.server.getClientVersion()?.name ?? "mcp-client";
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
        if (decided?.status === "pending") return { ...first, reason: `${first.reason}; the answer from ${client} was not recorded: ${(error as Error).message}` };
      }
      // Read back through the store approver: it checks the grant's signature and binding, and consumes it once.
      return (await fromStore.requestApproval(request, signal)) as StoreApprovalDecision;
    },
  };
}
