// The one place the UI takes the verifier from: web/src/core, the page's second implementation
// of `signpost verify` (tests/web compares the two on every file of its corpus).
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
export { verifyResult } from '../core/verify.js';
