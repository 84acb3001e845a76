// Terminals for the benches that drive a screen (take, host session): an 80x24 pty
// running node with a clean environment, and a wait for what it draws.
import pty from 'node-pty';
import { cleanEnv, root } from './lib.mjs';

/** Node in an 80x24 xterm-256color pty, with the bench's clean environment plus `env`. */
export function spawnPty(args, env = {}) {
  return pty.spawn(process.execPath, args, { name: 'xterm-256color', cols: 80, rows: 24, cwd: root, env: cleanEnv({ TERM: 'xterm-256color', ...env }) });
}

/** Resolves with ms from `since` when the output seen so far matches `pattern`. */
export function waitFor(child, pattern, since, timeoutMs = 15_000) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${pattern}; saw ${JSON.stringify(seen.slice(-400))}`));
    }, timeoutMs);
    const sub = child.onData((data) => {
      seen += data;
      if (pattern.test(seen)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(performance.now() - since);
      }
    });
  });
}
