// Runs append-burst.ts in a child process and collects what it acknowledged, for crash and concurrency tests.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = fileURLToPath(new URL("./append-burst.ts", import.meta.url));
const projectRoot = fileURLToPath(new URL("../../../", import.meta.url));

interface Ack {
  seq: number;
  hash: string;
  writer: string;
  index: number;
}

export interface ChildWriter {
  child: ChildProcess;
  acks: Ack[];
  stderr: () => string;
  /** Resolves with the exit code, or the signal that ended it. */
  exited: Promise<number | string>;
  /** Resolves once at least `count` appends are acknowledged. */
  acknowledged(count: number): Promise<void>;
}

export const childSecret = "toolgate-crash-test-secret-0123456789";

export function startChildWriter(url: string, writer: string, count: number, concurrency: number): ChildWriter {
  const child = spawn(process.execPath, ["--import", "tsx", script, url, writer, String(count), String(concurrency)], {
    cwd: projectRoot,
    env: { ...process.env, TOOLGATE_TEST_AUDIT_SECRET: childSecret },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const acks: Ack[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let buffered = "";
  let errors = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) {
      const [word, seq, hash, who, index] = line.split(" ");
      if (word === "ack") acks.push({ seq: Number(seq), hash: hash!, writer: who!, index: Number(index) });
    }
    for (const waiter of [...waiters]) {
      if (acks.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => (errors += chunk));
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  return {
    child,
    acks,
    stderr: () => errors,
    exited,
    acknowledged: (needed) =>
      new Promise<void>((resolve, reject) => {
        if (acks.length >= needed) return resolve();
        waiters.push({ count: needed, resolve });
        void exited.then((how) => reject(new Error(`writer ${writer} exited (${how}) after ${acks.length} acks: ${errors}`)));
      }),
  };
}
