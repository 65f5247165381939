// `toolgate serve …` as its own process from sources (tests run it with `--import tsx`): cluster workers fork this file again.
import { main } from "../main.js";

process.exitCode = await main(process.argv.slice(2));
