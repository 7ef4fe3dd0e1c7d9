// Makes the lying badges of bad/: good.json with a claim edited and the proof made again with
// key.key (a test-only unencrypted key), so that the signature holds and only the comparison of
// the claims with the replayed evidence can catch them. Run with node from the repository (it
// takes canonicalize from web/node_modules); writes NAME.json and NAME.expect in bad/.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkgDir = join(here, '../../../web/node_modules/canonicalize');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const entry = pkg.exports?.['.']?.import ?? pkg.main;
const { default: canonicalize } = await import(pathToFileURL(join(pkgDir, entry)).href);
const { subtle } = globalThis.crypto;

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
function base58Encode(bytes) {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let s = '';
  for (; n > 0n; n /= 58n) s = ALPHABET[Number(n % 58n)] + s;
  for (const b of bytes) {
    if (b !== 0) break;
    s = '1' + s;
  }
  return s;
}

// The Ed25519 seed of an unencrypted minisign secret key: after the algorithm ids (6 bytes),
// the salt (32), the limits (16) and the key number (8) come the secret key's 64 bytes, the
// seed first.
function seedOf(keyFile) {
  const line = readFileSync(keyFile, 'utf8').split('\n')[1];
  return Buffer.from(line, 'base64').subarray(6 + 32 + 16 + 8, 6 + 32 + 16 + 8 + 32);
}

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const key = await subtle.importKey('pkcs8', Buffer.concat([PKCS8_ED25519, seedOf(join(here, 'key.key'))]),
  { name: 'Ed25519' }, false, ['sign']);
const sha256 = async (text) => new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));

// The eddsa-jcs-2022 proof of doc made again: the same options, a new proofValue.
async function resign(doc) {
  const { proofValue, ...config } = doc.proof;
  const { proof, ...unsecured } = doc;
  const data = new Uint8Array(64);
  data.set(await sha256(canonicalize(config)), 0);
  data.set(await sha256(canonicalize(unsecured)), 32);
  const sig = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, key, data));
  doc.proof = { ...config, proofValue: 'z' + base58Encode(sig) };
  return doc;
}

const good = JSON.parse(readFileSync(join(here, 'good.json'), 'utf8'));
async function lying(name, edit, expect) {
  const doc = structuredClone(good);
  edit(doc);
  await resign(doc);
  writeFileSync(join(here, 'bad', name + '.json'), JSON.stringify(doc, null, 2) + '\n');
  writeFileSync(join(here, 'bad', name + '.expect'), expect);
}

const subject = (d) => d.credentialSubject;
const LIE = "badge FAILED — the credential's name or subject is not what the result in its evidence says";
await lying('resigned-fit-raised', (d) => { subject(d).result[1].value = '0.900000'; },
  LIE);
await lying('resigned-other-direction', (d) => {
  const a = subject(d).achievement;
  a.id = a.id.replace(/:infra$/, ':agents');
  a.name = a.name.replace(/infra$/, 'agents');
}, LIE);
await lying('resigned-level-raised', (d) => {
  const r = subject(d).result.find((x) => x.resultDescription.endsWith(':level'));
  r.value = 'expert';
}, LIE);
