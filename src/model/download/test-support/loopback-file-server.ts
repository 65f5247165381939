// Test support: a loopback HTTP server that serves one file with Range support and can cut a response short on purpose.
import { readFile } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackFileServer {
  url: string;
  /** Request headers, one entry per request, in order. */
  requests: IncomingHttpHeaders[];
  /** When set, the next full or ranged response is destroyed after this many body bytes (then cleared). */
  cutNextResponseAfter?: number;
  /** When true, Range headers are ignored and the whole file is sent with 200. */
  ignoreRange: boolean;
  close(): Promise<void>;
}

export async function startLoopbackFileServer(filePath: string, urlPath = "/model.gguf"): Promise<LoopbackFileServer> {
  const body = await readFile(filePath);
  const state: LoopbackFileServer = {
    url: "",
    requests: [],
    ignoreRange: false,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((request, response) => {
    state.requests.push(request.headers);
    if (request.url !== urlPath) {
      response.writeHead(404).end();
      return;
    }
    const range = state.ignoreRange ? undefined : /^bytes=(\d+)-$/.exec(request.headers.range ?? "");
    let start = 0;
    if (range) {
      start = Number(range[1]);
      if (start >= body.length) {
        response.writeHead(416, { "Content-Range": `bytes */${body.length}` }).end();
        return;
      }
      response.writeHead(206, {
        "Content-Length": body.length - start,
        "Content-Range": `bytes ${start}-${body.length - 1}/${body.length}`,
        "Accept-Ranges": "bytes",
      });
    } else {
      response.writeHead(200, { "Content-Length": body.length, "Accept-Ranges": "bytes" });
    }
    const cut = state.cutNextResponseAfter;
    state.cutNextResponseAfter = undefined;
    if (cut === undefined) {
      response.end(body.subarray(start));
      return;
    }
    // Send part of the body, let it reach the client, then drop the connection mid-transfer.
    response.write(body.subarray(start, start + cut), () => setTimeout(() => response.socket?.destroy(), 20));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${urlPath}`;
  return state;
}

/** A loopback URL nothing listens on: a port that was just bound and released. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/model.gguf`;
}
