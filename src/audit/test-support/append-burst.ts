// A child process for the crash and concurrency tests: appends a burst to a store and prints each acknowledged seq.
// Usage: node --import tsx append-burst.ts <store-url> <writer> <count> <concurrency>   (key: TOOLGATE_TEST_AUDIT_SECRET)
import { openAuditStore } from "../open-store.js";
import { createAuditSigner } from "../signer.js";

const [url, writer, countText, concurrencyText] = process.argv.slice(2);
const secret = process.env.TOOLGATE_TEST_AUDIT_SECRET;
if (!url || !writer || !countText || !concurrencyText || !secret) {
  process.stderr.write("usage: append-burst <store-url> <writer> <count> <concurrency> (TOOLGATE_TEST_AUDIT_SECRET set)\n");
  process.exit(2);
}
const count = Number(countText);
const concurrency = Number(concurrencyText);
const store = await openAuditStore(url, { signer: createAuditSigner({ hmacSecret: secret }), checkpointEvery: 50 });
process.stdout.write("ready\n");

let next = 0;
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const index = next++;
      const [event] = await store.append([
        { type: "call.executed", traceId: `${writer}-trace`, callId: `${writer}-${index}`, at: new Date().toISOString(), data: { writer, index, status: "succeeded" } },
      ]);
      // Printed only after append resolved, i.e. after the batch's transaction committed.
      process.stdout.write(`ack ${event!.seq} ${event!.hash} ${writer} ${index}\n`);
    }
  }),
);
await store.close();
process.stdout.write("done\n");
