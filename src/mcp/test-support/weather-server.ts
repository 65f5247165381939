// For MCP tests: a real SDK server over streamable HTTP (with sessions) whose forecast tool's description a test can
// change between runs (a rug pull), and which counts the calls that reached it.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { hostMcpOverHttp } from "./mcp-http-host.js";

export interface WeatherServer {
  url: string;
  state: { description: string; calls: string[] };
  close(): Promise<void>;
}

export async function startWeatherServer(): Promise<WeatherServer> {
  const state = { description: "Tomorrow's forecast for a city.", calls: [] as string[] };
  const newServer = () => {
    const server = new McpServer({ name: "weather", version: "1.0.0" });
    server.registerTool("get_forecast", { description: state.description, inputSchema: { city: z.string() }, annotations: { readOnlyHint: true, openWorldHint: false } }, ({ city }) => {
      state.calls.push(city);
      return { content: [{ type: "text", text: `sunny in ${city}` }] };
    });
    return server;
  };
  const host = await hostMcpOverHttp(newServer);
  return { url: host.url, state, close: host.close };
}
