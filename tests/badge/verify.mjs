// An independent check of eddsa-jcs-2022 proofs, written apart from signpost's C: JSON.parse,
// the npm package canonicalize (RFC 8785; web/package.json), WebCrypto's SHA-256 and Ed25519,
// and a base58btc decoder of its own. Prints one line per file, "valid FILE" or
// "invalid FILE: why"; exits 0. Runs on node 18 and later.
//
//   node tests/badge/verify.mjs BADGE.json...
//   node tests/badge/verify.mjs --vector   (the W3C vc-di-eddsa test vector; exits 1 if wrong)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// The package's own entry (its "exports" allow import only), from web/node_modules.
const pkgDir = join(root, 'web', 'node_modules', 'canonicalize');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const entry = pkg.exports?.['.']?.import ?? pkg.main;
const { default: canonicalize } = await import(pathToFileURL(join(pkgDir, entry)).href);
const { subtle } = globalThis.crypto ?? (await import('node:crypto')).webcrypto;

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58Decode(text) {
  let n = 0n;
  for (const c of text) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new Error(`'${c}' is not base58`);
    n = n * 58n + BigInt(v);
  }
  const bytes = [];
  for (; n > 0n; n >>= 8n) bytes.unshift(Number(n & 0xffn));
  for (const c of text) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  return new Uint8Array(bytes);
}

function didKeyPublic(did) {
  if (!did.startsWith('did:key:z')) throw new Error(`${did} is not a did:key`);
  const mc = base58Decode(did.slice(9));
  if (mc.length !== 34 || mc[0] !== 0xed || mc[1] !== 0x01) throw new Error('not an Ed25519 did:key');
  return mc.slice(2);
}

const sha256 = async (text) => new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(text)));

async function hashData(unsecured, config) {
  const out = new Uint8Array(64);
  out.set(await sha256(canonicalize(config)), 0);
  out.set(await sha256(canonicalize(unsecured)), 32);
  return out;
}

// Why the proof of doc does not hold, or null when it does.
async function check(doc) {
  const proof = doc.proof;
  if (!proof || typeof proof !== 'object') return 'no proof';
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022') return 'not eddsa-jcs-2022';
  if (proof.proofPurpose !== 'assertionMethod') return 'not assertionMethod';
  const [did, fragment] = String(proof.verificationMethod).split('#');
  if (fragment !== did.slice(8)) return 'the method fragment is not the key';
  const issuer = typeof doc.issuer === 'string' ? doc.issuer : doc.issuer?.id;
  if (issuer?.startsWith('did:') && issuer !== did) return 'the issuer is not the proof key';
  if (JSON.stringify(proof['@context']) !== JSON.stringify(doc['@context'])) return '@context differs';
  const { proofValue, ...config } = proof;
  if (typeof proofValue !== 'string' || proofValue[0] !== 'z') return 'proofValue is not multibase z';
  const { proof: _, ...unsecured } = doc;
  const sig = base58Decode(proofValue.slice(1));
  if (sig.length !== 64) return 'the signature is not 64 bytes';
  const key = await subtle.importKey('raw', didKeyPublic(did), { name: 'Ed25519' }, false, ['verify']);
  const ok = await subtle.verify({ name: 'Ed25519' }, key, sig, await hashData(unsecured, config));
  return ok ? null : 'the signature does not hold';
}

async function vector() {
  const dir = join(root, 'tests', 'data', 'badge', 'vc-di-eddsa');
  const unsecured = JSON.parse(readFileSync(join(dir, 'unsigned.json'), 'utf8'));
  const config = JSON.parse(readFileSync(join(dir, 'proof-options.json'), 'utf8'));
  const hex = (b) => Buffer.from(b).toString('hex');
  const h = await hashData(unsecured, config);
  const doc = { ...unsecured, proof: { ...config, proofValue: 'z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX' } };
  const why = await check(doc);
  const good = hex(h.slice(0, 32)) === '66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db' &&
    hex(h.slice(32)) === '59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19' && why === null;
  console.log(good ? 'the test vector verifies' : `the test vector fails: ${why}`);
  process.exit(good ? 0 : 1);
}

if (process.argv[2] === '--vector') await vector();
for (const file of process.argv.slice(2)) {
  let why;
  try {
    why = await check(JSON.parse(readFileSync(file, 'utf8')));
  } catch (e) {
    why = e.message;
  }
  console.log(why === null ? `valid ${file}` : `invalid ${file}: ${why}`);
}
