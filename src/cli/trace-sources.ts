// The two stores `dataset import --format trace` reads, opened read-only (nothing is created), errors as usage errors.
import type { AuditStore } from "../audit/index.js";
import { AuditConfigError, openAuditStore } from "../audit/index.js";
import type { CaptureStore } from "../capture/index.js";
import { CaptureStoreError, openCaptureStore } from "../capture/index.js";
import { usageError } from "./cli-error.js";

export async function openTraceSources(captureUrl: string, auditUrl: string, cwd: string): Promise<{ capture: CaptureStore; audit: AuditStore; close: () => Promise<void> }> {
  let capture: CaptureStore;
  try {
    capture = await openCaptureStore(captureUrl, { cwd, readOnly: true });
  } catch (error) {
    throw error instanceof CaptureStoreError ? usageError(`--capture: ${error.message}`, error) : error;
  }
  try {
    const audit = await openAuditStore(auditUrl, { cwd, readOnly: true });
    return {
      capture,
      audit,
      close: async () => {
        await capture.close();
        await audit.close();
      },
    };
  } catch (error) {
    await capture.close();
    throw error instanceof AuditConfigError ? usageError(`--audit: ${error.message}`, error) : error;
  }
}
