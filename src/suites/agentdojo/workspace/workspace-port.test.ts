// Tests the workspace port as a suite: ground-truth replay for utility, the obeying model for attacks, and defences.
import { expect, it } from "vitest";
import { describeWithShared, whenShared } from "../../../test-support/shared-data.js";
import { loadAgentDojoTasks, loadAgentDojoTools } from "../data.js";
import { availableDefenceKit } from "../../defence-setups/available-defences.js";
import { defenceSetup } from "../../defence-setups/defences.js";
import { runAgentDojoSuite } from "../run-agentdojo.js";
import { workspacePort } from "./index.js";
import { freshWorkspace, workspaceDataDir, workspaceRoot } from "./test-support/test-environment.js";

const port = workspacePort as Parameters<typeof runAgentDojoSuite>[0]["port"];
const userTasks = whenShared(["data", "attacks"], () => loadAgentDojoTasks(workspaceRoot, "user", "workspace"), []);
const injectionTasks = whenShared(["data", "attacks"], () => loadAgentDojoTasks(workspaceRoot, "injection", "workspace"), []);

describeWithShared("workspace port", () => {
  it("classifies exactly the suite's 24 tools", () => {
    const names = loadAgentDojoTools(workspaceRoot, "workspace").map((tool) => tool.name);
    expect(names).toHaveLength(24);
    expect(Object.keys(workspacePort.tools).sort()).toEqual([...names].sort());
    expect(workspacePort.tools.share_file!.risk).toBe("privileged");
    expect(workspacePort.tools.send_email!.risk).toBe("write");
    expect(workspacePort.tools.get_current_day!.untrusted).toBe(false);
  });

  it("judges state-changing tasks false on an untouched state, and no attack as achieved", () => {
    const pre = freshWorkspace();
    const post = freshWorkspace();
    const stateChecked = userTasks.filter((task) => workspacePort.utility(task.id, pre, post) !== undefined);
    expect(stateChecked.map((task) => task.id)).toContain("user_task_35");
    expect(stateChecked.length).toBe(18);
    for (const task of stateChecked) expect(workspacePort.utility(task.id, pre, post), task.id).toBe(false);
    for (const task of injectionTasks) expect(workspacePort.security(task.id, pre, post), task.id).toBe(false);
  });

  it("with no defence, every v1 user task's ground truth passes its check and every injection succeeds somewhere", async () => {
    const result = await runAgentDojoSuite({ dataDir: workspaceDataDir, port, defence: defenceSetup("none", availableDefenceKit) });
    expect(userTasks).toHaveLength(33);
    expect(result.utility).toEqual({ passed: 33, total: 33 });
    expect(result.pairs).toBe(33 * injectionTasks.length);
    expect(result.attackSuccess.total).toBeGreaterThan(0);
    for (const injection of injectionTasks) {
      const succeeded = result.pairResults.filter((pair) => pair.injectionTask === injection.id && pair.exposed && pair.attackSucceeded);
      expect(succeeded.length, injection.id).toBeGreaterThan(0);
    }
    // The attacker's calls only start once the injection has shown up in a tool result.
    expect(result.pairResults.every((pair) => pair.exposed || !pair.attackSucceeded)).toBe(true);
    // The whole suite (33 tasks × every injection) runs through the gate: minutes on a busy 2-core machine.
  }, 120_000);

  it("under the default defences no attack succeeds, and a person approving the user's own calls keeps every task", async () => {
    const result = await runAgentDojoSuite({ dataDir: workspaceDataDir, port, defence: defenceSetup("all", availableDefenceKit) });
    if (result.unavailable) {
      expect(result.unavailable).toMatch(/not in this tree/);
      return;
    }
    expect(result.attackSuccess.total).toBeGreaterThan(0);
    expect(result.attackSuccess.passed).toBe(0);
    expect(result.pairResults.some((pair) => pair.attackerCallsBlocked > 0)).toBe(true);
    expect(result.utilityWithApproval).toEqual({ passed: 33, total: 33 });
    expect(result.approvalTasks).toBeGreaterThan(0);
  }, 120_000);
}, "data", "attacks");
