// The Node flags the language server process runs with: the extension starts it with them, and the
// benchmarks do too, so they measure what users get.

/**
 * Parsing a big dashboard with positions (Node Exporter Full: 457 KiB, a tree of ~100k nodes)
 * allocates tens of MB at once. With V8's default 16 MB semi-spaces most of it survives a scavenge,
 * is promoted and later collected by full GCs; with 32 MB a parse of it and its expressions takes
 * half as long (medians of 20 edits 34–46 → 16–24 ms, slowest 48–88 → 23–48 ms; 3 runs each). The young
 * generation grows to it only under such allocation. (It must be a process flag: set at run time
 * with v8.setFlagsFromString it made no difference.)
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
