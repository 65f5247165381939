// `toolgate ui`: the stores it opens from URLs (signing with the deployment key file it creates beside them), the app
// it mounts at /ui, and a clear usage error for a bad port.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "./main.js";
import { capturedIo } from "./test-support/captured-io.js";
import { dashboardOver, openDashboardStores } from "./ui-command.js";

const dir = mkdtempSync(join(tmpdir(), "toolgate-ui-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("toolgate ui", () => {
  it("opens the stores from URLs and serves the dashboard at /ui behind sign-in", async () => {
    const io = capturedIo({ cwd: dir });
    const stores = await openDashboardStores({ audit: `sqlite:${join(dir, "audit.db")}`, approvals: `sqlite:${join(dir, "approvals.db")}`, keys: `sqlite:${join(dir, "keys.db")}`, dataDir: join(dir, "data") }, io);
    try {
      expect(existsSync(join(dir, "data", "dashboard.db"))).toBe(true);
      const { key } = await stores.keys.create({ id: "ada", roles: ["admin"] });
      const app = new Hono();
      app.route("/ui", await dashboardOver(stores));
      const anonymous = await app.request("/ui/", { headers: { accept: "text/html" } });
      expect(anonymous.status).toBe(303);
      expect(anonymous.headers.get("location")).toBe("/ui/sign-in");
      const form = await app.request("/ui/sign-in");
      const token = /name="_signin" value="([^"]+)"/.exec(await form.text())![1]!;
      const signedIn = await app.request("/ui/sign-in", { method: "POST", body: new URLSearchParams({ _signin: token, key }), headers: { "content-type": "application/x-www-form-urlencoded", cookie: `toolgate_signin=${token}` } });
      expect(signedIn.headers.get("location")).toBe("/ui/overview");
      const session = signedIn.headers.getSetCookie().find((line) => line.startsWith("toolgate_session="))!.split(";")[0]!;
      expect(session).toMatch(/^toolgate_session=.{20,}/);
      const root = await app.request("/ui/", { headers: { cookie: session, accept: "text/html" } });
      expect(root.headers.get("location")).toBe("/ui/overview");
      const audit = await app.request("/ui/audit", { headers: { cookie: session, accept: "text/html" } });
      expect(audit.status).toBe(200);
      expect(await audit.text()).toContain(stores.audit.url);
    } finally {
      await stores.close();
    }
  });

  it("refuses a port that is not one, before opening anything", async () => {
    const io = capturedIo({ cwd: dir });
    expect(await main(["ui", "--port", "70000", "--data-dir", join(dir, "nothing")], io)).toBe(2);
    expect(io.err()).toContain("--port 70000: use a port number from 0 to 65535");
    expect(existsSync(join(dir, "nothing"))).toBe(false);
  });
});
