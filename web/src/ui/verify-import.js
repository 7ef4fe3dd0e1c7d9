// The one place the UI takes the verifier from. Until web/src/core lands this is a stub of
// the UI's own (stub-verify.js, which checks NO signature and replays nothing); the lead
// replaces the line below with
//
//   export { verifyResult } from '../core/verify.js';
//
// and deletes stub-verify.js. (main.js asks WebCrypto itself whether Ed25519 is there, to say
// so at the top of the page; the core reports it per file too.)
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
export { verifyResult } from './stub-verify.js';
