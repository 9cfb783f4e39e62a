// Build the front-end assets into static/build/ (git-ignored).
//
//   npm ci --ignore-scripts && npm run build
//
// - static/src/scss/portal.scss  -> static/build/css/portal.css (+ portal-rtl.css, flipped by rtlcss)
// - GOV.UK Frontend's ES module   -> static/build/js/govuk-frontend.min.js
// - static/src/js/*.mjs           -> static/build/js/
// - static/src/images/*           -> static/build/images/
// - static/build/.built           written last: the stamp the Makefile depends on.
//
// Any error exits non-zero. Sass deprecation warnings from GOV.UK Frontend are silenced
// (quietDeps); warnings from our own Sass are printed.

import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

import rtlcss from "rtlcss";
import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "static", "src");
const out = path.join(root, "static", "build");
const govukJs = path.join(
  root,
  "node_modules",
  "govuk-frontend",
  "dist",
  "govuk",
  "govuk-frontend.min.js",
);

function rel(file) {
  return path.relative(root, file);
}

function formatSize(bytes) {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function report(file) {
  const { size } = await stat(file);
  console.log(`  ${rel(file).padEnd(44)} ${formatSize(size).padStart(10)}`);
}

async function write(file, contents) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, contents);
  await report(file);
}

async function copy(from, to) {
  await mkdir(path.dirname(to), { recursive: true });
  await copyFile(from, to);
  await report(to);
}

async function filesIn(dir, predicate = () => true) {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if (error.code === "ENOENT") return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith(".") && predicate(entry.name))
    .map((entry) => entry.name)
    .sort();
}

async function buildCss() {
  const entry = path.join(src, "scss", "portal.scss");
  const result = await sass.compileAsync(entry, {
    style: "compressed",
    sourceMap: false,
    // GOV.UK Frontend is loaded through the importer, so it counts as a dependency:
    // its deprecation noise is silenced, our own warnings are not.
    quietDeps: true,
    importers: [new sass.NodePackageImporter(root)],
  });
  const css = result.css;
  await write(path.join(out, "css", "portal.css"), css);

  // For Arabic and Urdu pages (<html dir="rtl">). The compressed CSS carries no comments,
  // so rtlcss control directives (/*rtl:ignore*/) cannot be used in our Sass.
  const rtl = rtlcss.process(css);
  await write(path.join(out, "css", "portal-rtl.css"), rtl);
}

async function buildJs() {
  const jsOut = path.join(out, "js");
  // GOV.UK Frontend's ES module. Its trailing sourceMappingURL points at a map we do not
  // ship; drop it so browsers do not request a missing file.
  const govuk = (await readFile(govukJs, "utf8")).replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n");
  await write(path.join(jsOut, "govuk-frontend.min.js"), govuk);

  const jsSrc = path.join(src, "js");
  for (const name of await filesIn(jsSrc, (n) => n.endsWith(".mjs"))) {
    await copy(path.join(jsSrc, name), path.join(jsOut, name));
  }
}

async function buildImages() {
  const imgSrc = path.join(src, "images");
  for (const name of await filesIn(imgSrc)) {
    await copy(path.join(imgSrc, name), path.join(out, "images", name));
  }
}

async function main() {
  const started = performance.now();
  const stamp = path.join(out, ".built");
  // Remove the stamp first so an interrupted or failed build is never taken as current.
  await rm(stamp, { force: true });
  // Clear previous output so files deleted from static/src/ do not linger.
  for (const dir of ["css", "js", "images"]) {
    await rm(path.join(out, dir), { recursive: true, force: true });
  }

  console.log("Building front-end assets:");
  await buildCss();
  await buildJs();
  await buildImages();

  await write(stamp, `${new Date().toISOString()}\n`);
  console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

try {
  await main();
} catch (error) {
  // Sass exceptions carry a formatted message with the file, line and a code excerpt.
  console.error(`\nAsset build failed:\n${error?.message ?? error}`);
  process.exitCode = 1;
}
