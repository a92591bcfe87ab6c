#!/usr/bin/env node
// Thin launcher so the npm bin link exists before the first build.
require('../out/cli.js');
