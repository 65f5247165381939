// A new trace id: a UUIDv7 (RFC 9562), whose leading bits are the time it was made.
// Why not a random v4: the audit stores index events by (trace_id, seq). Random ids land each new trace on a random
// page of that index, so every commit rewrites one more page per request (4 KiB each in SQLite's WAL); ids that grow
// with time keep the inserts at the index's end. Measured on the gateway's audit file: ~4× less time per stored event.
import { v7 } from "uuid";

export function newTraceId(): string {
  return v7();
}
