// `npm run test:load`: residents sending the survey concurrently to the production build on
// loopback, on PGlite, on PostgreSQL, and on two server processes sharing one PostgreSQL. Prints
// sent, acknowledged and stored for each, with throughput and latency, and fails if they differ
// or any acknowledged submission is missing. Then runs the fault and hostile-input suites in full.
//   npm run test:load -- --clients 200 --seconds 60 [--only pglite|postgres|two-processes] [--no-suites]
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { runLoadTargets } from "./load-targets";

const { values } = parseArgs({
  options: {
    clients: { type: "string", default: process.env.LOAD_CLIENTS ?? "200" },
    seconds: { type: "string", default: process.env.LOAD_SECONDS ?? "60" },
    only: { type: "string", multiple: true },
    "no-suites": { type: "boolean", default: false },
  },
});
const clients = Number(values.clients);
const seconds = Number(values.seconds);
if (!(clients >= 1 && clients <= 1000) || !(seconds > 0 && seconds <= 600)) {
  console.error("--clients must be 1 to 1000 and --seconds more than 0 and at most 600");
  process.exit(2);
}

console.log(`Load test: ${clients} concurrent residents for ${seconds} s against each target, production build on 127.0.0.1.`);
const outcomes = await runLoadTargets({ clients, seconds, only: values.only, log: console.log });
let ok = outcomes.length > 0 && outcomes.every((o) => o.ok);

if (!values["no-suites"]) {
  console.log("\nFault and hostile-input suites, full size (PROOF_FULL=1)");
  const result = spawnSync(process.execPath, ["node_modules/vitest/vitest.mjs", "run", "--config", "tests/vitest.config.ts", "--project", "server"], {
    stdio: "inherit",
    env: { ...process.env, PROOF_FULL: "1", ASTRO_TELEMETRY_DISABLED: "1" },
  });
  ok &&= result.status === 0;
}
console.log(ok ? "\nLoad test passed: every acknowledged submission is stored." : "\nLoad test FAILED (see above).");
process.exit(ok ? 0 : 1);
