// A gateway in a child process (for the kill -9 test): SQLite audit at the path given, reports its URL and a key over IPC.
import { startGateway } from "./gateway-fixture.js";

const [upstreamBaseUrl, auditPath, keysPath] = process.argv.slice(2) as [string, string, string];
const gateway = await startGateway(upstreamBaseUrl, {}, { audit: `sqlite:${auditPath}`, keys: `sqlite:${keysPath}` });
const { key } = await gateway.keys.create({ id: "crash-test", roles: ["user"] });
process.send!({ baseUrl: gateway.baseUrl, key });
