import { spawn, type ChildProcess } from "node:child_process";

/**
 * The production server (`src/cli/start.ts`, serving the built site) as a child process, for the
 * load test, the benchmarks and the server-level tests.
 *
 * It runs in this Node with tsx as a loader, not through tsx's command-line wrapper: the wrapper
 * runs the script in a grandchild, which a SIGKILL of the wrapper would leave running and holding
 * the port and the PGlite data folder.
 */
export type ServerProcess = {
  base: string;
  port: number;
  child: ChildProcess;
  /** Everything the server printed so far, stdout and stderr together. */
  output(): string;
  /** SIGINT, as Ctrl+C: the server closes its database cleanly. */
  stop(): Promise<void>;
  /** SIGKILL: nothing is flushed or closed. */
  kill(): Promise<void>;
};

export async function startServer(port: number, env: Record<string, string>, options: { readyWithinMs?: number } = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/start.ts"], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(name);
    const late = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(late);
  };
  const server: ServerProcess = {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    output: () => output,
    stop: () => signal("SIGINT"),
    kill: () => signal("SIGKILL"),
  };
  const deadline = performance.now() + (options.readyWithinMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server on port ${port} exited with ${child.exitCode} before answering:\n${output}`);
    if (performance.now() > deadline) {
      await server.kill();
      throw new Error(`The server on port ${port} did not answer /healthz in time:\n${output}`);
    }
    // Ready means the server answers; it is "ok" once its database answers too.
    const answered = await fetch(`${server.base}/healthz`).then((r) => r.status === 200, () => false);
    if (answered) return server;
    await new Promise((r) => setTimeout(r, 50));
  }
}
