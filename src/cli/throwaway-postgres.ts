import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const POSTGRES_BIN = process.env.PGBIN ?? "/usr/lib/postgresql/15/bin";

export const hasPostgresServer = () => existsSync(`${POSTGRES_BIN}/initdb`);

/**
 * A PostgreSQL 15 cluster of our own on loopback (`.ci/pg-throwaway.sh`), for a command or test
 * that must restart it, or that has no DATABASE_URL. Its data is deleted when it stops.
 */
export function startThrowawayPostgres(port: number): { url: string; dataDir: string; pause(): void; resume(): void; stop(): void } {
  const env = { ...process.env, PGPORT: String(port) };
  const dataDir = `/tmp/np-pg-throwaway-${port}`;
  const started = spawnSync("bash", [".ci/pg-throwaway.sh", "start"], { env, encoding: "utf8" });
  if (started.status !== 0) throw new Error(`Could not start a throwaway PostgreSQL on port ${port}: ${started.stderr}`);
  const url = started.stdout.trim().replace(/^DATABASE_URL=/, "");
  const asPostgres = (command: string[]) => (process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--", ...command] : command);
  const pgCtl = (...args: string[]) => {
    const command = asPostgres([`${POSTGRES_BIN}/pg_ctl`, "-D", dataDir, "-w", "-t", "30", ...args]);
    const result = spawnSync(command[0]!, command.slice(1), { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`pg_ctl ${args.join(" ")} failed: ${result.stderr || result.stdout}`);
  };
  return {
    url,
    dataDir,
    /** Stops the server (fast shutdown: connections are cut), keeping its data. */
    pause: () => pgCtl("stop", "-m", "fast"),
    /** Starts it again on the same port, as .ci/pg-throwaway.sh did. */
    resume: () => pgCtl("start", "-l", `${dataDir}/server.log`, "-o", `-p ${port} -c listen_addresses=127.0.0.1 -k ${dataDir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`),
    stop() {
      spawnSync("bash", [".ci/pg-throwaway.sh", "stop"], { env });
    },
  };
}
