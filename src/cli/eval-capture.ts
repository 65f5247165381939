// `eval run --capture <url> --audit <url>`: every case run is recorded to an audit trail and its content captured,
// and each captured run is marked with its case and whether the case passed, so `dataset import --format trace
// --eval-passed` can keep only what the eval judged right. The result cache works alongside: a cached case is reused
// only when this capture store already holds its run (by case id and model); any other case runs again to be captured.
import { auditRecorder, AuditConfigError, defaultAuditKeyPath, openAuditStore, resolveAuditKey } from "../audit/index.js";
import { captureSink, CaptureStoreError, combineRunSinks, openCaptureStore } from "../capture/index.js";
import type { RunEvalSuiteOptions } from "../eval/index.js";
import type { RunSink } from "../record/index.js";
import { usageError } from "./cli-error.js";

export interface EvalCapture {
  recorder: NonNullable<RunEvalSuiteOptions["recorder"]>;
  captureUrl: string;
  auditUrl: string;
  close(): Promise<void>;
}

export async function openEvalCapture(captureUrl: string, auditUrl: string | undefined, where: { cwd: string; env: NodeJS.ProcessEnv }): Promise<EvalCapture> {
  if (auditUrl === undefined) throw usageError("--capture on eval run needs --audit <url> too: the trace importer keeps only runs whose gate decisions it can read in the audit trail");
  let keys;
  try {
    keys = {
      audit: resolveAuditKey({ env: where.env, keyPath: defaultAuditKeyPath(auditUrl, where.cwd), cwd: where.cwd, create: true }).signer,
      capture: resolveAuditKey({ env: where.env, keyPath: defaultAuditKeyPath(captureUrl, where.cwd), cwd: where.cwd, create: true }).signer,
    };
  } catch (error) {
    throw error instanceof AuditConfigError ? usageError(error.message, error) : error;
  }
  let capture;
  try {
    capture = await openCaptureStore(captureUrl, { cwd: where.cwd });
  } catch (error) {
    throw error instanceof CaptureStoreError ? usageError(`--capture: ${error.message}`, error) : error;
  }
  let audit;
  try {
    audit = await openAuditStore(auditUrl, { signer: keys.audit, cwd: where.cwd });
  } catch (error) {
    await capture.close();
    throw error instanceof AuditConfigError ? usageError(`--audit: ${error.message}`, error) : error;
  }
  const store = capture;
  const trail = audit;
  return {
    captureUrl: store.url,
    auditUrl: trail.url,
    recorder: (testCase) => {
      const traceIds: string[] = [];
      return {
        // With the result cache on, a cached case is answered from the cache only when its run is captured already.
        alreadyRecorded: (modelId) => store.hasEvalCase(testCase.id, modelId),
        sinkFor(registry): RunSink {
          const sink = combineRunSinks(auditRecorder(trail, { registry }), captureSink(store, { registry, redactionDigest: (value) => keys.capture.redactionDigest(value), source: "eval" }))!;
          return {
            ...sink,
            async runStarted(trace) {
              traceIds.push(trace.id);
              await sink.runStarted?.(trace);
            },
          };
        },
        async caseFinished(result) {
          for (const traceId of traceIds) await store.markEvalCase(traceId, { id: result.id, passed: result.status === "passed" });
        },
      };
    },
    close: async () => {
      await store.close();
      await trail.close();
    },
  };
}
