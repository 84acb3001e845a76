'use strict';
// V8's code cache for frontline's own CommonJS files (dist/cli/), kept between
// runs. Node 20 has no compile cache of its own, and Node 22's makes its cache
// right after compiling a file, before the functions that run later are
// compiled; this one is made when the process exits, so it holds those too:
// a small bank's `validate` starts in ~85% of the time it takes with Node's.
//
// Code compiled here cannot import() (Node 20 has no loader for it without an
// experimental flag): the launcher lends its own to main.cjs for take and preview.
//
// The cache only ever saves time: anything unexpected (no private folder, a
// cache for other bytes, one V8 rejects, a write that fails) falls back to
// compiling, as Node does.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/** The folder, made private to this user; undefined when that cannot be had. */
function privateFolder(dir) {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const info = fs.lstatSync(dir);
    // Code read from here runs as this user: refuse a folder that someone else owns or can write to.
    const ours = typeof process.getuid !== 'function' || info.uid === process.getuid();
    return info.isDirectory() && ours && (info.mode & 0o022) === 0 ? dir : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a cache entry must match: V8 itself only checks the source's length, so
 * a cache for other bytes of the same length would run the wrong code.
 */
function keyOf(filename) {
  const info = fs.statSync(filename);
  return `${filename}\n${info.size}\n${info.mtimeMs}\n${process.version}\n${process.arch}`;
}

/**
 * One entry per file and Node, replaced when the file changes. FNV-1a: node:crypto
 * would cost more to load than the cache saves on some commands.
 */
function nameOf(filename) {
  const text = `${filename}\n${process.version}\n${process.arch}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}.v8cache`;
}

/** An entry is a 4-byte key length, the key, then V8's cached data. */
function readEntry(file, key) {
  let bytes;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (bytes.length < 4) return undefined;
  const keyLength = bytes.readUInt32LE(0);
  if (4 + keyLength > bytes.length || bytes.toString('utf8', 4, 4 + keyLength) !== key) return undefined;
  return bytes.subarray(4 + keyLength);
}

/** Runs at exit: it must not throw, or the command's exit code and output would change. */
function writeEntry(file, key, script) {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const keyBytes = Buffer.from(key, 'utf8');
    const header = Buffer.alloc(4);
    header.writeUInt32LE(keyBytes.length, 0);
    fs.writeFileSync(temp, Buffer.concat([header, keyBytes, script.createCachedData()]), { mode: 0o600 });
    fs.renameSync(temp, file);
  } catch {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Left for the next write of this entry to replace.
    }
  }
}

/**
 * Loads the `.cjs` files under `root` through V8's code cache kept in `dir`;
 * every other file loads as Node loads it.
 */
function cacheCompiledCode(root, dir) {
  const folder = privateFolder(dir);
  if (folder === undefined) return;
  const loadJs = Module._extensions['.js'];
  const made = [];
  Module._extensions['.js'] = function loadWithCodeCache(module, filename) {
    if (!filename.startsWith(root) || !filename.endsWith('.cjs')) return loadJs(module, filename);
    let key, file, cachedData, script;
    try {
      key = keyOf(filename);
      file = path.join(folder, nameOf(filename));
      cachedData = readEntry(file, key);
      script = new vm.Script(Module.wrap(fs.readFileSync(filename, 'utf8')), { filename, cachedData });
    } catch {
      // Nothing has run yet: let Node load the file, and report what is wrong with it, as it would.
      return loadJs(module, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) made.push({ script, file, key });
    const wrapper = script.runInThisContext({ displayErrors: true });
    wrapper.call(module.exports, module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, file, key } of made) writeEntry(file, key, script);
  });
}

module.exports = { cacheCompiledCode };
