// For MCP tests: a real SDK server over streamable HTTP (with sessions) whose forecast tool's description a test can
// change between runs (a rug pull), and which counts the calls that reached it.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";

export interface WeatherServer {
  url: string;
  state: { description: string; calls: string[] };
  close(): Promise<void>;
}

export async function startWeatherServer(): Promise<WeatherServer> {
  const state = { description: "Tomorrow's forecast for a city.", calls: [] as string[] };
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const newServer = () => {
    const server = new McpServer({ name: "weather", version: "1.0.0" });
    server.registerTool("get_forecast", { description: state.description, inputSchema: { city: z.string() }, annotations: { readOnlyHint: true, openWorldHint: false } }, ({ city }) => {
      state.calls.push(city);
      return { content: [{ type: "text", text: `sunny in ${city}` }] };
    });
    return server;
  };
  const http = createServer((req, res) => {
    void (async () => {
      const sessionId = req.headers["mcp-session-id"] as string | undefined;
      let body: unknown;
      if (req.method === "POST") {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      }
      let transport = sessionId ? sessions.get(sessionId) : undefined;
      if (!transport && req.method === "POST" && isInitializeRequest(body)) {
        const created = new StreamableHTTPServerTransport({ sessionIdGenerator: randomUUID, onsessioninitialized: (id) => void sessions.set(id, created) });
        await newServer().connect(created);
        transport = created;
      }
      if (!transport) return void res.writeHead(400).end("no session");
      await transport.handleRequest(req, res, body);
    })();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`,
    state,
    close: async () => {
      await Promise.all([...sessions.values()].map((transport) => transport.close()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
