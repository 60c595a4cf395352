#!/usr/bin/env node
// Placeholder entry while the CLI is being built; replaced by the commander program.
console.log('preprint-digest');
