// Bundles src/brief-editor.js into ../static/briefs/brief-editor.js (minified), with a
// header listing every bundled package and its licence. Run: npm run build (make brief-js).
import { build } from 'esbuild'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const out = '../static/briefs/brief-editor.js'
const result = await build({
  entryPoints: ['src/brief-editor.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  outfile: out,
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning'
})

const packages = new Map()
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)
  if (!match || packages.has(match[1])) continue
  const manifest = JSON.parse(readFileSync(path.join('node_modules', match[1], 'package.json'), 'utf8'))
  packages.set(match[1], `${manifest.name}@${manifest.version} (${manifest.license || 'see package'})`)
}
const header = [
  '/*! Engage brief editor, built from consultations/briefs/frontend (make brief-js).',
  ' * Bundled packages and their licences:',
  ...[...packages.values()].sort().map((line) => ` *   ${line}`),
  ' */',
  ''
].join('\n')
writeFileSync(out, header + readFileSync(out, 'utf8'))
console.log(`wrote ${out} with ${packages.size} packages`)
