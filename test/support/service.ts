// A server program the tests start on loopback (Prometheus, node_exporter, VictoriaMetrics): its
// stderr kept for error messages, a stop that waits for the exit, and polling until it is ready.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Service {
  readonly child: ChildProcess;
  /** The last 4,000 characters the program wrote to stderr. */
  log(): string;
  /** SIGTERM unless it has already ended; resolves when it has. */
  stop(): Promise<void>;
}

export function spawnService(command: string, args: string[]): Service {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => {
    log = (log + b.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    log: () => log,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Asks `probe` every `everyMs` until it says yes ('ready'), the program ends ('exited') or the
 * time is up ('timeout'). A probe that throws (not listening yet) counts as no.
 */
export async function pollService(service: Service, probe: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<'ready' | 'exited' | 'timeout'> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) return 'exited';
    try {
      if (await probe()) return 'ready';
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) return 'timeout';
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
