// Runs the toolgate CLI from source (spawned with `node --import tsx`), so tests need no build.
import { main } from "../../cli/main.js";

process.exitCode = await main(process.argv.slice(2));
