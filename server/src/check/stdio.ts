// Output of `check` written straight to file descriptors 1 and 2. process.stdout and
// process.stderr are streams whose first use loads Node's stream and net modules (when the output
// is a pipe, as in CI), a cost every check process would pay for one write at its end.
import * as fs from 'node:fs';

const pause = new Int32Array(new SharedArrayBuffer(4));

function write(fd: 1 | 2, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(fd, buf, off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // The reader went away (`check ... | head`): nothing more to say to it.
      if (code === 'EPIPE') return;
      // A non-blocking pipe that is full (its reader is slower): wait a millisecond and go on.
      if (code === 'EAGAIN') {
        Atomics.wait(pause, 0, 0, 1);
        continue;
      }
      throw e;
    }
  }
}

export const writeOut = (text: string): void => write(1, text);
export const writeErr = (text: string): void => write(2, text);
