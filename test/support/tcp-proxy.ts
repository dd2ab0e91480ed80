import { AddressInfo, createServer, Server, Socket } from 'node:net';
import { freePort } from './free-port';

/**
 * A loopback proxy a test can cut, to see how the app behaves when a server disappears: Redis for
 * the API and the worker (`forUrl`, `proxiedUrl`), or the API for the phone's "network off" (SPEC
 * §12: Playwright's offline mode does not reach service workers). `cut` closes its port and drops
 * every connection; `interrupt` keeps the port and resets every connection; `restore` brings it
 * back on the same port either way. It can also lose an answer (`loseNextAnswerTo(text)`: the next
 * request whose bytes hold `text` reaches the server, then its connection is reset as the answer
 * starts back, so the server did the work and the client never hears of it; a browser's own
 * resend of it is lost too), swallow a request
 * (`swallowNextRequestTo(text)`: it never reaches the server and no answer ever comes, as on a
 * network that holds the connection open), and tell the test of a request on its way
 * (`onNextRequest`), for a test that kills the server then.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private port = 0;
  private refusing = false;
  private losing?: string;
  private swallowing?: { text: string; swallowed: () => void };
  private watching?: { text: string; seen: () => void };

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** For a `redis://` (or any) URL: a proxy to its host and port (Redis's own when it names none). */
  static forUrl(url: string): TcpProxy {
    const parsed = new URL(url);
    return new TcpProxy(parsed.hostname, Number(parsed.port || 6379));
  }

  /** `url` with this proxy's address in place of the target's. */
  proxiedUrl(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** On `port`, else on a port of `freePort`'s, which no other suite of the run is handed meanwhile, even while cut. */
  async start(port?: number): Promise<number> {
    await this.listen(port ?? (await freePort()));
    return this.port;
  }

  /** Refuses new connections (the port is closed) and drops the open ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    // The server's close waits for its open connections to end: they go first.
    const closed = new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Resets every open connection and every new one until `restore()`; the port stays taken. */
  interrupt(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  /** Passes connections on again, listening again on the same port after a `cut`. */
  async restore(): Promise<void> {
    this.refusing = false;
    if (!this.server) await this.listen(this.port);
  }

  loseNextAnswerTo(text: string): void {
    this.losing = text;
  }

  /** `swallowed` runs once the request is held, for a test that goes on only once it is. */
  swallowNextRequestTo(text: string, swallowed: () => void = () => undefined): void {
    this.swallowing = { text, swallowed };
  }

  /** `seen` runs once, right after the next request holding `text` was passed on to the server. */
  onNextRequest(text: string, seen: () => void): void {
    this.watching = { text, seen };
  }

  private async listen(port: number): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
  }

  private accept(client: Socket): void {
    if (this.refusing) return void client.resetAndDestroy();
    const upstream = new Socket();
    upstream.connect(this.targetPort, this.targetHost);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    let answerLost = false;
    let swallowed = false;
    /** Whether an answer came back on this connection before: a browser reusing it resends a request it loses. */
    let reused = false;
    client.on('data', (bytes: Buffer) => {
      const swallowing = this.swallowing;
      if (swallowing && bytes.includes(swallowing.text)) {
        this.swallowing = undefined;
        swallowed = true;
        swallowing.swallowed();
      }
      // Held open and never passed on: the connection stays silent until the client gives up.
      if (swallowed) return;
      if (this.losing && bytes.includes(this.losing)) {
        // Chromium sends a request again by itself when a connection it reused is reset before the
        // answer (a keep-alive connection the server had closed looks the same): that resend, on a
        // fresh connection, is lost too, so the page does hear of the loss.
        if (!reused) this.losing = undefined;
        answerLost = true;
      }
      upstream.write(bytes);
      const watching = this.watching;
      if (watching && bytes.includes(watching.text)) {
        this.watching = undefined;
        watching.seen();
      }
    });
    upstream.on('data', (bytes: Buffer) => {
      reused = true;
      if (!answerLost) return void client.write(bytes);
      client.resetAndDestroy();
      upstream.destroy();
    });
    // A server that dies (SIGKILL) resets its connections; the client must hear of it as it would without us.
    client.on('end', () => upstream.end());
    upstream.on('close', (hadError) => (hadError ? client.resetAndDestroy() : client.end()));
    client.on('close', () => upstream.destroy());
  }
}
