// Copies the web page's front-end libraries from node_modules into api/static/vendor.
//
// Run by `make web-assets` after `npm install`; api/static/vendor is git-ignored and rebuilt from
// package-lock.json. Each library is copied with its licence. ES modules get a .js name so that
// every server sends them as JavaScript (browsers refuse modules with another media type).
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const VENDOR = path.join(ROOT, 'api', 'static', 'vendor');

// [package, file inside the package, name under api/static/vendor/<package>/]
const FILES = [
  ['cytoscape', 'dist/cytoscape.esm.min.mjs', 'cytoscape.esm.min.js'],
  ['cytoscape', 'LICENSE', 'LICENSE'],
];

function copy([pkg, from, to]) {
  const source = path.join(ROOT, 'node_modules', pkg, from);
  if (!fs.existsSync(source)) {
    throw new Error(`${source} is missing: run \`npm install\` at the project root first`);
  }
  const target = path.join(VENDOR, pkg, to);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  return path.relative(ROOT, target);
}

try {
  const copied = FILES.map(copy);
  const { version } = require(path.join(ROOT, 'node_modules', 'cytoscape', 'package.json'));
  fs.writeFileSync(path.join(VENDOR, 'versions.json'), JSON.stringify({ cytoscape: version }, null, 2) + '\n');
  console.log(`vendored ${copied.length} files into ${path.relative(ROOT, VENDOR)}`);
} catch (error) {
  console.error(`vendor.js: ${error.message}`);
  process.exit(1);
}
