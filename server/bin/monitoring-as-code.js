#!/usr/bin/env node
// The `monitoring-as-code` command: loads the CLI bundle, ../out/cli.js (scripts/build.mjs).
//
// For `check`, the bundle is compiled with the V8 code cache that the build made of it
// (../out/cli.js.cache): the bytecode of every function a check over sample files ran, so this
// process neither parses the 1 MB bundle nor compiles those functions again (about 40 ms of a
// 440 ms check over 248 files, and 17 ms of a one-file check; BENCHMARKS.md). The cache is used
// only for the bundle it was made from: its first line names the build id that the build wrote at
// the end of the bundle. V8 itself refuses a cache made by another V8 version or with other V8
// flags, and then compiles as usual. Other commands load the bundle as any module.
//
// MONITORING_AS_CODE_CODE_CACHE: `off` loads the bundle as a module; `report` says on stderr
// whether the cache was used; `write` (the build) writes the cache when the process exits.
'use strict';
const path = require('node:path');

const BUNDLE = path.join(__dirname, '../out/cli.js');
const CACHE = `${BUNDLE}.cache`;
const CACHE_MAGIC = 'monitoring-as-code code cache ';
const BUILD_ID_PREFIX = '// monitoring-as-code build ';
const mode = process.env.MONITORING_AS_CODE_CODE_CACHE;

/** Runs the bundle from source compiled by vm.Script, with cachedData when given. */
function runCompiled(source, cachedData) {
  const vm = require('node:vm');
  // The CommonJS Module class itself: require('node:module') would also load Node's ES module
  // loader and source-map support, which a CommonJS bundle does not use.
  const Module = module.constructor;
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  mod.loaded = true;
  const run = script.runInThisContext();
  run.call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, path.dirname(BUNDLE));
  return script;
}

/** The build id at the end of the bundle's source, or undefined. */
function buildIdOf(source) {
  const at = source.lastIndexOf(BUILD_ID_PREFIX);
  return at < 0 ? undefined : source.slice(at + BUILD_ID_PREFIX.length).trim();
}

/** True when the bundle ran from the code cache (used or refused by V8); false to load it plainly. */
function runWithCodeCache() {
  const fs = require('node:fs');
  let cache;
  try {
    cache = fs.readFileSync(CACHE);
  } catch {
    if (mode === 'report') process.stderr.write('code cache: none\n');
    return false;
  }
  const nl = cache.indexOf(10);
  const header = nl < 0 ? '' : cache.toString('latin1', 0, nl);
  // The build writes a cache only for a bundle that is all ASCII, so latin1 reads it exactly, and
  // faster than UTF-8.
  const source = fs.readFileSync(BUNDLE, 'latin1');
  const id = buildIdOf(source);
  if (!header.startsWith(CACHE_MAGIC) || id === undefined || header.slice(CACHE_MAGIC.length) !== id) {
    if (mode === 'report') process.stderr.write('code cache: stale (made for another build of the bundle)\n');
    return false;
  }
  const script = runCompiled(source, cache.subarray(nl + 1));
  if (mode === 'report') process.stderr.write(`code cache: ${script.cachedDataRejected ? 'refused by V8' : 'used'}\n`);
  return true;
}

/** The build's training run: compile without a cache, and write one of everything compiled at exit. */
function writeCodeCache() {
  const fs = require('node:fs');
  const source = fs.readFileSync(BUNDLE, 'latin1');
  const id = buildIdOf(source);
  if (id === undefined) throw new Error(`${BUNDLE} has no build id: build it with scripts/build.mjs`);
  const script = runCompiled(source, undefined);
  process.on('exit', () => {
    try {
      fs.writeFileSync(CACHE, Buffer.concat([Buffer.from(`${CACHE_MAGIC}${id}\n`, 'latin1'), script.createCachedData()]));
    } catch (e) {
      // The check's own result stands; the build reports the missing cache.
      process.stderr.write(`monitoring-as-code: code cache not written: ${e.message}\n`);
    }
  });
}

if (mode === 'write') writeCodeCache();
else if (mode === 'off' || process.argv[2] !== 'check' || !runWithCodeCache()) require(BUNDLE);
