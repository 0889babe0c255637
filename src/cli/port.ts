import net from "node:net";

/** Resolves when the port can be listened on; rejects with EADDRINUSE (or EACCES) otherwise. */
export function ensurePortFree(port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

export function explainListenError(error: NodeJS.ErrnoException, port: number, host: string): string {
  if (error.code === "EADDRINUSE") {
    return `Port ${port} on ${host} is already in use (is Neighbourhood Pulse already running?). ` +
      `Choose another port with PORT, for example: PORT=${port + 1} npm start`;
  }
  if (error.code === "EACCES") return `This user may not listen on port ${port}. Choose a port above 1023 with PORT.`;
  return `Cannot listen on ${host}:${port}: ${error.message}`;
}
