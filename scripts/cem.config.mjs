// Settings of the custom elements manifest analyzer for scripts/manifest.mjs: leave package.json
// alone (each view's package.json already names its manifest).
export default { packagejson: false };
