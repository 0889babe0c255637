import http, { type IncomingMessage, type ServerResponse } from "node:http";
import compression from "compression";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Serves the built site's request handler with gzip: the adapter sends pages and stylesheets
 * uncompressed, and a resident on a weak phone signal should not wait for 130 KB of CSS.
 */
export function serve(handler: Handler, port: number, host: string): Promise<{ server: http.Server; stop(): Promise<void> }> {
  const compress = compression({ threshold: 1024 });
  const server = http.createServer((req, res) => compress(req as never, res as never, () => handler(req, res)));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve({
        server,
        stop: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
