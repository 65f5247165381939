// A gateway in a child process (for the kill -9 test): SQLite audit at the path given (and durability, when given), reports its
// URL and a key over IPC.
import { startGateway } from "./gateway-fixture.js";

const [upstreamBaseUrl, auditPath, keysPath, durability] = process.argv.slice(2) as [string, string, string, "power-loss" | "process-crash" | undefined];
const gateway = await startGateway(upstreamBaseUrl, {}, { audit: `sqlite:${auditPath}`, keys: `sqlite:${keysPath}`, ...(durability ? { durability } : {}) });
const { key } = await gateway.keys.create({ id: "crash-test", roles: ["user"] });
process.send!({ baseUrl: gateway.baseUrl, key });
