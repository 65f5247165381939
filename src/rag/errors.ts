// Errors of the rag room, each saying which file or setting is at fault.
export class IngestError extends Error {
  override name = "IngestError";
}

export class RagStoreError extends Error {
  override name = "RagStoreError";
}
