// The one place the UI takes the verifier from. Until web/src/core lands this is a stub of
// the UI's own (stub-verify.js, which does NOT check signatures); the lead swaps the line
// below for:
//
//   export { verifyResult, ed25519Supported } from '../core/verify.js';
//
// (ed25519Supported is optional: without it the UI asks WebCrypto itself, see main.js.)
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
export { verifyResult } from './stub-verify.js';
