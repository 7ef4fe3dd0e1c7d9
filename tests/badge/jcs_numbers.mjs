// Compares the lines "HEXBITS TEXT" of tools/jcs_numbers (signpost's JCS number form) with
// node's String(x) for the same double; prints the counts and exits 1 on any mismatch.
import { readFileSync } from 'node:fs';
const lines = readFileSync(0, 'utf8').split('\n').filter(Boolean);
let bad = 0;
for (const line of lines) {
  const [hex, text] = line.split(' ');
  const x = Buffer.from(hex, 'hex').readDoubleBE(0);
  const want = String(x);
  if (want !== text) {
    if (bad++ < 20) console.error(`mismatch ${hex}: signpost ${text}, node ${want}`);
  }
}
console.log(`${lines.length} doubles compared with node's String(x): ${bad} mismatches`);
process.exit(bad || lines.length < 100000 ? 1 : 0);
