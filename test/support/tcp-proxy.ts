import { AddressInfo, createServer, Server, Socket } from 'node:net';

/**
 * A loopback proxy a test can cut, to see how the app behaves when a server disappears. For the
 * phone's "network off" (SPEC §12: Playwright's offline mode does not reach service workers) it can
 * also come back (`restore`), lose an answer (`loseNextAnswerTo(text)`: the next request whose bytes
 * hold `text` reaches the server, then its connection is reset as the answer starts back, so the
 * server did the work and the client never hears of it), and tell the test of a request on its way
 * (`onNextRequest`), for a test that kills the server then.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private server?: Server;
  private refusing = false;
  private losing?: string;
  private watching?: { text: string; seen: () => void };

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    // The server's close waits for its open connections to end: they go first.
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  /** Resets every open connection and every new one until `restore()`; the port stays taken. */
  interrupt(): void {
    this.refusing = true;
    for (const socket of this.sockets) socket.resetAndDestroy();
  }

  restore(): void {
    this.refusing = false;
  }

  loseNextAnswerTo(text: string): void {
    this.losing = text;
  }

  /** `seen` runs once, right after the next request holding `text` was passed on to the server. */
  onNextRequest(text: string, seen: () => void): void {
    this.watching = { text, seen };
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
    client.on('data', (bytes: Buffer) => {
      if (this.losing && bytes.includes(this.losing)) {
        this.losing = undefined;
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
