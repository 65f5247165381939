// Serves MCP servers over stdio (one client, the parent process) or streamable HTTP on a port (one server per MCP session).
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";

export async function serveMcpStdio(server: Server): Promise<{ closed: Promise<void> }> {
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once("end", () => resolve());
  });
  await server.connect(transport);
  return { closed };
}

export interface McpHttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:3000/mcp */
  url: string;
  /** Open MCP sessions (one server each). */
  readonly sessions: number;
  close(): Promise<void>;
}

export interface McpHttpOptions {
  port: number;
  host?: string;
  path?: string;
  /** A session nobody has used for this long is closed (default 30 minutes). */
  idleMs?: number;
  /** At most this many sessions at once; an initialize beyond it is answered 503 (default 1000). */
  maxSessions?: number;
}

const jsonRpcError = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }));
};

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

/**
 * Streamable HTTP with sessions: an `initialize` POST opens a session (its own server, so one MCP session is one trace,
 * and the server can ask that client something mid-call: elicitation); later requests carry `mcp-session-id`. GET opens
 * the session's server-to-client stream, DELETE ends the session. Idle sessions are closed.
 */
export async function serveMcpHttp(newServer: () => Server, options: McpHttpOptions): Promise<McpHttpServer> {
  const path = options.path ?? "/mcp";
  const idleMs = options.idleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 1000;
  const sessions = new Map<string, { transport: StreamableHTTPServerTransport; server: Server; lastUsed: number }>();
  const endSession = async (id: string) => {
    const session = sessions.get(id);
    if (!session) return;
    sessions.delete(id);
    await session.transport.close().catch(() => undefined);
    await session.server.close().catch(() => undefined);
  };
  const sweeper = setInterval(() => {
    const cutoff = Date.now() - idleMs;
    for (const [id, session] of sessions) if (session.lastUsed < cutoff) void endSession(id);
  }, Math.min(idleMs, 60_000));
  sweeper.unref();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`not found: the MCP endpoint is ${path}\n`);
      return;
    }
    if (req.method !== "POST" && req.method !== "GET" && req.method !== "DELETE") {
      jsonRpcError(res, 405, `Method not allowed: use POST (requests), GET (the session's stream) or DELETE (end the session) at ${path}`, { allow: "POST, GET, DELETE" });
      return;
    }
    let body: unknown;
    if (req.method === "POST") {
      try {
        body = await bodyOf(req);
      } catch (error) {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32700, message: `Parse error: ${(error as Error).message}` }, id: null }));
        return;
      }
    }
    const sessionId = req.headers["mcp-session-id"];
    const id = typeof sessionId === "string" ? sessionId : undefined;
    const known = id === undefined ? undefined : sessions.get(id);
    if (known) {
      known.lastUsed = Date.now();
      await known.transport.handleRequest(req, res, body);
      return;
    }
    if (id !== undefined) {
      jsonRpcError(res, 404, `no MCP session ${id} here (it ended or the server restarted): initialize a new one`);
      return;
    }
    if (req.method !== "POST" || !isInitializeRequest(body)) {
      jsonRpcError(res, 400, "no mcp-session-id header: the first request of a session must be initialize");
      return;
    }
    if (sessions.size >= maxSessions) {
      jsonRpcError(res, 503, `too many open MCP sessions (${maxSessions}); try again later`, { "retry-after": "5" });
      return;
    }
    const server = newServer();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (newId) => void sessions.set(newId, { transport, server, lastUsed: Date.now() }),
    });
    transport.onclose = () => {
      if (transport.sessionId !== undefined) sessions.delete(transport.sessionId);
      void server.close().catch(() => undefined);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const http = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32603, message: error instanceof Error ? error.message : String(error) }, id: null }));
    });
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port, host, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}${path}`,
    get sessions() {
      return sessions.size;
    },
    close: async () => {
      clearInterval(sweeper);
      await Promise.all([...sessions.keys()].map(endSession));
      await new Promise<void>((resolve, reject) => {
        http.closeAllConnections();
        http.close((error) => (error ? reject(error) : resolve()));
      });
    },
  };
}
